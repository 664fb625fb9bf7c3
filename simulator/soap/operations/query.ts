/** `query(sXML)`: queryxml in, at most 500 entities out, in ascending id order. */
import type { QueryTree } from 'atws/protocol';
import { childText, parseQueryXml } from 'atws/protocol/soap';
import { atwsResponse } from '../response-xml.js';
import { entityXml, type SoapOperation } from '../operation-context.js';
import { SOAP_READING } from '../soap-reading.js';

export const query: SoapOperation = {
  read(request, ctx) {
    const refuse = (message: string): string => atwsResponse({ returnCode: -1, errors: [message] });
    let tree: QueryTree;
    try {
      tree = parseQueryXml(childText(request, 'sXML') ?? '');
    } catch (error) {
      const message = `Invalid query: ${(error as Error).message}`;
      return { run: () => refuse(message) };
    }
    return {
      entity: tree.entity,
      run() {
        const outcome = ctx.tenant.query(ctx.api.metadata, tree, SOAP_READING);
        if ('refused' in outcome) return refuse(outcome.refused);
        const meta = outcome.entity;
        return atwsResponse({ returnCode: 1, entities: outcome.records.map((r) => entityXml(ctx, meta, r)), entityType: meta.name });
      },
    };
  },
};
