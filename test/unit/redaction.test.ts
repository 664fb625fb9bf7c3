/**
 * The one redaction (runtime/protocol/redaction.ts): every form of a secret, whole tokens only for short
 * ones (a password `tt` must not turn `https` into `h[REDACTED]ps`), and the process-wide
 * registry every error is redacted through.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { basicToken, redact, redactKnownSecrets, Redactor, registerSecrets } from '../../runtime/protocol/redaction.js';
import { TransportError } from '../../runtime/protocol/errors.js';
import { ApiError } from '../../runtime/client/transport/api-error.js';

test('a long secret is redacted wherever it occurs, in every form: as is, XML-escaped, URL-encoded, JSON-escaped', () => {
  const secret = `Pa$$ w0rd&<"x'>`;
  const forms = [secret, 'Pa$$ w0rd&amp;&lt;&quot;x&apos;&gt;', "Pa%24%24%20w0rd%26%3C%22x'%3E", "Pa%24%24+w0rd%26%3C%22x'%3E", 'Pa$$ w0rd&<\\"x\'>'];
  const text = forms.map((f) => `[${f}]glued${f}glued`).join(' ');
  const out = redact(text, [secret]);
  for (const form of forms) assert.ok(!out.includes(form), `${form} left in ${out}`);
  assert.ok(!out.includes('w0rd'));
  assert.equal(out.split('[REDACTED]').length - 1, 2 * forms.length);
});

test('every echo form of a secret is redacted: numeric references, base64 of it alone, any case, percent-encoding, JSON and XML escapes', () => {
  const secret = `Pa$$ w0rd&<"x'>\u00e9!`;
  const redactor = Redactor.of({ username: 'api@example.com', password: secret, integrationCode: 'CODE-12345' });
  const codes = [...secret].map((ch) => ch.codePointAt(0) as number);
  const xml = (t: string): string =>
    t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
  const forms: Record<string, string> = {
    'decimal references': codes.map((c) => `&#${c};`).join(''),
    'hexadecimal references': codes.map((c) => `&#x${c.toString(16)};`).join(''),
    'upper-case hexadecimal references': codes.map((c) => `&#X${c.toString(16).toUpperCase().padStart(4, '0')};`).join(''),
    'references for the special characters only': secret.replace(/[$&<>"' ]/g, (ch) => `&#${ch.charCodeAt(0)};`),
    'base64 of the password alone': Buffer.from(secret).toString('base64'),
    'URL-safe base64 of the password alone': Buffer.from(secret).toString('base64url'),
    'base64 of user:password': basicToken('api@example.com', secret),
    'upper-cased': secret.toUpperCase(),
    'lower-cased': secret.toLowerCase(),
    'URL-encoded': encodeURIComponent(secret),
    'URL-encoded with lower-case hex and + for the space': encodeURIComponent(secret)
      .replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())
      .replace('%20', '+'),
    'every byte percent-encoded': [...Buffer.from(secret)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''),
    'JSON-escaped': JSON.stringify(secret).slice(1, -1),
    'JSON \\u escapes': codes.map((c) => `\\u${c.toString(16).padStart(4, '0')}`).join(''),
    'XML-escaped': xml(secret),
    'XML-escaped twice': xml(xml(secret)),
  };
  for (const [how, form] of Object.entries(forms)) {
    assert.match(redactor.redact(`before ${form} after`), /^before \[REDACTED\] after$/, `${how}: ${form}`);
  }
  // The integration code too, and glued to other text.
  assert.equal(redactor.redact('x&#67;&#79;&#68;&#69;-12345y code-12345'), 'x[REDACTED]y [REDACTED]');
});

test('a short secret that is not a word is redacted as a whole token only: text holding its characters stays whole', () => {
  const redactor = new Redactor(['q7']);
  assert.equal(redactor.redact('POST https://q7x/ attempt aq7 in Atlanta'), 'POST https://q7x/ attempt aq7 in Atlanta');
  assert.equal(
    redactor.redact('password=q7; user:Q7@host "q7" (q7) q7'),
    'password=[REDACTED]; user:[REDACTED]@host "[REDACTED]" ([REDACTED]) [REDACTED]',
  );
  // A short secret made of punctuation is a token wherever it stands.
  assert.equal(new Redactor(['#!']).redact('a#!b'), 'a[REDACTED]b');
});

test('a secret that is a word (https, Ticket) is redacted where it stands as a credential only: the text around it stays whole', () => {
  for (const word of ['https', 'Ticket', 'tt']) {
    const redactor = Redactor.of({ username: 'api@example.com', password: word, integrationCode: 'CODE-12345' });
    const ordinary = `POST https://host/ failed: Ticket query, ticket 5 (${word.toUpperCase()} ${word.toLowerCase()} ${word}s)`;
    assert.equal(redactor.redact(ordinary), ordinary, word);
    const references = [...word].map((ch) => `&#${ch.charCodeAt(0)};`).join('');
    // [what comes before the value, the value as written, what comes after]
    const credentials: Array<[string, string, string]> = [
      ['password=', word, ''],
      ['Password: "', word, '"'],
      ['"pwd":"', word, '"}'],
      ['{\\"password\\":\\"', word, '\\"}'],
      ['<Password>', word, '</Password>'],
      ['&lt;password&gt;', word, '&lt;/password&gt;'],
      ['--pasword=', word.toUpperCase(), ''],
      ['passwd ', references, ' and more'],
      ['api@example.com:', word, ''],
      ['https://api%40example.com:', encodeURIComponent(word), '@host/'],
      ['secret=', word, ';'],
      ['token: ', basicToken('api@example.com', word), ''],
    ];
    for (const [before, value, after] of credentials) {
      const text = `${before}${value}${after}`;
      assert.equal(redactor.redact(text), `${before}[REDACTED]${after}`, `${word}: ${text}`);
      assert.equal(redactor.holdsSecret(text), true, text);
    }
    assert.equal(redactor.holdsSecret(ordinary), false);
  }
});

test('the Basic token of a login, the Authorization header and the IntegrationCode element are redacted', () => {
  const redactor = Redactor.of({ username: 'api@example.com', password: 'hunter22', integrationCode: 'CODE-123' });
  const token = basicToken('api@example.com', 'hunter22');
  const out = redactor.redact(
    `echo ${token} | Authorization: Basic xyz\n<IntegrationCode>other</IntegrationCode> &lt;IntegrationCode&gt;more&lt;/IntegrationCode&gt; CODE-123`,
  );
  assert.doesNotMatch(out, new RegExp(`${token}|xyz|other|more|CODE-123|hunter22`));
  // The redactor itself shows nothing.
  assert.doesNotMatch(`${inspect(redactor, { showHidden: true, depth: 9 })} ${JSON.stringify(redactor)}`, /hunter22|CODE-123/);
});

test('registered secrets are redacted from every AtwsError when it is made: message, stack, bodyStart, API messages', () => {
  registerSecrets({ username: 'u', password: 'registered-pass-9', integrationCode: 'REG-CODE-77' });
  assert.equal(redactKnownSecrets('x registered-pass-9 y'), 'x [REDACTED] y');
  const transport = new TransportError('HTTP 500: registered-pass-9', { bodyStart: '<b>REG-CODE-77</b>' });
  const api = new ApiError('query: REG-CODE-77', {
    operation: 'query',
    messages: ['echo registered-pass-9'],
    failed: [{ entity: {}, message: 'no REG-CODE-77' }],
  });
  for (const error of [transport, api]) {
    const text = `${String(error)} ${error.stack} ${inspect(error, { depth: 9, showHidden: true })} ${JSON.stringify(error)}`;
    assert.doesNotMatch(text, /registered-pass-9|REG-CODE-77/);
  }
});
