/**
 * Objects hold what was stored: after a create or update the API confirmed, the objects take their
 * id from the answer (the one field it is documented as reliable for) and, with `readBack`,
 * everything else from one query by id per entity type of the packet.
 */
import type { EntityBase } from '../entity/entity-base.js';
import type { FieldValue } from '../protocol/metadata.js';
import { copyEntityInto, takeCreatedId } from './entity-codec.js';

/** Entities of a type by id (those found), as `at.fetchByIds` reads them. */
export type FetchByIds = (entityType: string, ids: readonly number[]) => Promise<readonly EntityBase[]>;

/**
 * Fills the saved objects. A read-back that fails leaves the write confirmed (it was saved); the
 * objects then hold what was sent, and the reason joins the messages.
 *
 * An object the caller changed while its write was in flight (`changedSince` says so) holds values
 * that were not sent: the read-back would overwrite them unseen. It keeps them (and takes only its
 * new id), and a message names it, so that the caller can send it again.
 */
export async function fillSaved(
  operation: 'create' | 'update',
  saved: readonly EntityBase[],
  answers: readonly EntityBase[],
  readBack: boolean,
  messages: string[],
  fetchByIds: FetchByIds,
  changedSince: (entity: EntityBase) => boolean = () => false,
  carried: (entity: EntityBase) => { readonly [field: string]: FieldValue } | undefined = () => undefined,
): Promise<Set<EntityBase>> {
  const doubted = new Set<EntityBase>();
  if (operation === 'create') saved.forEach((entity, i) => takeCreatedId(entity, answers[i] as EntityBase));
  if (!readBack || saved.length === 0) return doubted;
  const byType = new Map<string, EntityBase[]>();
  for (const entity of saved) {
    if (!entity.entityMeta.canQuery) continue;
    if (changedSince(entity)) {
      const id = (entity as { id?: number }).id;
      messages.push(
        `${operation} ${entity.entityName}${id === undefined ? '' : ` ${id}`}: saved, but the object was changed while the ${operation} was in flight; ` +
          `its newer values were not sent and are kept (not read back): send it to update again`,
      );
      continue;
    }
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
        if (stored === undefined) continue;
        const unlike = notStored(entity, carried(entity), stored);
        if (unlike !== undefined) {
          doubted.add(entity);
          messages.push(
            `${operation} ${name} ${String((entity as { id?: number }).id)}: the answer says saved, but reading it back shows ${unlike}; ` +
              'whether the update was applied is unknown (the object now holds what is stored)',
          );
        }
        copyEntityInto(entity, stored);
      }
    } catch (error) {
      messages.push(`${operation} ${name}: saved, but reading it back failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return doubted;
}

/**
 * The first field an update carried that the read-back does not hold, described; undefined when
 * every one is held. Dates are left out (a record may keep a date only, or whole seconds), and
 * numbers and decimal text compare as numbers, so that no storage form reads as a refusal.
 */
function notStored(entity: EntityBase, sent: { readonly [field: string]: FieldValue } | undefined, stored: EntityBase): string | undefined {
  if (sent === undefined) return undefined;
  const now = stored as unknown as Record<string, FieldValue | undefined>;
  // Run for every entity of every packet: the metadata looked up once, no entry arrays.
  const fields = entity.entityMeta.fields;
  for (const name of Object.keys(sent)) {
    const value = sent[name] as FieldValue;
    const type = fields[name]?.type;
    if (type === undefined || type === 'datetime') continue;
    const held = now[name];
    const same =
      typeof value === 'string' && type !== 'string'
        ? Number(value) === Number(held)
        : typeof value === 'number'
          ? Number(held) === value
          : held === value;
    if (!same) return `${name} as ${JSON.stringify(held) ?? 'empty'}, not the ${JSON.stringify(value)} sent`;
  }
  return undefined;
}
