/**
 * The answers of `GetFieldInfo`, `getUDFInfo` and `getEntityInfo`, read from their XML into plain
 * records with the API's own names (as the reference material and the Autotask docs spell them).
 */
import { childElement, childElements, childText, type XmlElement } from '../protocol/soap/xml/xml-tree.js';

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

const bool = (el: XmlElement, name: string): boolean => childText(el, name)?.trim().toLowerCase() === 'true';
const text = (el: XmlElement, name: string): string | undefined => {
  const value = childText(el, name);
  return value === undefined || value === '' ? undefined : value;
};
const int = (el: XmlElement, name: string): number | undefined => {
  const value = childText(el, name)?.trim();
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};

function readPicklistValue(el: XmlElement): PicklistValueInfo {
  return {
    Value: childText(el, 'Value')?.trim() ?? '',
    Label: childText(el, 'Label') ?? '',
    IsDefaultValue: bool(el, 'IsDefaultValue'),
    SortOrder: int(el, 'SortOrder'),
    parentValue: text(el, 'parentValue')?.trim(),
    // An answer that leaves IsActive out means the value is in use.
    IsActive: childText(el, 'IsActive') === undefined ? true : bool(el, 'IsActive'),
    IsSystem: bool(el, 'IsSystem'),
  };
}

export function readFieldInfo(el: XmlElement): FieldInfo {
  const values = childElement(el, 'PicklistValues');
  return {
    Name: childText(el, 'Name') ?? '',
    Label: childText(el, 'Label') ?? '',
    Type: childText(el, 'Type') ?? '',
    Length: int(el, 'Length') ?? 0,
    Description: text(el, 'Description'),
    IsRequired: bool(el, 'IsRequired'),
    IsReadOnly: bool(el, 'IsReadOnly'),
    IsQueryable: bool(el, 'IsQueryable'),
    IsReference: bool(el, 'IsReference'),
    ReferenceEntityType: text(el, 'ReferenceEntityType'),
    IsPickList: bool(el, 'IsPickList'),
    PicklistValues: values === undefined ? [] : childElements(values, 'PickListValue').map(readPicklistValue),
    PicklistParentValueField: text(el, 'PicklistParentValueField'),
    DefaultValue: text(el, 'DefaultValue'),
  };
}

/** The `Field` records of an `ArrayOfField` result. */
export function readFieldInfos(result: XmlElement | undefined): FieldInfo[] {
  return result === undefined ? [] : childElements(result, 'Field').map(readFieldInfo);
}

export function readEntityInfos(result: XmlElement | undefined): EntityInfo[] {
  return result === undefined
    ? []
    : childElements(result, 'EntityInfo').map((el) => ({
        Name: childText(el, 'Name') ?? '',
        CanCreate: bool(el, 'CanCreate'),
        CanUpdate: bool(el, 'CanUpdate'),
        CanDelete: bool(el, 'CanDelete'),
        CanQuery: bool(el, 'CanQuery'),
        HasUserDefinedFields: bool(el, 'HasUserDefinedFields'),
      }));
}
