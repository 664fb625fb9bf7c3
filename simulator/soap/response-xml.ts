/**
 * The XML of the simulator's answers beyond single entities: the `ATWSResponse` envelope of
 * query/create/update/delete/usage, `Field`/`PickListValue` records of GetFieldInfo/getUDFInfo,
 * and the operation's response element.
 */
import type { FieldMeta } from 'atws/protocol';
import { escapeXmlText } from 'atws/protocol/soap';
import type { PicklistValue, UdfDefinition } from '../tenant/picklist-types.js';

/** `<name>text</name>`, escaped; `<name/>` for ''. */
export function textElement(name: string, text: string | number | boolean): string {
  const s = String(text);
  return s === '' ? `<${name}/>` : `<${name}>${escapeXmlText(s)}</${name}>`;
}

/** The operation's response element, in the API's namespace as the default one. */
export function responseElement(name: string, namespace: string, content: string): string {
  return `<${name} xmlns="${namespace}">${content}</${name}>`;
}

export type DatabaseAction = 'None' | 'Created' | 'Updated';

/** One `EntityReturnInfo`: `DuplicateStatus` always says not found, not ignored (no duplicate checking here). */
export interface ReturnInfo {
  readonly entityId: number;
  readonly action: DatabaseAction;
  /** The `Message` element; left out when undefined, as real answers of query() and create() leave it out. */
  readonly message?: string;
}

/** What query(), create() and update() answer per entity: the id, `DatabaseAction` None, no message. */
export function plainReturnInfo(entityId: number): ReturnInfo {
  return { entityId, action: 'None' };
}

function returnInfoXml(info: ReturnInfo): string {
  return (
    `<EntityReturnInfo><EntityId>${info.entityId}</EntityId><DatabaseAction>${info.action}</DatabaseAction>` +
    `<DuplicateStatus><Found>false</Found><Ignored>false</Ignored></DuplicateStatus>` +
    (info.message === undefined ? '' : textElement('Message', info.message)) +
    `</EntityReturnInfo>`
  );
}

export interface AtwsResponseParts {
  readonly returnCode: 1 | -1;
  /** Entity XML, already written (`<Entity xsi:type=...>`). */
  readonly entities?: readonly string[];
  /** The entity name; the API writes it in lower case ('' writes `<EntityResultType/>`). */
  readonly entityType?: string;
  readonly errors?: readonly string[];
  readonly returnInfos?: readonly ReturnInfo[];
}

/**
 * The answer's XML. Entities and return infos are appended with `+=`, not joined: the answer is
 * wrapped in its envelope and encoded once (http-server.ts), which flattens it anyway; a join
 * first copied every entity's XML into a large string of its own, as much CPU as the encoding.
 */
export function atwsResponse(parts: AtwsResponseParts): string {
  const entities = parts.entities ?? [];
  const errors = parts.errors ?? [];
  const infos = parts.returnInfos ?? [];
  let xml = `<ReturnCode>${parts.returnCode}</ReturnCode>`;
  if (entities.length === 0) xml += '<EntityResults/>';
  else {
    xml += '<EntityResults>';
    for (const entity of entities) xml += entity;
    xml += '</EntityResults>';
  }
  if (parts.entityType !== undefined) xml += textElement('EntityResultType', parts.entityType.toLowerCase());
  xml += errors.length === 0 ? '<Errors/>' : `<Errors>${errors.map((m) => `<ATWSError>${textElement('Message', m)}</ATWSError>`).join('')}</Errors>`;
  if (infos.length === 0) xml += '<EntityReturnInfoResults/>';
  else {
    xml += '<EntityReturnInfoResults>';
    for (const info of infos) xml += returnInfoXml(info);
    xml += '</EntityReturnInfoResults>';
  }
  return xml;
}

function picklistValueXml(v: PicklistValue): string {
  return (
    `<PickListValue>${textElement('Value', v.value)}${textElement('Label', v.label)}` +
    `<IsDefaultValue>${v.isDefaultValue}</IsDefaultValue><SortOrder>${v.sortOrder}</SortOrder>` +
    (v.parentValue === undefined ? '' : textElement('parentValue', v.parentValue)) +
    `<IsActive>${v.isActive}</IsActive><IsSystem>${v.isSystem}</IsSystem></PickListValue>`
  );
}

/** One `Field` record as GetFieldInfo answers it, in the WSDL's element order. */
export function fieldInfoXml(field: FieldMeta, picklist: readonly PicklistValue[]): string {
  return (
    `<Field>${textElement('Name', field.name)}${textElement('Label', field.label)}${textElement('Type', field.type)}` +
    `<Length>${field.length}</Length>` +
    (field.description ? textElement('Description', field.description) : '') +
    `<IsRequired>${field.required}</IsRequired><IsReadOnly>${field.readOnly}</IsReadOnly>` +
    `<IsQueryable>${field.queryable}</IsQueryable><IsReference>${field.reference !== undefined}</IsReference>` +
    (field.reference ? textElement('ReferenceEntityType', field.reference) : '') +
    `<IsPickList>${field.picklist}</IsPickList>` +
    (field.picklist ? `<PicklistValues>${picklist.map(picklistValueXml).join('')}</PicklistValues>` : '') +
    (field.picklistParent ? textElement('PicklistParentValueField', field.picklistParent) : '') +
    (field.defaultValue ? textElement('DefaultValue', field.defaultValue) : '') +
    `</Field>`
  );
}

/** A UDF as getUDFInfo answers it: a `Field` record. */
export function udfInfoXml(udf: UdfDefinition): string {
  return fieldInfoXml(
    {
      name: udf.name,
      label: udf.label,
      type: udf.type,
      length: udf.length,
      required: udf.required,
      readOnly: false,
      queryable: true,
      picklist: udf.picklistValues !== undefined,
      ...(udf.description === undefined ? {} : { description: udf.description }),
      ...(udf.defaultValue === undefined ? {} : { defaultValue: udf.defaultValue }),
    },
    udf.picklistValues ?? [],
  );
}
