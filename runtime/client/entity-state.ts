/**
 * What an object holds (fields, UDFs, fields to clear, unknown fields), taken when a write encodes
 * it and compared when its answer came: it tells whether the caller changed the object while the
 * write was in flight. Kept as flat arrays of primitives rather than one JSON text: a write of 200
 * entities took and compared 400 such texts, and building them was a good part of its CPU.
 *
 * Values compare as their JSON texts did: a Date by its time, and `undefined`, `null`, `NaN` and
 * the infinities alike (JSON writes each as null), `-0` as `0`.
 */
import type { EntityBase } from '../entity/entity-base.js';
import { fieldNamesOf } from './field-names.js';

/** A snapshot of an object; opaque outside this file. */
export interface EntityState {
  readonly values: readonly unknown[];
  readonly udfs: readonly unknown[];
  readonly cleared: readonly string[];
  readonly unknown: readonly unknown[];
}

/** A value as its JSON text tells it apart (see the file comment). */
function comparable(value: unknown): unknown {
  if (value instanceof Date) value = value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  return value === undefined ? null : value;
}

function flatPairs(map: ReadonlyMap<string, unknown>): unknown[] {
  const out: unknown[] = [];
  for (const [name, value] of map) out.push(name, comparable(value));
  return out;
}

/** What `entity` holds now. The id is left out: a create's answer sets it before the read-back. */
export function takeState(entity: EntityBase): EntityState {
  const source = entity as unknown as Record<string, unknown>;
  const names = fieldNamesOf(entity.entityMeta);
  const values = new Array<unknown>(names.length);
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    values[i] = name === 'id' ? null : comparable(source[name]);
  }
  return { values, udfs: flatPairs(entity.udfs()), cleared: [...entity.clearedFields()], unknown: flatPairs(entity.unknownFields()) };
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether `entity` holds what `state` was taken of (in the same order, for UDFs and the rest). */
export function holdsState(entity: EntityBase, state: EntityState): boolean {
  const source = entity as unknown as Record<string, unknown>;
  const names = fieldNamesOf(entity.entityMeta);
  if (names.length !== state.values.length) return false;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (name !== 'id' && comparable(source[name]) !== state.values[i]) return false;
  }
  return (
    sameList(flatPairs(entity.udfs()), state.udfs) &&
    sameList([...entity.clearedFields()], state.cleared) &&
    sameList(flatPairs(entity.unknownFields()), state.unknown)
  );
}
