/**
 * Checks a query against the metadata of the API version in use before it is sent: the entity
 * exists and can be queried, every field exists and is queryable. A typo fails here, with the
 * names that would have been valid, instead of as a SOAP fault.
 */
import { UsageError } from '../protocol/errors.js';
import type { ApiMetadata } from '../protocol/metadata.js';
import type { QueryNode, QueryTree } from '../protocol/query/query-tree.js';

function checkNode(metadata: ApiMetadata, entity: string, node: QueryNode): void {
  if (node.kind === 'condition') {
    for (const item of node.items) checkNode(metadata, entity, item);
    return;
  }
  if (node.udf) return;
  const meta = metadata.entities[entity];
  const field = meta?.fields[node.name];
  if (field === undefined) {
    throw new UsageError(`query ${entity}: no field "${node.name}" in API ${metadata.apiVersion} (pass { udf: true } for a user-defined field)`);
  }
  if (!field.queryable) {
    const queryable = Object.values(meta?.fields ?? {})
      .filter((f) => f.queryable)
      .map((f) => f.name);
    throw new UsageError(`query ${entity}: field "${node.name}" is not queryable; queryable fields: ${queryable.join(', ')}`);
  }
}

export function validateQuery(metadata: ApiMetadata, tree: QueryTree): void {
  const meta = metadata.entities[tree.entity];
  if (meta === undefined) throw new UsageError(`query: API ${metadata.apiVersion} has no entity type "${tree.entity}"`);
  if (!meta.canQuery) throw new UsageError(`query: ${tree.entity} cannot be queried`);
  checkNode(metadata, tree.entity, tree.root);
}
