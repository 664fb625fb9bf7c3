/**
 * A connection's create/update/delete: each entity checked against the metadata (the API allows
 * the operation on its type, a create has its required fields, an update of a whole record was
 * read first), written by the transport in packets of one write call (write-rounds.ts), and the
 * saved objects filled from what was stored (read-back.ts).
 */
import { UsageError } from '../protocol/errors.js';
import { missingRequiredFields, requiredFieldsMessage, type EntityBase, type EntityBinding } from '../entity/entity-base.js';
import { ActionCursor, type ActionInput } from './action-cursor.js';
import type { GeneratedApi } from './api-registry.js';
import type { WriteOptions } from './connection-types.js';
import { makeEntityDecoder, outgoingEntity } from './entity-codec.js';
import { fillSaved, type FetchByIds } from './read-back.js';
import type { EncodedEntity, Transport, WriteOperation } from './transport/transport.js';
import { writePacket, type WrittenPacket } from './write-rounds.js';

export class ConnectionWrites {
  constructor(
    private readonly api: GeneratedApi,
    private readonly transport: Transport,
    private readonly binding: EntityBinding,
    private readonly concurrency: number,
    private readonly fetchByIds: FetchByIds,
  ) {}

  /** A lazy action over the input: packets go out as the cursor is consumed. */
  action<T extends EntityBase>(operation: WriteOperation, input: ActionInput<T>, options: WriteOptions): ActionCursor<T> {
    const decode = makeEntityDecoder(this.api, operation, this.binding);
    const transport = this.transport;
    const readBack = options.readBack ?? true;
    const prepare = (entity: T): EncodedEntity => this.encode(entity, operation);
    const send = async (packet: readonly T[]): Promise<WrittenPacket<T>> => {
      const written = await writePacket(transport, operation, packet, prepare, decode);
      if (operation === 'delete') return written;
      const messages = [...written.messages];
      await fillSaved(operation, written.succeeded, written.answers, readBack, messages, this.fetchByIds);
      return { ...written, messages };
    };
    return new ActionCursor<T>(operation, input, send, this.concurrency, transport.capabilities.entitiesPerWrite);
  }

  /** An entity checked for a write and encoded by the transport; throws UsageError for one that cannot go. */
  encode(entity: EntityBase, operation: WriteOperation): EncodedEntity {
    this.check(entity, operation);
    return this.transport.encode(operation, outgoingEntity(entity, operation, { updateNeedsRead: this.transport.capabilities.updateReplacesRecord }));
  }

  private check(entity: EntityBase, operation: WriteOperation): void {
    if (entity === null || typeof entity !== 'object' || typeof (entity as { entityMeta?: unknown }).entityMeta !== 'object') {
      throw new UsageError(`${operation}: expected an entity object (at.new('Ticket') or a query result), got ${entity === null ? 'null' : typeof entity}`);
    }
    const meta = this.api.metadata.entities[entity.entityName];
    if (meta === undefined) throw new UsageError(`${operation}: API ${this.api.metadata.apiVersion} has no entity type ${entity.entityName}`);
    const allowed = operation === 'create' ? meta.canCreate : operation === 'update' ? meta.canUpdate : meta.canDelete;
    if (!allowed) throw new UsageError(`${operation}: ${entity.entityName} cannot be ${operation === 'create' ? 'created' : `${operation}d`} through the API`);
    if (operation === 'create') {
      const missing = missingRequiredFields(entity);
      if (missing.length > 0) throw new UsageError(requiredFieldsMessage(entity.entityName, missing, 'create'));
    }
  }
}
