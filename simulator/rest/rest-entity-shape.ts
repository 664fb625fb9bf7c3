/**
 * An entity as REST names it, from the derived REST model (`atws/rest-model`): its REST fields in
 * order, each with the SOAP field of the tenant's schema it stands for (the store keeps SOAP
 * fields), and a lower-case index, since REST field names are "not case sensitive" in filters and
 * IncludeFields (apigrate/autotask-restapi README; the official Postman collection sends
 * `CompanyID`, `IsActive`, `lastname`). A REST field whose SOAP twin the tenant's schema lacks (the
 * REST-only fields, `isAssignedToComanaged`, ...; or a field newer than `--revision 1.6.1`) has no
 * stored value: it answers null and cannot be set or filtered on (our choice).
 */
import type { EntityMeta, FieldMeta, RestEntity, RestFieldType } from 'atws/protocol';
import { RestRefusal } from './rest-answer.js';

export interface RestFieldShape {
  /** The REST name, as the swagger spells it (`companyID`). */
  readonly rest: string;
  readonly type: RestFieldType;
  /** The SOAP field it stands for in the tenant's schema; undefined for a field the tenant keeps no value of. */
  readonly soap: FieldMeta | undefined;
}

export interface RestEntityShape {
  readonly rest: RestEntity;
  readonly meta: EntityMeta;
  /**
   * The entity's name in the API's messages: the REST model's name without `Model`
   * (`CompanyLocation`): production says "Unable to find limit in the CompanyLocation Entity."
   * (msoukhomlinov/n8n-nodes-autotask CHANGELOG).
   */
  readonly name: string;
  /** `id` first, then the REST fields in the model's order, then the REST-only ones. */
  readonly fields: readonly RestFieldShape[];
  /** Lower-case REST name -> field. */
  readonly byLowerName: ReadonlyMap<string, RestFieldShape>;
  /** SOAP field name -> field. */
  readonly bySoapName: ReadonlyMap<string, RestFieldShape>;
}

const shapes = new WeakMap<EntityMeta, Map<RestEntity, RestEntityShape>>();

/** The REST shape of `rest` over the tenant's entity `meta`, built once. */
export function restEntityShape(rest: RestEntity, meta: EntityMeta): RestEntityShape {
  let byRest = shapes.get(meta);
  if (byRest === undefined) {
    byRest = new Map();
    shapes.set(meta, byRest);
  }
  const cached = byRest.get(rest);
  if (cached !== undefined) return cached;
  const fields: RestFieldShape[] = [];
  const seen = new Set<string>();
  const add = (shape: RestFieldShape): void => {
    const lower = shape.rest.toLowerCase();
    if (seen.has(lower)) return;
    seen.add(lower);
    fields.push(shape);
  };
  add({ rest: 'id', type: 'int64', soap: meta.fields['id'] });
  for (const [soapName, field] of Object.entries(rest.fields)) {
    // A field only some API versions have (1.5's AEMDeviceID) shares its REST name with the one the tenant keeps.
    if (field.onlyIn !== undefined && !Object.hasOwn(meta.fields, soapName)) continue;
    add({ rest: field.rest, type: field.type, soap: Object.hasOwn(meta.fields, soapName) ? meta.fields[soapName] : undefined });
  }
  for (const [restName, type] of Object.entries(rest.restOnlyFields)) add({ rest: restName, type, soap: undefined });
  const shape: RestEntityShape = {
    rest,
    meta,
    name: rest.model.replace(/Model$/, ''),
    fields,
    byLowerName: new Map(fields.map((f) => [f.rest.toLowerCase(), f])),
    bySoapName: new Map(fields.flatMap((f) => (f.soap === undefined ? [] : [[f.soap.name, f] as const]))),
  };
  byRest.set(rest, shape);
  return shape;
}

/** A refusal of the tenant's, in REST's words (see {@link inRestWords}). */
export function tenantRefusal(shape: RestEntityShape, message: string): RestRefusal {
  return new RestRefusal(inRestWords(shape, message));
}

/** A field by its REST name in any case; undefined for a name the entity does not have. */
export function restField(shape: RestEntityShape, name: string): RestFieldShape | undefined {
  return shape.byLowerName.get(name.toLowerCase());
}

/** Production's refusal of a name the entity does not have (filters, IncludeFields, writes). */
export function unknownFieldMessage(shape: RestEntityShape, name: string): string {
  return `Unable to find ${name} in the ${shape.name} Entity.`;
}

/** Our refusal of a REST field the simulated tenant keeps no value of. */
export function unkeptFieldMessage(shape: RestEntityShape, field: RestFieldShape): string {
  return (
    `The field ${field.rest} of the ${shape.name} Entity has no counterpart in the SOAP entity ${shape.meta.name}, ` +
    'so this simulator keeps no value of it (it always reads null).'
  );
}

const renamedPatterns = new WeakMap<RestEntityShape, ReadonlyArray<readonly [RegExp, string]>>();

/**
 * A tenant message in REST's words: the SOAP names it quotes that REST spells otherwise are replaced, whole words only: the entity's (`Account` -> `Company`, as production's
 * messages name the REST model: "Unable to find limit in the CompanyLocation Entity") and its
 * fields' (`AccountID` -> `companyID`, `Status` -> `status`), so that a REST client reads the names it sends.
 */
export function inRestWords(shape: RestEntityShape, message: string): string {
  let patterns = renamedPatterns.get(shape);
  if (patterns === undefined) {
    const renamed: Array<readonly [string, string]> = shape.fields
      .filter((f) => f.soap !== undefined && f.soap.name !== f.rest)
      .map((f) => [(f.soap as FieldMeta).name, f.rest] as const);
    if (shape.meta.name !== shape.name) renamed.push([shape.meta.name, shape.name]);
    patterns = renamed.map(([soap, rest]) => [new RegExp(`\\b${soap}\\b`, 'g'), rest] as const);
    renamedPatterns.set(shape, patterns);
  }
  let text = message;
  for (const [pattern, rest] of patterns) text = text.replace(pattern, rest);
  return text;
}
