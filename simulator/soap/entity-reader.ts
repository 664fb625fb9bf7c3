/**
 * Reads the entities of a create/update/delete request as any SOAP stack writes them: prefixed or
 * default namespaces, `xsi:type` on the fields or not, `xsi:nil` for null. Values stay raw text
 * here; the tenant reads them by the field's type with SOAP's reading (soap-reading.ts).
 */
import { childElement, childElements, xsiType, type XmlElement } from 'atws/protocol/soap';
import { isXsiNil } from 'atws/protocol/soap';
import type { IncomingEntity } from '../tenant/incoming-entity.js';

const isNil = (el: XmlElement): boolean => isXsiNil(el.attributes);

export function readEntity(el: XmlElement): IncomingEntity {
  const fields = new Map<string, string | null>();
  const udfs = new Map<string, string | null>();
  let id: string | undefined;
  for (const child of el.children) {
    if (child.name === 'Fields') continue;
    if (child.name === 'id') {
      id = isNil(child) ? undefined : child.text.trim();
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
  return { type: xsiType(el), id, fields, udfs };
}

/** The `Entity` elements inside an operation's `Entities` parameter. */
export function readEntities(operation: XmlElement): IncomingEntity[] {
  const list = childElement(operation, 'Entities');
  return list ? childElements(list, 'Entity').map(readEntity) : [];
}
