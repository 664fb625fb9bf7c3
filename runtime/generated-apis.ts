/**
 * The one registry of the API versions' generated code (`atws/generated-apis`): the client loads a
 * version's module here on first use (so a program talking to one version never loads the other's
 * entity classes, nor, in its types, their declarations), and the simulator loads here what it
 * serves: the same modules, and each version's WSDL structure, which client connections never load.
 * Versions come from the protocol's list; the table below is typed by it, so a version added there
 * without its generated code does not compile.
 */
import type { ApiMetadata, ApiVersion } from './protocol/metadata.js';
import type { OperationDescriptor } from './protocol/operations.js';
import type { WsdlDocument } from './protocol/wsdl/wsdl-writer.js';
import type { EntityClass } from './entity/entity-base.js';

/** What the runtime needs of a version's generated code. */
export interface ApiModule {
  readonly metadata: ApiMetadata;
  readonly entityClasses: { readonly [entity: string]: EntityClass };
  readonly operations: { readonly [operation: string]: OperationDescriptor };
}

// Literal specifiers, so that tsc checks each exists; the package's own subpaths (self-reference).
const MODULES: { readonly [V in ApiVersion]: { module(): Promise<unknown>; wsdl(): Promise<{ wsdlDocument: WsdlDocument }> } } = {
  '1.5': { module: () => import('atws/v1_5'), wsdl: () => import('atws/v1_5/wsdl-document') },
  '1.6': { module: () => import('atws/v1_6'), wsdl: () => import('atws/v1_6/wsdl-document') },
};

const loaded = new Map<ApiVersion, Promise<ApiModule>>();

/** The generated code of an API version (loaded once). */
export function loadApi(version: ApiVersion): Promise<ApiModule> {
  let api = loaded.get(version);
  if (api === undefined) {
    api = MODULES[version].module().then((module) => module as ApiModule);
    loaded.set(version, api);
  }
  return api;
}

/** The structure of a version's WSDL, for `writeWsdl` (servers only). */
export async function loadWsdlDocument(version: ApiVersion): Promise<WsdlDocument> {
  return (await MODULES[version].wsdl()).wsdlDocument;
}
