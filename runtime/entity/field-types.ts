/**
 * Value types of generated fields that say more than `number` or `string`: a picklist field's
 * values are of that field only, so that one field's value (or any number) cannot be written into
 * another, as Prisma's generated enums cannot be mixed. They exist in the types only; at run time a
 * picklist value is the plain number (or text) the API sends.
 */
import type { FieldType } from '../protocol/metadata.js';

/** Key of the phantom property that names the picklist field a value belongs to. */
declare const picklistField: unique symbol;
/** Key of the phantom property that names the parent field of a child picklist's value. */
declare const picklistParent: unique symbol;

/**
 * A value of the picklist field `Field` (`'Ticket.Status'`): `V` is `number` (or `string` for the
 * few text picklists), or, in a module generated from a tenant's live pull, the union of the values
 * that field has. Get one from the picklist (`(await at.picklist('Ticket')).Status.get('Complete')`)
 * or from an entity read; a value known by number is written `5 as PicklistValueOf<Ticket, 'Status'>`.
 *
 * @example
 * const status: PicklistValue<'Ticket.Status'> = tp.Status.get('Complete');
 */
export type PicklistValue<Field extends string, V extends number | string = number> = V & { readonly [picklistField]: Field };

/**
 * A value of a child picklist field (`Ticket.SubIssueType`, whose labels are grouped by the label of
 * its parent field `IssueType`).
 */
export type ChildPicklistValue<Field extends string, Parent extends string, V extends number | string = number> = PicklistValue<Field, V> & {
  readonly [picklistParent]: Parent;
};

/** Any picklist field's value, as the types tell one. */
export interface AnyPicklistValue {
  readonly [picklistField]: string;
}

/** Any child picklist field's value. */
export interface AnyChildPicklistValue {
  readonly [picklistParent]: string;
}

/**
 * The value type of a picklist field of an entity class.
 *
 * @example
 * const complete = 5 as PicklistValueOf<Ticket, 'Status'>;
 */
export type PicklistValueOf<T, K extends keyof T> = Exclude<T[K], undefined>;

/**
 * The text of a number: how a decimal field is held (the exact decimal text the API sent, so that a
 * read-modify-write never loses precision) and what a numeric user-defined field holds. `'1.50'`
 * is one; `'twelve'` is not.
 *
 * @example
 * currency.ExchangeRate = '1.2345678901234567890';
 */
export type NumericText = `${number}`;

/**
 * A user-defined field as a module generated from a tenant's live pull types it: its data type
 * (as getUDFInfo reports it) and, for a picklist UDF, the values it holds (as text). A UDF's value
 * is the API's text: a numeric UDF's is {@link NumericText}, a picklist UDF's one of its values.
 */
export interface UdfField<T extends FieldType = FieldType, Values extends string = string> {
  readonly type: T;
  readonly values: Values;
}

/** The numeric field types (decimal among them): their UDFs hold numeric text and compare as numbers. */
export type NumericFieldType = 'integer' | 'long' | 'short' | 'double' | 'float' | 'decimal';

/** The value a user-defined field holds (the API's text), by its {@link UdfField}. */
export type UdfText<D> =
  D extends UdfField<infer T, infer Values> ? (string extends Values ? (T extends NumericFieldType ? NumericText : string) : Values) : string;
