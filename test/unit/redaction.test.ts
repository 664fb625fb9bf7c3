/**
 * The one redaction (runtime/protocol/redaction.ts): every form of a secret, whole tokens only for short
 * ones (a password `tt` must not turn `https` into `h[REDACTED]ps`), and the process-wide
 * registry every error is redacted through.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { basicToken, redact, redactKnownSecrets, Redactor, registerSecrets, secretForms } from '../../runtime/protocol/redaction.js';
import { TransportError } from '../../runtime/protocol/errors.js';
import { ApiError } from '../../runtime/client/transport/api-error.js';

test('a long secret is redacted wherever it occurs, in every form: as is, XML-escaped, URL-encoded, JSON-escaped', () => {
  const secret = `Pa$$ w0rd&<"x'>`;
  const forms = secretForms(secret);
  assert.ok(forms.includes('Pa$$ w0rd&amp;&lt;&quot;x&apos;&gt;'));
  assert.ok(forms.includes('Pa%24%24%20w0rd%26%3C%22x\'%3E'));
  assert.ok(forms.includes('Pa%24%24+w0rd%26%3C%22x\'%3E'));
  assert.ok(forms.includes('Pa$$ w0rd&<\\"x\'>'));
  const text = forms.map((f) => `[${f}]glued${f}glued`).join(' ');
  const out = redact(text, [secret]);
  for (const form of forms) assert.ok(!out.includes(form), `${form} left in ${out}`);
  assert.ok(!out.includes('w0rd'));
});

test('a short secret is redacted as a whole token only: https, attempt and Atlanta stay whole', () => {
  const redactor = new Redactor(['tt']);
  assert.equal(redactor.redact('POST https://host/ attempt 2 in Atlanta'), 'POST https://host/ attempt 2 in Atlanta');
  assert.equal(redactor.redact('password=tt; user:tt@host "tt" (tt) tt'), 'password=[REDACTED]; user:[REDACTED]@host "[REDACTED]" ([REDACTED]) [REDACTED]');
  // A short secret made of punctuation is a token wherever it stands.
  assert.equal(new Redactor(['#!']).redact('a#!b'), 'a[REDACTED]b');
});

test('the Basic token of a login, the Authorization header and the IntegrationCode element are redacted', () => {
  const redactor = Redactor.of({ username: 'api@example.com', password: 'hunter22', integrationCode: 'CODE-123' });
  const token = basicToken('api@example.com', 'hunter22');
  const out = redactor.redact(`echo ${token} | Authorization: Basic xyz\n<IntegrationCode>other</IntegrationCode> &lt;IntegrationCode&gt;more&lt;/IntegrationCode&gt; CODE-123`);
  assert.doesNotMatch(out, new RegExp(`${token}|xyz|other|more|CODE-123|hunter22`));
  // The redactor itself shows nothing.
  assert.doesNotMatch(`${inspect(redactor, { showHidden: true, depth: 9 })} ${JSON.stringify(redactor)}`, /hunter22|CODE-123/);
});

test('registered secrets are redacted from every AtwsError when it is made: message, stack, bodyStart, API messages', () => {
  registerSecrets({ username: 'u', password: 'registered-pass-9', integrationCode: 'REG-CODE-77' });
  assert.equal(redactKnownSecrets('x registered-pass-9 y'), 'x [REDACTED] y');
  const transport = new TransportError('HTTP 500: registered-pass-9', { bodyStart: '<b>REG-CODE-77</b>' });
  const api = new ApiError('query: REG-CODE-77', { operation: 'query', messages: ['echo registered-pass-9'], failed: [{ entity: {}, message: 'no REG-CODE-77' }] });
  for (const error of [transport, api]) {
    const text = `${String(error)} ${error.stack} ${inspect(error, { depth: 9, showHidden: true })} ${JSON.stringify(error)}`;
    assert.doesNotMatch(text, /registered-pass-9|REG-CODE-77/);
  }
});
