/**
 * Hostile input to the simulator over HTTP: a LIKE pattern that makes a backtracking matcher run
 * for ever, or one of a million character ranges, queries of a hundred thousand conditions, names
 * that every JavaScript object answers (`__proto__`, `constructor`, `toString`), conditions nested
 * past any sane depth, an AutotaskIntegrations header in a foreign namespace, a huge body without
 * credentials. Each gets a clear ATWS error (or the right answer), never an internal TypeError,
 * never a hang.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../simulator/index.js';
import { MAX_CONDITION_DEPTH } from '../../runtime/protocol/soap/queryxml/queryxml-parser.js';
import {
  atwsResult,
  basicAuth,
  call,
  entity,
  envelope,
  f,
  faultOf,
  ids,
  mutate,
  NS,
  post,
  query,
  qx,
  resultOf,
  xmlEscape,
} from '../integration/simulator/soap-helpers.js';
import { request } from 'node:http';
import { MAX_LIKE_PATTERN_LENGTH, MAX_QUERY_CONDITIONS } from '../../simulator/tenant/query-limits.js';
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

  it(
    `refuses a LIKE pattern longer than SQL Server takes (${MAX_LIKE_PATTERN_LENGTH} characters), and answers one of that length`,
    { timeout: 30_000 },
    async () => {
      // Three megabytes of character ranges in one class: every character of every title was once tested against each range.
      const ranges = `[${'a-z'.repeat(1_000_000)}]%`;
      const [huge, plain] = await Promise.all([
        query(sim, qx('Ticket', f('Title', 'Like', ranges))),
        query(sim, qx('Ticket', f('id', 'Equals', '1'))),
      ]);
      assert.equal(huge.returnCode, -1);
      assert.equal(
        huge.errors[0],
        `The Like pattern for field Title of the Ticket Entity is ${ranges.length} characters long; at most ${MAX_LIKE_PATTERN_LENGTH} are allowed.`,
      );
      assert.deepEqual(ids(plain), [1]);
      const letters = `[${'a-z'.repeat(1000)}]`;
      const longest = letters + '%'.repeat(MAX_LIKE_PATTERN_LENGTH - letters.length);
      assert.equal(ids(await query(sim, qx('Ticket', f('Title', 'Like', longest)))).length, 20);
      assert.deepEqual(ids(await query(sim, qx('Ticket', f('Title', 'NotLike', longest) + f('id', 'LessThan', '3')))), []);
    },
  );

  it(`refuses a query of more than ${MAX_QUERY_CONDITIONS} conditions, and answers one of that many`, { timeout: 60_000 }, async () => {
    const many = (n: number): string => `<field>Title<expression op="Contains">e</expression></field>`.repeat(n);
    // CDATA keeps the 120,000 conditions under the 10 MB body limit.
    const sent = (n: number) => call(sim, 'query', `<sXML><![CDATA[${qx('Ticket', many(n))}]]></sXML>`);
    // Refused from a count of its elements, before the queryxml is parsed.
    const refused = atwsResult(await sent(120_000), 'queryResult');
    assert.equal(refused.returnCode, -1);
    assert.equal(
      refused.errors[0],
      `Invalid query: it holds more than ${MAX_QUERY_CONDITIONS} conditions; at most ${MAX_QUERY_CONDITIONS} may be used in one query.`,
    );
    assert.deepEqual(atwsResult(await sent(MAX_QUERY_CONDITIONS + 1), 'queryResult').errors, refused.errors);
    // Fields of two expressions each: fewer elements, counted once parsed.
    const pairs = `<field>Title<expression op="Contains">e</expression><expression op="Contains">r</expression></field>`.repeat(1051);
    const justOver = atwsResult(await call(sim, 'query', `<sXML><![CDATA[${qx('Ticket', pairs)}]]></sXML>`), 'queryResult');
    assert.deepEqual(justOver.errors, [`Invalid query: it holds 2102 conditions; at most ${MAX_QUERY_CONDITIONS} may be used in one query.`]);
    const allowed = atwsResult(await sent(MAX_QUERY_CONDITIONS), 'queryResult');
    assert.equal(allowed.returnCode, 1);
    assert.ok(allowed.entities.length > 0);
    // Groups count as conditions: 1,050 brackets of one expression each are 2,100.
    const grouped = (n: number) => `<condition><field>Title<expression op="Contains">e</expression></field></condition>`.repeat(n);
    assert.equal(atwsResult(await call(sim, 'query', `<sXML><![CDATA[${qx('Ticket', grouped(1050))}]]></sXML>`), 'queryResult').returnCode, 1);
    const overGrouped = atwsResult(await call(sim, 'query', `<sXML><![CDATA[${qx('Ticket', grouped(1051))}]]></sXML>`), 'queryResult');
    assert.deepEqual(overGrouped.errors, [`Invalid query: it holds 2102 conditions; at most ${MAX_QUERY_CONDITIONS} may be used in one query.`]);
  });

  it(
    'answers a large body without valid credentials with 401 before reading it, and still answers getZoneInfo without any',
    { timeout: 30_000 },
    async () => {
      const port = Number(new URL(sim.url).port);
      const declared = 9 * 1024 * 1024;
      for (const authorization of [undefined, basicAuth(sim.options.username, 'wrong')]) {
        // Only the first megabyte is ever sent: a server that waited for the whole body would never answer.
        const status = await new Promise<number>((resolve, reject) => {
          const req = request({
            host: '127.0.0.1',
            port,
            path: '/atservices/1.6/atws.asmx',
            method: 'POST',
            headers: {
              'Content-Type': 'text/xml; charset=utf-8',
              'Content-Length': declared,
              ...(authorization ? { Authorization: authorization } : {}),
            },
          });
          req.on('response', (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
            req.destroy();
          });
          req.on('error', (error) => (error.message.includes('EPIPE') || error.message.includes('ECONNRESET') ? undefined : reject(error)));
          req.write('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' + 'x'.repeat(1024 * 1024));
        });
        assert.equal(status, 401);
      }
      // Without a Content-Length (chunked), the body is read only as far as an anonymous call can go.
      const chunked = await fetch(sim.asmxUrl(), {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml; charset=utf-8' },
        body: new Blob([envelope(`<query xmlns="${NS['1.6']}"><sXML>${'x'.repeat(5 * 1024 * 1024)}</sXML></query>`)]).stream(),
        duplex: 'half',
      } as RequestInit);
      assert.equal(chunked.status, 401);
      await chunked.text();
      const zone = await call(sim, 'getZoneInfo', `<UserName>${sim.options.username}</UserName>`, { auth: null, header: '' });
      assert.equal(zone.status, 200);
      assert.deepEqual(ids(await query(sim, qx('Ticket', f('id', 'Equals', '3')))), [3]);
    },
  );

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
    assert.equal(
      (await mutate(sim, 'create', [entity('Ticket', { AccountID: 0, Title: 'fine', Status: 1, Priority: 2, DueDateTime: '2024-05-01T10:00:00' })]))
        .returnCode,
      1,
    );
  });

  it(`refuses conditions nested more than ${MAX_CONDITION_DEPTH} deep, and answers ${MAX_CONDITION_DEPTH}`, async () => {
    const nest = (depth: number): string => '<condition>'.repeat(depth) + f('id', 'Equals', '1') + '</condition>'.repeat(depth);
    assert.deepEqual(ids(await query(sim, qx('Ticket', nest(MAX_CONDITION_DEPTH)))), [1]);
    // Past the depth limit the queryxml reader refuses; fifty thousand brackets are refused by their number before any parse.
    const tooMany = new RegExp(`more than ${MAX_QUERY_CONDITIONS} conditions`);
    for (const [depth, refusal] of [
      [MAX_CONDITION_DEPTH + 1, /nested more than 64 deep/],
      [50_000, tooMany],
    ] as const) {
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
