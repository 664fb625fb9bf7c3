/**
 * A connection's create/update/delete: each entity checked against the metadata (the API allows
 * the operation on its type, a create has its required fields, an update of a whole record was
 * read first), written by the transport in packets of one write call (write-rounds.ts), and the
 * saved objects filled from what was stored (read-back.ts).
 */
import { UsageError } from '../protocol/errors.js';
import { bindingOf, missingRequiredFields, requiredFieldsMessage, type EntityBase, type EntityBinding } from '../entity/entity-base.js';
import { ActionCursor, type ActionInput } from './action-cursor.js';
import type { GeneratedApi } from './api-registry.js';
import type { WriteOptions } from './connection-types.js';
import { makeEntityDecoder, outgoingEntity } from './entity-codec.js';
import { holdsState, takeState, type EntityState } from './entity-state.js';
import { FETCH_BY_IDS_CHUNK } from './connection-queries.js';
import { fillSaved, type FetchByIds } from './read-back.js';
import { ReadBackBatcher } from './read-back-batcher.js';
import type { EncodedEntity, Transport, WriteOperation } from './transport/transport.js';
import type { OutgoingEntity } from './transport/wire-entity.js';
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
    // A write call of one entity (REST) would otherwise cost a read-back query per entity; a SOAP
    // packet already fills a query, and its read-backs keep running side by side.
    const batcher =
      transport.capabilities.entitiesPerWrite < FETCH_BY_IDS_CHUNK ? new ReadBackBatcher(this.fetchByIds, FETCH_BY_IDS_CHUNK) : undefined;
    const fetchByIds = batcher?.fetchByIds ?? this.fetchByIds;
    // What each object held when encoded: one changed while its write is in flight is not overwritten by the read-back.
    const sentStates = new WeakMap<EntityBase, EntityState>();
    // A new object handed to create twice would make two records, the object holding the second.
    const created = new WeakSet<EntityBase>();
    // What each update carried: its read-back must show it, or the update is not believed.
    const carried = new WeakMap<EntityBase, OutgoingEntity['values']>();
    const prepare = (entity: T): EncodedEntity => {
      const outgoing = this.outgoing(entity, operation);
      const encoded = this.transport.encode(operation, outgoing);
      if (operation === 'update' && readBack) carried.set(entity, outgoing.values);
      if (operation === 'create') {
        if (created.has(entity)) {
          throw new UsageError(
            `create: the same ${entity.entityName} object is handed to create twice; only the first is sent (a second would make a second record)`,
          );
        }
        created.add(entity);
      }
      if (operation !== 'delete' && readBack) sentStates.set(entity, takeState(entity));
      return encoded;
    };
    const changedSince = (entity: EntityBase): boolean => {
      const sent = sentStates.get(entity);
      return sent !== undefined && !holdsState(entity, sent);
    };
    // Ids earlier packets' create answers gave: a later answer giving one again is not believed
    // (write-rounds.ts checks within a packet; a REST packet is one entity).
    const givenIds = new Set<number>();
    const send = async (packet: readonly T[], answered: () => void): Promise<WrittenPacket<T>> => {
      let written: WrittenPacket<T>;
      batcher?.writeStarted();
      try {
        written = await writePacket(transport, operation, packet, prepare, decode);
      } finally {
        batcher?.writeEnded();
      }
      // The next packet may go while this one is read back; not after a fatal failure, which the
      // cursor must see first so that nothing more is sent.
      if (written.fatal === undefined) answered();
      if (operation === 'delete') return written;
      if (operation === 'create') written = withoutIdsGivenBefore(written, givenIds);
      const messages = [...written.messages];
      const doubted = await fillSaved(operation, written.succeeded, written.answers, readBack, messages, fetchByIds, changedSince, (entity) =>
        carried.get(entity),
      );
      if (doubted.size === 0) return { ...written, messages };
      // Saved by the answer, but the record does not hold what was sent: whether it was applied is not known.
      return {
        ...written,
        messages,
        succeeded: written.succeeded.filter((e) => !doubted.has(e)),
        unknown: [...written.unknown, ...written.succeeded.filter((e) => doubted.has(e))],
      };
    };
    return new ActionCursor<T>(operation, input, send, this.concurrency, transport.capabilities.entitiesPerWrite);
  }

  /** An entity checked for a write and encoded by the transport; throws UsageError for one that cannot go. */
  encode(entity: EntityBase, operation: WriteOperation): EncodedEntity {
    return this.transport.encode(operation, this.outgoing(entity, operation));
  }

  /** An entity checked for a write, as the write carries it; throws UsageError for one that cannot go. */
  private outgoing(entity: EntityBase, operation: WriteOperation): OutgoingEntity {
    this.check(entity, operation);
    return outgoingEntity(entity, operation, {
      updateNeedsRead: this.transport.capabilities.updateReplacesRecord,
      updateOnlyChanged: !this.transport.capabilities.updateReplacesRecord,
    });
  }

  /**
   * An update or delete goes by id and (SOAP) replaces the whole record: an object of another API
   * version's or module's class would clear the fields its class lacks, and one read through
   * another connection (another tenant's, say) holds another record's values under that id. So
   * only this connection's objects are written: of its API's class, and bound to it or to none.
   */
  private checkOwn(entity: EntityBase, operation: WriteOperation): void {
    const name = entity.entityName;
    const cls: unknown = this.api.entityClasses[name];
    if (typeof cls === 'function' && !(entity instanceof cls)) {
      throw new UsageError(
        `${operation}: this ${name} is not an entity of this connection's API (${this.api.metadata.apiVersion}): it was made by another API version or generated module, whose fields differ; read it through this connection (at.query or at.fetchByIds) and ${operation} that`,
      );
    }
    const bound = bindingOf(entity);
    if (bound !== undefined && bound !== this.binding) {
      throw new UsageError(
        `${operation}: this ${entity.entityName} belongs to another connection (entities carry the binding of the connection that read or made them; it may be another tenant's record); read it through this connection and ${operation} that`,
      );
    }
  }

  private check(entity: EntityBase, operation: WriteOperation): void {
    if (entity === null || typeof entity !== 'object' || typeof (entity as { entityMeta?: unknown }).entityMeta !== 'object') {
      throw new UsageError(
        `${operation}: expected an entity object (at.new('Ticket') or a query result), got ${entity === null ? 'null' : typeof entity}`,
      );
    }
    const meta = this.api.metadata.entities[entity.entityName];
    if (meta === undefined) throw new UsageError(`${operation}: API ${this.api.metadata.apiVersion} has no entity type ${entity.entityName}`);
    if (operation !== 'create') this.checkOwn(entity, operation);
    const allowed = operation === 'create' ? meta.canCreate : operation === 'update' ? meta.canUpdate : meta.canDelete;
    if (!allowed)
      throw new UsageError(`${operation}: ${entity.entityName} cannot be ${operation === 'create' ? 'created' : `${operation}d`} through the API`);
    if (operation === 'create') {
      const missing = missingRequiredFields(entity);
      if (missing.length > 0) throw new UsageError(requiredFieldsMessage(entity.entityName, missing, 'create'));
    }
  }
}

/**
 * The packet with the entities whose create answer gave an id an earlier packet of the action was
 * given moved from succeeded to unknown (they may have been created, but not as that record).
 */
function withoutIdsGivenBefore<T extends EntityBase>(written: WrittenPacket<T>, given: Set<number>): WrittenPacket<T> {
  const again = new Set<number>();
  written.answers.forEach((answer, i) => {
    const id = (answer as { id?: unknown }).id;
    if (typeof id !== 'number') return;
    if (given.has(id)) again.add(i);
    else given.add(id);
  });
  if (again.size === 0) return written;
  const keep = (_: unknown, i: number): boolean => !again.has(i);
  const doubted = written.succeeded.filter((_, i) => again.has(i));
  const why = [...again].map((i) => {
    const id = String((written.answers[i] as { id?: unknown }).id);
    return `create ${(written.succeeded[i] as T).entityName}: the answer gave id ${id}, which an earlier create of the action was given, so whether it was created (and as which) is unknown`;
  });
  return {
    ...written,
    succeeded: written.succeeded.filter(keep),
    answers: written.answers.filter(keep),
    unknown: [...written.unknown, ...doubted],
    messages: [...written.messages, ...why],
  };
}
