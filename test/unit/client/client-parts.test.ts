import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SupportFiles } from '../../../runtime/client/http/support-files.js';
import { redact, Redactor } from '../../../runtime/protocol/redaction.js';
import { backoffDelay, isTransient } from '../../../runtime/client/http/retry-policy.js';
import { parseThresholdMessage } from '../../../runtime/client/soap/usage-reader.js';
import { resolveOptions } from '../../../runtime/client/connection-options.js';
import { endpointOf } from '../../../runtime/client/soap/soap-connect.js';
import { zoneUrlFor } from '../../../runtime/client/soap/zone-discovery.js';
import { pageAfter } from '../../../runtime/client/query-cursor.js';
import { integrationsHeader, isRepeatable } from '../../../runtime/client/soap/soap-client.js';
import { parseXml } from '../../../runtime/protocol/soap/xml/xml-tree.js';
import { AuthenticationError, TransportError, UsageError } from '../../../runtime/protocol/errors.js';
import { ApiError } from '../../../runtime/client/transport/api-error.js';
import { Query } from '../../../runtime/query/query.js';
import { parseQueryXml } from '../../../runtime/protocol/soap/queryxml/queryxml-parser.js';
import { writeQueryXml } from '../../../runtime/protocol/soap/queryxml/queryxml-writer.js';
import { known } from '../../support/known-value.js';

test('secrets are redacted in every form they can take', () => {
  const text = [
    'Authorization: Basic dXNlcjpwYXNz',
    '<IntegrationCode>ABC&amp;123</IntegrationCode>',
    '<ns:IntegrationCode xmlns:ns="x">XYZ</ns:IntegrationCode>',
    '<Title>p&lt;ss word</Title>',
    'plain p<ss word here',
  ].join('\n');
  const out = redact(text, ['p<ss word', undefined]);
  assert.doesNotMatch(out, /dXNlcjpwYXNz|ABC|XYZ|p&lt;ss word|p<ss word/);
  assert.equal(out.split('[REDACTED]').length - 1, 5);
});

test('support files are well-formed XML named <timestamp>-<uuid>-<operation>-sent/received.xml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atws-sf-'));
  try {
    const files = new SupportFiles(join(dir, 'nested'), new Redactor(['hunter2']));
    const base = files.begin('query');
    assert.match(base, /^\d{4}-\d{2}-\d{2}T[\d-]+Z-[0-9a-f-]{36}-query$/);
    files.writeSent(
      base,
      'POST http://x/atws.asmx',
      { Authorization: 'Basic aHVudGVyMg==', SOAPAction: '"q"' },
      '<?xml version="1.0"?><a>hunter2 -- x</a>',
    );
    files.writeReceived(base, 'HTTP 200 OK', 'text/xml; charset=utf-8', '<b/>');
    const names = readdirSync(join(dir, 'nested')).sort();
    assert.deepEqual(names, [`${base}-received.xml`, `${base}-sent.xml`]);
    const sent = readFileSync(join(dir, 'nested', `${base}-sent.xml`), 'utf8');
    assert.equal(parseXml(sent).name, 'a');
    assert.doesNotMatch(sent, /hunter2|aHVudGVyMg/);
    assert.match(sent, /Authorization: \[REDACTED\]/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('support files of another wire: the HTTP message as sent and received (.http), body verbatim, secret headers redacted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atws-sf-'));
  try {
    const files = new SupportFiles(dir, new Redactor(['hunter2']));
    const base = files.begin('Tickets/query');
    const body = '{"filter":[{"op":"gt","field":"id","value":0}]}';
    files.writeSent(
      base,
      'POST http://x/V1.0/Tickets/query',
      { 'Content-Type': 'application/json', Secret: 'hunter2', ApiIntegrationcode: 'CODE' },
      body,
    );
    files.writeReceived(base, 'HTTP 200 OK', 'application/json; charset=utf-8', '{"items":[],"secret":"hunter2"}');
    assert.deepEqual(readdirSync(dir).sort(), [`${base}-received.http`, `${base}-sent.http`]);
    assert.match(base, /-Tickets_query$/);
    const sent = readFileSync(join(dir, `${base}-sent.http`), 'utf8');
    assert.equal(
      sent,
      `POST http://x/V1.0/Tickets/query\nContent-Type: application/json\nSecret: [REDACTED]\nApiIntegrationcode: [REDACTED]\n\n${body}`,
    );
    const received = readFileSync(join(dir, `${base}-received.http`), 'utf8');
    assert.equal(received, 'HTTP 200 OK\nContent-Type: application/json; charset=utf-8\n\n{"items":[],"secret":"[REDACTED]"}');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('retry policy: create never repeats; resets, timeouts and 5xx are transient; backoff is bounded jitter', () => {
  assert.equal(isRepeatable('create'), false);
  assert.equal(isRepeatable('CreateAttachment'), false);
  assert.equal(isRepeatable('update'), true);
  assert.equal(isRepeatable('query'), true);
  assert.equal(isTransient(new TransportError('x', { code: 'ECONNRESET' })), true);
  assert.equal(isTransient(new TransportError('x', { code: 'ETIMEDOUT' })), true);
  assert.equal(isTransient(new TransportError('x', { status: 503 })), true);
  assert.equal(isTransient(new TransportError('x', { status: 404 })), false);
  assert.equal(isTransient(new TransportError('x', { status: 200 })), false);
  assert.equal(isTransient(new AuthenticationError('x', 401)), false);
  assert.equal(isTransient(new ApiError('x', { operation: 'q', messages: [] })), false);
  assert.equal(
    backoffDelay(0, 200, () => 0.999),
    199,
  );
  assert.equal(
    backoffDelay(3, 200, () => 0.5),
    800,
  );
  assert.equal(
    backoffDelay(20, 200, () => 0.999),
    9990,
  );
  assert.equal(
    backoffDelay(2, 200, () => 0),
    0,
  );
});

test('threshold message parsing', () => {
  assert.deepEqual(parseThresholdMessage('ThresholdOfExternalRequest: 10000; TimeframeOfLimitation: 60; numberOfExternalRequest: 17;'), {
    threshold: 10000,
    timeframe: 60,
    count: 17,
    percent: 0.17,
  });
  assert.throws(() => parseThresholdMessage('nothing here'), /cannot read the figures/);
});

test('options: defaults, checks, endpoints', () => {
  const base = { username: 'u', password: 'p', integrationCode: 'c' };
  const resolved = resolveOptions(base);
  assert.equal(resolved.apiVersion, '1.6');
  assert.equal(resolved.concurrency, 3);
  assert.equal(resolved.threadLimit, 3);
  assert.equal(resolveOptions({ ...base, threadLimit: 5 }).concurrency, 5);
  assert.throws(() => resolveOptions({ ...base, threadLimit: 0 }), /threadLimit/);
  assert.equal(resolved.insecureSkipTlsVerify, false);
  assert.equal(resolveOptions({ username: 'u', password: 'p', apiVersion: '1.5' }).integrationCode, undefined);
  assert.throws(
    () => resolveOptions({ username: 'u', password: 'p' }),
    (e: unknown) => e instanceof UsageError && /integrationCode/.test(e.message),
  );
  assert.throws(() => resolveOptions({ ...base, impersonateAsResourceId: -3 }), /impersonateAsResourceId/);
  assert.throws(() => resolveOptions({ ...base, timeoutMs: 0 }), /timeoutMs/);
  assert.throws(() => resolveOptions({ ...base, username: '' }), /username/);
  assert.equal(endpointOf('https://ws.example/atservices/1.6/atws.wsdl'), 'https://ws.example/atservices/1.6/atws.asmx');
  assert.equal(endpointOf('https://ws.example/atservices/1.6/atws.asmx?WSDL'), 'https://ws.example/atservices/1.6/atws.asmx');
  assert.equal(
    zoneUrlFor('https://webservices5.autotask.net/ATServices/1.6/atws.asmx', '1.5'),
    'https://webservices5.autotask.net/atservices/1.5/atws.asmx',
  );
});

test('the integrations header escapes the code and adds impersonation', () => {
  const header = integrationsHeader('http://autotask.net/ATWS/v1_6/', { integrationCode: 'a<b', impersonateAsResourceId: 7 });
  assert.equal(
    header,
    '<AutotaskIntegrations xmlns="http://autotask.net/ATWS/v1_6/"><IntegrationCode>a&lt;b</IntegrationCode><ImpersonateAsResourceID>7</ImpersonateAsResourceID></AutotaskIntegrations>',
  );
  assert.equal(integrationsHeader('ns', { integrationCode: undefined, impersonateAsResourceId: undefined }), undefined);
});

test('the paging condition wraps a query with top-level ORs in one group', () => {
  const tree = new Query('Ticket').where('Status', 'Equals', known(5)).or('Status', 'Equals', known(8)).toTree();
  const paged = pageAfter(tree, 500);
  // The tree carries typed values (the id a number); each transport writes them its own way.
  assert.deepEqual(paged.root.items[1], { kind: 'field', name: 'id', udf: false, expressions: [{ op: 'GreaterThan', value: 500 }] });
  const reparsed = parseQueryXml(writeQueryXml(paged));
  assert.equal(reparsed.root.items.length, 2);
  // Values come back from queryxml as text: compare with the original tree read back the same way.
  assert.deepEqual(reparsed.root.items[0], { ...parseQueryXml(writeQueryXml(tree)).root, operator: 'AND' });
  assert.deepEqual(reparsed.root.items[1], { kind: 'field', name: 'id', udf: false, expressions: [{ op: 'GreaterThan', value: '500' }] });
});
