// The policies around any transport: a call's endpoint from the structured call (what it does, which
// entity), the same endpoint the SOAP front reads from an operation's name; the limiter, the retry of
// thread-limit refusals and the pacing wrapping a transport that knows nothing of them; the pacer's
// own usage read passing the pacer (no recursion) yet kept inside the thread limit.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { callEndpoint, threadEndpoint, type EndpointParameter } from '../../../runtime/protocol/thread-endpoints.js';
import type { CallKind } from '../../../runtime/protocol/call.js';
import { withPolicies } from '../../../runtime/client/policies/connection-policies.js';
import { ThreadLimitError } from '../../../runtime/client/transport/limit-errors.js';
import { SOAP_CAPABILITIES } from '../../../runtime/client/soap/soap-transport.js';
import type { EncodedEntity, Transport, WriteAnswer } from '../../../runtime/client/transport/transport.js';
import type { ThresholdAndUsage } from '../../../runtime/client/transport/usage-info.js';
import type { QueryTree } from '../../../runtime/protocol/query/query-tree.js';

describe('the endpoint of a call', () => {
  it('is the entity named, a fixed endpoint, or none; the SOAP operation names give the same', () => {
    const soap: Array<[string, CallKind, EndpointParameter | undefined, string | undefined]> = [
      ['query', 'query', 'queryEntity', 'ticket'],
      ['create', 'create', 'entityType', 'ticket'],
      ['update', 'update', 'entityType', 'ticket'],
      ['delete', 'delete', 'entityType', 'ticket'],
      ['GetFieldInfo', 'fieldInfo', 'psObjectType', 'ticket'],
      ['getUDFInfo', 'udfInfo', 'psTable', 'ticket'],
      ['GetAttachment', 'getAttachment', undefined, 'attachmentinfo'],
      ['CreateAttachment', 'createAttachment', undefined, 'attachmentinfo'],
      ['DeleteAttachment', 'deleteAttachment', undefined, 'attachmentinfo'],
      ['GetInvoiceMarkup', 'invoiceMarkup', undefined, 'invoice'],
      ['getThresholdAndUsageInfo', 'usage', undefined, 'thresholdinformation'],
      ['getEntityInfo', 'entityInfo', undefined, 'getentityinfo'],
      ['GetWsdlVersion', 'apiVersion', undefined, 'getwsdlversion'],
      ['getZoneInfo', 'zoneInfo', undefined, undefined],
    ];
    for (const [operation, kind, parameter, endpoint] of soap) {
      assert.equal(callEndpoint({ kind, entity: parameter === undefined ? undefined : ' Ticket ' }), endpoint, kind);
      const asked: string[] = [];
      const read = threadEndpoint(operation, (p) => {
        asked.push(p);
        return 'Ticket';
      });
      assert.equal(read, endpoint, operation);
      assert.deepEqual(asked, parameter === undefined ? [] : [parameter], operation);
    }
    assert.equal(
      threadEndpoint('query', () => undefined),
      'query',
      'naming no entity: the operation itself',
    );
    assert.equal(
      threadEndpoint('SomeNewOperation', () => 'x'),
      'somenewoperation',
    );
  });
});

/** A transport that knows nothing of limits: records what runs at once, refuses as told. */
class BareTransport implements Transport {
  readonly capabilities = SOAP_CAPABILITIES;
  readonly url = 'http://bare.example/';
  readonly username = 'u';
  requestCount = 0;
  readonly inFlight = new Map<string, number>();
  readonly peaks = new Map<string, number>();
  readonly log: string[] = [];
  refuse = 0;
  percent = 10;

  private async call<T>(name: string, value: T): Promise<T> {
    this.requestCount++;
    this.log.push(name);
    const now = (this.inFlight.get(name) ?? 0) + 1;
    this.inFlight.set(name, now);
    this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, now));
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.inFlight.set(name, now - 1);
    if (this.refuse > 0 && name !== 'usage') {
      this.refuse--;
      throw new ThreadLimitError(`${name}: Thread Threshold Exceeded`, { operation: name, messages: [] });
    }
    return value;
  }

  query<T>(tree: QueryTree): Promise<T[]> {
    return this.call(`query ${tree.entity}`, []);
  }
  encode(): EncodedEntity {
    return {} as EncodedEntity;
  }
  write<T>(operation: 'create' | 'update' | 'delete', entityType: string): Promise<WriteAnswer<T>> {
    return this.call(`${operation} ${entityType}`, { outcomes: [], messages: [] });
  }
  fieldInfo(entityType: string) {
    return this.call(`fieldInfo ${entityType}`, []);
  }
  udfInfo(entityType: string) {
    return this.call(`udfInfo ${entityType}`, []);
  }
  entityInfo() {
    return this.call('entityInfo', []);
  }
  thresholdAndUsage(): Promise<ThresholdAndUsage> {
    return this.call('usage', { threshold: 10_000, timeframe: 60, count: this.percent * 100, percent: this.percent });
  }
  invoiceMarkup() {
    return this.call('invoiceMarkup', '<html/>');
  }
  apiVersion() {
    return this.call('apiVersion', '1.6');
  }
  getAttachment() {
    return this.call('getAttachment', undefined);
  }
  createAttachment() {
    return this.call('createAttachment', 1);
  }
  deleteAttachment() {
    return this.call('deleteAttachment', '');
  }
  close(): void {}
}

const tree = (entity: string): QueryTree => ({ entity, root: { kind: 'condition', operator: 'AND', items: [] } });

describe('policies around a transport', () => {
  it('keep each endpoint within the thread limit, the others unaffected', async () => {
    const bare = new BareTransport();
    const limited = withPolicies(bare, { threadLimit: 2, usageCheckEvery: 0, slowAtPercent: 80 });
    await Promise.all([
      ...Array.from({ length: 6 }, () => limited.query(tree('Ticket'), () => undefined)),
      ...Array.from({ length: 6 }, () => limited.fieldInfo('Account')),
    ]);
    assert.equal(bare.peaks.get('query Ticket'), 2);
    assert.equal(bare.peaks.get('fieldInfo Account'), 2);
    assert.equal(bare.requestCount, 12);
  });

  it('send again what the thread limit refused, and give up after the last backoff', async () => {
    const bare = new BareTransport();
    const limited = withPolicies(bare, { threadLimit: 3, usageCheckEvery: 0, slowAtPercent: 80 });
    bare.refuse = 2;
    assert.deepEqual(await limited.query(tree('Ticket'), () => undefined), []);
    assert.equal(bare.requestCount, 3);
  });

  it('read the usage every checkEvery calls, past the pacer itself: no recursion, still within the limit', async () => {
    const bare = new BareTransport();
    const limited = withPolicies(bare, { threadLimit: 3, usageCheckEvery: 2, slowAtPercent: 80 });
    for (let i = 0; i < 4; i++) await limited.query(tree('Ticket'), () => undefined);
    assert.deepEqual(bare.log, ['query Ticket', 'usage', 'query Ticket', 'query Ticket', 'usage', 'query Ticket']);
    // The caller's own read is not paced and does not trigger a read of its own.
    bare.log.length = 0;
    assert.equal((await limited.thresholdAndUsage()).percent, 10);
    assert.deepEqual(bare.log, ['usage']);
  });

  it('space calls once the usage read (by the caller) is past the slow-down point', async () => {
    const bare = new BareTransport();
    bare.percent = 95;
    const limited = withPolicies(bare, { threadLimit: 3, usageCheckEvery: 1000, slowAtPercent: 80 });
    await limited.thresholdAndUsage();
    const started = Date.now();
    await Promise.all([limited.entityInfo(), limited.entityInfo(), limited.entityInfo()]);
    // 10,000 an hour: 360 ms apart, the first at once.
    assert.ok(Date.now() - started >= 700, `three calls took ${Date.now() - started} ms`);
  });
});
