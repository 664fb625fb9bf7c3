/**
 * The public entry points called as a plain JavaScript user might (no compiler to stop them):
 * wrong types, unknown entity and field names, picklist typos, values too long for the field.
 * Each gives a specific error type whose message names what to fix, before a request where it can.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../simulator/index.js';
import { ApiError, type AtwsError, connect, PicklistLabelError, Query, UsageError, type Connection, type Stored } from '../../runtime/index.js';
import { connectTo, simLogin } from '../integration/client/sim-connect.js';
import { known } from '../support/known-value.js';

let sim: RunningSimulator;
let at: Connection<'1.6'>;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
before(async () => {
  process.on('unhandledRejection', onUnhandled);
  sim = await startSimulator({ tickets: 20 });
  at = await connectTo(sim.url);
});
after(async () => {
  at?.close();
  await sim?.close();
  process.off('unhandledRejection', onUnhandled);
  assert.deepEqual(unhandled.map(String), []);
});

/** Loosely typed views, as a JavaScript caller sees the API. */
const js = <T>(value: T): any => value;

function throwsUsage(call: () => unknown, message: RegExp): void {
  assert.throws(call, (e: unknown) => {
    assert.ok(e instanceof UsageError, `expected UsageError, got ${String(e)}`);
    assert.match(e.message, message);
    return true;
  });
}

async function rejectsWith(call: () => Promise<unknown>, type: new (...args: never[]) => AtwsError, message: RegExp): Promise<AtwsError> {
  let caught: unknown;
  try {
    await call();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof type, `expected ${type.name}, got ${String(caught)}`);
  assert.match(caught.message, message);
  return caught;
}

describe('connect() with bad options', () => {
  const cases: Array<[unknown, RegExp]> = [
    [undefined, /options must be an object/],
    ['api@example.com', /options must be an object/],
    [{ password: 'p', integrationCode: 'c' }, /`username` must be a non-empty string/],
    [{ username: 'u', password: 42, integrationCode: 'c' }, /`password` must be a non-empty string/],
    [{ username: 'u', password: 'p' }, /API 1\.6 requires `integrationCode`/],
    [{ ...simLogin, apiVersion: '1.7' }, /`apiVersion` must be '1\.5' or '1\.6', got "1\.7"/],
    [{ ...simLogin, apiVersion: 1.6 }, /`apiVersion` must be '1\.5' or '1\.6', got 1\.6/],
    [{ ...simLogin, pasword: 'typo' }, /unknown option `pasword`/],
    [{ ...simLogin, url: 'not a url' }, /`url` is not a valid URL: "not a url"/],
    [{ ...simLogin, url: 'ftp://example.com/atws.asmx' }, /`url` must be an http\(s\) URL, got ftp:/],
    [{ ...simLogin, timeoutMs: '5000' }, /`timeoutMs` must be an integer >= 1, got "5000"/],
    [{ ...simLogin, timeoutMs: 0 }, /`timeoutMs` must be an integer >= 1, got 0/],
    [{ ...simLogin, timeoutMs: Infinity }, /`timeoutMs` must be an integer >= 1, got Infinity/],
    [{ ...simLogin, retries: -1 }, /`retries` must be an integer >= 0/],
    [{ ...simLogin, concurrency: 2.5 }, /`concurrency` must be an integer >= 1/],
    [{ ...simLogin, impersonateAsResourceId: '29682885' }, /`impersonateAsResourceId` must be a positive integer/],
    [{ ...simLogin, insecureSkipTlsVerify: 'yes' }, /`insecureSkipTlsVerify` must be a boolean/],
  ];
  for (const [options, message] of cases) {
    it(`refuses ${JSON.stringify(options)?.replace(simLogin.password, '***') ?? 'undefined'}`, async () => {
      const error = await rejectsWith(() => connect(js(options)), UsageError, message);
      assert.doesNotMatch(error.message, new RegExp(`${simLogin.password}|${simLogin.integrationCode}`));
    });
  }
});

describe('Query built wrongly', () => {
  it('names the bad entity, operator, value and bracket', () => {
    throwsUsage(() => new Query(js(42)), /entity must be an entity type name such as 'Ticket', got 42/);
    throwsUsage(() => new Query(js('Ticket; DROP')), /got "Ticket; DROP"/);
    const q = (): any => new Query('Ticket');
    throwsUsage(() => q().where('Status', 'Equal', 1), /unknown operator "Equal"; use one of Equals, NotEqual/);
    throwsUsage(() => q().where('Status', 42, 1), /unknown operator 42/);
    throwsUsage(() => q().where('', 'Equals', 1), /field name must be a non-empty string/);
    throwsUsage(() => q().where(js(null), 'Equals', 1), /field name must be a non-empty string/);
    throwsUsage(() => q().where('Status', 'Equals'), /Query\.where\("Status", Equals\): a value is required/);
    throwsUsage(() => q().where('Status', 'Equals', null), /a value is required/);
    throwsUsage(() => q().where('Status', 'Equals', { value: 1 }), /must be a string, number, boolean or Date, got object/);
    throwsUsage(() => q().where('Status', 'Equals', [1, 5]), /must be a string, number, boolean or Date, got object/);
    throwsUsage(() => q().where('Status', 'Equals', Number.NaN), /must be a finite number, got NaN/);
    throwsUsage(() => q().where('CreateDate', 'GreaterThan', new Date('nope')), /"CreateDate" is an invalid Date/);
    throwsUsage(() => q().where('Status', 'IsNull', 5), /IsNull\): this operator takes no value/);
    throwsUsage(() => q().where('Room', 'Equals', 'x', { udf: 'yes' }), /options may only be \{ udf: true \}/);
    throwsUsage(() => q().openBracket('XOR'), /openBracket: the operator must be 'AND' or 'OR', got "XOR"/);
    throwsUsage(() => q().closeBracket(), /no bracket is open/);
    throwsUsage(() => q().openBracket().closeBracket(), /the bracket holds no condition/);
    throwsUsage(() => q().openBracket().where('Status', 'Equals', 1).toXml(), /1 bracket\(s\) still open; call closeBracket\(\)/);
  });
});

describe('a connection called wrongly', () => {
  it('query: unknown entity, unknown field, a field that is not queryable, not a Query at all', async () => {
    throwsUsage(() => at.query(js(js(new Query(js('Tickets'))).where('id', 'Equals', 1))), /API 1\.6 has no entity type "Tickets"/);
    throwsUsage(() => at.query(js(js(new Query('Ticket')).where('Titel', 'Equals', 'x'))), /no field "Titel" in API 1\.6 \(pass \{ udf: true \}/);
    throwsUsage(
      () => at.query(js(js(new Query('Ticket')).where('CreatorType', 'Equals', 1))),
      /field "CreatorType" is not queryable; queryable fields: id, AccountID/,
    );
    await rejectsWith(() => at.query(js('<queryxml/>')).fetchAll(), UsageError, /expected a Query \(new Query\('Ticket'\)\.\.\.\)/);
    await rejectsWith(() => at.query(js(undefined)).fetchAll(), UsageError, /expected a Query/);
    // An unknown UDF is the API's to judge: its message comes back in an ApiError.
    await rejectsWith(() => at.query(new Query('Ticket').where('Roomm', 'Equals', 'x', { udf: true })).fetchAll(), ApiError, /Roomm/);
  });

  it('fetchByIds, new, picklist, info and markup with bad arguments', async () => {
    throwsUsage(() => at.fetchByIds(js('Tickets'), [1]), /fetchByIds: API 1\.6 has no entity type "Tickets"/);
    throwsUsage(() => at.fetchByIds('Ticket', js(['1'])), /ids must be integers, got "1"/);
    throwsUsage(() => at.fetchByIds('Ticket', js([Number.NaN])), /ids must be integers, got NaN/);
    // new Set(null) is empty: ids that are not a list must not read as "no ids".
    throwsUsage(() => at.fetchByIds('Ticket', js(null)), /fetchByIds\(Ticket\): ids must be a list \(an iterable\) of integers, got null/);
    throwsUsage(() => at.fetchByIds('Ticket', js(7)), /ids must be a list \(an iterable\) of integers, got 7/);
    throwsUsage(() => at.new(js('Tiket')), /new: API 1\.6 has no entity type "Tiket"/);
    throwsUsage(() => at.new('Ticket', js('Title')), /initial values must be an object/);
    throwsUsage(
      () => at.new('Ticket', js({ 'No Such Field': 5 })),
      /no field "No Such Field", so it is taken as a user-defined field, whose values are strings; got number/,
    );
    await rejectsWith(() => at.getInvoiceMarkup(js('3'), 'html'), UsageError, /invoice id must be an integer, got "3"/);
    await rejectsWith(() => at.getInvoiceMarkup(3, js('pdf')), UsageError, /format must be 'html' or 'xml', got "pdf"/);
    await rejectsWith(() => at.getAttachment(js(-1)), UsageError, /attachment id must be a positive integer, got -1/);
    await rejectsWith(() => at.deleteAttachment(js('7')), UsageError, /attachment id must be a positive integer, got "7"/);
    await rejectsWith(() => at.createAttachment(js({ data: 'text', info: {} })), UsageError, /expected \{ data: Buffer \| Uint8Array, info/);
  });

  it('promise-returning methods reject (not throw) on an unknown entity', async () => {
    // Methods that return a promise reject (rather than throw), so `.catch()` style code sees the error too.
    const viaCatch = (call: () => Promise<unknown>) => (): Promise<unknown> => {
      try {
        return call();
      } catch (e) {
        return Promise.reject(new Error(`threw synchronously instead of returning a rejected promise: ${String(e)}`));
      }
    };
    await rejectsWith(
      viaCatch(() => at.picklist(js('Tiket'))),
      UsageError,
      /picklist: API 1\.6 has no entity type "Tiket"/,
    );
    await rejectsWith(
      viaCatch(() => at.getFieldInfo(js(42))),
      UsageError,
      /getFieldInfo: API 1\.6 has no entity type 42/,
    );
    await rejectsWith(
      viaCatch(() => at.getUdfInfo(js('Nope'))),
      UsageError,
      /getUdfInfo: API 1\.6 has no entity type "Nope"/,
    );
  });

  it('picklist typos name the valid labels', async () => {
    const tp = await at.picklist('Ticket');
    assert.throws(
      () => tp.Status.get('Compelte'),
      (e: unknown) => {
        assert.ok(e instanceof PicklistLabelError);
        assert.match(e.message, /"Compelte" is not a label of picklist Ticket\.Status; valid labels: .*"Complete"/);
        return true;
      },
    );
    assert.throws(
      () => js(tp.Priority)['high'],
      (e: unknown) => e instanceof PicklistLabelError && /valid labels: .*"High"/.test(e.message),
    );
    assert.throws(() => js(tp.SubIssueType)['Hardware Failur'], PicklistLabelError);
    assert.throws(() => (js(tp).Status = 5), TypeError);
    assert.throws(
      () => (js(tp.Status).Complete = 6),
      (e: unknown) => e instanceof UsageError && /read-only/.test(e.message),
    );
  });

  it('create/update/delete with wrong values: each entity failed with a message naming field and value', async () => {
    const bad = [
      at.new('Ticket', js({ Title: 'wrong type', AccountID: 0, DueDateTime: new Date(), Priority: 'High', Status: 1 })),
      at.new('Ticket', js({ Title: 'x'.repeat(256), AccountID: 0, DueDateTime: new Date(), Priority: 1, Status: 1 })),
      at.new('Ticket', js({ Title: 'date as text', AccountID: 0, DueDateTime: '2025-01-01', Priority: 1, Status: 1 })),
      at.new('Ticket', js({ Title: 'no required fields' })),
      at.new('Ticket', js({ Title: 'bad picklist value', AccountID: 0, DueDateTime: new Date(), Priority: 99, Status: 1 })),
      at.new('Ticket', { Title: 'a NUL\u0000inside', AccountID: 0, DueDateTime: new Date(), Priority: known(1), Status: known(1) }),
      at.new('Ticket', { Title: 'fine', AccountID: 0, DueDateTime: new Date(), Priority: known(1), Status: known(1) }),
    ];
    const error = (await rejectsWith(() => at.create(bad).execute(), ApiError, /create: 1 succeeded, 6 failed, 0 unknown/)) as ApiError<unknown>;
    // Refused before sending or by the API: either way, each failure says which field and what is wrong.
    const messageOf = (title: string): string =>
      error.failed.find((f) => (f.entity as { Title?: string }).Title === title)?.message ?? `no failure reported for ${title.slice(0, 20)}`;
    assert.equal(error.failed.length, 6);
    // Not stored without the character: refused, naming the field and where it is.
    assert.equal(
      messageOf('a NUL\u0000inside'),
      'Ticket: field "Title" holds U+0000 at position 5, a character XML (and so ATWS) cannot carry; remove it',
    );
    assert.match(messageOf('wrong type'), /Priority.*"High"/);
    assert.match(messageOf('x'.repeat(256)), /Title.*256.*255|Title.*maximum length/);
    assert.match(messageOf('date as text'), /DueDateTime.*"2025-01-01"/);
    // Refused before sending: the client names every required field not set.
    assert.match(messageOf('no required fields'), /^Ticket\.create: required fields not set: AccountID, Priority, Status$/);
    assert.match(messageOf('bad picklist value'), /Priority.*99|99.*Priority/);
    assert.equal(error.succeeded.length, 1);

    // The Python wrapper's (python-atws) set-then-create style: the required fields are checked before any request.
    const requestsBefore = sim.stats.total;
    const partial = at.new('Contact').set('FirstName', 'Ada').set('LastName', 'Lovelace');
    await rejectsWith(() => partial.create(), UsageError, /^Contact\.create\(\): required fields not set: Active, AccountID$/);
    await rejectsWith(() => at.create(partial).execute(), ApiError, /create: 0 succeeded, 1 failed/);
    assert.equal(sim.stats.total, requestsBefore, 'no request went out for an entity lacking required fields');

    // One entity through its own method: the same message, thrown.
    await rejectsWith(() => js(bad[1]).create(), ApiError, /maximum length/);
    // Not bound to a connection.
    const { Ticket } = await import('../../generated/v1_6/index.js');
    await rejectsWith(
      () => js(new Ticket().set('Title', 'loose')).create(),
      UsageError,
      /not bound to a connection; make it with at\.new\('Ticket'\)/,
    );
    // Update without an id; delete of an entity the API does not delete; something that is not an entity.
    const noId = at.new('Ticket', { Title: 'never created', AccountID: 0, DueDateTime: new Date(), Priority: known(1), Status: known(1) });
    // The types refuse an entity that was not read (update takes Stored); the run time refuses it too.
    const upd = (await rejectsWith(
      () => at.update(noId as Stored<typeof noId>).execute(),
      ApiError,
      /update: 0 succeeded, 1 failed/,
    )) as ApiError<unknown>;
    assert.match(upd.failed[0]?.message ?? '', /has no id; only an entity read from or created in Autotask/);
    const [existing] = await at.fetchByIds('Ticket', [1]).fetchAll();
    const del = (await rejectsWith(() => at.delete(js(existing)).execute(), ApiError, /delete: 0 succeeded, 1 failed/)) as ApiError<unknown>;
    assert.match(del.failed[0]?.message ?? '', /Ticket cannot be deleted through the API/);
    for (const thing of [null, 'Ticket', 42, { Title: 'plain object' }]) {
      const e = (await rejectsWith(() => at.create(js(thing)).execute(), ApiError, /create: 0 succeeded, 1 failed/)) as ApiError<unknown>;
      assert.match(e.failed[0]?.message ?? '', /expected an entity object \(at\.new\('Ticket'\) or a query result\)/);
    }
  });

  it('a consumed cursor, and UDF and attribute misuse', async () => {
    const cursor = at.query(new Query('Ticket').where('id', 'Equals', 1));
    await cursor.fetchAll();
    await rejectsWith(() => cursor.fetchAll(), UsageError, /already consumed; run the query \(or action\) again/);
    const t = at.new('Ticket');
    throwsUsage(() => t.setUdf('', 'x'), /UDF name must be a non-empty string/);
    throwsUsage(() => t.setUdf('Room', js(12)), /UDF values are strings or null; got number/);
    t.setUdf('Attributes', 'not json');
    throwsUsage(() => t.getAttribute('k'), /UDF "Attributes" does not hold JSON attributes/);
    throwsUsage(() => t.setAttribute('k', undefined), /undefined is not JSON; use deleteAttribute/);
    t.setUdf('Attributes', null);
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic['self'] = cyclic;
    throwsUsage(
      () => t.setAttribute('k', cyclic),
      /^Ticket\.setAttribute\("k"\): the value cannot be written as JSON \(Converting circular structure/,
    );
    throwsUsage(() => t.setAttribute('n', 10n), /setAttribute\("n"\): the value cannot be written as JSON \(Do not know how to serialize a BigInt/);
    // Nothing was stored by the refused calls.
    assert.deepEqual(t.attributes(), {});
  });
});
