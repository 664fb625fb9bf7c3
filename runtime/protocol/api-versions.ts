/**
 * The API versions whose generated code a program has imported, as types. Each generated
 * `v1_x/index.ts` adds its version here (module augmentation), and the runtime's own declarations
 * name no generated file: so a program that imports `atws` and `atws/v1_6` type-checks against
 * 1.6's declarations only, never loading 1.5's (and the reverse).
 *
 * @example
 * import 'atws/v1_6'; // or import type { Ticket } from 'atws/v1_6'; either registers 1.6
 */
import type { ApiMetadata, ApiVersion } from './metadata.js';

/** Version -> its generated entity map and metadata; filled by the generated code. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface -- merged into by each generated version.
export interface ApiVersions {}

/** What one generated version registers. */
export interface RegisteredApi {
  readonly entityMap: object;
  readonly metadata: ApiMetadata;
}

/** The versions whose generated code is part of the program. */
export type ImportedVersion = keyof ApiVersions & ApiVersion;

/** The generated `EntityMap` of a version (entity name -> { entity, create, update, queryFields, decimalFields }). */
export type EntityMapOf<V extends ApiVersion> = V extends ImportedVersion
  ? ApiVersions[V] extends { readonly entityMap: infer M extends object }
    ? M
    : never
  : never;

/** The generated metadata of a version, with its literal types. */
export type MetadataOf<V extends ApiVersion> = V extends ImportedVersion
  ? ApiVersions[V] extends { readonly metadata: infer M extends ApiMetadata }
    ? M
    : ApiMetadata
  : ApiMetadata;

/** Why a version's types are missing, as a compile error shows it. */
export type VersionNotImported<V extends ApiVersion> = `import 'atws/v${V extends '1.5' ? '1_5' : '1_6'}' (or a type from it) so that API ${V} is typed`;

/** The entity map a `Query` is of when not told: 1.6's (the default of `connect`) when imported, else 1.5's. */
export type DefaultEntityMap = ApiVersions extends { readonly '1.6': { readonly entityMap: infer M extends object } }
  ? M
  : ApiVersions extends { readonly '1.5': { readonly entityMap: infer M extends object } }
    ? M
    : never;
