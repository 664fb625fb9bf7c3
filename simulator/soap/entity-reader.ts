/**
 * Reads the entities of a create/update/delete request as any SOAP stack writes them: prefixed or
 * default namespaces, `xsi:type` on the fields or not, `xsi:nil` for null. Values stay raw text
 * here; validation.ts decodes them by the field's type.
 */
import { childElement, childElements, xsiType, type XmlElement } from 'atws/protocol/soap';
import { isXsiNil } from 'atws/protocol/soap';

export interface IncomingEntity {
  /** The entity type from `xsi:type` (local part), if given. */
  readonly type: string | undefined;
  /** The `id` text, if given. */
  readonly idText: string | undefined;
  /** Field name -> raw text; null for `xsi:nil="true"`. */
  readonly fields: Map<string, string | null>;
  /** UDF name -> value; null for a UDF sent without a value. */
  readonly udfs: Map<string, string | null>;
}

const isNil = (el: XmlElement): boolean => isXsiNil(el.attributes);

export function readEntity(el: XmlElement): IncomingEntity {
  const fields = new Map<string, string | null>();
  const udfs = new Map<string, string | null>();
  let idText: string | undefined;
  for (const child of el.children) {
    if (child.name === 'Fields') continue;
    if (child.name === 'id') {
      idText = isNil(child) ? undefined : child.text.trim();
      continue;
    }
    if (child.name === 'UserDefinedFields') {
      for (const udf of childElements(child, 'UserDefinedField')) {
        const name = childElement(udf, 'Name')?.text.trim();
        if (!name) continue;
        const value = childElement(udf, 'Value');
        udfs.set(name, value === undefined || isNil(value) ? null : value.text);
      }
      continue;
    }
    fields.set(child.name, isNil(child) ? null : child.text);
  }
  return { type: xsiType(el), idText, fields, udfs };
}

/** The `Entity` elements inside an operation's `Entities` parameter. */
export function readEntities(operation: XmlElement): IncomingEntity[] {
  const list = childElement(operation, 'Entities');
  return list ? childElements(list, 'Entity').map(readEntity) : [];
}
