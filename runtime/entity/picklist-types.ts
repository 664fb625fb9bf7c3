/**
 * The types of the picklists `at.picklist(entity)` gives (python-atws's picklist cache): label ->
 * value, child picklists by the parent's label. The generated code names them per entity
 * (`TicketPicklists`), hence they sit beside the entity base; runtime/client/picklists.ts builds them
 * (and holds the mapped `EntityPicklists` of a module generated without those interfaces).
 */

/** A picklist value: a number, except on the few string fields with picklists (AttachmentInfo.Type). */
export type PicklistEntryValue = number | string;

/**
 * Methods every picklist has beside its labels. `L` is what `get` takes (the labels, or the parent
 * labels of a child picklist), `R` the labels `reverseLookup` and `entries` give.
 */
export interface PicklistMethods<V extends PicklistEntryValue = number, I = V, L extends string = string, R extends string = L> {
  /** The value of a label, typed without `| undefined` (a label the tenant lacks throws `PicklistLabelError`). */
  get(label: L): I;
  /** The label of a value (`undefined` when none has it). */
  reverseLookup(value: V): R | undefined;
  /** `[label, value]` pairs in the API's order. */
  entries(): Array<[R, V]>;
  toJSON(): Record<string, V>;
}

/**
 * A picklist: label -> value. `L` is the labels a module generated from a tenant's live pull
 * knows (its active values at the pull); any string otherwise.
 */
export type Picklist<V extends PicklistEntryValue = number, L extends string = string> = { readonly [label in L]: V } & PicklistMethods<V, V, L>;

/**
 * A child picklist: parent label -> (child label -> value); `reverseLookup` gives the child's label.
 * `C` is parent label -> child labels, as a tenant's live pull knows them; any strings otherwise.
 */
export type ChildPicklist<V extends PicklistEntryValue = number, C extends ChildLabels = ChildLabels> = {
  readonly [parentLabel in keyof C & string]: Picklist<V, C[parentLabel]>;
} & ChildPicklistMethods<V, C>;

/** The methods of a child picklist: `get(parentLabel)` gives that parent's picklist, with its own labels. */
export interface ChildPicklistMethods<V extends PicklistEntryValue = number, C extends ChildLabels = ChildLabels> extends Omit<
  PicklistMethods<V, never, never, C[keyof C & string]>,
  'get'
> {
  /** The picklist of a parent label (a label the tenant lacks throws `PicklistLabelError`). */
  get<P extends keyof C & string>(parentLabel: P): Picklist<V, C[P]>;
}

/** Parent label -> child labels, of a child picklist. */
export type ChildLabels = { readonly [parentLabel: string]: string };

/**
 * What the picklists of every entity have beside their fields. The generated code names each
 * entity's picklists (`interface TicketPicklists extends EntityPicklistsBase`), so that editors and
 * compile errors print that name instead of this mapped type's members.
 */
export interface EntityPicklistsBase {
  /** Asks `GetFieldInfo` again and replaces every value. */
  refresh(): Promise<void>;
}
