/**
 * Objects hold what was stored: after a create or update the API confirmed, the objects take their
 * id from the answer (the one field it is documented as reliable for) and, with `readBack`,
 * everything else from one query by id per entity type of the packet.
 */
import type { EntityBase } from '../entity/entity-base.js';
import { copyEntityInto, takeCreatedId } from './entity-codec.js';

/** Entities of a type by id (those found), as `at.fetchByIds` reads them. */
export type FetchByIds = (entityType: string, ids: readonly number[]) => Promise<readonly EntityBase[]>;

/**
 * Fills the saved objects. A read-back that fails leaves the write confirmed (it was saved); the
 * objects then hold what was sent, and the reason joins the messages.
 */
export async function fillSaved(
  operation: 'create' | 'update',
  saved: readonly EntityBase[],
  answers: readonly EntityBase[],
  readBack: boolean,
  messages: string[],
  fetchByIds: FetchByIds,
): Promise<void> {
  if (operation === 'create') saved.forEach((entity, i) => takeCreatedId(entity, answers[i] as EntityBase));
  if (!readBack || saved.length === 0) return;
  const byType = new Map<string, EntityBase[]>();
  for (const entity of saved) {
    if (!entity.entityMeta.canQuery) continue;
    const list = byType.get(entity.entityName) ?? [];
    list.push(entity);
    byType.set(entity.entityName, list);
  }
  for (const [name, entities] of byType) {
    const ids = entities.map((e) => (e as { id?: number }).id).filter((id): id is number => typeof id === 'number');
    try {
      const fresh = new Map<number, EntityBase>();
      for (const entity of await fetchByIds(name, ids)) fresh.set((entity as unknown as { id: number }).id, entity);
      for (const entity of entities) {
        const stored = fresh.get((entity as { id?: number }).id ?? Number.NaN);
        if (stored !== undefined) copyEntityInto(entity, stored);
      }
    } catch (error) {
      messages.push(`${operation} ${name}: saved, but reading it back failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
