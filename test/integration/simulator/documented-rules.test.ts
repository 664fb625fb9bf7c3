/**
 * The simulator's documented query and answer rules, each driven over HTTP with raw SOAP as the
 * decisions table of simulator/README.md cites them: the QueryXML operator/data-type
 * table, the 500-OR limit, the query() page's UDF rules, the Time and date page's skipped local
 * times, the return-values page's string fields, getZoneInfo's negative ErrorCode.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../../simulator/index.js';
import { childElement, childElements, childText } from '../../../runtime/protocol/soap/xml/xml-tree.js';
import { call, entity, f, fieldText, ids, mutate, query, qx, resultOf, storedEntity, udfValue } from './soap-helpers.js';

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ tickets: 60 });
});
after(() => sim.close());

/** The QueryXML page's table as written there: Y supported, X "will return an error". */
const PAGE_TABLE: Record<string, string> = {
  //                     string numeric datetime boolean
  Equals: 'YYYY',
  NotEqual: 'YYYY',
  LessThan: 'YYYX',
  LessThanOrEquals: 'YYYX',
  GreaterThan: 'YYYX',
  GreaterThanorEquals: 'YYYX',
  BeginsWith: 'YXXX',
  EndsWith: 'YXXX',
  Contains: 'YXXX',
  IsNull: 'YYYY',
  IsNotNull: 'YYYY',
  IsThisDay: 'XXYX',
  Like: 'YXXX',
  NotLike: 'YXXX',
};
/** A Ticket field of each column and a value that field takes. */
const COLUMNS: Array<[field: string, value: string]> = [
  ['Title', 'Printer'],
  ['Priority', '2'],
  ['CreateDate', '2024-06-01 00:00:00'],
  ['ServiceLevelAgreementHasBeenMet', 'true'],
];

describe('documented query rules', () => {
  it('refuses exactly the operator/data-type pairs the QueryXML page marks X, and answers the Y ones', async () => {
    for (const [op, row] of Object.entries(PAGE_TABLE)) {
      for (let c = 0; c < COLUMNS.length; c++) {
        const [field, value] = COLUMNS[c] as [string, string];
        const result = await query(sim, qx('Ticket', f(field, op, op.startsWith('IsN') ? undefined : value)));
        const where = `${field} ${op}`;
        if (row[c] === 'Y') assert.equal(result.returnCode, 1, `${where}: ${result.errors[0]}`);
        else {
          assert.equal(result.returnCode, -1, where);
          assert.match(result.errors[0] ?? '', new RegExp(`${op} cannot be used with field ${field}`), where);
        }
      }
    }
    // The examples: id is numeric.
    for (const [field, op, value] of [
      ['id', 'BeginsWith', '13'],
      ['id', 'Like', '13%'],
      ['CreateDate', 'Contains', '2024'],
    ]) {
      const result = await query(sim, qx('Ticket', f(field as string, op as string, value)));
      assert.equal(result.returnCode, -1, `${field} ${op}`);
    }
    // SoundsLike (not in the table): string fields only.
    assert.equal((await query(sim, qx('Contact', f('LastName', 'SoundsLike', 'Smith')))).returnCode, 1);
    assert.equal((await query(sim, qx('Contact', f('id', 'SoundsLike', '5')))).returnCode, -1);
  });

  it("answers 500 OR conditions and refuses 501 with the thresholds page's message", async () => {
    const ors = (n: number): string =>
      Array.from({ length: n }, (_, i) => `<condition operator="OR">${f('id', 'Equals', String(i + 1))}</condition>`).join('');
    const ok = await query(sim, qx('Ticket', ors(500)));
    assert.equal(ok.returnCode, 1);
    assert.deepEqual(
      ids(ok),
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
    const refused = await query(sim, qx('Ticket', ors(501)));
    assert.equal(refused.returnCode, -1);
    assert.deepEqual(refused.errors, ["Invalid query syntax. Queries are limited to 500 or fewer 'OR' conditions."]);
    // Nested ORs count too.
    const nested = await query(sim, qx('Ticket', `<condition>${ors(300)}</condition><condition operator="OR">${ors(201)}</condition>`));
    assert.equal(nested.returnCode, -1);
  });

  it('refuses a local time skipped by the spring-forward change, in queries (Time and date page)', async () => {
    for (const gap of ['2025-03-09 02:30:00', '2025-03-09T02:00:00', '2024-03-10 02:59:59']) {
      const result = await query(sim, qx('Ticket', f('CreateDate', 'GreaterThan', gap)));
      assert.equal(result.returnCode, -1, gap);
      assert.match(result.errors[0] ?? '', /represents an invalid time/, gap);
    }
    // Either side of the gap, and the repeated hour of November, are valid times.
    for (const fine of ['2025-03-09 01:59:59', '2025-03-09 03:00:00', '2024-11-03 01:30:00']) {
      assert.equal((await query(sim, qx('Ticket', f('CreateDate', 'GreaterThan', fine)))).returnCode, 1, fine);
    }
    assert.equal((await query(sim, qx('Ticket', f('CreateDate', 'IsThisDay', '2025-03-09 02:15:00')))).returnCode, -1);
  });

  it('returns string fields always (an unset one empty) and queries an empty string as null (API return values page)', async () => {
    const stored = sim.store.get('Ticket', 3)!;
    delete stored.values['Description'];
    sim.store.replace('Ticket', stored, { ...stored.values }, stored.udfs);
    const [ticket] = (await query(sim, qx('Ticket', f('id', 'Equals', '3')))).entities;
    assert.equal(fieldText(ticket!, 'Description'), '');
    assert.equal(childElement(ticket!, 'Description')?.attributes['xsi:type'], 'xsd:string');
    // A null integer is left out.
    assert.ok(!('AssignedResourceID' in stored.values) || childElement(ticket!, 'AssignedResourceID') !== undefined);
    const other = sim.store.get('Ticket', 4)!;
    other.values['Description'] = '';
    sim.store.replace('Ticket', other, { ...other.values }, other.udfs);
    const nulls = await query(sim, qx('Ticket', f('Description', 'IsNull') + f('id', 'GreaterThan', '2') + f('id', 'LessThan', '5')));
    assert.deepEqual(ids(nulls), [3, 4]);
    const notNull = await query(sim, qx('Ticket', f('Description', 'IsNotNull') + f('id', 'GreaterThan', '2') + f('id', 'LessThan', '5')));
    assert.deepEqual(ids(notNull), []);
  });

  it('leaves UserDefinedFields out when all UDFs are null, and lists all of them when one has a value (query() page)', async () => {
    const owner = (await query(sim, qx('Account', f('id', 'Equals', '0')))).entities[0]!;
    assert.equal(childElement(owner, 'UserDefinedFields'), undefined);
    const customer = (await query(sim, qx('Account', f('id', 'GreaterThan', '0')))).entities[0]!;
    const names = childElements(childElement(customer, 'UserDefinedFields')!, 'UserDefinedField').map((u) => childText(u, 'Name'));
    assert.deepEqual(names, ['Region', 'Account Notes', 'Contract Reference', 'Service Tier', 'Billing Contact']);
    assert.equal(udfValue(customer, 'Contract Reference'), undefined);
  });

  it("fills a required UDF's default on create, keeps a populated one from being cleared, requires only Site Configuration UDFs (UDF page)", async () => {
    const info = childElements(resultOf(await call(sim, 'getUDFInfo', '<psTable>Account</psTable>'), 'getUDFInfoResult'), 'Field');
    const described = (name: string) => {
      const field = info.find((u) => childText(u, 'Name') === name)!;
      return [childText(field, 'IsRequired'), childText(field, 'DefaultValue')];
    };
    assert.deepEqual(
      [described('Service Tier'), described('Billing Contact')],
      [
        ['true', '1'],
        ['true', undefined],
      ],
    );
    const account = (udfs: Record<string, string>) =>
      entity('Account', { AccountName: 'Tier Test', Phone: '555-0100', AccountType: 1, OwnerResourceID: 29682885 }, udfs);
    const created = await mutate(sim, 'create', [account({}), account({ 'Service Tier': '3' })]);
    assert.equal(created.returnCode, 1, created.errors.join('; '));
    const [plain, premium] = ids(created) as [number, number];
    // The default fills in; a required UDF without one stays empty: UI-required is not API-required.
    assert.deepEqual([...(sim.store.get('Account', plain)?.udfs ?? [])], [['Service Tier', '1']]);
    assert.equal(sim.store.get('Account', premium)?.udfs?.get('Service Tier'), '3');
    const update = (id: number, udfs: Record<string, string | null>) => mutate(sim, 'update', [storedEntity(sim, 'Account', id, {}, udfs)]);
    assert.equal((await update(plain, { 'Billing Contact': null })).returnCode, 1, 'an empty required UDF may stay empty');
    assert.deepEqual((await update(plain, { 'Service Tier': null })).errors, [
      'Value does not exist for the required field Service Tier. ; on record number [1].',
    ]);
    assert.equal(sim.store.get('Account', plain)?.udfs?.get('Service Tier'), '1');
    assert.equal((await update(plain, { 'Service Tier': '2' })).returnCode, 1);
    // Site Configuration (AccountLocation) UDFs are required by the API: the owner's location has no Site Code.
    const ownerLocation = [...sim.store.scan('AccountLocation')].find((l) => l.values['AccountID'] === 0)!;
    const location = (udfs: Record<string, string>) => mutate(sim, 'update', [entity('AccountLocation', { id: ownerLocation.id }, udfs)]);
    assert.deepEqual((await location({})).errors, ['Value does not exist for the required field Site Code. ; on record number [1].']);
    assert.equal((await location({ 'Site Code': 'HQ-1' })).returnCode, 1);
    assert.equal(sim.store.get('AccountLocation', ownerLocation.id)?.udfs?.get('Site Code'), 'HQ-1');
  });

  it('allows one UDF per query, the same one any number of times, and refuses a second (UDF pages)', async () => {
    const orOf = (names: string[]): string => names.map((n) => `<condition operator="OR">${f(n, 'IsNotNull', undefined, true)}</condition>`).join('');
    const one = await query(sim, qx('Ticket', orOf(['Room', 'room', 'ROOM']) + f('Room', 'NotEqual', 'Lobby', true)));
    assert.equal(one.returnCode, 1, one.errors[0]);
    assert.ok(ids(one).length > 0);
    const refused = await query(sim, qx('Ticket', orOf(['Room', 'Asset Tag'])));
    assert.equal(refused.returnCode, -1);
    assert.deepEqual(refused.errors, [
      'Invalid query: it names 2 distinct user-defined fields; only 1 may be queried at a time (the same one may be used any number of times).',
    ]);
  });

  it('compares a protected UDF case-sensitively, other text case-insensitively (query() page)', async () => {
    const account = [...sim.store.scan('Account')].find((a) => a.id > 0)!;
    account.udfs = new Map(account.udfs ?? []);
    account.udfs.set('Contract Reference', 'CR-77Ab');
    account.udfs.set('Account Notes', 'Mixed Case Note');
    sim.store.replace('Account', account, { ...account.values }, account.udfs);
    const exact = await query(sim, qx('Account', f('Contract Reference', 'Equals', 'CR-77Ab', true)));
    assert.deepEqual(ids(exact), [account.id]);
    for (const [op, value] of [
      ['Equals', 'cr-77ab'],
      ['BeginsWith', 'cr-'],
      ['Like', '%ab'],
    ]) {
      const folded = await query(sim, qx('Account', f('Contract Reference', op as string, value, true)));
      assert.deepEqual(ids(folded), [], `${op} ${value}`);
    }
    assert.deepEqual(ids(await query(sim, qx('Account', f('Contract Reference', 'Like', '%Ab', true)))), [account.id]);
    assert.deepEqual(ids(await query(sim, qx('Account', f('Account Notes', 'Equals', 'mixed case note', true)))), [account.id]);
  });

  it('answers getZoneInfo of an unknown user with a negative ErrorCode (getZoneInfo page)', async () => {
    const result = resultOf(
      await call(sim, 'getZoneInfo', '<UserName>nobody@example.com</UserName>', { auth: null, header: '' }),
      'getZoneInfoResult',
    );
    assert.ok(Number(childText(result, 'ErrorCode')) < 0);
    assert.equal(childText(result, 'URL'), undefined);
  });
});
