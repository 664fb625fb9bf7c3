/** `create(Entities)`: validates each entity and stores it under a new id; answers it with stale computed fields. */
import type { FieldValue } from 'atws/protocol';
import { applyServerFields } from '../../tenant/server-fields.js';
import { RecordRejected, validateCreate } from '../../tenant/validation.js';
import type { OperationHandler } from '../operation-context.js';
import { runBatch, staleAnswer } from './entity-batch.js';

export const create: OperationHandler = (ctx) =>
  runBatch(ctx, 'create', (meta, entity) => {
    if (!meta.canCreate) throw new RecordRejected(`The ${meta.name} entity cannot be created through the API.`);
    const { store, picklists } = ctx.tenant;
    const changes = validateCreate({ meta, store, picklists, udfs: ctx.tenant.udfsOf(meta.name) }, entity);
    const values: Record<string, FieldValue> = {};
    for (const [name, value] of changes.values) if (value !== null) values[name] = value;
    const computed = applyServerFields(meta, values, { creating: true, store, now: new Date(), actingResourceId: ctx.actingResourceId });
    const udfs = new Map<string, string>();
    for (const [name, value] of changes.udfs) if (value !== null) udfs.set(name, value);
    const record = store.insert(meta.name, values, udfs);
    return { answer: staleAnswer(record, computed, undefined), info: { entityId: record.id, action: 'Created', message: '' } };
  });
