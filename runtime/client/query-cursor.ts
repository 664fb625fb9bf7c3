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

  protected abstract iterate(): AsyncIterator<T, void, undefined>;

  [Symbol.asyncIterator](): AsyncIterator<T, void, undefined> {
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

  // A hand-written iterator rather than an async generator: an entity already in the page buffer
  // costs one resolved promise, which matters at 10,000s of entities.
  protected iterate(): AsyncIterator<T, void, undefined> {
    const trees = Symbol.asyncIterator in this.trees ? this.trees[Symbol.asyncIterator]() : this.trees[Symbol.iterator]();
    const concurrency = this.concurrency;
    const fetchPage = this.fetchPage;
    let page: T[] = [];
    let index = 0;
    let tree: QueryTree | undefined;
    let nextTree: QueryTree | undefined;
    let pending: Promise<T[]> | undefined;
    let finished = false;

    const startNext = (): void => {
      pending = fetchPage(nextTree as QueryTree);
      // Keeps a failure of a prefetch the consumer never awaits (it stopped early) from going unhandled.
      pending.catch(() => undefined);
      nextTree = undefined;
    };
    const take = (): IteratorResult<T, void> => {
      const value = page[index++] as T;
      if (index === page.length) {
        // Let go of the page now: held until the next page arrived, 500 entities would stay alive
        // while the next 500 are decoded, and the young-generation GC would copy them all again.
        page = [];
        index = 0;
        if (nextTree !== undefined && concurrency > 1) startNext();
      }
      return { value, done: false };
    };
    const load = async (): Promise<IteratorResult<T, void>> => {
      for (;;) {
        if (pending === undefined && nextTree !== undefined) startNext();
        if (pending === undefined) {
          const step = await trees.next();
          if (step.done === true) {
            finished = true;
            return { value: undefined, done: true };
          }
          tree = step.value;
          pending = fetchPage(tree);
        }
        const current = tree as QueryTree;
        page = await pending;
        pending = undefined;
        index = 0;
        nextTree = undefined;
        if (page.length >= QUERY_PAGE_SIZE) {
          const lastId = (page[page.length - 1] as { readonly id?: unknown } | undefined)?.id;
          if (typeof lastId !== 'number') throw new UsageError(`query ${current.entity}: a full page ended with an entity without id, so paging cannot go on`);
          nextTree = pageAfter(current, lastId);
        }
        if (page.length > 0) return take();
      }
    };
    return {
      next: (): Promise<IteratorResult<T, void>> => {
        if (finished) return Promise.resolve({ value: undefined, done: true });
        if (index < page.length) return Promise.resolve(take());
        return load().catch((error: unknown) => {
          finished = true;
          throw error;
        });
      },
      return: async (): Promise<IteratorResult<T, void>> => {
        finished = true;
        page = [];
        await trees.return?.();
        return { value: undefined, done: true };
      },
    };
  }
}
