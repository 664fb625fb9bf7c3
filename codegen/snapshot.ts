/**
 * The project's own snapshot format (`wsdl/<version>/`): what `atws codegen pull` writes and
 * `atws codegen generate` reads. Two files, 2-space JSON, stable key order:
 * - `entities.json`: an `EntitySnapshot` (entities sorted by name, fields in wire order);
 * - `wsdl.json`: the WSDL's structure (`WsdlDocument`), in document order.
 */
import type { ApiVersion, FieldType } from 'atws/protocol';

export const SNAPSHOT_FORMAT = 'atws-snapshot/1';
export const ENTITIES_FILE = 'entities.json';
export const WSDL_FILE = 'wsdl.json';

export interface SnapshotPicklistValue {
  readonly value: string;
  readonly label: string;
  readonly isDefaultValue: boolean;
  readonly sortOrder: number;
  readonly parentValue?: string;
  readonly isActive: boolean;
  readonly isSystem: boolean;
}

export interface SnapshotField {
  readonly name: string;
  readonly label: string;
  readonly type: FieldType;
  readonly length: number;
  readonly required: boolean;
  readonly readOnly: boolean;
  readonly queryable: boolean;
  readonly picklist: boolean;
  readonly reference?: string;
  readonly picklistParent?: string;
  readonly defaultValue?: string;
  readonly description?: string;
  /** Where the field comes from when WSDL and metadata disagree (see `disagreements`). */
  readonly source?: 'wsdl-only' | 'metadata-only';
  /** Picklist values, when pulled live (the metadata files carry none: they belong to a tenant). */
  readonly picklistValues?: readonly SnapshotPicklistValue[];
}

/** A user-defined field as `getUDFInfo` describes it (live pulls only). */
export type SnapshotUdf = Omit<SnapshotField, 'source' | 'reference' | 'picklistParent'>;

export interface SnapshotEntity {
  readonly name: string;
  readonly canCreate: boolean;
  readonly canUpdate: boolean;
  readonly canDelete: boolean;
  readonly canQuery: boolean;
  readonly hasUserDefinedFields: boolean;
  readonly source?: 'wsdl-only' | 'metadata-only';
  /** `id` first, then the WSDL's sequence order, then fields only the metadata has. */
  readonly fields: readonly SnapshotField[];
  readonly udfs?: readonly SnapshotUdf[];
}

export type DisagreementKind =
  'entity-only-in-wsdl' | 'entity-only-in-metadata' | 'field-only-in-wsdl' | 'field-only-in-metadata' | 'reference-to-unknown-entity';

export interface Disagreement {
  readonly kind: DisagreementKind;
  readonly entity: string;
  readonly field?: string;
  /** What the snapshot does about it (the rule of codegen/README.md that applied). */
  readonly resolution: string;
}

export interface EntitySnapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly apiVersion: ApiVersion;
  readonly metadataVersion: string;
  readonly namespace: string;
  readonly sources: { readonly wsdl: string; readonly metadata: string };
  /** True when metadata-only entities and fields were left out (the 1.5 rule). */
  readonly restrictedToWsdl: boolean;
  readonly disagreements: readonly Disagreement[];
  readonly entities: readonly SnapshotEntity[];
}
