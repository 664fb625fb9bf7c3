/**
 * Writes one entity as ATWS takes it in `create`/`update`/`delete` (and as the simulator answers
 * it in `EntityResults`): `<Entity xsi:type="Ticket"><id>..</id><UserDefinedFields>..</UserDefinedFields>
 * <Title xsi:type="xsd:string">..</Title>..</Entity>`, fields in metadata (wire) order.
 * The `xsi` and `xsd` prefixes are the envelope's (`soapEnvelope` declares them).
 */
import { UsageError } from '../../errors.js';
import type { EntityMeta, FieldMeta, FieldValue } from '../../metadata.js';
import { escapeXmlAttr, escapeXmlText, invalidXmlCharAt } from './escape.js';
import { encodeFieldValue, xsdTypeOf } from './field-codec.js';
import { formatEasternWire } from '../../time/eastern.js';

export interface EntityRecord {
  /** The entity id; when undefined, `values.id` is used if set. */
  id?: number | undefined;
  /** Field values by field name; null and undefined fields are left out. */
  values: { readonly [field: string]: FieldValue | null | undefined };
  /** User-defined fields in order; a null value writes the UDF's name only. */
  udfs?: Iterable<readonly [string, string | null]>;
  /** Fields to send empty (`xsi:nil`), which update() clears. */
  nil?: ReadonlySet<string>;
  /**
   * Fields the metadata does not know (a later API revision), written after the known ones as the
   * text the API sent them with (typed `xsd:string`); null writes them `xsi:nil`.
   */
  extra?: Iterable<readonly [string, string | null]>;
}

export interface WriteEntityOptions {
  /** Leaves out fields for which it returns true (never `id`), e.g. read-only fields on update. */
  omit?: (field: FieldMeta) => boolean;
  /**
   * The element's name when not `Entity`: `Info`, the AttachmentInfo of a `CreateAttachment`
   * (`<Info xsi:type="AttachmentInfo">`).
   */
  element?: string;
}

const ID_FIELD: FieldMeta = {
  name: 'id',
  label: 'id',
  type: 'long',
  length: 0,
  required: false,
  readOnly: true,
  queryable: true,
  picklist: false,
};

interface FieldPlan {
  readonly name: string;
  readonly field: FieldMeta;
  /** `<Name xsi:type="xsd:...">`, without its closing `>`. */
  readonly open: string;
  readonly close: string;
}

/** What an entity type's XML always holds, worked out once per type: its tags. */
interface EntityPlan {
  readonly start: string;
  readonly idField: FieldMeta;
  /** Every field but `id`, in metadata order. */
  readonly fields: readonly FieldPlan[];
}

const plans = new WeakMap<EntityMeta, EntityPlan>();

function planOf(meta: EntityMeta): EntityPlan {
  let plan = plans.get(meta);
  if (plan === undefined) {
    const fields: FieldPlan[] = [];
    for (const name in meta.fields) {
      if (name === 'id') continue;
      const field = meta.fields[name] as FieldMeta;
      fields.push({ name, field, open: `<${name} xsi:type="${xsdTypeOf(field.type)}"`, close: `</${name}>` });
    }
    plan = { start: `<Entity xsi:type="${escapeXmlAttr(meta.name)}">`, idField: meta.fields['id'] ?? ID_FIELD, fields };
    plans.set(meta, plan);
  }
  return plan;
}

/**
 * The XML of one entity. Throws `UsageError` naming the entity and field for a field the entity
 * does not have or a value wrong for the field's type.
 *
 * @example writeEntityXml(metadata.entities.Ticket, { values: { Title: 'Printer offline', AccountID: 0 } })
 */
export function writeEntityXml(meta: EntityMeta, record: EntityRecord, options: WriteEntityOptions = {}): string {
  const { values } = record;
  // Walked in place (no key array): every entity of every request and answer passes here.
  for (const name in values) {
    if (Object.hasOwn(values, name) && meta.fields[name] === undefined) throw new UsageError(`${meta.name} has no field "${name}"`);
  }
  const plan = planOf(meta);
  const element = options.element;
  if (element !== undefined && !XML_NAME.test(element)) throw new UsageError(`${meta.name}: "${element}" is not an element name`);
  // Pieces joined once: a flat string, where `+=` would leave a deep rope that a whole answer's
  // (or request's) own join then has to walk and flatten.
  const parts: string[] = [element === undefined ? plan.start : `<${element}${plan.start.slice('<Entity'.length)}`];
  const id = record.id ?? values['id'];
  if (id !== undefined && id !== null) parts.push('<id>', encode(meta, plan.idField, id), '</id>');
  if (record.udfs !== undefined) {
    const udfStart = parts.length;
    for (const [name, value] of record.udfs) {
      if (typeof name !== 'string' || name === '') throw new UsageError(`${meta.name}: a user-defined field has no name`);
      if (value !== null && typeof value !== 'string') {
        throw new UsageError(`${meta.name}: user-defined field "${name}" must be a string or null, got ${typeof value}`);
      }
      if (parts.length === udfStart) parts.push('<UserDefinedFields>');
      parts.push('<UserDefinedField><Name>', escapeXmlText(name));
      if (value === null) parts.push('</Name></UserDefinedField>');
      else parts.push('</Name><Value>', storableText(meta, `user-defined field "${name}"`, value), '</Value></UserDefinedField>');
    }
    if (parts.length !== udfStart) parts.push('</UserDefinedFields>');
  }
  const omit = options.omit;
  const nil = record.nil;
  for (const f of plan.fields) {
    const value = values[f.name];
    if (value === undefined || value === null) {
      if (nil !== undefined && nil.has(f.name) && !(omit !== undefined && omit(f.field))) parts.push(`<${f.name} xsi:nil="true"/>`);
      continue;
    }
    if (omit !== undefined && omit(f.field)) continue;
    const text = encode(meta, f.field, value);
    if (text === '') parts.push(f.open, '/>');
    // Only strings can hold characters to escape; the other types' texts are digits, signs, dots, letters.
    else parts.push(f.open, '>', f.field.type === 'string' ? storableText(meta, `field "${f.name}"`, text) : text, f.close);
  }
  if (record.extra !== undefined) {
    for (const [name, text] of record.extra) {
      if (!XML_NAME.test(name) || Object.hasOwn(meta.fields, name))
        throw new UsageError(`${meta.name}: "${name}" cannot be written as an extra field`);
      if (text === null) parts.push(`<${name} xsi:nil="true"/>`);
      else if (text === '') parts.push(`<${name} xsi:type="xsd:string"/>`);
      else parts.push(`<${name} xsi:type="xsd:string">`, storableText(meta, `field "${name}"`, text), `</${name}>`);
    }
  }
  parts.push(element === undefined ? '</Entity>' : `</${element}>`);
  return parts.join('');
}

/**
 * A text value escaped for the request; one holding a character XML cannot carry (a NUL, most
 * control characters) is refused, naming the field and the position, rather than sent without it.
 */
function storableText(meta: EntityMeta, what: string, text: string): string {
  const at = invalidXmlCharAt(text);
  if (at >= 0) {
    const code = text.codePointAt(at) as number;
    throw new UsageError(
      `${meta.name}: ${what} holds U+${code.toString(16).toUpperCase().padStart(4, '0')} at position ${at}, a character XML (and so ATWS) cannot carry; remove it`,
    );
  }
  return escapeXmlText(text);
}

/** A plain XML element name (no prefix): what an API field name is. */
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * The lexical text (unescaped) of a value, as `encodeFieldValue` writes it, or throws as it does.
 * The kinds of value entities usually hold are written here directly: the general encoder's
 * range checks in bigint cost more than the rest of an entity's XML.
 */
function encode(meta: EntityMeta, field: FieldMeta, value: unknown): string {
  const quick = quickText(field, value);
  if (quick !== undefined) return quick;
  try {
    return encodeFieldValue(field, value);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${meta.name}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** The text `encodeFieldValue` gives a common, valid value; undefined for anything else. */
function quickText(field: FieldMeta, value: unknown): string | undefined {
  switch (field.type) {
    case 'string':
      return typeof value === 'string' ? value : undefined;
    case 'integer':
      return typeof value === 'number' && (value | 0) === value ? String(value) : undefined;
    case 'short':
      return typeof value === 'number' && (value | 0) === value && value >= -32_768 && value <= 32_767 ? String(value) : undefined;
    case 'long':
      return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined;
    case 'double':
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0) ? String(value) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? (value ? 'true' : 'false') : undefined;
    case 'datetime':
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) return undefined;
      try {
        return formatEasternWire(value);
      } catch {
        return undefined; // the general encoder throws it again, naming the field
      }
    default:
      return undefined;
  }
}
