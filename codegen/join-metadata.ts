/**
 * Joins the WSDL's entity types (which fields exist, in wire order) with the field metadata (what
 * each field holds), applying the disagreement rules of codegen/README.md. Every disagreement is
 * returned, none is dropped silently.
 */
import type { SchemaItem, SchemaSequenceElement, WsdlDocument } from 'atws/protocol/soap';
import type { MetadataEntity, MetadataSet } from './api-records.js';
import type { Disagreement, SnapshotEntity, SnapshotField } from './snapshot.js';
import { entityTypesOf } from './wsdl-structure.js';

export interface JoinOptions {
  /** Leave out entities and fields the WSDL does not declare (used for 1.5). */
  readonly restrictToWsdl: boolean;
}

const ID_FIELD: SnapshotField = {
  name: 'id',
  label: 'id',
  type: 'long',
  length: 0,
  required: true,
  readOnly: true,
  queryable: true,
  picklist: false,
};

function wsdlOnlyField(name: string): SnapshotField {
  return {
    name,
    label: name,
    type: 'string',
    length: 0,
    required: false,
    readOnly: true,
    queryable: false,
    picklist: false,
    source: 'wsdl-only',
  };
}

export const RESOLUTIONS = {
  fieldOnlyInWsdl: 'kept in wire order as a read-only, non-queryable string field (the API reports no type for it)',
  fieldOnlyInMetadataKept:
    "kept after the WSDL-declared fields (the WSDL gives no position for it); wsdl.json declares it, derived, at the end of the entity's sequence",
  fieldOnlyInMetadataDropped: 'left out: this snapshot is restricted to what the WSDL declares',
  entityOnlyInMetadataKept:
    "kept, with its fields in metadata order (no WSDL type declares it); wsdl.json declares it, derived: a complexType extending Entity with those fields, after the WSDL's entity types",
  entityOnlyInMetadataDropped: 'left out: this snapshot is restricted to what the WSDL declares',
  entityOnlyInWsdl: 'kept with every capability false and its fields as read-only strings (the API reports nothing about it)',
  referenceToUnknownEntity: 'the reference name is kept; the generated TSDoc names it without a link',
} as const;

export function joinMetadata(
  wsdlEntities: ReadonlyArray<{ readonly name: string; readonly fields: readonly string[] }>,
  metadata: MetadataSet,
  options: JoinOptions,
): { entities: SnapshotEntity[]; disagreements: Disagreement[] } {
  const disagreements: Disagreement[] = [];
  const byName = new Map<string, MetadataEntity>(metadata.entities.map((e) => [e.name, e]));
  const wsdlNames = new Set(wsdlEntities.map((e) => e.name));
  const entities: SnapshotEntity[] = [];

  for (const wsdlEntity of wsdlEntities) {
    const meta = byName.get(wsdlEntity.name);
    if (meta === undefined) {
      disagreements.push({ kind: 'entity-only-in-wsdl', entity: wsdlEntity.name, resolution: RESOLUTIONS.entityOnlyInWsdl });
      entities.push({
        name: wsdlEntity.name,
        canCreate: false,
        canUpdate: false,
        canDelete: false,
        canQuery: false,
        hasUserDefinedFields: false,
        source: 'wsdl-only',
        fields: [ID_FIELD, ...wsdlEntity.fields.filter((f) => f !== 'id').map(wsdlOnlyField)],
      });
      continue;
    }
    const metaFields = new Map(meta.fields.map((f) => [f.name, f]));
    const fields: SnapshotField[] = [metaFields.get('id') ?? ID_FIELD];
    const declared = new Set(['id']);
    for (const name of wsdlEntity.fields) {
      if (declared.has(name)) continue;
      declared.add(name);
      const field = metaFields.get(name);
      if (field === undefined) {
        disagreements.push({ kind: 'field-only-in-wsdl', entity: meta.name, field: name, resolution: RESOLUTIONS.fieldOnlyInWsdl });
        fields.push(wsdlOnlyField(name));
      } else {
        fields.push(field);
      }
    }
    for (const field of meta.fields) {
      if (declared.has(field.name)) continue;
      disagreements.push({
        kind: 'field-only-in-metadata',
        entity: meta.name,
        field: field.name,
        resolution: options.restrictToWsdl ? RESOLUTIONS.fieldOnlyInMetadataDropped : RESOLUTIONS.fieldOnlyInMetadataKept,
      });
      if (!options.restrictToWsdl) fields.push({ ...field, source: 'metadata-only' });
    }
    entities.push(entityOf(meta, fields));
  }

  for (const meta of metadata.entities) {
    if (wsdlNames.has(meta.name)) continue;
    disagreements.push({
      kind: 'entity-only-in-metadata',
      entity: meta.name,
      resolution: options.restrictToWsdl ? RESOLUTIONS.entityOnlyInMetadataDropped : RESOLUTIONS.entityOnlyInMetadataKept,
    });
    if (options.restrictToWsdl) continue;
    const id = meta.fields.find((f) => f.name === 'id') ?? ID_FIELD;
    entities.push({ ...entityOf(meta, [id, ...meta.fields.filter((f) => f.name !== 'id')]), source: 'metadata-only' });
  }

  entities.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const known = new Set(entities.map((e) => e.name));
  for (const entity of entities) {
    for (const field of entity.fields) {
      if (field.reference !== undefined && !known.has(field.reference)) {
        disagreements.push({
          kind: 'reference-to-unknown-entity',
          entity: entity.name,
          field: field.name,
          resolution: `${RESOLUTIONS.referenceToUnknownEntity} (${field.reference})`,
        });
      }
    }
  }
  disagreements.sort(compareDisagreements);
  return { entities, disagreements };
}

function entityOf(meta: MetadataEntity, fields: SnapshotField[]): SnapshotEntity {
  return {
    name: meta.name,
    canCreate: meta.canCreate,
    canUpdate: meta.canUpdate,
    canDelete: meta.canDelete,
    canQuery: meta.canQuery,
    hasUserDefinedFields: meta.hasUserDefinedFields,
    fields,
    ...(meta.udfs === undefined ? {} : { udfs: meta.udfs }),
  };
}

function compareDisagreements(a: Disagreement, b: Disagreement): number {
  const ka = `${a.kind}\u0000${a.entity}\u0000${a.field ?? ''}`;
  const kb = `${b.kind}\u0000${b.entity}\u0000${b.field ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** One line for stderr. */
export function describeDisagreement(d: Disagreement): string {
  const where = d.field === undefined ? d.entity : `${d.entity}.${d.field}`;
  const what = {
    'entity-only-in-wsdl': 'entity declared by the WSDL but missing from the metadata',
    'entity-only-in-metadata': 'entity in the metadata but not declared by the WSDL',
    'field-only-in-wsdl': 'field declared by the WSDL but missing from the metadata',
    'field-only-in-metadata': 'field in the metadata but not declared by the WSDL',
    'reference-to-unknown-entity': 'reference to an entity this snapshot lacks',
  }[d.kind];
  return `${where}: ${what}: ${d.resolution}`;
}

/**
 * The WSDL, the join of its entity types with the metadata, and the WSDL as the snapshot keeps it:
 * unless restricted, every entity and field that the join keeps from the metadata alone is declared
 * in it too (a derived complexType extending Entity, fields in metadata order; a field appended
 * to its entity's sequence), so that the WSDL a server writes from the snapshot declares everything
 * its entities carry, as the WSDL of a later revision does, and WSDL-driven SOAP clients (`soap`,
 * suds) accept them.
 */
export function joinWsdl(
  wsdl: WsdlDocument,
  metadata: MetadataSet,
  options: JoinOptions,
): { entities: SnapshotEntity[]; disagreements: Disagreement[]; wsdl: WsdlDocument } {
  const joined = joinMetadata(entityTypesOf(wsdl), metadata, options);
  if (options.restrictToWsdl) return { ...joined, wsdl };
  return { ...joined, wsdl: declareMetadataOnly(wsdl, joined.entities, metadata) };
}

/** An entity field the WSDL declares: untyped, optional, as every field of the ATWS WSDLs. */
function declaredField(name: string): SchemaSequenceElement {
  return { name, minOccurs: '0', maxOccurs: '1' };
}

function declareMetadataOnly(wsdl: WsdlDocument, entities: readonly SnapshotEntity[], metadata: MetadataSet): WsdlDocument {
  const byName = new Map(entities.map((e) => [e.name, e]));
  const isEntityType = (item: SchemaItem): boolean => item.kind === 'complexType' && item.base !== undefined && item.base.endsWith(':Entity');
  const items = wsdl.schema.items.map((item): SchemaItem => {
    if (item.kind !== 'complexType' || !isEntityType(item)) return item;
    const added = (byName.get(item.name)?.fields ?? []).filter((f) => f.source === 'metadata-only');
    return added.length === 0 ? item : { ...item, sequence: [...item.sequence, ...added.map((f) => declaredField(f.name))] };
  });
  const entityBase = wsdl.schema.items.find(isEntityType);
  const tns = wsdl.namespaces.find((ns) => ns.uri === wsdl.targetNamespace)?.prefix;
  const base =
    entityBase?.kind === 'complexType'
      ? entityBase.base
      : tns !== undefined && wsdl.schema.items.some((i) => i.kind === 'complexType' && i.name === 'Entity')
        ? `${tns}:Entity`
        : undefined;
  // In metadata order, as the API lists them; the WSDL adds later entities after its last one.
  const derived: SchemaItem[] = [];
  for (const meta of metadata.entities) {
    const entity = byName.get(meta.name);
    if (entity?.source !== 'metadata-only' || base === undefined) continue;
    derived.push({
      kind: 'complexType',
      name: entity.name,
      mixed: 'false',
      base,
      hasSequence: true,
      sequence: entity.fields.filter((f) => f.name !== 'id').map((f) => declaredField(f.name)),
      anyAttribute: false,
    });
  }
  let last = -1;
  items.forEach((item, index) => {
    if (isEntityType(item)) last = index;
  });
  items.splice(last + 1, 0, ...derived);
  return { ...wsdl, schema: { ...wsdl.schema, items } };
}
