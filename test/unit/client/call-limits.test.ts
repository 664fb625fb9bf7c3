/**
 * The defaults that bound one call: a hung server surfaces within the deadline (not after
 * retries x timeout, which was 4 x 120 s), and answers are capped in size. Retry-After parsing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveOptions } from '../../../runtime/client/connection-options.js';
import { parseRetryAfter, retryDelay, isTransient } from '../../../runtime/client/http/retry-policy.js';
import { TransportError, UsageError } from '../../../runtime/protocol/errors.js';

const login = { username: 'u', password: 'p', integrationCode: 'c' };

test('defaults: 60 s an attempt, 120 s a call, 32 MiB an answer; each can be set and is checked', () => {
  const resolved = resolveOptions(login);
  assert.equal(resolved.timeoutMs, 60_000);
  assert.equal(resolved.deadlineMs, 120_000);
  assert.equal(resolved.maxAnswerBytes, 32 * 1024 * 1024);
  // However many retries, a call ends by its deadline: well under the 8 minutes of 4 x 120 s.
  assert.ok(resolved.deadlineMs <= 2 * resolved.timeoutMs);
  assert.equal(resolveOptions({ ...login, deadlineMs: 5, maxAnswerBytes: 10 }).deadlineMs, 5);
  assert.throws(
    () => resolveOptions({ ...login, deadlineMs: 0 }),
    (e: unknown) => e instanceof UsageError && /deadlineMs/.test(e.message),
  );
  assert.throws(
    () => resolveOptions({ ...login, maxAnswerBytes: 1.5 }),
    (e: unknown) => e instanceof UsageError && /maxAnswerBytes/.test(e.message),
  );
});

test('Retry-After: seconds or an HTTP date; 429 is transient; the server asked wins over backoff', () => {
  assert.equal(parseRetryAfter('120'), 120_000);
  assert.equal(parseRetryAfter(['3']), 3_000);
  assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 10_000);
  assert.equal(parseRetryAfter('soon'), undefined);
  assert.equal(parseRetryAfter(undefined), undefined);
  assert.equal(isTransient(new TransportError('x', { status: 429 })), true);
  assert.equal(
    retryDelay(new TransportError('x', { status: 429, retryAfterMs: 2_000 }), 0, 200, () => 0.5),
    2_000,
  );
  assert.equal(
    retryDelay(new TransportError('x', { status: 503 }), 1, 200, () => 0.5),
    200,
  );
});

test('the resolved options keep the password and integration code out of inspect, JSON and key listings', async () => {
  const { inspect } = await import('node:util');
  const resolved = resolveOptions({ username: 'u', password: 'opt-secret-pw', integrationCode: 'OPT-SECRET-CODE' });
  assert.equal(resolved.password, 'opt-secret-pw');
  const text = `${inspect(resolved, { showHidden: true, depth: 9 })} ${JSON.stringify(resolved)} ${Object.keys(resolved).join()} ${JSON.stringify({ ...resolved })}`;
  assert.doesNotMatch(text, /opt-secret-pw|OPT-SECRET-CODE/);
});
