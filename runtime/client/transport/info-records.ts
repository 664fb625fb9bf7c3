/**
 * The answers of `GetFieldInfo`, `getUDFInfo` and `getEntityInfo` as plain records with the API's
 * own names (as the reference material and the Autotask docs spell them), whatever the wire they
 * were read from (SOAP's readers: runtime/client/soap/info-readers.ts).
 */

/** One `PickListValue`; `Value` and `parentValue` are integers the API sends as strings. */
export interface PicklistValueInfo {
  readonly Value: string;
  readonly Label: string;
  readonly IsDefaultValue: boolean;
  readonly SortOrder: number | undefined;
  readonly parentValue: string | undefined;
  readonly IsActive: boolean;
  readonly IsSystem: boolean;
}

/** One `Field` of `GetFieldInfo` (or a UDF of `getUDFInfo`). */
export interface FieldInfo {
  readonly Name: string;
  readonly Label: string;
  readonly Type: string;
  readonly Length: number;
  readonly Description: string | undefined;
  readonly IsRequired: boolean;
  readonly IsReadOnly: boolean;
  readonly IsQueryable: boolean;
  readonly IsReference: boolean;
  readonly ReferenceEntityType: string | undefined;
  readonly IsPickList: boolean;
  readonly PicklistValues: readonly PicklistValueInfo[];
  readonly PicklistParentValueField: string | undefined;
  readonly DefaultValue: string | undefined;
}

/** One `EntityInfo` of `getEntityInfo`. */
export interface EntityInfo {
  readonly Name: string;
  readonly CanCreate: boolean;
  readonly CanUpdate: boolean;
  readonly CanDelete: boolean;
  readonly CanQuery: boolean;
  readonly HasUserDefinedFields: boolean;
}
