/**
 * The generated code of each API version, loaded on first use so that a program talking to one
 * version never loads the other's 128 entity classes (nor, in its types, their declarations).
 */
import type { ApiMetadata, ApiVersion } from '../protocol/metadata.js';
import type { OperationDescriptor } from '../protocol/operations.js';
import type { EntityClass } from '../entity/entity-base.js';

/** What the runtime needs of a version's generated code. */
export interface ApiModule {
  readonly metadata: ApiMetadata;
  readonly entityClasses: { readonly [entity: string]: EntityClass };
  readonly operations: { readonly [operation: string]: OperationDescriptor };
}

// The types of each version come from runtime/protocol/api-versions.ts, which the generated code fills:
// naming generated files here would load both versions' declarations into every program.
export type { EntityMapOf, MetadataOf } from '../protocol/api-versions.js';

const loaded = new Map<ApiVersion, Promise<ApiModule>>();

/** The generated code of an API version. */
export function loadApi(version: ApiVersion): Promise<ApiModule> {
  let api = loaded.get(version);
  if (api === undefined) {
    api = (version === '1.5' ? import('atws/v1_5') : import('atws/v1_6')).then(
      (module) => module as unknown as ApiModule,
    );
    loaded.set(version, api);
  }
  return api;
}

/** An operation's data, by WSDL name; a clear error when the version lacks it. */
export function operationOf(api: ApiModule, name: string): OperationDescriptor {
  const operation = api.operations[name];
  if (operation === undefined) {
    throw new Error(`The generated operations of API ${api.metadata.apiVersion} lack "${name}"; run npm run codegen`);
  }
  return operation;
}
