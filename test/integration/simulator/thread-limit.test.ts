/**
 * Thread limiting and usage latency over HTTP (the "API thread limiting" page, the SOAP thresholds
 * page): at most N simultaneous requests per tracking identifier and object endpoint, the next one
 * refused; ZoneInformation exempt; latency added once usage passes half the threshold. Nothing
 * here measures time: overlap is made by the simulator's latency, and the usage latency shows as a
 * request that holds its slot long enough for a second one to be refused.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index.js';
import { call, f, faultOf, query, qx, type RawAnswer } from './soap-helpers.js';

const ticketQuery = qx('Ticket', f('id', 'LessThan', '3'));

function refused(answer: RawAnswer): boolean {
  return answer.status === 500 && /Thread Threshold Exceeded/.test(faultOf(answer));
}

describe('thread limiting', () => {
  it('runs 3 simultaneous requests per integration code and entity, refuses a 4th, and counts endpoints and identifiers apart', async () => {
    const sim = await startSimulator({ tickets: 10, latencyMs: 300 });
    try {
      const send = (xml: string, version: '1.5' | '1.6' = '1.6'): Promise<RawAnswer> =>
        call(sim, 'query', `<sXML>${xml.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</sXML>`, version === '1.5' ? { version, header: '' } : {});
      const answers = await Promise.all([send(ticketQuery), send(ticketQuery), send(ticketQuery), send(ticketQuery)]);
      assert.equal(answers.filter(refused).length, 1);
      assert.equal(answers.filter((a) => a.status === 200).length, 3);
      assert.match(faultOf(answers.find(refused)!), /thread threshold of 3 threads has been exceeded \(object endpoint ticket\)/);
      assert.equal(sim.stats.threadLimited, 1);
      // Another entity, and another tracking identifier (1.5 without a code: the user), have their own 3.
      const mixed = await Promise.all([
        send(ticketQuery),
        send(ticketQuery),
        send(ticketQuery),
        send(qx('Account', f('id', 'Equals', '0'))),
        send(qx('Account', f('id', 'Equals', '0'))),
        send(ticketQuery, '1.5'),
      ]);
      assert.deepEqual(
        mixed.map((a) => a.status),
        [200, 200, 200, 200, 200, 200],
      );
      // The field info of Ticket counts with Ticket (the REST endpoint's entityInformation is under it).
      const withInfo = await Promise.all([
        send(ticketQuery),
        send(ticketQuery),
        send(ticketQuery),
        call(sim, 'GetFieldInfo', '<psObjectType>Ticket</psObjectType>'),
      ]);
      assert.equal(withInfo.filter(refused).length, 1);
      assert.ok(Math.max(...sim.stats.threadPeaks.values()) <= 3);
      // getZoneInfo is exempt ("ZoneInformation requests are not subject to thread limiting").
      const zones = await Promise.all(
        Array.from({ length: 6 }, () => call(sim, 'getZoneInfo', `<UserName>${sim.options.username}</UserName>`, { auth: null, header: '' })),
      );
      assert.deepEqual(
        zones.map((a) => a.status),
        [200, 200, 200, 200, 200, 200],
      );
    } finally {
      await sim.close();
    }
  });

  it('takes --thread-limit: 1 refuses a second, 0 limits nothing', async () => {
    for (const [threadLimit, refusals] of [
      [1, 3],
      [0, 0],
    ] as const) {
      const sim = await startSimulator({ tickets: 10, latencyMs: 200, threadLimit });
      try {
        const answers = await Promise.all(
          Array.from({ length: 4 }, () =>
            query(sim, ticketQuery).then(
              () => 'ok',
              () => 'refused',
            ),
          ),
        );
        assert.equal(sim.stats.threadLimited, refusals, `limit ${threadLimit}`);
        assert.equal(answers.length, 4);
      } finally {
        await sim.close();
      }
    }
  });

  it('adds latency once usage passes half the threshold: the request then holds its slot', async () => {
    const sim = await startSimulator({ tickets: 10, threshold: 20, usageLatencyMs: 400, threadLimit: 1 });
    try {
      // No latency below 50%: each answer is sent before the next request is read, so even two at
      // once never overlap.
      const early = await Promise.all([call(sim, 'query', sxml(ticketQuery)), call(sim, 'query', sxml(ticketQuery))]);
      assert.deepEqual(
        early.map((a) => a.status),
        [200, 200],
      );
      while (sim.usageCount() < 10) await call(sim, 'getThresholdAndUsageInfo', '');
      const late = await Promise.all([call(sim, 'query', sxml(ticketQuery)), call(sim, 'query', sxml(ticketQuery))]);
      assert.equal(late.filter(refused).length, 1);
    } finally {
      await sim.close();
    }
  });
});

function sxml(xml: string): string {
  return `<sXML>${xml.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</sXML>`;
}
