/**
 * What the API checks on create and update, from the metadata: known fields, types, string
 * lengths, required fields, picklist values that exist and are active (a child picklist's value
 * under its parent's), references to entities that exist, and UDF names and list values.
 * Read-only fields sent in are ignored, as the API does, except that a field both required and
 * read-only (Contact.AccountID) is set once, on create: it cannot change afterwards.
 */
import type { EntityMeta, FieldMeta, FieldValue } from 'atws/protocol';
import { decimalText } from './decimal-text.js';
import { findField } from './entity-lookup.js';
import type { IncomingEntity } from './incoming-entity.js';
import type { PicklistCatalog } from './picklists.js';
import type { UdfDefinition } from './picklist-types.js';
import type { EntityStore } from './store.js';
import { ticketAssignmentProblem } from './ticket-assignment.js';
import { foldCase } from './text-match.js';
import type { WireReading } from './wire-reading.js';

/**
 * Kinds of refusal a front may word apart: `required-field` (a required field without a value;
 * production answers it in one message with the record number), `no-matching-record` (an update
 * of an id the caller cannot see; production answers it without one).
 */
export type RefusalKind = 'required-field' | 'no-matching-record';

/** One entity the API refuses; the operation adds its `record number [N]`. */
export class RecordRejected extends Error {
  override readonly name = 'RecordRejected';
  constructor(
    message: string,
    /** What kind of refusal, when a front words it apart; undefined for the rest. */
    readonly kind?: RefusalKind,
  ) {
    super(message);
  }
}

/** The API's reason for a required field without a value (as production answers it). */
export function missingRequiredField(field: string): RecordRejected {
  return new RecordRejected(`Value does not exist for the required field ${field}.`, 'required-field');
}

export interface ValidationContext {
  readonly meta: EntityMeta;
  readonly store: EntityStore;
  readonly picklists: PicklistCatalog;
  readonly udfs: readonly UdfDefinition[];
  /** How the caller's wire text reads (for values that came as text). */
  readonly reading: WireReading;
}

export interface ValidChanges {
  /** Field -> new value; null clears the field. */
  readonly values: Map<string, FieldValue | null>;
  readonly udfs: Map<string, string | null>;
}

/** Per entity type, its fields in metadata order and the required ones a client may set, listed once. */
interface FieldLists {
  readonly all: readonly FieldMeta[];
  readonly requiredOnCreate: readonly FieldMeta[];
  readonly requiredOnUpdate: readonly FieldMeta[];
}
const fieldLists = new WeakMap<EntityMeta, FieldLists>();

function listsOf(meta: EntityMeta): FieldLists {
  let lists = fieldLists.get(meta);
  if (lists === undefined) {
    const all = Object.values(meta.fields);
    lists = {
      all,
      requiredOnCreate: all.filter((f) => f.required && settable(f, true)),
      requiredOnUpdate: all.filter((f) => f.required && settable(f, false)),
    };
    fieldLists.set(meta, lists);
  }
  return lists;
}

function invalidValue(meta: EntityMeta, field: FieldMeta, shown: string): RecordRejected {
  return new RecordRejected(`Invalid value "${shown}" for the ${field.type} field ${field.name} of the ${meta.name} entity.`);
}

/** Reads a value a front sent: text of a non-string field through the front's reading, else the typed value checked against the field's type. */
function decode(ctx: ValidationContext, field: FieldMeta, value: FieldValue | null): FieldValue | null {
  const { meta, reading } = ctx;
  if (value === null) return null;
  if (typeof value === 'string') {
    if (field.type === 'string') return value;
    if (value.trim() === '') return null;
    if (field.type === 'datetime') {
      // Time and date page: a local time skipped by the spring-forward change is an error, not the hour after.
      const invalid = reading.dates.invalidTime(value);
      if (invalid !== undefined) throw new RecordRejected(`${invalid} Field ${field.name} of the ${meta.name} entity.`);
    }
    try {
      return reading.fieldValue(field.type, value.trim());
    } catch {
      throw invalidValue(meta, field, value);
    }
  }
  return typedValue(meta, field, value);
}

/** A typed value of the field's type (a decimal may come as a number: it is kept as its exact text). */
function typedValue(meta: EntityMeta, field: FieldMeta, value: number | boolean | Date): FieldValue {
  const shown = value instanceof Date ? (Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()) : String(value);
  switch (field.type) {
    case 'integer':
    case 'long':
    case 'short':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
      break;
    case 'double':
    case 'float':
      if (typeof value === 'number') return value;
      break;
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return decimalText(value);
      break;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      break;
    case 'datetime':
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
      break;
    case 'string':
      break;
  }
  throw invalidValue(meta, field, shown);
}

/** Whether a client may set the field: writable fields always, required read-only ones on create. */
function settable(field: FieldMeta, creating: boolean): boolean {
  return field.name !== 'id' && (!field.readOnly || (creating && field.required));
}

/** Decodes and checks the fields an incoming entity sets (read-only ones dropped). */
function readChanges(ctx: ValidationContext, incoming: IncomingEntity, creating: boolean): ValidChanges {
  const { meta } = ctx;
  const values = new Map<string, FieldValue | null>();
  for (const [name, sent] of incoming.fields) {
    const field = findField(meta, name);
    if (!field) throw new RecordRejected(`The field ${name} does not exist on the ${meta.name} entity.`);
    if (!settable(field, creating)) continue;
    const value = decode(ctx, field, sent);
    if (typeof value === 'string' && field.type === 'string' && field.length > 0 && value.length > field.length) {
      throw new RecordRejected(`The value of ${meta.name}.${field.name} is ${value.length} characters long; its maximum length is ${field.length}.`);
    }
    values.set(field.name, value);
  }
  const udfs = new Map<string, string | null>();
  for (const [name, value] of incoming.udfs) {
    const udf = ctx.udfs.find((u) => foldCase(u.name) === foldCase(name));
    if (!udf) throw new RecordRejected(`The user-defined field "${name}" does not exist on the ${meta.name} entity.`);
    if (value !== null && value.length > udf.length) {
      throw new RecordRejected(`The value of user-defined field "${udf.name}" is longer than its maximum length of ${udf.length}.`);
    }
    if (value !== null && udf.picklistValues && !udf.picklistValues.some((v) => v.isActive && v.value === value)) {
      throw new RecordRejected(
        `"${value}" is not a valid value of the user-defined list field "${udf.name}"; valid values: ` +
          udf.picklistValues
            .filter((v) => v.isActive)
            .map((v) => `${v.value} (${v.label})`)
            .join(', ') +
          '.',
      );
    }
    udfs.set(udf.name, value);
  }
  return { values, udfs };
}

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

/**
 * Checks the changed fields against the merged record: picklists, parent picklists, references.
 * A field sent back with the value it holds is not a change: an update that sends back a whole
 * record read before (as update() requires) is not refused for a value that has since become
 * inactive, nor for a reference whose target was since removed.
 */
function checkValues(
  ctx: ValidationContext,
  changes: ValidChanges,
  merged: (name: string) => FieldValue | undefined,
  current: Readonly<Record<string, FieldValue>> = {},
): void {
  const { meta } = ctx;
  const changedField = (name: string): boolean => changes.values.has(name) && !sameValue(changes.values.get(name) ?? undefined, current[name]);
  for (const field of listsOf(meta).all) {
    const changed = changedField(field.name) || (field.picklistParent !== undefined && changedField(field.picklistParent));
    if (!changed) continue;
    const value = merged(field.name);
    if (value === undefined) continue;
    if (field.picklist) {
      const entry = ctx.picklists.valuesOf(meta, field).find((v) => v.value === String(value));
      if (!entry) throw new RecordRejected(`${String(value)} is not a value of the picklist ${meta.name}.${field.name}.`);
      if (!entry.isActive) throw new RecordRejected(`The value ${String(value)} (${entry.label}) of ${meta.name}.${field.name} is inactive.`);
      if (field.picklistParent !== undefined) {
        const parent = merged(field.picklistParent);
        if (parent === undefined || String(parent) !== entry.parentValue) {
          throw new RecordRejected(
            `The value ${String(value)} (${entry.label}) of ${meta.name}.${field.name} does not belong under ` +
              `${field.picklistParent} ${parent === undefined ? '(none)' : String(parent)}.`,
          );
        }
      }
    }
    if (field.reference !== undefined && typeof value === 'number' && !ctx.store.has(field.reference, value)) {
      throw new RecordRejected(`${meta.name}.${field.name} refers to ${field.reference} ${value}, which does not exist.`);
    }
  }
}

/** Refuses the first required field (in metadata order) without a value: production names one field a message. */
function checkRequired(meta: EntityMeta, merged: (name: string) => FieldValue | undefined, creating: boolean): void {
  const lists = listsOf(meta);
  const missing = (creating ? lists.requiredOnCreate : lists.requiredOnUpdate).find((f) => {
    const v = merged(f.name);
    return v === undefined || (typeof v === 'string' && f.type === 'string' && v.trim() === '');
  });
  if (missing !== undefined) throw missingRequiredField(missing.name);
}

/**
 * Entity types whose required UDFs the API requires too: "UDF fields required in the UI are not
 * required for the API, with the exception of Site Configuration UDFs (associated with the
 * AccountLocation entity)" (UDF page).
 */
const API_REQUIRED_UDFS = new Set(['AccountLocation']);

const noUdfValue = (value: string | null | undefined): boolean => value === null || value === undefined || value.trim() === '';

/**
 * The UDF page's rules for required UDFs: on create, one given no value takes its default when it
 * has one (else it stays empty); on update, one that holds a value cannot be cleared; and a Site
 * Configuration UDF must end up with a value. UDFs not sent on update keep their values.
 */
function applyRequiredUdfs(ctx: ValidationContext, changes: ValidChanges, current: ReadonlyMap<string, string> | undefined, creating: boolean): void {
  for (const udf of ctx.udfs) {
    if (!udf.required) continue;
    const sent = changes.udfs.has(udf.name);
    if (creating && noUdfValue(changes.udfs.get(udf.name)) && udf.defaultValue !== undefined) changes.udfs.set(udf.name, udf.defaultValue);
    if (!creating && sent && noUdfValue(changes.udfs.get(udf.name)) && !noUdfValue(current?.get(udf.name))) throw missingRequiredField(udf.name);
    const final = changes.udfs.has(udf.name) ? changes.udfs.get(udf.name) : current?.get(udf.name);
    if (API_REQUIRED_UDFS.has(ctx.meta.name) && noUdfValue(final)) throw missingRequiredField(udf.name);
  }
}

/** Rules of one entity type beyond its metadata, checked when a field they read changes. */
function checkEntityRules(
  ctx: ValidationContext,
  changes: ValidChanges,
  merged: (name: string) => FieldValue | undefined,
  current: Readonly<Record<string, FieldValue>> = {},
): void {
  if (ctx.meta.name !== 'Ticket') return;
  const changed = ['AssignedResourceID', 'AssignedResourceRoleID'].some(
    (name) => changes.values.has(name) && !sameValue(changes.values.get(name) ?? undefined, current[name]),
  );
  const problem = changed ? ticketAssignmentProblem(ctx.store, merged) : undefined;
  if (problem !== undefined) throw new RecordRejected(problem);
}

/** Validates a create; returns the changes to store. */
export function validateCreate(ctx: ValidationContext, incoming: IncomingEntity): ValidChanges {
  const changes = readChanges(ctx, incoming, true);
  const merged = (name: string): FieldValue | undefined => changes.values.get(name) ?? undefined;
  checkRequired(ctx.meta, merged, true);
  applyRequiredUdfs(ctx, changes, undefined, true);
  checkValues(ctx, changes, merged);
  checkEntityRules(ctx, changes, merged);
  return changes;
}

/**
 * Validates an update of `current` (whose UDFs are `currentUdfs`). As the update() page says,
 * every field that is not read-only is updated: one the entity does not carry is cleared (null in
 * the changes), so a required one left out is missing. Read-only fields keep what they hold.
 */
export function validateUpdate(
  ctx: ValidationContext,
  incoming: IncomingEntity,
  current: Readonly<Record<string, FieldValue>>,
  currentUdfs?: ReadonlyMap<string, string>,
): ValidChanges {
  const changes = readChanges(ctx, incoming, false);
  for (const field of listsOf(ctx.meta).all) {
    if (settable(field, false) && !changes.values.has(field.name)) changes.values.set(field.name, null);
  }
  const merged = (name: string): FieldValue | undefined => (changes.values.has(name) ? (changes.values.get(name) ?? undefined) : current[name]);
  checkRequired(ctx.meta, merged, false);
  applyRequiredUdfs(ctx, changes, currentUdfs, false);
  checkValues(ctx, changes, merged, current);
  checkEntityRules(ctx, changes, merged, current);
  return changes;
}
