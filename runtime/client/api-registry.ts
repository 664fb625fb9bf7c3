/** The client's view of the generated code: the shared registry (runtime/generated-apis.ts). */
export { loadApi, type GeneratedApi } from '../generated-apis.js';

// The types of each version come from runtime/protocol/api-versions.ts, which the generated code fills:
// naming generated files here would load both versions' declarations into every program.
export type { EntityMapOf, MetadataOf } from '../protocol/api-versions.js';
