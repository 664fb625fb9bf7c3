/**
 * The shared frame of create/update/delete: at most 200 entities, each one checked on its own so
 * that one bad entity fails with its `record number [N]` while the others of the call succeed.
 */
import type { EntityMeta } from '../../metadata.js';
import { readEntities, type IncomingEntity } from '../entity-reader.js';
import { atwsResponse, type ReturnInfo } from '../response-xml.js';
import { entityXml, findEntity, type OperationContext } from '../operation-context.js';
import { RecordRejected } from '../validation.js';
import type { StoredEntity } from '../store.js';

/** ATWS takes at most this many entities per create/update/delete call. */
export const MAX_BATCH = 200;

export interface BatchOutcome {
  readonly record: StoredEntity;
  readonly info: ReturnInfo;
}

export function runBatch(
  ctx: OperationContext,
  verb: 'create' | 'update' | 'delete',
  each: (meta: EntityMeta, entity: IncomingEntity) => BatchOutcome,
): string {
  const incoming = readEntities(ctx.request);
  if (incoming.length > MAX_BATCH) {
    return atwsResponse({
      returnCode: -1,
      errors: [`Too many entities: ${incoming.length} were sent to ${verb}; at most ${MAX_BATCH} are allowed per call.`],
    });
  }
  const entities: string[] = [];
  const infos: ReturnInfo[] = [];
  const errors: string[] = [];
  let entityType: string | undefined;
  ctx.tenant.store.transaction(() => {
    incoming.forEach((entity, index) => {
      try {
        if (entity.type === undefined) throw new RecordRejected('The entity has no xsi:type naming its entity type.');
        const meta = findEntity(ctx, entity.type);
        if (!meta) throw new RecordRejected(`Unable to find the entity type "${entity.type}".`);
        entityType ??= meta.name;
        const outcome = each(meta, entity);
        entities.push(entityXml(ctx, meta, outcome.record));
        infos.push(outcome.info);
      } catch (error) {
        if (!(error instanceof RecordRejected)) throw error;
        errors.push(`${error.message} (record number [${index + 1}])`);
      }
    });
  });
  return atwsResponse({
    returnCode: errors.length === 0 ? 1 : -1,
    entities,
    ...(entityType === undefined ? {} : { entityType }),
    errors,
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
