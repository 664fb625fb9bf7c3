/**
 * A connection's reads: query trees to cursors over the transport's pages, entities typed by the
 * generated classes and bound to the connection. Queries are checked against the metadata when the
 * cursor is made, so that a typo throws at the call rather than at the first `for await`.
 */
import { UsageError } from '../protocol/errors.js';
import type { EntityBase, EntityBinding } from '../entity/entity-base.js';
import type { FieldNode, QueryNode, QueryTree } from '../protocol/query/query-tree.js';
import type { GeneratedApi } from './api-registry.js';
import { entityClassOf, makeEntityDecoder } from './entity-codec.js';
import { checkPage } from './page-rules.js';
import { PartitionedCursor } from './partitioned-query.js';
import { QueryCursor } from './query-cursor.js';
import { validateQuery } from './query-validation.js';
import type { Transport } from './transport/transport.js';

/** At most this many ids per query of `fetchByIds`. */
export const FETCH_BY_IDS_CHUNK = 200;

/** What a query is to a connection: anything with `toTree()` (a `Query`). */
interface TreeSource {
  toTree(): QueryTree;
}

function treeOf(query: unknown, validate: (tree: QueryTree) => void): QueryTree {
  if (query === null || typeof query !== 'object' || typeof (query as { toTree?: unknown }).toTree !== 'function') {
    throw new UsageError("query: expected a Query (new Query('Ticket')...)");
  }
  const tree = (query as TreeSource).toTree();
  validate(tree);
  return tree;
}

export class ConnectionQueries {
  constructor(
    private readonly api: GeneratedApi,
    private readonly transport: Transport,
    private readonly binding: EntityBinding,
    private readonly concurrency: number,
  ) {}

  /** The tree of one query, checked against the metadata. */
  tree(query: unknown): QueryTree {
    return treeOf(query, (tree) => validateQuery(this.api.metadata, tree));
  }

  /**
   * Queries one after another as one cursor: an array's trees taken now (later changes to its
   * queries do not reach the cursor), an iterable's as the cursor reaches each query. A query that
   * is no query or does not check fails the cursor when it is reached, as a query of the iterable would.
   */
  sequence<T extends EntityBase>(queries: Iterable<unknown> | AsyncIterable<unknown>): QueryCursor<T> {
    const tree = (query: unknown): QueryTree => this.tree(query);
    if (Array.isArray(queries)) {
      const taken = queries.map((query): { tree: QueryTree } | { error: unknown } => {
        try {
          return { tree: tree(query) };
        } catch (error) {
          return { error };
        }
      });
      return this.cursor<T>(
        (async function* (): AsyncGenerator<QueryTree> {
          for (const one of taken) {
            if ('error' in one) throw one.error;
            yield one.tree;
          }
        })(),
      );
    }
    async function* trees(): AsyncGenerator<QueryTree> {
      for await (const query of queries) yield tree(query);
    }
    return this.cursor<T>(trees());
  }

  /** A cursor over trees, page after page. */
  cursor<T extends EntityBase>(trees: Iterable<QueryTree> | AsyncIterable<QueryTree>): QueryCursor<T> {
    return new QueryCursor<T>(trees, this.pageFetcher<T>(), this.concurrency, this.transport.capabilities.pageSize);
  }

  /** A partitioned export of one tree (partitioned-query.ts). */
  partitioned<T extends EntityBase>(tree: QueryTree, partitions: number, ordered: boolean): QueryCursor<T> {
    return new PartitionedCursor<T>(tree, this.pageFetcher<T>(), partitions, ordered, this.transport.capabilities.pageSize);
  }

  /** Entities by id, in queries of at most 200 ids; ids not found are left out. */
  byIds<T extends EntityBase>(entity: string, ids: Iterable<number>): QueryCursor<T> {
    const cls = entityClassOf(this.api, entity, 'fetchByIds');
    if (!cls.meta.canQuery) throw new UsageError(`fetchByIds: ${cls.entityName} cannot be queried through the API`);
    // `new Set(null)` is empty: a missing list must not read as "no ids".
    if (ids === null || typeof ids !== 'object' || typeof (ids as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
      throw new UsageError(`fetchByIds(${cls.entityName}): ids must be a list (an iterable) of integers, got ${shown(ids)}`);
    }
    const unique = [...new Set(ids)];
    for (const id of unique) {
      if (!Number.isSafeInteger(id)) throw new UsageError(`fetchByIds(${cls.entityName}): ids must be integers, got ${shown(id)}`);
    }
    unique.sort((a, b) => a - b);
    const trees: QueryTree[] = [];
    for (let i = 0; i < unique.length; i += FETCH_BY_IDS_CHUNK) {
      const items: QueryNode[] = unique.slice(i, i + FETCH_BY_IDS_CHUNK).map((id, index) => {
        const field: FieldNode = { kind: 'field', name: 'id', udf: false, expressions: [{ op: 'Equals', value: id }] };
        return index === 0 ? field : { kind: 'condition', operator: 'OR', items: [field] };
      });
      trees.push({ entity: cls.entityName, root: { kind: 'condition', operator: 'AND', items } });
    }
    return this.cursor<T>(trees);
  }

  private pageFetcher<T extends EntityBase>(): (tree: QueryTree) => Promise<T[]> {
    const decode = makeEntityDecoder(this.api, 'query', this.binding, { trackReads: !this.transport.capabilities.updateReplacesRecord });
    const transport = this.transport;
    // Every page is checked before any of it is believed (page-rules.ts), whatever the cursor.
    return async (tree) => checkPage(tree, (await transport.query(tree, decode)) as T[]);
  }
}

/** A value as an error shows it: numbers as JavaScript writes them (NaN, Infinity), the rest as JSON. */
function shown(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}
