import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeFieldValue, encodeFieldValue, FieldDecodeError, fieldTypeOfXsd, xsdTypeOf } from '../../../runtime/protocol/soap/xml/field-codec.js';
import { UsageError } from '../../../runtime/protocol/errors.js';
import type { FieldMeta, FieldType } from '../../../runtime/protocol/metadata.js';

const field = (type: FieldType, name = `F_${type}`): FieldMeta => ({
  name,
  label: name,
  type,
  length: 0,
  required: false,
  readOnly: false,
  queryable: true,
  picklist: false,
});

const TYPES: FieldType[] = ['boolean', 'datetime', 'decimal', 'double', 'float', 'integer', 'long', 'short', 'string'];

describe('xsdTypeOf / fieldTypeOfXsd', () => {
  it('maps every field type to the xsi:type ATWS writes, and back with any prefix', () => {
    assert.deepEqual(TYPES.map(xsdTypeOf), [
      'xsd:boolean',
      'xsd:dateTime',
      'xsd:decimal',
      'xsd:double',
      'xsd:float',
      'xsd:int',
      'xsd:long',
      'xsd:short',
      'xsd:string',
    ]);
    for (const t of TYPES) {
      assert.equal(fieldTypeOfXsd(xsdTypeOf(t)), t);
      assert.equal(fieldTypeOfXsd(xsdTypeOf(t).replace('xsd:', 's:')), t);
      assert.equal(fieldTypeOfXsd(xsdTypeOf(t).replace('xsd:', '')), t);
    }
    assert.equal(fieldTypeOfXsd('xsd:base64Binary'), undefined);
    assert.throws(() => xsdTypeOf('money' as FieldType), /Unknown field type "money"/);
  });
});

describe('decodeFieldValue', () => {
  it('reads each type', () => {
    assert.equal(decodeFieldValue('integer', '42'), 42);
    assert.equal(decodeFieldValue('integer', ' -7 '), -7);
    assert.equal(decodeFieldValue('long', '9007199254740991'), 9007199254740991);
    assert.equal(decodeFieldValue('short', '+3'), 3);
    assert.equal(decodeFieldValue('double', '1.5E3'), 1500);
    assert.equal(decodeFieldValue('float', '-INF'), Number.NEGATIVE_INFINITY);
    assert.equal(decodeFieldValue('double', 'INF'), Number.POSITIVE_INFINITY);
    assert.ok(Number.isNaN(decodeFieldValue('double', 'NaN')));
    assert.equal(decodeFieldValue('decimal', '12345678901234567890.123456789'), '12345678901234567890.123456789');
    assert.equal(decodeFieldValue('decimal', ' 0.10 '), '0.10');
    assert.equal(decodeFieldValue('boolean', 'true'), true);
    assert.equal(decodeFieldValue('boolean', '0'), false);
    assert.equal(decodeFieldValue('boolean', 'False'), false);
    assert.deepEqual(decodeFieldValue('datetime', '2024-03-10T01:59:59.5'), new Date('2024-03-10T06:59:59.500Z'));
    assert.equal(decodeFieldValue('string', '  spaced  '), '  spaced  ');
    assert.equal(decodeFieldValue('string', ''), '');
  });

  it('rejects text that is not a value of the type with FieldDecodeError quoting it', () => {
    const cases: Array<[FieldType, string]> = [
      ['integer', ''],
      ['integer', '1.5'],
      ['integer', 'abc'],
      ['long', '1e3'],
      ['double', ''],
      ['double', 'Infinity'],
      ['decimal', '1e3'],
      ['decimal', 'NaN'],
      ['decimal', ''],
      ['boolean', 'yes'],
      ['boolean', ''],
      ['datetime', 'now'],
      ['datetime', ''],
    ];
    for (const [type, text] of cases) {
      assert.throws(
        () => decodeFieldValue(type, text),
        (e: unknown) => e instanceof FieldDecodeError && e.message.includes(`${type} value: ${JSON.stringify(text)}`),
        `${type} ${text}`,
      );
    }
  });
});

describe('encodeFieldValue', () => {
  it('writes each type', () => {
    assert.equal(encodeFieldValue(field('integer'), 42), '42');
    assert.equal(encodeFieldValue(field('integer'), -0), '0');
    assert.equal(encodeFieldValue(field('long'), 9007199254740991), '9007199254740991');
    assert.equal(encodeFieldValue(field('long'), 9223372036854775807n), '9223372036854775807');
    assert.equal(encodeFieldValue(field('short'), -32768), '-32768');
    assert.equal(encodeFieldValue(field('double'), 0.1), '0.1');
    assert.equal(encodeFieldValue(field('double'), 1e21), '1e+21');
    assert.equal(encodeFieldValue(field('float'), Number.POSITIVE_INFINITY), 'INF');
    assert.equal(encodeFieldValue(field('float'), Number.NEGATIVE_INFINITY), '-INF');
    assert.equal(encodeFieldValue(field('double'), Number.NaN), 'NaN');
    assert.equal(encodeFieldValue(field('decimal'), '12.50'), '12.50');
    assert.equal(encodeFieldValue(field('decimal'), 12.5), '12.5');
    assert.equal(encodeFieldValue(field('decimal'), 1e-7), '0.0000001');
    assert.equal(encodeFieldValue(field('decimal'), -1.5e-7), '-0.00000015');
    assert.equal(encodeFieldValue(field('decimal'), 1.25e21), '1250000000000000000000');
    assert.equal(encodeFieldValue(field('decimal'), 10n), '10');
    assert.equal(encodeFieldValue(field('boolean'), true), 'true');
    assert.equal(encodeFieldValue(field('boolean'), false), 'false');
    assert.equal(encodeFieldValue(field('datetime'), new Date('2024-07-01T12:00:00.250Z')), '2024-07-01T08:00:00.25');
    assert.equal(encodeFieldValue(field('string'), 'a < b'), 'a < b');
  });

  it('rejects a JS value wrong for the type with a UsageError naming field and value', () => {
    const cases: Array<[FieldType, unknown, RegExp]> = [
      ['integer', '5', /Field "F_integer" \(integer\) cannot take the string "5": expected an integer/],
      ['integer', 1.5, /cannot take the number 1.5/],
      ['integer', 2 ** 31, /cannot take the number 2147483648: expected an integer from -2147483648 to 2147483647/],
      ['short', 40000, /cannot take the number 40000/],
      ['long', 2 ** 53, /expected a safe integer \(or a bigint\)/],
      ['long', 2n ** 63n, /cannot take the bigint 9223372036854775808/],
      ['double', '1.5', /cannot take the string "1.5": expected a number/],
      ['decimal', '1,5', /cannot take the string "1,5": expected decimal text/],
      ['decimal', Number.NaN, /cannot take the number NaN/],
      ['boolean', 'true', /cannot take the string "true": expected true or false/],
      ['datetime', '2024-01-01', /cannot take the string "2024-01-01": expected a valid Date/],
      ['datetime', new Date(Number.NaN), /cannot take an invalid Date/],
      ['string', 5, /Field "F_string" \(string\) cannot take the number 5: expected a string/],
      ['string', null, /cannot take null/],
      ['string', undefined, /cannot take undefined/],
      ['string', { a: 1 }, /cannot take an object \(\[object Object\]\)/],
    ];
    for (const [type, value, message] of cases) {
      assert.throws(
        () => encodeFieldValue(field(type), value),
        (e: unknown) => e instanceof UsageError && message.test(e.message),
        `${type} ${String(value)}`,
      );
    }
  });

  it('round-trips values of every type (property)', () => {
    const date = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }).map((ms) => new Date(ms));
    const cases: Array<[FieldType, fc.Arbitrary<unknown>]> = [
      ['integer', fc.integer()],
      ['short', fc.integer({ min: -32768, max: 32767 })],
      ['long', fc.maxSafeInteger()],
      ['double', fc.double()],
      ['float', fc.double()],
      ['decimal', fc.tuple(fc.bigInt(), fc.nat()).map(([w, f]) => `${w}.${f}`)],
      ['boolean', fc.boolean()],
      ['string', fc.string()],
    ];
    for (const [type, arb] of cases) {
      fc.assert(
        fc.property(arb, (v) => {
          assert.deepEqual(decodeFieldValue(type, encodeFieldValue(field(type), v)), v);
        }),
        { numRuns: 500 },
      );
    }
    // Decimal numbers go through their shortest decimal text, which reads back as the same number.
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        assert.equal(Number(decodeFieldValue('decimal', encodeFieldValue(field('decimal'), v))), v);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(date, (d) => {
        let text: string;
        try {
          text = encodeFieldValue(field('datetime'), d);
        } catch (error) {
          // Only an instant of the autumn's first, EDT, 01:00-01:59 is refused: it would read back an hour later.
          assert.ok(error instanceof UsageError && /happens twice/.test(error.message), String(error));
          return;
        }
        assert.equal((decodeFieldValue('datetime', text) as Date).getTime(), d.getTime());
      }),
      { numRuns: 2000 },
    );
  });
});
