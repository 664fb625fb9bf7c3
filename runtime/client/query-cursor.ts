/**
 * The result of `at.query(q)`: an async iterable that sends nothing until it is consumed, then
 * pages through any number of results 500 at a time with `id > <last id>`. With concurrency > 1
 * the next page is requested as the consumer takes the last entity of the current one, so that it
 * overlaps the consumer's work; the order of requests stays the seed's (see action-cursor.ts).
 */
import { UsageError } from '../errors.js';
import type { QueryTree } from '../query/query-tree.js';

/** ATWS returns at most this many entities per query. */
export const QUERY_PAGE_SIZE = 500;

/** Sends one query (one page) and returns its entities in ascending id order. */
export type PageFetcher<T> = (tree: QueryTree) => Promise<T[]>;

/**
 * The tree of the page after `lastId`: the user's conditions as one group, ANDed with `id > lastId`,
 * so that top-level ORs of the user's query cannot escape the paging condition.
 */
export function pageAfter(tree: QueryTree, lastId: number): QueryTree {
  const idCondition = { kind: 'field' as const, name: 'id', udf: false, expressions: [{ op: 'GreaterThan' as const, value: String(lastId) }] };
  const items = tree.root.items.length === 0 ? [idCondition] : [{ ...tree.root, operator: 'AND' as const }, idCondition];
  return { entity: tree.entity, root: { kind: 'condition', operator: 'AND', items } };
}

/** The base of query and action cursors: one-shot async iteration plus the seed's fetch helpers. */
export abstract class Cursor<T> implements AsyncIterable<T> {
  private consumed = false;

  protected abstract iterate(): AsyncGenerator<T, void, undefined>;

  [Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    if (this.consumed) throw new UsageError('This cursor was already consumed; run the query (or action) again for a fresh one');
    this.consumed = true;
    return this.iterate();
  }

  /** Every result, as an array (the seed's `fetch_all`). */
  async fetchAll(): Promise<T[]> {
    const all: T[] = [];
    for await (const item of this) all.push(item);
    return all;
  }

  /** The first result, or `undefined` when there is none; stops after it (the seed's `fetch_one`). */
  async fetchOne(): Promise<T | undefined> {
    for await (const item of this) return item;
    return undefined;
  }
}

/**
 * Query results, page after page.
 *
 * @example
 * for await (const ticket of at.query(new Query('Ticket').where('Status', 'Equals', 1))) console.log(ticket.id);
 */
export class QueryCursor<T extends object> extends Cursor<T> {
  constructor(
    private readonly trees: Iterable<QueryTree> | AsyncIterable<QueryTree>,
    private readonly fetchPage: PageFetcher<T>,
    private readonly concurrency: number,
  ) {
    super();
  }

  protected async *iterate(): AsyncGenerator<T, void, undefined> {
    for await (const tree of this.trees) yield* this.pages(tree);
  }

  private async *pages(tree: QueryTree): AsyncGenerator<T, void, undefined> {
    let pending: Promise<T[]> = this.fetchPage(tree);
    for (;;) {
      const page = await pending;
      const full = page.length >= QUERY_PAGE_SIZE;
      let nextTree: QueryTree | undefined;
      if (full) {
        const lastId = (page[page.length - 1] as { readonly id?: unknown } | undefined)?.id;
        if (typeof lastId !== 'number') throw new UsageError(`query ${tree.entity}: a full page ended with an entity without id, so paging cannot go on`);
        nextTree = pageAfter(tree, lastId);
      }
      for (let i = 0; i < page.length; i++) {
        if (nextTree !== undefined && this.concurrency > 1 && i === page.length - 1) {
          pending = this.fetchPage(nextTree);
          // Keeps a failure of a prefetch the consumer never awaits (it stopped early) from going unhandled.
          pending.catch(() => undefined);
        }
        yield page[i] as T;
      }
      if (nextTree === undefined) return;
      if (this.concurrency <= 1) pending = this.fetchPage(nextTree);
    }
  }
}
