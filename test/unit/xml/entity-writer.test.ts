import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { writeEntityXml } from '../../../runtime/protocol/soap/xml/entity-writer.js';
import { AtwsResponseDecoder, type RawEntity } from '../../../runtime/client/soap/atws-response-decoder.js';
import { soapEnvelope } from '../../../runtime/protocol/soap/xml/soap-envelope.js';
import { decodeFieldValue, encodeFieldValue } from '../../../runtime/protocol/soap/xml/field-codec.js';
import { escapeXmlText } from '../../../runtime/protocol/soap/xml/escape.js';
import { UsageError } from '../../../runtime/protocol/errors.js';
import type { EntityMeta, FieldMeta, FieldType } from '../../../runtime/protocol/metadata.js';

const golden = new URL('../../golden/xml/ticket-entity.xml', import.meta.url);

const f = (name: string, type: FieldType, readOnly = false): FieldMeta => ({
  name,
  label: name,
  type,
  length: type === 'string' ? 255 : 0,
  required: false,
  readOnly,
  queryable: true,
  picklist: false,
});

const TICKET: EntityMeta = {
  name: 'Ticket',
  canCreate: true,
  canUpdate: true,
  canDelete: false,
  canQuery: true,
  hasUserDefinedFields: true,
  fields: {
    id: f('id', 'long', true),
    AccountID: f('AccountID', 'integer'),
    Active: f('Active', 'boolean'),
    CreateDate: f('CreateDate', 'datetime', true),
    EstimatedHours: f('EstimatedHours', 'double'),
    HourlyRate: f('HourlyRate', 'decimal'),
    Priority: f('Priority', 'short'),
    Resolution: f('Resolution', 'string'),
    Title: f('Title', 'string'),
  },
};

const record = {
  id: 42,
  values: {
    // Deliberately not in metadata order: the writer follows the metadata.
    Title: 'Printer <offline> & "stuck"\r\n',
    AccountID: 0,
    CreateDate: new Date('2024-03-10T06:59:59.500Z'),
    Resolution: '',
    Active: false,
    EstimatedHours: 1.25,
    HourlyRate: '125.50',
    Priority: null,
    Description: undefined,
  },
  udfs: [
    ['Room', '12B'],
    ['Asset Tag', null],
    ['Notes', 'a < b'],
  ] as Array<[string, string | null]>,
};

function decodeOne(entityXml: string): RawEntity {
  const entities: RawEntity[] = [];
  const decoder = new AtwsResponseDecoder({ onEntity: (e) => entities.push(e) });
  decoder.write(soapEnvelope(`<r xmlns="http://autotask.net/ATWS/v1_6/"><EntityResults>${entityXml}</EntityResults></r>`));
  decoder.close();
  assert.equal(entities.length, 1);
  return entities[0] as RawEntity;
}

describe('writeEntityXml', () => {
  it('writes id, UDFs, then fields in metadata order with xsi:type (golden)', () => {
    const { Description: _unknownButUndefined, ...values } = record.values;
    const xml = writeEntityXml(TICKET, { ...record, values });
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, xml);
    assert.equal(xml, readFileSync(golden, 'utf8'));
  });

  it('round-trips through the response decoder and the field codec', () => {
    const { Description: _u, ...values } = record.values;
    const raw = decodeOne(writeEntityXml(TICKET, { ...record, values }));
    assert.equal(raw.type, 'Ticket');
    assert.equal(raw.id, 42);
    assert.deepEqual(raw.udfs, record.udfs);
    assert.deepEqual([...raw.fields.keys()], ['AccountID', 'Active', 'CreateDate', 'EstimatedHours', 'HourlyRate', 'Resolution', 'Title']);
    for (const [name, text] of raw.fields) {
      const field = TICKET.fields[name] as FieldMeta;
      assert.deepEqual(decodeFieldValue(field.type, text), values[name as keyof typeof values], name);
    }
  });

  it('takes the id from values when not given apart, and leaves out UserDefinedFields when there are none', () => {
    const xml = writeEntityXml(TICKET, { values: { id: 7, Title: 'x' }, udfs: [] });
    assert.equal(xml, '<Entity xsi:type="Ticket"><id>7</id><Title xsi:type="xsd:string">x</Title></Entity>');
    assert.equal(writeEntityXml(TICKET, { values: {} }), '<Entity xsi:type="Ticket"></Entity>');
  });

  it('leaves out the fields omit() names, never id', () => {
    const xml = writeEntityXml(TICKET, { id: 9, values: { Title: 't', CreateDate: new Date() } }, { omit: (field) => field.readOnly });
    assert.equal(xml, '<Entity xsi:type="Ticket"><id>9</id><Title xsi:type="xsd:string">t</Title></Entity>');
  });

  it('writes another element name when asked (the <Info> of CreateAttachment), nothing else changed', () => {
    const xml = writeEntityXml(TICKET, { values: { Title: 'a</Entity>' } }, { element: 'Info' });
    assert.equal(xml, '<Info xsi:type="Ticket"><Title xsi:type="xsd:string">a&lt;/Entity&gt;</Title></Info>');
    assert.throws(
      () => writeEntityXml(TICKET, { values: {} }, { element: 'x y' }),
      (e: unknown) => e instanceof UsageError && /not an element name/.test(e.message),
    );
  });

  it('refuses unknown fields and wrong values, naming entity, field and value', () => {
    assert.throws(
      () => writeEntityXml(TICKET, { values: { Titel: 'x' } }),
      (e: unknown) => e instanceof UsageError && e.message === 'Ticket has no field "Titel"',
    );
    assert.throws(
      () => writeEntityXml(TICKET, { values: { AccountID: '5' as unknown as number } }),
      (e: unknown) => e instanceof UsageError && /^Ticket: Field "AccountID" \(integer\) cannot take the string "5"/.test(e.message),
    );
    assert.throws(() => writeEntityXml(TICKET, { id: 1.5, values: {} }), /Ticket: Field "id" \(long\) cannot take the number 1.5/);
    assert.throws(() => writeEntityXml(TICKET, { values: {}, udfs: [['', 'x']] }), /a user-defined field has no name/);
    assert.throws(
      () => writeEntityXml(TICKET, { values: {}, udfs: [['Room', 5 as unknown as string]] }),
      /"Room" must be a string or null, got number/,
    );
  });

  it('refuses a value holding a character XML cannot carry (a NUL), naming the field and where, instead of dropping it', () => {
    for (const [values, udfs, what] of [
      [{ Title: 'Printer\u0000 offline' }, [], 'field "Title" holds U+0000 at position 7'],
      [{ Title: 'ok' }, [['Room', '12\u000bB']], 'user-defined field "Room" holds U+000B at position 2'],
      [{ Title: 'x\uFFFF' }, [], 'field "Title" holds U+FFFF at position 1'],
      [{ Title: 'half \uD800 a pair' }, [], 'field "Title" holds U+D800 at position 5'],
    ] as const) {
      assert.throws(
        () => writeEntityXml(TICKET, { values, udfs }),
        (e: unknown) => e instanceof UsageError && e.message === `Ticket: ${what}, a character XML (and so ATWS) cannot carry; remove it`,
        what,
      );
    }
    assert.throws(() => writeEntityXml(TICKET, { values: {}, extra: [['RmaStatus', '\u0000']] }), /field "RmaStatus" holds U\+0000/);
    // Tab, line feed, carriage return and whole surrogate pairs are text like any other.
    assert.match(writeEntityXml(TICKET, { values: { Title: 'a\tb\r\nc 😀' } }), /<Title xsi:type="xsd:string">a\tb&#13;\nc 😀<\/Title>/);
  });

  it('writes each value exactly as encodeFieldValue does, edge values included, and fails as it does', () => {
    // writeEntityXml writes common values without the general encoder: the texts must not differ.
    const cases: Array<[string, unknown]> = [
      ['Title', ''],
      ['Title', 'a < b & c\r\n'],
      ['Title', 'tab\there'],
      ['EstimatedHours', -0],
      ['EstimatedHours', Number.POSITIVE_INFINITY],
      ['EstimatedHours', Number.NaN],
      ['EstimatedHours', 1e21],
      ['EstimatedHours', 5e-7],
      ['AccountID', -0],
      ['AccountID', -7],
      ['AccountID', 2 ** 31 - 1],
      ['AccountID', -(2 ** 31)],
      ['AccountID', 12n],
      ['Priority', 32_767],
      ['Priority', -32_768],
      ['Active', false],
      ['Active', true],
      ['HourlyRate', '125.50'],
      ['HourlyRate', 0.1],
      ['CreateDate', new Date(Date.UTC(2024, 2, 10, 6, 59, 59, 500))],
    ];
    for (const [name, value] of cases) {
      const field = TICKET.fields[name] as FieldMeta;
      const text = encodeFieldValue(field, value);
      const open = `<${name} xsi:type="${field.type === 'datetime' ? 'xsd:dateTime' : field.type === 'integer' ? 'xsd:int' : `xsd:${field.type}`}"`;
      const expected = text === '' ? `${open}/>` : `${open}>${escapeXmlText(text)}</${name}>`;
      const xml = writeEntityXml(TICKET, { values: { [name]: value as string } });
      assert.equal(xml, `<Entity xsi:type="Ticket">${expected}</Entity>`, `${name} ${String(value)}`);
    }
    assert.equal(writeEntityXml(TICKET, { id: 2 ** 53 - 1, values: {} }), `<Entity xsi:type="Ticket"><id>${2 ** 53 - 1}</id></Entity>`);
    const bad: Array<[string, unknown]> = [
      ['AccountID', 2 ** 31],
      ['Priority', 32_768],
      ['Title', 5],
      ['CreateDate', new Date(Number.NaN)],
      ['AccountID', 1.5],
      ['Active', 'true'],
    ];
    for (const [name, value] of bad) {
      const field = TICKET.fields[name] as FieldMeta;
      assert.throws(() => encodeFieldValue(field, value), UsageError);
      assert.throws(
        () => writeEntityXml(TICKET, { values: { [name]: value as string } }),
        (e: unknown) => e instanceof UsageError && e.message.startsWith(`Ticket: Field "${name}"`),
        `${name} ${String(value)}`,
      );
    }
  });
});
