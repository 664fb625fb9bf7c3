/**
 * SOAP's text of a query, queryxml, made the text `Query.toXml()` and `prettyPrint()` give (the
 * forms of python-atws). Loaded with the SOAP transport.
 */
import type { QueryTree } from '../../protocol/query/query-tree.js';
import { writeQueryXml } from '../../protocol/soap/queryxml/queryxml-writer.js';
import { registerQueryText } from '../../query/query-wire-text.js';

/** The queryxml of a tree, as `query(sXML)` takes it. */
export function queryXml(tree: QueryTree, options: { readonly pretty?: boolean } = {}): string {
  return writeQueryXml(tree, { pretty: options.pretty === true });
}

registerQueryText(queryXml);
