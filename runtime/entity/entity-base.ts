/**
 * The base class of every generated entity class (`generated/v1_x/entities/*.ts`).
 *
 * Field values live as plain own properties named as the API names them (`ticket.Status`), so the
 * generated classes only declare them. What the base adds: index access with python-atws's UDF
 * fallback (`get`/`set`), user-defined fields, python-atws's JSON attribute store, `toJSON`, and CRUD
 * through the connection the object is bound to. `create`/`update`/`delete` carry a `this` type
 * that only compiles where the entity's generated capabilities allow the operation.
 */
import { UsageError } from '../protocol/errors.js';
import type { ApiVersion, EntityMeta, FieldValue } from '../protocol/metadata.js';

export type {
  AnyChildPicklistValue,
  AnyPicklistValue,
  ChildPicklistValue,
  NumericFieldType,
  NumericText,
  PicklistValue,
  PicklistValueOf,
  UdfField,
  UdfText,
} from './field-types.js';
import type { UdfText } from './field-types.js';
export type {
  ChildLabels,
  ChildPicklist,
  ChildPicklistMethods,
  EntityPicklistsBase,
  Picklist,
  PicklistEntryValue,
  PicklistMethods,
} from './picklist-types.js';

/** Key of the phantom property through which generated classes state their capabilities and API version. */
export const entityCapabilities: unique symbol = Symbol('atws.entityCapabilities');
/** Key of the phantom property through which generated classes name their create and update inputs. */
export const entityInputs: unique symbol = Symbol('atws.entityInputs');
/**
 * Key of the phantom property through which a class generated from a tenant's live pull names its
 * user-defined fields (name -> the type of value a query compares the UDF with). Classes generated
 * without a live pull do not declare it, and their UDF names are any string.
 */
export const entityUdfs: unique symbol = Symbol('atws.entityUdfs');
const udfStore: unique symbol = Symbol('atws.udfs');
const unknownStore: unique symbol = Symbol('atws.unknownFields');
const clearedStore: unique symbol = Symbol('atws.clearedFields');
const bindingKey: unique symbol = Symbol('atws.binding');

/**
 * What the API allows on an entity type, as its generated class states it: `true`, or the sentence
 * a compiler error should show (`'Ticket cannot be deleted through the API'`), since the checker
 * quotes the type that did not match and a bare `false` tells a reader nothing.
 */
export interface Capabilities {
  /** The API version whose generated code the class belongs to; entities of one version are refused by a connection of the other. */
  readonly api: ApiVersion;
  readonly create: true | string;
  readonly update: true | string;
  readonly delete: true | string;
  readonly query: true | string;
}

export interface CanCreate {
  readonly [entityCapabilities]: { readonly create: true };
}
export interface CanUpdate {
  readonly [entityCapabilities]: { readonly update: true };
}
export interface CanDelete {
  readonly [entityCapabilities]: { readonly delete: true };
}
export interface CanQuery {
  readonly [entityCapabilities]: { readonly query: true };
}
/**
 * What an update needs of an entity over a transport. SOAP's update() replaces every writable field
 * (Autotask clears each one it does not carry), so only an entity read from the API may be sent:
 * one whose `id` is known, a `Stored<T>` (an object made by hand is refused at run time too, naming
 * `at.patch`). REST's update is a PATCH of the fields sent, so any entity may go there (its id is
 * checked at run time): `UpdatableOver<'rest'>` is `unknown`. Where the transport is not known
 * (`'soap' | 'rest'`), what SOAP needs.
 *
 * @example
 * declare function update<T extends Ticket & UpdatableOver<'soap'>>(ticket: T): void;
 */
export type UpdatableOver<Transport extends 'soap' | 'rest'> = [Transport] extends ['rest'] ? unknown : ReadFromAutotask;

/** Key of the phantom property by which an entity made by a REST connection (`at.new`) says so. */
declare const madeOverTransport: unique symbol;
/**
 * What `at.new()` of a REST connection adds to the entity's type, so that the entity's own
 * `update()` is typed as that connection's (an object never read may be patched over REST).
 */
export interface MadeOverRest {
  readonly [madeOverTransport]: 'rest';
}
/** What `at.new()` of a connection over `Transport` adds to the entity's type (nothing over SOAP). */
export type MadeOver<Transport extends 'soap' | 'rest'> = [Transport] extends ['rest'] ? MadeOverRest : unknown;
/** The transport an entity's own `update()` goes over, as its type knows it (SOAP unless made by a REST connection). */
type TransportOfEntity<T> = T extends MadeOverRest ? 'rest' : 'soap';

/**
 * An entity read from Autotask (a query, a fetch by id, the read-back of a create): its `id` is
 * known. Named so that a compile error says what an update over SOAP needs.
 */
export interface ReadFromAutotask {
  readonly id: number;
}

/** An entity of the generated code of API version `V`. */
export interface OfApiVersion<V extends ApiVersion> {
  readonly [entityCapabilities]: { readonly api: V };
}

/**
 * The create and update input types of an entity, and which of its fields the API requires, as its
 * generated class names them. (`required` is optional here only so that classes generated before
 * it existed still compile; theirs then types `Stored` by `id` alone.)
 */
export interface EntityInputs {
  readonly create: object;
  readonly update: object;
  /** The fields the metadata marks required (`id` among them): an entity the API returned holds each. */
  readonly required?: string;
}

/** The fields of an entity class that the API requires (metadata `IsRequired`), `id` included. */
export type RequiredFieldName<T> = T extends { readonly [entityInputs]: { readonly required: infer R } } ? Extract<R, keyof T> : never;

/**
 * An entity as the API returned it (from a query, a create, an update, a patch): its `id` and
 * every field the metadata marks required hold a value (the API refuses an entity without them),
 * as Prisma and Kysely type required columns of a result; other fields stay optional.
 *
 * @example
 * const t: Stored<Ticket> | undefined = await at.query(q).fetchOne(); t?.Title.trim();
 */
export type Stored<T extends EntityBase> = T & Required<Pick<T, Extract<'id' | RequiredFieldName<T>, keyof T>>>;

/** The field names of an entity type (its declared properties, not the base's members). */
export type FieldName<T> = Exclude<keyof T, keyof EntityBase> & string;

/** What a create or update input says of a field it does not take (instead of "does not exist"). */
export type FieldRule = ReadOnlyField<string> | SetOnceField<string>;
/** The keys of a create or update input that take a value (not those typed by a {@link FieldRule}). */
export type InputFieldName<I> = { [K in keyof I]-?: Exclude<I[K], undefined> extends FieldRule ? never : K }[keyof I] & string;
/** The input types a generated class names. */
type InputsOf<T> = T extends { readonly [entityInputs]: { readonly create: infer C; readonly update: infer U } } ? { create: C; update: U } : never;
/**
 * The fields `set()` may write: those of the update input, and on an entity not yet stored those of
 * the create input too (fields set once, on create, such as `Contact.AccountID`): an update never
 * sends a set-once field, so setting one on a stored entity would be silently lost.
 */
export type SettableFieldName<T> = [InputsOf<T>] extends [never]
  ? FieldName<T>
  : Exclude<InputFieldName<InputsOf<T>['update']> | (T extends ReadFromAutotask ? never : InputFieldName<InputsOf<T>['create']>), 'id'>;
/** Settable fields that are set once, on create (required and read-only). */
type SetOnceFieldName<T> = [InputsOf<T>] extends [never]
  ? never
  : Exclude<InputFieldName<InputsOf<T>['create']>, InputFieldName<InputsOf<T>['update']>>;

/** What the types say of a read-only field written (the API fills it; an update would drop it). */
export type ReadOnlyField<N extends string> = `${N} is read-only: the API sets it`;
/** What the types say of a field set once, on create, written on a stored entity or in an update. */
export type SetOnceField<N extends string> = `${N} is set once, on create: a stored entity keeps it`;
/** What `get()`/`set()` say of a name that is not a field, on a module that does not know the tenant's user-defined fields. */
export type NotAField<N extends string> = `${N} is not a field of this entity (a user-defined field: getUdf/setUdf)`;
/**
 * The user-defined field names of an entity type: those its generated class names (a module
 * generated from a tenant's live pull), or any string (generated without one).
 *
 * @example
 * const name: UdfName<Ticket> = 'Room';
 */
export type UdfName<T> = T extends { readonly [entityUdfs]: infer U } ? keyof U & string : string;
/**
 * The value a user-defined field of an entity type holds (the API's text): by its type where the
 * module was generated from a tenant's live pull (`'12.5'` for a number UDF, one of its values for a
 * picklist UDF), any string otherwise.
 */
export type UdfValueOf<T, N> = T extends { readonly [entityUdfs]: infer U } ? (N extends keyof U ? UdfText<U[N]> : string) : string;
/** What `get()`/`set()` say of a name that is neither a field nor one of the tenant's user-defined fields. */
export type UnknownUdf<N extends string> = `${N} is neither a field nor a user-defined field of this entity (as pulled)`;

/**
 * The names `get()` takes: fields, and the user-defined fields of a module generated from a
 * tenant's live pull. Without a pull any other name would be taken for a UDF, so a misspelt field
 * (`get('Titel')`) compiled and reached the API as a UDF; there, UDFs go through `getUdf`.
 */
export type GetName<T, N extends string> =
  N extends FieldName<T> ? N : T extends { readonly [entityUdfs]: infer U } ? (N extends keyof U ? N : UnknownUdf<N>) : NotAField<N>;
/** What `get(name)` gives: the field's value, or the UDF's. */
export type GetValue<T, N extends string> = N extends FieldName<T> ? T[N] : UdfValueOf<T, N> | null | undefined;

/** The names `set()` takes: settable fields, and the tenant's user-defined fields (see {@link GetName}); others say why not. */
export type SetName<T, N extends string> =
  N extends SettableFieldName<T> ? N : N extends FieldName<T> ? (N extends SetOnceFieldName<T> ? SetOnceField<N> : ReadOnlyField<N>) : GetName<T, N>;
/** What `set(name, value)` takes: the field's type (`null` clears a field, except a required one), or a UDF's value. */
export type SetValue<T, N extends string> =
  N extends FieldName<T>
    ? N extends RequiredFieldName<T>
      ? Exclude<T[N], undefined>
      : T[N] | null | undefined
    : UdfValueOf<T, N> | null | undefined;

/**
 * What `at.patch()` takes, from an entity class `T` and its update input `U`: the writable fields,
 * `null` clearing one that is not required.
 */
export type PatchInput<T, U> = { [K in Exclude<InputFieldName<U>, 'id'>]?: K extends RequiredFieldName<T> ? U[K] : U[K] | null };

/** What a connection does for a bound entity; the client implements it. Each call updates the object in place. */
export interface EntityBinding {
  create(entity: EntityBase): Promise<void>;
  update(entity: EntityBase): Promise<void>;
  reload(entity: EntityBase): Promise<void>;
  delete(entity: EntityBase): Promise<void>;
}

/**
 * A generated entity class: constructible, and carrying its name and metadata. Each class's
 * constructor takes its own create input (`new Ticket(values: TicketCreate)`), so through this
 * interface the values are `never`: code that constructs any class passes values it checked itself.
 */
export interface EntityClass<T extends EntityBase = EntityBase> {
  new (values?: never): T;
  readonly entityName: string;
  readonly meta: EntityMeta;
}

/** A user-defined field value; `null` means the UDF exists on the entity but has no value. */
export type UdfValue = string | null;

/** The UDF that holds python-atws's attribute store (JSON key/values), unless told otherwise. */
export const DEFAULT_ATTRIBUTES_UDF = 'Attributes';

const EMPTY_UNKNOWN: ReadonlyMap<string, string | null> = new Map();
const EMPTY_CLEARED: ReadonlySet<string> = new Set();

/**
 * The connection an object is bound to (the one that made or read it); undefined for an object
 * made with its class alone. The client checks it before writing the object.
 */
export function bindingOf(entity: EntityBase): EntityBinding | undefined {
  return (entity as unknown as { [bindingKey]: EntityBinding | undefined })[bindingKey];
}

export abstract class EntityBase {
  declare readonly [entityCapabilities]: Capabilities;
  declare readonly [entityInputs]: EntityInputs;
  /** Insertion-ordered UDF values by name, as the API listed them. */
  private readonly [udfStore] = new Map<string, UdfValue>();
  private [bindingKey]: EntityBinding | undefined;
  /**
   * Fields the API sent that the generated metadata does not know (a later API revision), as the
   * text sent; made on first use, since most entities have none.
   */
  private [unknownStore]: Map<string, string | null> | undefined;
  /** Fields set to null on purpose: update() sends them empty, to clear them. */
  private [clearedStore]: Set<string> | undefined;

  constructor(init?: object) {
    if (init !== undefined) {
      if (init === null || typeof init !== 'object') {
        throw new UsageError(`${this.entityName}: the initial values must be an object of field values`);
      }
      for (const [name, value] of Object.entries(init)) this.assign(name, value as FieldValue | null, 'set');
    }
  }

  /** The entity type's name, e.g. "Ticket". */
  get entityName(): string {
    return (this.constructor as EntityClass).entityName;
  }

  /** The entity type's metadata, as generated. */
  get entityMeta(): EntityMeta {
    return (this.constructor as EntityClass).meta;
  }

  /** Binds the object to a connection, so that `create()`, `update()`, `reload()`, `delete()` work. */
  bindTo(binding: EntityBinding | undefined): this {
    this[bindingKey] = binding;
    return this;
  }

  /**
   * The field's value; for a field the API sent that the metadata does not know, the text sent;
   * otherwise the UDF of that name (python-atws's `ticket['x']`). The types take fields, and the
   * tenant's UDF names where the module was generated from a live pull (else use `getUdf`).
   *
   * @example
   * const status = ticket.get('Status'); // PicklistValue<'Ticket.Status'> | undefined
   */
  get<N extends string>(name: GetName<this, N>): GetValue<this, N>;
  get(name: string): FieldValue | UdfValue | undefined {
    if (Object.hasOwn(this.entityMeta.fields, name)) {
      return (this as unknown as Record<string, FieldValue | undefined>)[name];
    }
    const unknown = this[unknownStore];
    if (unknown?.has(name)) return unknown.get(name);
    return this[udfStore].get(name);
  }

  /**
   * Sets a field (`null` clears it on purpose: update() sends it empty; a required field cannot be
   * cleared), or a field the API sent that the metadata does not know, or else the UDF of that name.
   * The types take settable fields (set-once ones only before the entity is stored), and the
   * tenant's UDF names where the module was generated from a live pull (else use `setUdf`).
   *
   * @example
   * ticket.set('Status', tp.Status.get('Complete')).set('Title', 'Printer offline');
   */
  set<N extends string>(name: SetName<this, N>, value: SetValue<this, N>): this;
  set(name: string, value: FieldValue | UdfValue | undefined): this {
    return this.assign(name, value, 'set');
  }

  // Run time accepts what the types refuse (read-only fields too): decoding and copying answers go through here.
  private assign(name: string, value: FieldValue | UdfValue | undefined, method: string): this {
    if (typeof name !== 'string') throw new UsageError(`${this.entityName}.${method}: the name must be a string`);
    if (Object.hasOwn(this.entityMeta.fields, name)) {
      const fields = this as unknown as Record<string, FieldValue | null | undefined>;
      if (value === null && this.entityMeta.fields[name]?.required) {
        throw new UsageError(`${this.entityName}.${name} is required: it cannot be cleared (set to null)`);
      }
      if (value === undefined || value === null) delete fields[name];
      else fields[name] = value;
      if (value === null) (this[clearedStore] ??= new Set()).add(name);
      else this[clearedStore]?.delete(name);
      return this;
    }
    const unknown = this[unknownStore];
    if (unknown?.has(name)) {
      if (value !== null && value !== undefined && typeof value !== 'string') {
        throw new UsageError(
          `${this.entityName}.${name} is a field the generated metadata does not know: its value is the API's text (a string) or null; got ${typeof value}`,
        );
      }
      unknown.set(name, value ?? null);
      return this;
    }
    if (value !== null && value !== undefined && typeof value !== 'string') {
      throw new UsageError(
        `${this.entityName} has no field "${name}", so it is taken as a user-defined field, whose values are strings; got ${typeof value}`,
      );
    }
    return this.storeUdf(name, value ?? null, 'set');
  }

  /** Fields the API sent that the generated metadata does not know, as the text sent (null: cleared). */
  unknownFields(): ReadonlyMap<string, string | null> {
    return this[unknownStore] ?? EMPTY_UNKNOWN;
  }

  /** Replaces the fields the metadata does not know (used when decoding an answer). */
  replaceUnknownFields(entries: Iterable<readonly [string, string | null]>): this {
    const map = new Map<string, string | null>();
    for (const [name, text] of entries) {
      if (Object.hasOwn(this.entityMeta.fields, name))
        throw new UsageError(`${this.entityName}: ${name} is a field of the metadata, not an unknown one`);
      map.set(name, text);
    }
    this[unknownStore] = map.size > 0 ? map : undefined;
    return this;
  }

  /** The fields set to null on purpose since the object was filled (update() sends them empty). */
  clearedFields(): ReadonlySet<string> {
    return this[clearedStore] ?? EMPTY_CLEARED;
  }

  /** Forgets which fields were cleared on purpose (the object was filled from the API again). */
  resetClearedFields(): this {
    this[clearedStore] = undefined;
    return this;
  }

  /**
   * A UDF's value: `undefined` when the entity has no UDF of that name, `null` when it has no value.
   * With a module generated from a tenant's live pull, only the tenant's UDF names compile.
   *
   * @example
   * const room: string | null | undefined = ticket.getUdf('Room');
   */
  getUdf<N extends UdfName<this>>(name: N): UdfValueOf<this, N> | null | undefined {
    return this[udfStore].get(name) as UdfValueOf<this, N> | null | undefined;
  }

  /** Sets a UDF; `null` clears it. With a module generated from a tenant's live pull, only the tenant's UDF names compile. */
  setUdf<N extends UdfName<this>>(name: N, value: UdfValueOf<this, N> | null): this {
    return this.storeUdf(name, value, 'setUdf');
  }

  // Run time takes any name (answers, attributes): the types are what narrow the names callers write.
  private storeUdf(name: string, value: UdfValue, method: string): this {
    if (typeof name !== 'string' || name === '') {
      throw new UsageError(`${this.entityName}.${method}: the UDF name must be a non-empty string`);
    }
    if (value !== null && typeof value !== 'string') {
      throw new UsageError(`${this.entityName}.${method}("${name}"): UDF values are strings or null; got ${typeof value}`);
    }
    this[udfStore].set(name, value);
    return this;
  }

  /** Every UDF the object holds, in order. */
  udfs(): ReadonlyMap<string, UdfValue> {
    return this[udfStore];
  }

  /** Replaces every UDF (used when decoding an answer). */
  replaceUdfs(entries: Iterable<readonly [string, UdfValue]>): this {
    this[udfStore].clear();
    for (const [name, value] of entries) this[udfStore].set(name, value);
    return this;
  }

  /** A key of python-atws's attribute store: JSON key/values kept in one UDF. */
  getAttribute(key: string, udfName: string = DEFAULT_ATTRIBUTES_UDF): unknown {
    return this.readAttributes(udfName)[key];
  }

  setAttribute(key: string, value: unknown, udfName: string = DEFAULT_ATTRIBUTES_UDF): this {
    if (value === undefined) throw new UsageError(`setAttribute("${key}"): undefined is not JSON; use deleteAttribute`);
    const attributes = this.readAttributes(udfName);
    attributes[key] = value;
    let text: string;
    try {
      text = JSON.stringify(attributes);
    } catch (cause) {
      // A cyclic object or a BigInt: JSON.stringify's own TypeError says which, but not where.
      throw new UsageError(
        `${this.entityName}.setAttribute(${JSON.stringify(key)}): the value cannot be written as JSON (${(cause as Error).message.split('\n')[0]})`,
        { cause },
      );
    }
    return this.storeUdf(udfName, text, 'setUdf');
  }

  deleteAttribute(key: string, udfName: string = DEFAULT_ATTRIBUTES_UDF): this {
    const attributes = this.readAttributes(udfName);
    if (!Object.hasOwn(attributes, key)) return this;
    delete attributes[key];
    return this.storeUdf(udfName, JSON.stringify(attributes), 'setUdf');
  }

  /** Every attribute of the store. */
  attributes(udfName: string = DEFAULT_ATTRIBUTES_UDF): Record<string, unknown> {
    return this.readAttributes(udfName);
  }

  private readAttributes(udfName: string): Record<string, unknown> {
    const text = this[udfStore].get(udfName);
    if (text === undefined || text === null || text.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new UsageError(`${this.entityName}: UDF "${udfName}" does not hold JSON attributes`, { cause });
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new UsageError(`${this.entityName}: UDF "${udfName}" holds JSON that is not an object`);
    }
    return parsed as Record<string, unknown>;
  }

  /**
   * A plain JSON-safe object (python-atws's asdict/marshallable): fields, then the fields the metadata
   * does not know (as the API's text), then `UserDefinedFields`; dates in ISO UTC.
   */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const values = this as unknown as Record<string, FieldValue | undefined>;
    for (const name of Object.keys(this.entityMeta.fields)) {
      const value = values[name];
      if (value === undefined) continue;
      out[name] = value instanceof Date ? value.toISOString() : value;
    }
    // Defined, not assigned: an answer may name a field `__proto__`, and assigning that would set the prototype.
    for (const [name, text] of this[unknownStore] ?? [])
      Object.defineProperty(out, name, { value: text, enumerable: true, writable: true, configurable: true });
    if (this[udfStore].size > 0) out['UserDefinedFields'] = Object.fromEntries(this[udfStore]);
    return out;
  }

  /**
   * Creates the entity in Autotask and updates this object from the answer (its `id` included).
   * Throws a UsageError naming the required fields not set, before any request.
   */
  async create(this: this & CanCreate): Promise<Stored<this>> {
    const binding = this.requireBinding('create');
    const missing = missingRequiredFields(this);
    if (missing.length > 0) throw new UsageError(requiredFieldsMessage(this.entityName, missing, 'create()'));
    await binding.create(this);
    return this as Stored<this>;
  }

  /**
   * Sends this object's writable fields to Autotask and updates it from the answer. Typed as its
   * connection's update: over SOAP only an entity read from the API; over REST (an entity made by
   * a REST connection's `at.new`) any, its id checked at run time.
   */
  async update(this: this & CanUpdate & UpdatableOver<TransportOfEntity<this>>): Promise<Stored<this>> {
    await this.requireBinding('update').update(this);
    return this as unknown as Stored<this>;
  }

  /** Reads the entity again from Autotask by its `id` (python-atws's refresh). */
  async reload(): Promise<this> {
    await this.requireBinding('reload').reload(this);
    return this;
  }

  /** Deletes the entity in Autotask. */
  async delete(this: this & CanDelete): Promise<void> {
    await this.requireBinding('delete').delete(this);
  }

  private requireBinding(action: string): EntityBinding {
    const binding = this[bindingKey];
    if (binding === undefined) {
      throw new UsageError(
        `${this.entityName}.${action}(): the object is not bound to a connection; make it with at.new('${this.entityName}') or pass it to at.${action === 'reload' ? 'query' : action}(...)`,
      );
    }
    return binding;
  }
}

/**
 * The required fields of an entity that hold no value, in metadata order: what a create would be
 * refused for (the API's create() rejects an entity lacking a required field; `id` is the API's to give).
 *
 * @example missingRequiredFields(at.new('Ticket')) // ['AccountID', 'DueDateTime', 'Priority', 'Status', 'Title']
 */
export function missingRequiredFields(entity: EntityBase): string[] {
  const values = entity as unknown as Record<string, unknown>;
  const missing: string[] = [];
  for (const field of Object.values(entity.entityMeta.fields)) {
    if (field.required && field.name !== 'id' && (values[field.name] === undefined || values[field.name] === null)) missing.push(field.name);
  }
  return missing;
}

/** The UsageError text for an entity created without its required fields. */
export function requiredFieldsMessage(entityName: string, missing: readonly string[], action: string): string {
  return `${entityName}.${action}: required field${missing.length === 1 ? '' : 's'} not set: ${missing.join(', ')}`;
}
