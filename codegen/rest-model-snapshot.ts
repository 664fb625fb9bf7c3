/**
 * The REST model's reviewable snapshot (`wsdl/rest-v1.0/rest-model.json`): what `npm run codegen`
 * derives from the REST swagger and the SOAP snapshot, with every rule it applied and every
 * disagreement it found, so that a diff of this one file is the review of a REST API upgrade.
 * JSON with a stable order: entities by SOAP name, fields in SOAP wire order, disagreements by
 * kind, entity and field; a record of plain values is written on one line.
 */
import type { ApiVersion, RestFieldType, RestMethod } from 'atws/protocol';
import type { FieldRule } from './rest-field-pairing.js';

export const REST_MODEL_FORMAT = 'atws-rest-model/1';
export const REST_MODEL_FOLDER = 'rest-v1.0';
export const REST_MODEL_FILE = 'rest-model.json';

export interface SnapshotRestField {
  readonly soap: string;
  readonly rest: string;
  readonly type: RestFieldType;
  /** Absent for a plain case change (`Title` -> `title`). */
  readonly rule?: Exclude<FieldRule, 'case'>;
  readonly detail?: string;
  /** Set on a field only these versions' classes have (1.5's AEMDeviceID beside 1.6's RMMDeviceID). */
  readonly onlyIn?: readonly ApiVersion[];
}

/** How a child route's parent was found: the parent collection's entity, or the prefix rule. */
export type ParentRule = 'collection' | 'prefix';
/** How the parent id field was found: the only reference to the parent, `<Parent>ID`, or listed. */
export type ParentIdRule = 'reference' | 'name' | 'listed';

export interface SnapshotChildRoute {
  readonly parentCollection: string;
  readonly name: string;
  readonly parent?: string;
  readonly parentRule?: ParentRule;
  readonly parentIdField?: string;
  readonly parentIdRule?: ParentIdRule;
  readonly methods: readonly RestMethod[];
}

export interface SnapshotRestEntity {
  /** SOAP entity name. */
  readonly entity: string;
  readonly model: string;
  /** The definition that pairs them (`QueryActionResult[CompanyModel,Account]`), or `same name`. */
  readonly pairedBy: string;
  readonly collection?: { readonly name: string; readonly methods: readonly RestMethod[] };
  readonly childRoutes: readonly SnapshotChildRoute[];
  readonly userDefinedFields: boolean;
  readonly fields: readonly SnapshotRestField[];
  readonly soapOnlyFields: readonly string[];
  readonly restOnlyFields: ReadonlyArray<{ readonly rest: string; readonly type: RestFieldType }>;
}

export type RestDisagreementKind =
  | 'entity-only-in-soap'
  | 'entity-only-in-rest'
  | 'entity-renamed'
  | 'field-only-in-soap'
  | 'field-only-in-rest'
  | 'field-renamed'
  | 'field-type-differs'
  | 'udf-differs'
  | 'capability-differs'
  | 'child-parent-unresolved'
  | 'listed-rule-unused';

export interface RestDisagreement {
  readonly kind: RestDisagreementKind;
  /** The SOAP entity, or the REST model when no SOAP entity pairs with it. */
  readonly entity: string;
  readonly field?: string;
  readonly detail: string;
}

export interface RestOnlyModel {
  readonly model: string;
  /** The SOAP-side name the generic definitions give it, when they name one no SOAP entity has. */
  readonly genericName?: string;
  readonly routes: readonly string[];
}

export interface RestModelSnapshot {
  readonly format: typeof REST_MODEL_FORMAT;
  readonly restVersion: string;
  readonly basePath: string;
  readonly versionSegment: string;
  readonly sources: {
    readonly swagger: string;
    readonly soap: string;
    readonly alsoCovers: string;
  };
  readonly counts: {
    readonly swaggerPaths: number;
    readonly swaggerDefinitions: number;
    readonly genericPairs: number;
    readonly genericPairsRenamed: number;
    readonly soapEntities: number;
    readonly pairedEntities: number;
    /** Entities with no top-level collection. */
    readonly childOnlyEntities: number;
    /** Entities whose collection only reads, written through a child route (TicketNote). */
    readonly writtenOnlyThroughChild: number;
  };
  readonly entities: readonly SnapshotRestEntity[];
  readonly restOnlyModels: readonly RestOnlyModel[];
  /** `METHOD path` of the swagger's operations that are no method of an entity route. */
  readonly otherOperations: readonly string[];
  readonly disagreements: readonly RestDisagreement[];
}

const isPlain = (v: unknown): boolean => v === null || typeof v !== 'object';

/** 2-space JSON, except that an object or array of plain values stays on one line (a field, a method list). */
export function restModelJson(snapshot: RestModelSnapshot): string {
  const write = (value: unknown, indent: string): string => {
    if (isPlain(value)) return JSON.stringify(value);
    const inner = `${indent}  `;
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]';
      if (value.every(isPlain)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
      return `[\n${value.map((v) => inner + write(v, inner)).join(',\n')}\n${indent}]`;
    }
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    if (entries.every(([, v]) => isPlain(v))) return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner)}`).join(',\n')}\n${indent}}`;
  };
  return `${write(snapshot, '')}\n`;
}
