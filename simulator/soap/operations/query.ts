/** `query(sXML)`: queryxml in, at most 500 entities out, in ascending id order. */
import { childText } from 'atws/protocol/soap';
import { parseQueryXml } from 'atws/protocol/soap';
import { QueryRejected, runQuery } from '../../tenant/query-engine.js';
import { atwsResponse } from '../response-xml.js';
import { entityXml, findEntity, type OperationHandler } from '../operation-context.js';

export const query: OperationHandler = (ctx) => {
  const refuse = (message: string): string => atwsResponse({ returnCode: -1, errors: [message] });
  const sXML = childText(ctx.request, 'sXML') ?? '';
  let tree;
  try {
    tree = parseQueryXml(sXML);
  } catch (error) {
    return refuse(`Invalid query: ${(error as Error).message}`);
  }
  const meta = findEntity(ctx, tree.entity);
  if (!meta) return refuse(`Unable to find the entity type "${tree.entity}".`);
  if (!meta.canQuery) return refuse(`The ${meta.name} entity cannot be queried.`);
  try {
    const records = runQuery(ctx.tenant.store, tree, meta, ctx.tenant.udfsOf(meta.name));
    return atwsResponse({ returnCode: 1, entities: records.map((r) => entityXml(ctx, meta, r)), entityType: meta.name });
  } catch (error) {
    if (error instanceof QueryRejected) return refuse(error.message);
    throw error;
  }
};
