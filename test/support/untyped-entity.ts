/**
 * An entity's get/set as the run time takes them, any name and any value: for tests of what the
 * run time does with names the types refuse (fields the generated metadata does not know, names a
 * hostile server sends, null on a required field), as a JavaScript caller could pass them.
 */
import type { EntityBase, FieldValue, UdfValue } from '../../runtime/index.js';

export interface UntypedEntity {
  get(name: string): FieldValue | UdfValue | undefined;
  set(name: string, value: unknown): UntypedEntity;
}

export function untyped(entity: EntityBase): UntypedEntity {
  return entity as unknown as UntypedEntity;
}
