/**
 * A transport whose every call goes through the policy steps (call-steps.ts): the decorator that
 * puts the thread limit, its retry and the usage pacing around any transport. Each method names
 * its call in the API's terms (what it does, which entity); nothing here reads a request's wire
 * form.
 */
import { inspect } from 'node:util';
import type { Call } from '../../protocol/call.js';
import type { QueryTree } from '../../protocol/query/query-tree.js';
import type { EntityInfo, FieldInfo } from '../transport/info-records.js';
import type { EncodedEntity, Transport, TransportCapabilities, WireAttachment, WriteAnswer, WriteOperation } from '../transport/transport.js';
import type { ThresholdAndUsage } from '../transport/usage-info.js';
import type { EntityDecoder, OutgoingEntity } from '../transport/wire-entity.js';
import { runSteps, type CallStep } from './call-steps.js';

export class LimitedTransport implements Transport {
  readonly #inner: Transport;
  readonly #steps: readonly CallStep[];
  readonly #observeUsage: ((usage: ThresholdAndUsage) => void) | undefined;

  /** `observeUsage` sees every usage read made through this transport (the caller's own included). */
  constructor(inner: Transport, steps: readonly CallStep[], observeUsage?: (usage: ThresholdAndUsage) => void) {
    this.#inner = inner;
    this.#steps = steps;
    this.#observeUsage = observeUsage;
  }

  get capabilities(): TransportCapabilities {
    return this.#inner.capabilities;
  }

  get url(): string {
    return this.#inner.url;
  }

  get username(): string | undefined {
    return this.#inner.username;
  }

  get requestCount(): number {
    return this.#inner.requestCount;
  }

  #run<T>(call: Call, send: () => Promise<T>): Promise<T> {
    return runSteps(this.#steps, call, send);
  }

  query<T>(tree: QueryTree, decode: EntityDecoder<T>): Promise<T[]> {
    return this.#run({ kind: 'query', entity: tree.entity }, () => this.#inner.query(tree, decode));
  }

  encode(operation: WriteOperation, entity: OutgoingEntity): EncodedEntity {
    return this.#inner.encode(operation, entity);
  }

  write<T>(operation: WriteOperation, entityType: string, entities: readonly EncodedEntity[], decode: EntityDecoder<T>): Promise<WriteAnswer<T>> {
    return this.#run({ kind: operation, entity: entityType }, () => this.#inner.write(operation, entityType, entities, decode));
  }

  fieldInfo(entityType: string): Promise<FieldInfo[]> {
    return this.#run({ kind: 'fieldInfo', entity: entityType }, () => this.#inner.fieldInfo(entityType));
  }

  udfInfo(entityType: string): Promise<FieldInfo[]> {
    return this.#run({ kind: 'udfInfo', entity: entityType }, () => this.#inner.udfInfo(entityType));
  }

  entityInfo(): Promise<EntityInfo[]> {
    return this.#run({ kind: 'entityInfo' }, () => this.#inner.entityInfo());
  }

  async thresholdAndUsage(): Promise<ThresholdAndUsage> {
    const usage = await this.#run({ kind: 'usage' }, () => this.#inner.thresholdAndUsage());
    this.#observeUsage?.(usage);
    return usage;
  }

  invoiceMarkup(invoiceId: number, format: 'html' | 'xml'): Promise<string | undefined> {
    return this.#run({ kind: 'invoiceMarkup' }, () => this.#inner.invoiceMarkup(invoiceId, format));
  }

  apiVersion(): Promise<string> {
    return this.#run({ kind: 'apiVersion' }, () => this.#inner.apiVersion());
  }

  getAttachment<T>(attachmentId: number, decode: EntityDecoder<T>): Promise<WireAttachment<T> | undefined> {
    return this.#run({ kind: 'getAttachment' }, () => this.#inner.getAttachment(attachmentId, decode));
  }

  createAttachment(data: Uint8Array, info: OutgoingEntity): Promise<number> {
    return this.#run({ kind: 'createAttachment' }, () => this.#inner.createAttachment(data, info));
  }

  deleteAttachment(attachmentId: number): Promise<string> {
    return this.#run({ kind: 'deleteAttachment' }, () => this.#inner.deleteAttachment(attachmentId));
  }

  close(): void {
    this.#inner.close();
  }

  [inspect.custom](): string {
    return `LimitedTransport { ${inspect(this.#inner)} }`;
  }

  toJSON(): unknown {
    return this.#inner;
  }
}
