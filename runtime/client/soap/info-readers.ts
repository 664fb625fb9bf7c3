/**
 * Reads the XML answers of `GetFieldInfo`, `getUDFInfo` and `getEntityInfo` into the plain records
 * of runtime/client/transport/info-records.ts.
 */
import { childElement, childElements, childText, type XmlElement } from '../../protocol/soap/xml/xml-tree.js';
import type { EntityInfo, FieldInfo, PicklistValueInfo } from '../transport/info-records.js';

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
