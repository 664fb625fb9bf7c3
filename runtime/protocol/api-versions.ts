/**
 * The API versions whose generated code a program has imported, as types. Each generated
 * `v1_x/index.ts` adds its version here (module augmentation), and the runtime's own declarations
 * name no generated file: so a program that imports `atws` and `atws/v1_6` type-checks against
 * 1.6's declarations only, never loading 1.5's (and the reverse).
 *
 * A generated module can also type a connection by itself (`connect({ api })`): a tenant's module
 * of 1.6 and the package's `atws/v1_6` cannot both register '1.6', so such a module carries its
 * entity map in the type of its `entityClasses` ({@link TypedEntityClasses}) instead.
 *
 * @example
 * import 'atws/v1_6'; // or import type { Ticket } from 'atws/v1_6'; either registers 1.6
 */
import type { ApiMetadata, ApiVersion } from './metadata.js';

/** Version -> its generated entity map and metadata; filled by the generated code. */

export interface ApiVersions {}

/** What one generated version registers. */
export interface RegisteredApi {
  readonly entityMap: object;
  readonly metadata: ApiMetadata;
}

/**
 * Key of the phantom property through which a generated module's `entityClasses` names its
 * `EntityMap` type. No object holds it: it exists in the types only.
 */
export const entityMapType: unique symbol = Symbol('atws.entityMap');

/**
 * The type of a generated `entityClasses`: the classes, and (as a type only) the module's entity
 * map, so that `connect({ api })` types the connection from the value it is given.
 */
export type TypedEntityClasses<M extends object> = { readonly [entityMapType]?: M };

/** A generated module, as far as the types need it: `typeof import('atws/v1_6')`, or a tenant's own. */
export interface GeneratedApiTypes {
  readonly metadata: ApiMetadata;
  readonly entityClasses: object;
}

/**
 * What a connection is typed by: an API version (whose generated code the program imported), or
 * a generated module itself (`Connection<typeof tenantApi>`).
 */
export type ApiVersionOrModule = ApiVersion | GeneratedApiTypes;

/** @deprecated The former name of {@link ApiVersionOrModule}. */
export type ApiSpec = ApiVersionOrModule;

/** The versions whose generated code is part of the program. */
export type ImportedVersion = keyof ApiVersions & ApiVersion;

/** The generated `EntityMap` of a version or module (entity name -> { entity, create, update, queryFields, decimalFields }). */
export type EntityMapOf<V extends ApiVersionOrModule> = V extends GeneratedApiTypes
  ? V['entityClasses'] extends { readonly [entityMapType]?: infer M extends object }
    ? M
    : never
  : V extends ImportedVersion
    ? ApiVersions[V] extends { readonly entityMap: infer M extends object }
      ? M
      : never
    : never;

/**
 * The generated metadata of a version or module, with its literal types. The registered metadata
 * is inferred without an `extends ApiMetadata` bound: checking that bound relates every field of
 * the version's thousands to `FieldMeta` in each user's type-check, a large share of what importing
 * a version costs, and the generated `metadata` is already checked `satisfies ApiMetadata` where
 * it is generated.
 */
export type MetadataOf<V extends ApiVersionOrModule> = V extends GeneratedApiTypes
  ? V['metadata']
  : V extends ImportedVersion
    ? ApiVersions[V] extends { readonly metadata: infer M }
      ? M
      : ApiMetadata
    : ApiMetadata;

/** The API version of a version or module: `'1.6'` for `typeof import('atws/v1_6')`. */
export type VersionOf<V extends ApiVersionOrModule> = V extends GeneratedApiTypes ? V['metadata']['apiVersion'] : V;

/** Why a version's types are missing, as a compile error shows it. */
export type VersionNotImported<V extends ApiVersion> =
  `import 'atws/v${V extends '1.5' ? '1_5' : '1_6'}' (or a type from it) so that API ${V} is typed`;

/** The entity map a `Query` is of when not told: 1.6's (the default of `connect`) when imported, else 1.5's. */
export type DefaultEntityMap = ApiVersions extends { readonly '1.6': { readonly entityMap: infer M extends object } }
  ? M
  : ApiVersions extends { readonly '1.5': { readonly entityMap: infer M extends object } }
    ? M
    : never;
