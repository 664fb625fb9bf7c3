/**
 * Every quote that cuts a text to a length (the start of a bad answer, a bad field value, an
 * unreadable usage message, a table cell) redacts before it cuts: a secret straddling the cut must
 * not show its first characters.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { quote, registerSecrets, REDACTED } from '../../runtime/protocol/redaction.js';
import { decodeFieldValue } from '../../runtime/protocol/soap/xml/field-codec.js';
import { parseThresholdMessage } from '../../runtime/client/soap/usage-reader.js';
import { RowWriter } from '../../runtime/cli/query-output.js';

const SECRET = 'straddling-Secret-77';
registerSecrets({ username: 'quote-user', password: SECRET });

/** The longest start of the secret (3 characters or more) that the text shows, if any. */
function shownStart(text: string): string | undefined {
  for (let n = SECRET.length; n >= 3; n--) if (text.includes(SECRET.slice(0, n))) return SECRET.slice(0, n);
  return undefined;
}

const failure = (run: () => unknown): Error => {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('did not throw');
};

test('quote redacts, then cuts: a secret across the cut is hidden whole, and the mark is never torn', () => {
  for (let before = 280; before <= 300; before++) {
    const text = 'x'.repeat(before) + SECRET + ' and more after it';
    const quoted = quote(text, 300);
    assert.ok(quoted.length <= 300);
    assert.equal(shownStart(quoted), undefined, `with ${before} characters before the secret: ${quoted.slice(-30)}`);
    assert.ok(!/\[[A-Z]*$/.test(quoted) || quoted.endsWith(REDACTED), `a torn mark: ${quoted.slice(-12)}`);
  }
  assert.equal(quote(`a ${SECRET} b`, 100), `a ${REDACTED} b`);
  assert.equal(quote('abcdefghij', 6, '...'), 'abc...');
  // A cut never leaves half a surrogate pair.
  assert.equal(quote('ab\u{1F600}cd', 3), 'ab');
});

test('a field value that is not of its type is quoted redacted, then cut at 80 characters', () => {
  const error = failure(() => decodeFieldValue('integer', 'x'.repeat(75) + SECRET));
  assert.match(error.message, /^Not a valid integer value: "x+/);
  assert.equal(shownStart(error.message), undefined, error.message);
});

test('an unreadable usage message is quoted redacted, then cut at 200 characters', () => {
  const error = failure(() => parseThresholdMessage('y'.repeat(195) + SECRET));
  assert.match(error.message, /cannot read the figures from "y+/);
  assert.equal(shownStart(error.message), undefined, error.message);
});

test('a table cell is redacted, then cut to its column width', async () => {
  let printed = '';
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      printed += chunk.toString();
      done();
    },
  });
  const writer = new RowWriter('table', 'Ticket', [{ name: 'Title', udf: false }], out);
  await writer.write({ Title: 'z'.repeat(34) + SECRET });
  await writer.end();
  assert.match(printed, /^Title/);
  assert.equal(shownStart(printed), undefined, printed);
});
