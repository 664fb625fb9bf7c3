/**
 * The Python wrapper's (python-atws) picklist cache: `tp.Status.Complete === 5`, `tp.Status.reverseLookup(5)`, and child
 * picklists keyed by the parent's label, `tp.SubIssueType['Hardware Failure']['Mouse']`. Labels
 * are looked up through proxies that throw `PicklistLabelError` (listing the valid labels) on a
 * label the tenant does not have, so a typo never silently becomes `undefined`.
 */
import { UsageError } from '../protocol/errors.js';
import { PicklistLabelError } from './picklist-label-error.js';
import type { EntityMeta } from '../protocol/metadata.js';
import type { FieldInfo, PicklistValueInfo } from './transport/info-records.js';
import { closestName } from './did-you-mean.js';
import type { AnyChildPicklistValue, AnyPicklistValue, EntityBase } from '../entity/entity-base.js';
import type { ChildLabels, ChildPicklist, EntityPicklistsBase, Picklist, PicklistEntryValue, PicklistMethods } from '../entity/picklist-types.js';

/** A picklist value: a number, except on the few string fields with picklists (AttachmentInfo.Type). */
export type PicklistValue = PicklistEntryValue;

type LabelsOf<L, K> = K extends keyof L ? (L[K] extends string ? L[K] : string) : string;
type ChildLabelsOf<L, K> = K extends keyof L ? (L[K] extends ChildLabels ? L[K] : ChildLabels) : ChildLabels;
/** The picklist fields of an entity class: those whose values are a picklist's (`PicklistValue<...>`). */
type PicklistFieldOf<T> = {
  [K in Exclude<keyof T, keyof EntityBase>]-?: Exclude<T[K], undefined> extends AnyPicklistValue ? K : never;
}[Exclude<keyof T, keyof EntityBase>];

/**
 * The picklists of one entity, typed by its generated class `T` (each picklist field's own value
 * type); `L` (field -> labels, or parent label -> child labels) comes from a module generated from a
 * tenant's live pull.
 */
export type EntityPicklists<T, L = unknown> = {
  readonly [K in PicklistFieldOf<T>]: Exclude<T[K], undefined> extends AnyChildPicklistValue
    ? ChildPicklist<Extract<T[K], PicklistEntryValue>, ChildLabelsOf<L, K>>
    : Picklist<Extract<T[K], PicklistEntryValue>, LabelsOf<L, K>>;
} & EntityPicklistsBase;

export interface PicklistOptions {
  /** Keep values marked inactive (left out by default). */
  readonly includeInactive?: boolean | undefined;
}

const METHODS = new Set(['get', 'reverseLookup', 'entries', 'toJSON']);
const NUMERIC_TYPES = new Set(['integer', 'long', 'short', 'double', 'float', 'decimal']);

/** A picklist value in memory: numbers for numeric fields, the text otherwise. */
function valueOf(info: FieldInfo, text: string): PicklistValue {
  return NUMERIC_TYPES.has(info.Type.toLowerCase()) ? Number(text) : text;
}

function picklistProxy<V>(
  entity: string,
  field: string,
  items: ReadonlyMap<string, V>,
  reverse: (value: PicklistValue) => string | undefined,
  entries: () => Array<[string, PicklistValue]>,
): unknown {
  const target: Record<string, V> = Object.create(null) as Record<string, V>;
  for (const [label, value] of items) target[label] = value;
  const lookup = (label: string): V => {
    if (items.has(label)) return items.get(label) as V;
    throw new PicklistLabelError(entity, field, String(label), [...items.keys()]);
  };
  const methods: PicklistMethods<PicklistValue, V> = {
    get: lookup,
    reverseLookup: (value) => reverse(value),
    entries,
    toJSON: () => Object.fromEntries(entries()),
  };
  // String(picklist), `${picklist}` and '' + picklist ask for these: a description, never a label lookup.
  const describe = (): string => `[Picklist ${entity}.${field}: ${[...items.keys()].map((l) => JSON.stringify(l)).join(', ')}]`;
  const conversions: Record<string, unknown> = { toString: describe, toLocaleString: describe, valueOf: (): unknown => self };
  const self: unknown = new Proxy(target, {
    get(t, prop) {
      if (prop === Symbol.toPrimitive) return describe;
      if (typeof prop === 'symbol') return Reflect.get(t, prop);
      if (METHODS.has(prop)) return methods[prop as keyof PicklistMethods<PicklistValue, V>];
      if (Object.hasOwn(conversions, prop) && !items.has(prop)) return conversions[prop];
      if (items.has(prop)) return items.get(prop);
      // Promise resolution and console.log probe these; they are not labels.
      if (prop === 'then' || prop === 'inspect' || prop === 'constructor') return undefined;
      return lookup(prop);
    },
    set() {
      throw new UsageError(`Picklist ${entity}.${field} is read-only`);
    },
  });
  return self;
}

function activeValues(info: FieldInfo, includeInactive: boolean): PicklistValueInfo[] {
  return info.PicklistValues.filter((v) => includeInactive || v.IsActive);
}

type AnyPicklist = Picklist<PicklistValue> | ChildPicklist<PicklistValue>;

function buildPicklist(entity: string, info: FieldInfo, includeInactive: boolean): Picklist<PicklistValue> {
  const labels = new Map<string, PicklistValue>();
  const byValue = new Map<PicklistValue, string>();
  for (const v of activeValues(info, includeInactive)) {
    const value = valueOf(info, v.Value);
    if (!labels.has(v.Label)) labels.set(v.Label, value);
    if (!byValue.has(value)) byValue.set(value, v.Label);
  }
  return picklistProxy(
    entity,
    info.Name,
    labels,
    (value) => byValue.get(value),
    () => [...labels],
  ) as Picklist<PicklistValue>;
}

function buildChildPicklist(entity: string, info: FieldInfo, parent: FieldInfo | undefined, includeInactive: boolean): ChildPicklist<PicklistValue> {
  const children = activeValues(info, includeInactive);
  const byValue = new Map<PicklistValue, string>();
  for (const v of children) if (!byValue.has(valueOf(info, v.Value))) byValue.set(valueOf(info, v.Value), v.Label);
  const groups = new Map<string, Picklist<PicklistValue>>();
  for (const p of parent === undefined ? [] : activeValues(parent, includeInactive)) {
    const own = children.filter((c) => c.parentValue === p.Value);
    const labels = new Map<string, PicklistValue>(own.map((c) => [c.Label, valueOf(info, c.Value)]));
    const reverse = new Map<PicklistValue, string>(own.map((c) => [valueOf(info, c.Value), c.Label]));
    if (!groups.has(p.Label)) {
      const name = `${info.Name}[${JSON.stringify(p.Label)}]`;
      groups.set(
        p.Label,
        picklistProxy(
          entity,
          name,
          labels,
          (value) => reverse.get(value),
          () => [...labels],
        ) as Picklist<PicklistValue>,
      );
    }
  }
  const entries = (): Array<[string, PicklistValue]> => children.map((c) => [c.Label, valueOf(info, c.Value)]);
  return picklistProxy(entity, info.Name, groups, (value) => byValue.get(value), entries) as ChildPicklist<PicklistValue>;
}

/**
 * The picklists of an entity, made from its `GetFieldInfo` answer; `reload` is asked again on `refresh()`.
 */
export async function makeEntityPicklists(
  meta: EntityMeta | undefined,
  entity: string,
  loadFieldInfo: (fresh: boolean) => Promise<readonly FieldInfo[]>,
  options: PicklistOptions,
): Promise<unknown> {
  const includeInactive = options.includeInactive === true;
  let fields = new Map<string, AnyPicklist>();
  const build = (infos: readonly FieldInfo[]): void => {
    const byName = new Map(infos.map((f) => [f.Name, f]));
    const next = new Map<string, AnyPicklist>();
    for (const info of infos) {
      if (!info.IsPickList) continue;
      const parentName = info.PicklistParentValueField ?? meta?.fields[info.Name]?.picklistParent;
      next.set(
        info.Name,
        parentName === undefined
          ? buildPicklist(entity, info, includeInactive)
          : buildChildPicklist(entity, info, byName.get(parentName), includeInactive),
      );
    }
    fields = next;
  };
  build(await loadFieldInfo(false));
  const refresh = async (): Promise<void> => build(await loadFieldInfo(true));
  const describe = (): string => `[Picklists of ${entity}: ${[...fields.keys()].join(', ')}]`;
  return new Proxy(Object.create(null) as object, {
    get(_t, prop) {
      if (prop === 'refresh') return refresh;
      // String(picklists) and `${picklists}`: a description, not a field lookup.
      if (prop === Symbol.toPrimitive || ((prop === 'toString' || prop === 'toLocaleString') && !fields.has(prop))) return describe;
      // Promise resolution, console.log and JSON.stringify probe these; no picklist field is so named.
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'inspect' || prop === 'constructor' || prop === 'toJSON') return undefined;
      const picklist = fields.get(prop);
      if (picklist === undefined) {
        const close = closestName(prop, fields.keys());
        throw new UsageError(
          `${entity} has no picklist field "${prop}"${close === undefined ? '' : ` (did you mean ${close}?)`}; its picklists: ${[...fields.keys()].join(', ') || '(none)'}`,
        );
      }
      return picklist;
    },
    has: (_t, prop) => typeof prop === 'string' && fields.has(prop),
    ownKeys: () => [...fields.keys()],
    getOwnPropertyDescriptor: (_t, prop) =>
      typeof prop === 'string' && fields.has(prop) ? { configurable: true, enumerable: true, value: fields.get(prop), writable: false } : undefined,
  });
}
