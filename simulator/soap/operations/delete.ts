/** `delete(Entities)`: removes each entity named by id, where the entity type allows it. */
import { RecordRejected } from '../../tenant/validation.js';
import type { OperationHandler } from '../operation-context.js';
import { existingRecord, runBatch } from './entity-batch.js';

export const deleteOperation: OperationHandler = (ctx) =>
  runBatch(ctx, 'delete', (meta, entity) => {
    if (!meta.canDelete) throw new RecordRejected(`The ${meta.name} entity cannot be deleted through the API.`);
    const record = existingRecord(ctx, meta, entity);
    ctx.tenant.store.remove(meta.name, record.id);
    return { answer: record, info: { entityId: record.id, action: 'None', message: 'Deleted' } };
  });
