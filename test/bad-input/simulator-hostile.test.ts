/**
 * Hostile input to the simulator over HTTP: a LIKE pattern that makes a backtracking matcher run
 * for ever, names that every JavaScript object answers (`__proto__`, `constructor`, `toString`),
 * conditions nested past any sane depth, an AutotaskIntegrations header in a foreign namespace.
 * Each gets a clear ATWS error (or the right answer), never an internal TypeError, never a hang.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../simulator/index.js';
import { MAX_CONDITION_DEPTH } from '../../runtime/protocol/soap/queryxml/queryxml-parser.js';
import {
  call, entity, envelope, f, faultOf, ids, mutate, NS, post, query, qx, resultOf, xmlEscape,
} from '../integration/simulator/soap-helpers.js';
import { childElements } from '../../runtime/protocol/soap/xml/xml-tree.js';

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ tickets: 20 });
});
after(() => sim.close());

const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const INTERNAL = /TypeError|Cannot read|is not a function|undefined|Maximum call stack/;

describe('hostile input to the simulator', () => {
  it('matches a pathological LIKE pattern in linear time, and answers a plain query sent meanwhile', { timeout: 30_000 }, async () => {
    const record = sim.store.get('Ticket', 7)!;
    record.values['Title'] = 'a'.repeat(120);
    sim.store.replace('Ticket', record, { ...record.values }, record.udfs);
    const [like, plain] = await Promise.all([
      query(sim, qx('Ticket', f('Title', 'Like', '%a%a%a%a%a%a%a%b'))),
      query(sim, qx('Ticket', f('id', 'Equals', '1'))),
    ]);
    assert.deepEqual(ids(like), []);
    assert.deepEqual(ids(plain), [1]);
    assert.deepEqual(ids(await query(sim, qx('Ticket', f('Title', 'Like', '%a%a%a%a%a%a%a%a')))), [7]);
    assert.deepEqual(ids(await query(sim, qx('Ticket', f('Title', 'NotLike', '%a%a%a%a%a%a%a%b') + f('id', 'Equals', '7')))), [7]);
  });

  it('answers object-member names as unknown entities, fields and UDFs with an ATWS error', async () => {
    for (const name of HOSTILE) {
      const info = await call(sim, 'GetFieldInfo', `<psObjectType>${name}</psObjectType>`);
      assert.equal(info.status, 500, name);
      assert.match(faultOf(info), new RegExp(`Invalid entity type "${name}"`), name);
      const udfInfo = await call(sim, 'getUDFInfo', `<psTable>${name}</psTable>`);
      assert.match(faultOf(udfInfo), /Invalid entity type/, name);
      for (const xml of [qx(name, f('id', 'Equals', '1')), qx('Ticket', f(name, 'Equals', '1')), qx('Ticket', f(name, 'Equals', '1', true))]) {
        const result = await query(sim, xml);
        assert.equal(result.returnCode, -1, xml);
        assert.match(result.errors[0] ?? '', new RegExp(`"${name}"`), xml);
        assert.doesNotMatch(result.errors[0] ?? '', INTERNAL, xml);
      }
    }
  });

  it('refuses an object-member field name in create and update with a clear ATWS error naming it', async () => {
    for (const name of HOSTILE) {
      for (const operation of ['create', 'update'] as const) {
        const fields: Record<string, string | number> = operation === 'update' ? { id: 1 } : { AccountID: 0, Title: 'x' };
        const xml = entity('Ticket', fields).replace('</Entity>', `<${name}>1</${name}></Entity>`);
        const result = await mutate(sim, operation, [xml]);
        assert.equal(result.returnCode, -1, `${operation} ${name}`);
        assert.equal(result.errors[0], `The field ${name} does not exist on the Ticket entity.`, `${operation} ${name}`);
        assert.doesNotMatch(result.errors.join('; '), /TypeError|Cannot read/);
      }
    }
    // Nothing was created.
    assert.equal(sim.store.count('Ticket'), 20);
    assert.equal((await mutate(sim, 'create', [entity('Ticket', { AccountID: 0, Title: 'fine', Status: 1, Priority: 2, DueDateTime: '2024-05-01T10:00:00' })])).returnCode, 1);
  });

  it(`refuses conditions nested more than ${MAX_CONDITION_DEPTH} deep, and answers ${MAX_CONDITION_DEPTH}`, async () => {
    const nest = (depth: number): string => '<condition>'.repeat(depth) + f('id', 'Equals', '1') + '</condition>'.repeat(depth);
    assert.deepEqual(ids(await query(sim, qx('Ticket', nest(MAX_CONDITION_DEPTH)))), [1]);
    // Past the condition limit the queryxml reader refuses; far past it, the XML parse's own nesting bound does first.
    for (const [depth, refusal] of [[MAX_CONDITION_DEPTH + 1, /nested more than 64 deep/], [50_000, /nested deeper than 256 elements/]] as const) {
      const result = await query(sim, qx('Ticket', nest(depth)));
      assert.equal(result.returnCode, -1);
      assert.match(result.errors[0] ?? '', refusal);
    }
  });

  it('reads the AutotaskIntegrations header by its namespace, whatever the prefix', async () => {
    const body = `<getThresholdAndUsageInfo xmlns="${NS['1.6']}"/>`;
    const code = xmlEscape(sim.options.integrationCode);
    const prefixed = `<at:AutotaskIntegrations xmlns:at="${NS['1.6']}"><at:IntegrationCode>${code}</at:IntegrationCode></at:AutotaskIntegrations>`;
    assert.equal((await post(sim, envelope(body, prefixed))).status, 200);
    // The right local name in another namespace (1.5's, or a stranger's) is not the header.
    for (const ns of [NS['1.5'], 'urn:someone-else']) {
      const foreign = `<AutotaskIntegrations xmlns="${ns}"><IntegrationCode>${code}</IntegrationCode></AutotaskIntegrations>`;
      const answer = await post(sim, envelope(body, foreign));
      assert.equal(answer.status, 500, ns);
      assert.match(faultOf(answer), /Missing IntegrationCode/);
    }
    // A stranger's block of that name holding a code element in our namespace is not ours either.
    const strangerBlock = `<o:AutotaskIntegrations xmlns:o="urn:someone-else" xmlns="${NS['1.6']}"><IntegrationCode>${code}</IntegrationCode></o:AutotaskIntegrations>`;
    assert.match(faultOf(await post(sim, envelope(body, strangerBlock))), /Missing IntegrationCode/);
    // The header in the right namespace with its code in another is no code either.
    const strayChild = `<AutotaskIntegrations xmlns="${NS['1.6']}"><IntegrationCode xmlns="urn:x">${code}</IntegrationCode></AutotaskIntegrations>`;
    assert.match(faultOf(await post(sim, envelope(body, strayChild))), /Missing IntegrationCode/);
    const result = resultOf(await post(sim, envelope(body, prefixed)), 'getThresholdAndUsageInfoResult');
    assert.equal(childElements(result, 'ReturnCode').length, 1);
  });
});
