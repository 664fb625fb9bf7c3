/** `query(sXML)`: queryxml in, at most 500 entities out, in ascending id order. */
import type { QueryTree } from 'atws/protocol';
import { childText, parseQueryXml } from 'atws/protocol/soap';
import { MAX_QUERY_CONDITIONS, tooManyConditions } from '../../tenant/query-limits.js';
import { atwsResponse } from '../response-xml.js';
import { entityXml, type SoapOperation } from '../operation-context.js';
import { SOAP_READING } from '../soap-reading.js';

/**
 * A queryxml document within the tenant's query limits has at most this many elements: the root,
 * `<entity>` and `<query>`, and per condition (expression or group) at most a `<field>` and an
 * `<expression>`.
 */
const MAX_QUERYXML_ELEMENTS = 3 + 2 * MAX_QUERY_CONDITIONS;

/**
 * Start tags in XML text, counted without parsing (`<` not followed by `/`, `!` or `?`): one
 * linear scan, so that a document of a hundred thousand conditions is refused before it is
 * parsed, which costs far more than the query would. A `<` inside a CDATA value counts too; that
 * errs only on the side of counting too many, near the limit.
 */
function startTags(text: string, stopAfter: number): number {
  let count = 0;
  for (let i = text.indexOf('<'); i >= 0 && count <= stopAfter; i = text.indexOf('<', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next !== 0x2f && next !== 0x21 && next !== 0x3f) count++;
  }
  return count;
}

export const query: SoapOperation = {
  read(request, ctx) {
    const refuse = (message: string): string => atwsResponse({ returnCode: -1, errors: [message] });
    const sXML = childText(request, 'sXML') ?? '';
    if (startTags(sXML, MAX_QUERYXML_ELEMENTS) > MAX_QUERYXML_ELEMENTS) {
      const message = tooManyConditions(undefined);
      return { run: () => refuse(message) };
    }
    let tree: QueryTree;
    try {
      tree = parseQueryXml(sXML);
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
