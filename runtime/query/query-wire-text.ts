/**
 * The text form of a query on a wire, for `Query.toXml()` and `prettyPrint()` (python-atws's queryxml).
 * The builder knows no wire format: the SOAP transport, which writes queryxml, registers its writer
 * here when it is loaded (importing `atws` loads it). The dependency points down, from the SOAP
 * transport to the query layer.
 */
import { UsageError } from '../protocol/errors.js';
import type { QueryTree } from '../protocol/query/query-tree.js';

/** Writes a tree as a wire's query text; `pretty` indents it for reading. */
export type QueryTextWriter = (tree: QueryTree, options: { readonly pretty: boolean }) => string;

let writer: QueryTextWriter | undefined;

/** Registers the wire whose text `toXml()`/`prettyPrint()` give (the SOAP transport's queryxml). */
export function registerQueryText(write: QueryTextWriter): void {
  writer = write;
}

/** The registered wire text of a tree. */
export function queryText(tree: QueryTree, options: { readonly pretty: boolean }): string {
  if (writer === undefined) {
    throw new UsageError(
      'Query.toXml(): no transport has registered its query text; Query as the atws package exports it comes with its SOAP transport, which writes queryxml',
    );
  }
  return writer(tree, options);
}
