import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEastern, parseEasternFast, formatEasternWallClock } from '../../../runtime/protocol/time/eastern.js';
import { decodeFieldValue } from '../../../runtime/protocol/soap/xml/field-codec.js';
import { decodersOf, fillPlanOf } from '../../../runtime/client/entity-fill.js';
import { SOAP_FIELD_DECODING } from '../../../runtime/client/soap/soap-field-decoding.js';
import { makeEntityDecoder } from '../../../runtime/client/entity-codec.js';
import { loadApi } from '../../../runtime/client/api-registry.js';
import type { EntityClass } from '../../../runtime/entity/entity-base.js';
import type { Ticket } from '../../../generated/v1_6/index.js';
import { untyped } from '../../support/untyped-entity.js';

test('parseEasternFast agrees with parseEastern, across DST changes, or declines', () => {
  let fast = 0;
  // Every 37 minutes and 13.7 s over 2023-2025: both changeover days of each year included.
  for (let ms = Date.UTC(2023, 0, 1); ms < Date.UTC(2026, 0, 1); ms += 37 * 60_000 + 13_700) {
    for (const text of [formatEasternWallClock(new Date(ms)), formatEasternWallClock(new Date(ms)).slice(0, 19)]) {
      const quick = parseEasternFast(text);
      if (quick === undefined) continue;
      fast++;
      assert.equal(quick.getTime(), parseEastern(text).getTime(), text);
    }
  }
  assert.ok(fast > 80_000, `fast path taken ${fast} times`);
  for (const text of ['2024-03-10T02:30:00', '2024-11-03T01:30:00']) assert.equal(parseEasternFast(text), undefined, text);
  for (const text of [
    '2024-02-30T00:00:00',
    '2023-02-29T10:00:00',
    '2024-01-01 00:00:00',
    '2024-01-01T00:00:00Z',
    '2024-01-01T00:00:00.',
    '2024-01-01T24:00:00',
    '0000-06-01T00:00:00',
    '2024-1-01T00:00:00x',
  ]) {
    assert.equal(parseEasternFast(text), undefined, text);
  }
});

test('the per-field decoders give what decodeFieldValue gives, and reject what it rejects', async () => {
  const api = await loadApi('1.6');
  const plan = fillPlanOf(api.entityClasses['Ticket'] as EntityClass);
  const decoders = decodersOf(api.entityClasses['Ticket'] as EntityClass, SOAP_FIELD_DECODING);
  const decoder = (name: string) => decoders[plan.index.get(name) as number] as (t: string) => unknown;
  const cases: Array<[string, string]> = [
    ['AccountID', '29683503'],
    ['AccountID', '-12'],
    ['AccountID', '007'],
    ['AccountID', ' 5 '],
    ['AccountID', '-0'],
    ['id', '123456789012345'],
    ['id', '9007199254740993'],
    ['ServiceLevelAgreementHasBeenMet', 'true'],
    ['ServiceLevelAgreementHasBeenMet', 'FALSE'],
    ['ServiceLevelAgreementHasBeenMet', '1'],
    ['CreateDate', '2024-07-01T08:00:00.25'],
    ['CreateDate', '2024-07-01 08:00:00'],
    ['EstimatedHours', '1.5'],
  ];
  for (const [field, text] of cases) {
    const type = api.metadata.entities['Ticket']?.fields[field]?.type as Parameters<typeof decodeFieldValue>[0];
    const expected = decodeFieldValue(type, text);
    const actual = decoder(field)(text);
    if (expected instanceof Date) assert.equal((actual as Date).getTime(), expected.getTime(), `${field} ${text}`);
    else assert.ok(Object.is(actual, expected), `${field} ${JSON.stringify(text)}: ${String(actual)} vs ${String(expected)}`);
  }
  for (const [field, text] of [
    ['AccountID', '12a'],
    ['ServiceLevelAgreementHasBeenMet', 'yes'],
    ['CreateDate', '2024-13-01T00:00:00'],
  ]) {
    assert.throws(() => decoder(field as string)(text as string), { name: 'FieldDecodeError' });
  }
  assert.equal(decoder('AccountID')(''), undefined);
  assert.equal(decoder('Title')(' '), '');
});

test('decoded entities hold their fields in metadata order, unknown fields as text, UDFs in order', async () => {
  const api = await loadApi('1.6');
  const entityOf = makeEntityDecoder(api, 'query');
  const decode = (raw: { type: string; id: number; fields: Map<string, string>; udfs: Array<[string, string | null]> }) =>
    entityOf(raw, SOAP_FIELD_DECODING);
  const long = 'A description long enough to be kept as a slice of its chunk';
  const fields = new Map([
    ['Title', 'Printer'],
    ['NewerField', 'x'],
    ['AccountID', '5'],
    ['Description', long],
    ['DueDateTime', '2024-07-01T08:00:00'],
  ]);
  const entity = decode({
    type: 'Ticket',
    id: 7,
    fields,
    udfs: [
      ['Room', '12B'],
      ['Asset Tag', null],
      ['', 'odd'],
    ],
  }) as unknown as Record<string, unknown>;
  assert.deepEqual(Object.keys(entity), ['id', 'AccountID', 'Description', 'DueDateTime', 'Title']);
  assert.equal(entity['Description'], long);
  const ticket = entity as unknown as Ticket;
  assert.equal(untyped(ticket).get('NewerField'), 'x', 'a field the metadata does not know is kept as the text sent');
  assert.deepEqual([...ticket.unknownFields()], [['NewerField', 'x']]);
  assert.equal(ticket.toJSON()['NewerField'], 'x');
  assert.equal((entity['DueDateTime'] as Date).toISOString(), '2024-07-01T12:00:00.000Z');
  const udfs = (entity as unknown as { udfs(): ReadonlyMap<string, string | null> }).udfs();
  assert.deepEqual(
    [...udfs],
    [
      ['Room', '12B'],
      ['Asset Tag', null],
      ['', 'odd'],
    ],
  );
  // A bad field fails the entity and leaves nothing behind for the next one.
  assert.throws(
    () =>
      decode({
        type: 'Ticket',
        id: 8,
        fields: new Map([
          ['AccountID', '1'],
          ['Status', 'x'],
        ]),
        udfs: [],
      }),
    { name: 'FieldDecodeError' },
  );
  const next = decode({ type: 'Ticket', id: 9, fields: new Map([['Title', 't']]), udfs: [] }) as unknown as Record<string, unknown>;
  assert.deepEqual(Object.keys(next), ['id', 'Title']);
});
