/**
 * `update(Entities)`: as the update() page says, every field that is not read-only takes the value
 * sent, and one not sent (or sent empty) is cleared; read-only fields are ignored. UDFs not sent
 * keep their values (the UDF page). validateUpdate works out the whole new record.
 */
import { applyServerFields } from '../../tenant/server-fields.js';
import { RecordRejected, validateUpdate } from '../../tenant/validation.js';
import type { OperationHandler } from '../operation-context.js';
import { existingRecord, runBatch, staleAnswer } from './entity-batch.js';

export const update: OperationHandler = (ctx) =>
  runBatch(ctx, 'update', (meta, entity) => {
    if (!meta.canUpdate) throw new RecordRejected(`The ${meta.name} entity cannot be updated through the API.`);
    const { store, picklists } = ctx.tenant;
    const record = existingRecord(ctx, meta, entity);
    const changes = validateUpdate({ meta, store, picklists, udfs: ctx.tenant.udfsOf(meta.name) }, entity, record.values);
    const before = record.values;
    const values = { ...record.values };
    for (const [name, value] of changes.values) {
      if (value === null) delete values[name];
      else values[name] = value;
    }
    const computed = applyServerFields(meta, values, { creating: false, store, now: new Date(), actingResourceId: ctx.actingResourceId });
    const udfs = new Map(record.udfs ?? []);
    for (const [name, value] of changes.udfs) {
      if (value === null) udfs.delete(name);
      else udfs.set(name, value);
    }
    store.replace(meta.name, record, values, udfs);
    return { answer: staleAnswer(record, computed, before), info: { entityId: record.id, action: 'Updated', message: '' } };
  });
