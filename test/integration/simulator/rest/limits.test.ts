/**
 * REST under the API's limits, over HTTP (simulator/README.md, "REST decisions": thresholds and
 * thread limit): one usage window for SOAP and REST, HTTP 429 past the hourly threshold and past
 * the thread limit, endpoints shared by the two fronts. Overlap is made by the simulator's latency;
 * nothing here measures time.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator } from '../../../../simulator/index.js';
import { atwsResult, call, f, faultOf, qx, xmlEscape } from '../soap-helpers.js';
import { errorsOf, okJson, rest, type RestAnswer } from './rest-helpers.js';

const ticketQuery = { filter: [{ op: 'lt', field: 'id', value: 3 }] };

describe('REST thresholds', () => {
  it('answers ThresholdInformation from the one usage window SOAP counts in too', async () => {
    const sim = await startSimulator({ tickets: 5 });
    try {
      okJson(await rest(sim, 'GET', 'V1.0/Tickets/1'));
      await call(sim, 'GetWsdlVersion', '');
      const info = okJson(await rest(sim, 'GET', 'V1.0/ThresholdInformation'));
      // Three counted: the REST item, the SOAP call, and this one.
      assert.deepEqual(info, { externalRequestThreshold: 10000, requestThresholdTimeframe: 60, currentTimeframeRequestCount: 3 });
      const soap = atwsResult(await call(sim, 'getThresholdAndUsageInfo', ''), 'getThresholdAndUsageInfoResult');
      assert.match(soap.returnInfos[0]!.message, /numberOfExternalRequest: 4;/);
      // Anonymous discovery and refused logins are not counted.
      await rest(sim, 'GET', `V1.0/zoneInformation?user=${encodeURIComponent(sim.options.username)}`, { headers: null });
      await rest(sim, 'GET', 'V1.0/Tickets/1', {
        headers: { UserName: sim.options.username, Secret: 'wrong', ApiIntegrationCode: sim.options.integrationCode },
      });
      assert.equal(sim.usageCount(), 4);
    } finally {
      await sim.close();
    }
  });

  it('refuses a request past the hourly threshold with 429, over either front, and still answers ThresholdInformation', async () => {
    const sim = await startSimulator({ tickets: 5, threshold: 3, usageLatencyMs: 0 });
    try {
      for (let i = 0; i < 3; i++) okJson(await rest(sim, 'GET', 'V1.0/Tickets/1'));
      const refused = await rest(sim, 'GET', 'V1.0/Tickets/1');
      assert.match(
        errorsOf(refused, 429)[0]!,
        /Request threshold exceeded: ThresholdOfExternalRequest: 3; TimeframeOfLimitation: 60; numberOfExternalRequest: 4;/,
      );
      const usage = okJson(await rest(sim, 'GET', 'V1.0/ThresholdInformation'));
      assert.equal(usage.currentTimeframeRequestCount, 5);
      assert.match(faultOf(await call(sim, 'GetWsdlVersion', '')), /Request threshold exceeded/);
    } finally {
      await sim.close();
    }
  });
});

describe('REST thread limit', () => {
  const refused = (answer: RestAnswer): boolean =>
    answer.status === 429 && /thread threshold of 3 threads has been exceeded/.test(answer.json?.errors?.[0] ?? '');

  it('refuses a 4th simultaneous request on one entity with 429, counting SOAP and REST calls on it together', async () => {
    const sim = await startSimulator({ tickets: 10, latencyMs: 300 });
    try {
      const post = (): Promise<RestAnswer> => rest(sim, 'POST', 'V1.0/Tickets/query', { body: ticketQuery });
      const four = await Promise.all([post(), post(), post(), post()]);
      assert.equal(four.filter(refused).length, 1);
      assert.equal(four.filter((a) => a.status === 200).length, 3);
      assert.match(four.find(refused)!.json.errors[0], /object endpoint ticket/);
      // Two REST, one SOAP query on Ticket and a REST field-info call on Tickets: one is refused.
      const soapQuery = call(sim, 'query', `<sXML>${xmlEscape(qx('Ticket', f('id', 'LessThan', '3')))}</sXML>`);
      const [a, b, soap, info] = await Promise.all([post(), post(), soapQuery, rest(sim, 'GET', 'V1.0/Tickets/entityInformation/fields')]);
      const refusedCount = [a, b, info].filter(refused).length + (soap.status === 500 && /Thread Threshold Exceeded/.test(faultOf(soap)) ? 1 : 0);
      assert.equal(refusedCount, 1);
      // Another entity has its own 3; zone discovery is exempt.
      const mixed = await Promise.all([post(), post(), post(), rest(sim, 'GET', 'V1.0/Companies/0'), rest(sim, 'GET', 'V1.0/Companies/0')]);
      assert.deepEqual(
        mixed.map((m) => m.status),
        [200, 200, 200, 200, 200],
      );
      const zones = await Promise.all(
        Array.from({ length: 5 }, () => rest(sim, 'GET', `V1.0/zoneInformation?user=${encodeURIComponent(sim.options.username)}`, { headers: null })),
      );
      assert.deepEqual(
        zones.map((z) => z.status),
        [200, 200, 200, 200, 200],
      );
      assert.ok(Math.max(...sim.stats.threadPeaks.values()) <= 3);
      assert.ok((sim.stats.byOperation.get('REST queryPost') ?? 0) >= 9);
    } finally {
      await sim.close();
    }
  });
});

describe('REST on the shared HTTP server', () => {
  it('gets the injected faults SOAP gets', async () => {
    const sim = await startSimulator({ tickets: 5, faults: 'http500=1', faultSeed: 1 });
    try {
      const answer = await rest(sim, 'GET', 'V1.0/Tickets/1');
      assert.equal(answer.status, 500);
      assert.match(answer.text, /500 - Internal server error/);
      assert.equal((sim.stats.faults.get('http500/before') ?? 0) + (sim.stats.faults.get('http500/after') ?? 0), 1);
    } finally {
      await sim.close();
    }
  });
});
