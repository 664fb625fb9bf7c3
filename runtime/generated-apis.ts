/**
 * The one registry of the API versions' generated code (`atws/generated-apis`): the client loads a
 * version's module here on first use (so a program talking to one version never loads the other's
 * entity classes, nor, in its types, their declarations), and the simulator loads here what it
 * serves: each version's metadata, operations and WSDL structure (which connections never load),
 * without its entity classes.
 * Versions come from the protocol's list; the table below is typed by it, so a version added there
 * without its generated code does not compile.
 */
import type { ApiMetadata, ApiVersion } from './protocol/metadata.js';
import type { OperationDescriptor } from './protocol/soap/operations.js';
import type { WsdlDocument } from './protocol/soap/wsdl/wsdl-writer.js';
import type { EntityClass } from './entity/entity-base.js';

/** A version's generated code as the runtime uses it: its metadata, entity classes and SOAP operations. */
export interface GeneratedApi {
  readonly metadata: ApiMetadata;
  readonly entityClasses: { readonly [entity: string]: EntityClass };
  readonly operations: { readonly [operation: string]: OperationDescriptor };
}

/** @deprecated The former name of {@link GeneratedApi}. */
export type ApiModule = GeneratedApi;

/** What a server needs of a version: its metadata, operations and WSDL structure, no entity class. */
export interface ServedApi {
  readonly metadata: ApiMetadata;
  readonly operations: { readonly [operation: string]: OperationDescriptor };
  readonly wsdlDocument: WsdlDocument;
}

interface VersionModules {
  module(): Promise<unknown>;
  metadata(): Promise<{ metadata: ApiMetadata }>;
  operations(): Promise<{ operations: ServedApi['operations'] }>;
  wsdl(): Promise<{ wsdlDocument: WsdlDocument }>;
}

// Literal specifiers, so that tsc checks each exists; the package's own subpaths (self-reference).
const MODULES: { readonly [V in ApiVersion]: VersionModules } = {
  '1.5': {
    module: () => import('atws/v1_5'),
    metadata: () => import('atws/v1_5/metadata'),
    operations: () => import('atws/v1_5/operations'),
    wsdl: () => import('atws/v1_5/wsdl-document'),
  },
  '1.6': {
    module: () => import('atws/v1_6'),
    metadata: () => import('atws/v1_6/metadata'),
    operations: () => import('atws/v1_6/operations'),
    wsdl: () => import('atws/v1_6/wsdl-document'),
  },
};

const loaded = new Map<ApiVersion, Promise<GeneratedApi>>();

/** The generated code of an API version (loaded once). */
export function loadApi(version: ApiVersion): Promise<GeneratedApi> {
  let api = loaded.get(version);
  if (api === undefined) {
    api = MODULES[version].module().then((module) => module as GeneratedApi);
    loaded.set(version, api);
  }
  return api;
}

/** What a server serves of a version (the simulator): without loading its entity classes. */
export async function loadServedApi(version: ApiVersion): Promise<ServedApi> {
  const modules = MODULES[version];
  const [{ metadata }, { operations }, { wsdlDocument }] = await Promise.all([modules.metadata(), modules.operations(), modules.wsdl()]);
  return { metadata, operations, wsdlDocument };
}
