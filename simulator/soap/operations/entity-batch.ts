/**
 * The shared frame of create/update/delete: at most 200 entities, and one call is one transaction
 * ("Batching of SOAP API calls": if any entity causes an error, none of the set is saved). Every
 * entity is still checked, so that the answer names each bad one: a reason message followed by a
 * record-number message, the pair the real API sends and real clients read (see README
 * "Decisions: writes").
 */
import { MAX_ENTITIES_PER_WRITE } from 'atws/protocol';
import type { EntityMeta } from 'atws/protocol';
import { readEntities, type IncomingEntity } from '../entity-reader.js';
import { atwsResponse, type ReturnInfo } from '../response-xml.js';
import { entityXml, findEntity, type OperationContext } from '../operation-context.js';
import { RecordRejected } from '../../tenant/validation.js';
import type { StoredEntity } from '../../tenant/store.js';

export type BatchVerb = 'create' | 'update' | 'delete';

export interface BatchOutcome {
  /** What the answer shows for the entity: for create/update, its computed fields may be stale. */
  readonly answer: StoredEntity;
  readonly info: ReturnInfo;
}

const GERUND: Record<BatchVerb, string> = { create: 'creating', update: 'updating', delete: 'deleting' };

/** The second message of a refused entity's pair, e.g. `Error updating entity for record number [2].` */
export function recordNumberMessage(verb: BatchVerb, recordNumber: number): string {
  return `Error ${GERUND[verb]} entity for record number [${recordNumber}].`;
}

/** Thrown inside the transaction so that it rolls back; carries the answer's messages. */
class CallRefused extends Error {
  constructor(readonly messages: readonly string[]) {
    super('call refused');
  }
}

export function runBatch(
  ctx: OperationContext,
  verb: BatchVerb,
  each: (meta: EntityMeta, entity: IncomingEntity) => BatchOutcome,
): string {
  const incoming = readEntities(ctx.request);
  if (incoming.length > MAX_ENTITIES_PER_WRITE) {
    return atwsResponse({
      returnCode: -1,
      errors: [`Too many entities: ${incoming.length} were sent to ${verb}; at most ${MAX_ENTITIES_PER_WRITE} are allowed per call.`],
    });
  }
  const entities: string[] = [];
  const infos: ReturnInfo[] = [];
  let entityType: string | undefined;
  try {
    ctx.tenant.store.atomic(() => {
      const errors: string[] = [];
      incoming.forEach((entity, index) => {
        try {
          if (entity.type === undefined) throw new RecordRejected('The entity has no xsi:type naming its entity type.');
          const meta = findEntity(ctx, entity.type);
          if (!meta) throw new RecordRejected(`Unable to find the entity type "${entity.type}".`);
          entityType ??= meta.name;
          const outcome = each(meta, entity);
          entities.push(entityXml(ctx, meta, outcome.answer));
          infos.push(outcome.info);
        } catch (error) {
          if (!(error instanceof RecordRejected)) throw error;
          errors.push(error.message, recordNumberMessage(verb, index + 1));
        }
      });
      if (errors.length > 0) throw new CallRefused(errors);
    });
  } catch (error) {
    if (!(error instanceof CallRefused)) throw error;
    return atwsResponse({ returnCode: -1, ...(entityType === undefined ? {} : { entityType }), errors: error.messages });
  }
  return atwsResponse({
    returnCode: 1,
    entities,
    ...(entityType === undefined ? {} : { entityType }),
    returnInfos: infos,
  });
}

/** The id an update or delete names; refuses a missing or unknown one. */
export function existingRecord(ctx: OperationContext, meta: EntityMeta, entity: IncomingEntity): StoredEntity {
  const id = entity.idText === undefined ? NaN : Number(entity.idText);
  if (!Number.isInteger(id)) throw new RecordRejected(`The ${meta.name} entity has no valid id ("${entity.idText ?? ''}").`);
  const record = ctx.tenant.store.get(meta.name, id);
  if (!record) throw new RecordRejected(`${meta.name} ${id} does not exist.`);
  return record;
}

/**
 * The entity as create()/update() answer it: what was stored, except the fields the server
 * computes, which hold what they held before the call (nothing, on create). The create() and
 * update() pages say to rely on that answer for the id only and to query for the rest; this makes
 * a client that trusts the rest visibly wrong.
 */
export function staleAnswer(stored: StoredEntity, computed: readonly string[], before: StoredEntity['values'] | undefined): StoredEntity {
  const values = { ...stored.values };
  for (const name of computed) {
    const previous = before?.[name];
    if (previous === undefined) delete values[name];
    else values[name] = previous;
  }
  return { id: stored.id, values, udfs: stored.udfs };
}
