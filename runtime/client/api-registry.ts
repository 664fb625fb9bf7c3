/**
 * The client's view of the generated code: the shared registry (runtime/generated-apis.ts) and the
 * operation lookup its requests need.
 */
import type { OperationDescriptor } from '../protocol/soap/operations.js';

export { loadApi, type ApiModule } from '../generated-apis.js';
import type { ApiModule } from '../generated-apis.js';

// The types of each version come from runtime/protocol/api-versions.ts, which the generated code fills:
// naming generated files here would load both versions' declarations into every program.
export type { EntityMapOf, MetadataOf } from '../protocol/api-versions.js';

/** An operation's data, by WSDL name; a clear error when the version lacks it. */
export function operationOf(api: ApiModule, name: string): OperationDescriptor {
  const operation = api.operations[name];
  if (operation === undefined) {
    throw new Error(`The generated operations of API ${api.metadata.apiVersion} lack "${name}"; run npm run codegen`);
  }
  return operation;
}
