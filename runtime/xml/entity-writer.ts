/**
 * Writes one entity as ATWS takes it in `create`/`update`/`delete` (and as the simulator answers
 * it in `EntityResults`): `<Entity xsi:type="Ticket"><id>..</id><UserDefinedFields>..</UserDefinedFields>
 * <Title xsi:type="xsd:string">..</Title>..</Entity>`, fields in metadata (wire) order.
 * The `xsi` and `xsd` prefixes are the envelope's (`soapEnvelope` declares them).
 */
import { UsageError } from '../errors.js';
import type { EntityMeta, FieldMeta, FieldValue } from '../metadata.js';
import { escapeXmlAttr, escapeXmlText } from './escape.js';
import { encodeFieldValue, xsdTypeOf } from './field-codec.js';

export interface EntityRecord {
  /** The entity id; when undefined, `values.id` is used if set. */
  id?: number | undefined;
  /** Field values by field name; null and undefined fields are left out. */
  values: { readonly [field: string]: FieldValue | null | undefined };
  /** User-defined fields in order; a null value writes the UDF's name only. */
  udfs?: Iterable<readonly [string, string | null]>;
}

export interface WriteEntityOptions {
  /** Leaves out fields for which it returns true (never `id`), e.g. read-only fields on update. */
  omit?: (field: FieldMeta) => boolean;
}

const ID_FIELD: FieldMeta = {
  name: 'id', label: 'id', type: 'long', length: 0, required: false, readOnly: true, queryable: true, picklist: false,
};

/**
 * The XML of one entity. Throws `UsageError` naming the entity and field for a field the entity
 * does not have or a value wrong for the field's type.
 *
 * @example writeEntityXml(metadata.entities.Ticket, { values: { Title: 'Printer offline', AccountID: 0 } })
 */
export function writeEntityXml(meta: EntityMeta, record: EntityRecord, options: WriteEntityOptions = {}): string {
  const { values } = record;
  for (const name of Object.keys(values)) {
    if (meta.fields[name] === undefined) throw new UsageError(`${meta.name} has no field "${name}"`);
  }
  let xml = `<Entity xsi:type="${escapeXmlAttr(meta.name)}">`;
  const id = record.id ?? values['id'];
  if (id !== undefined && id !== null) xml += `<id>${encode(meta, meta.fields['id'] ?? ID_FIELD, id)}</id>`;
  if (record.udfs !== undefined) {
    let udfXml = '';
    for (const [name, value] of record.udfs) {
      if (typeof name !== 'string' || name === '') throw new UsageError(`${meta.name}: a user-defined field has no name`);
      if (value !== null && typeof value !== 'string') {
        throw new UsageError(`${meta.name}: user-defined field "${name}" must be a string or null, got ${typeof value}`);
      }
      udfXml +=
        value === null
          ? `<UserDefinedField><Name>${escapeXmlText(name)}</Name></UserDefinedField>`
          : `<UserDefinedField><Name>${escapeXmlText(name)}</Name><Value>${escapeXmlText(value)}</Value></UserDefinedField>`;
    }
    if (udfXml !== '') xml += `<UserDefinedFields>${udfXml}</UserDefinedFields>`;
  }
  const omit = options.omit;
  for (const name in meta.fields) {
    if (name === 'id') continue;
    const value = values[name];
    if (value === undefined || value === null) continue;
    const field = meta.fields[name] as FieldMeta;
    if (omit !== undefined && omit(field)) continue;
    const text = encode(meta, field, value);
    const open = `<${name} xsi:type="${xsdTypeOf(field.type)}"`;
    xml += text === '' ? `${open}/>` : `${open}>${escapeXmlText(text)}</${name}>`;
  }
  return `${xml}</Entity>`;
}

function encode(meta: EntityMeta, field: FieldMeta, value: unknown): string {
  try {
    return encodeFieldValue(field, value);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${meta.name}: ${error.message}`, { cause: error });
    throw error;
  }
}
