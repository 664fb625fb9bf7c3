/**
 * `update(Entities)`: the fields sent replace the stored ones (null or an empty element clears a
 * field), fields not sent stay as they are, read-only fields are ignored.
 */
import { applyServerFields } from '../server-fields.js';
import { RecordRejected, validateUpdate } from '../validation.js';
import type { OperationHandler } from '../operation-context.js';
import { existingRecord, runBatch } from './entity-batch.js';

export const update: OperationHandler = (ctx) =>
  runBatch(ctx, 'update', (meta, entity) => {
    if (!meta.canUpdate) throw new RecordRejected(`The ${meta.name} entity cannot be updated through the API.`);
    const { store, picklists } = ctx.tenant;
    const record = existingRecord(ctx, meta, entity);
    const changes = validateUpdate({ meta, store, picklists, udfs: ctx.tenant.udfsOf(meta.name) }, entity, record.values);
    const values = { ...record.values };
    for (const [name, value] of changes.values) {
      if (value === null) delete values[name];
      else values[name] = value;
    }
    applyServerFields(meta, values, { creating: false, store, now: new Date(), actingResourceId: ctx.actingResourceId });
    const udfs = new Map(record.udfs ?? []);
    for (const [name, value] of changes.udfs) {
      if (value === null) udfs.delete(name);
      else udfs.set(name, value);
    }
    record.values = values;
    record.udfs = udfs;
    store.save(meta.name, record);
    return { record, info: { entityId: record.id, action: 'Updated', message: '' } };
  });
