/**
 * The shape of the metadata that `atws codegen generate` emits per API version
 * (`generated/v1_x/metadata.ts`). It is the contract between the generated code and the runtime:
 * the runtime's codec, picklists, cursors and the simulator know entities only through it.
 */

/** Field types as `GetFieldInfo` reports them. */
export type FieldType = 'boolean' | 'datetime' | 'decimal' | 'double' | 'float' | 'integer' | 'long' | 'short' | 'string';

/** The API versions this package speaks. */
export type ApiVersion = '1.5' | '1.6';

/**
 * A field's value in memory. Numbers for integer/long/short/double/float, `Date` for datetime,
 * `boolean` for boolean, `string` for string and for decimal (kept as the exact decimal text the
 * API sent, so that a read-modify-write round trip never loses precision).
 */
export type FieldValue = string | number | boolean | Date;

export interface FieldMeta {
  readonly name: string;
  readonly label: string;
  readonly type: FieldType;
  /** Maximum length of a string field; 0 when the API gives none. */
  readonly length: number;
  readonly required: boolean;
  readonly readOnly: boolean;
  readonly queryable: boolean;
  /** The referenced entity type when the field is a reference. */
  readonly reference?: string;
  readonly picklist: boolean;
  /** For a child picklist, the name of the parent picklist field (Ticket SubIssueType -> IssueType). */
  readonly picklistParent?: string;
  readonly defaultValue?: string;
  readonly description?: string;
}

export interface EntityMeta {
  readonly name: string;
  readonly canCreate: boolean;
  readonly canUpdate: boolean;
  readonly canDelete: boolean;
  readonly canQuery: boolean;
  readonly hasUserDefinedFields: boolean;
  /** Every field, `id` included, in wire order (the WSDL's sequence order). */
  readonly fields: { readonly [name: string]: FieldMeta };
}

export interface ApiMetadata {
  readonly apiVersion: ApiVersion;
  /** The revision of the field metadata the snapshot was pulled from, e.g. "1.6.1". */
  readonly metadataVersion: string;
  /** The ATWS target namespace, e.g. "http://autotask.net/ATWS/v1_6/". */
  readonly namespace: string;
  readonly entities: { readonly [name: string]: EntityMeta };
}
