/**
 * The result of `at.query(q)`: an async iterable that sends nothing until it is consumed, then
 * pages through any number of results a page at a time (the transport's page size: 500 for SOAP)
 * with `id > <last id>`. With concurrency > 1
 * the next page is requested as the consumer takes the last entity of the current one, so that it
 * overlaps the consumer's work; the order of requests stays python-atws's (see action-cursor.ts).
 *
 * A server is not trusted to page correctly: a page of more than 500 entities, or a page whose
 * last id is not past the previous page's (a server that ignores `id > <last id>` would otherwise
 * be paged forever), ends the cursor with an error naming what the server did. `next()` may be
 * called again before the previous call settled (`Promise.all` of several): calls are served one
 * after another, in order, as Stripe's auto-pagination guards its iterator.
 */
import { QUERY_PAGE_SIZE } from '../protocol/limits.js';
import { UsageError } from '../protocol/errors.js';
import type { ApiError } from './transport/api-error.js';
import { misbehaviour as serverMisbehaves } from './page-rules.js';
import type { QueryTree } from '../protocol/query/query-tree.js';

export { QUERY_PAGE_SIZE };

/** Sends one query (one page) and returns its entities in ascending id order. */
export type PageFetcher<T> = (tree: QueryTree) => Promise<T[]>;

/**
 * The tree of the page after `lastId`: the user's conditions as one group, ANDed with `id > lastId`,
 * so that top-level ORs of the user's query cannot escape the paging condition.
 */
export function pageAfter(tree: QueryTree, lastId: number): QueryTree {
  const idCondition = { kind: 'field' as const, name: 'id', udf: false, expressions: [{ op: 'GreaterThan' as const, value: lastId }] };
  const items = tree.root.items.length === 0 ? [idCondition] : [{ ...tree.root, operator: 'AND' as const }, idCondition];
  return { entity: tree.entity, root: { kind: 'condition', operator: 'AND', items } };
}

/** The error of a server that pages wrongly; not retried, as asking again would get the same. */
function misbehaviour(tree: QueryTree, what: string): ApiError {
  return serverMisbehaves(tree.entity, what);
}

/** The base of query and action cursors: one-shot async iteration plus python-atws's fetch helpers. */
export abstract class Cursor<T> implements AsyncIterable<T> {
  private consumed = false;

  protected abstract iterate(): AsyncIterator<T, void, undefined>;

  [Symbol.asyncIterator](): AsyncIterator<T, void, undefined> {
    if (this.consumed) throw new UsageError('This cursor was already consumed; run the query (or action) again for a fresh one');
    this.consumed = true;
    return this.iterate();
  }

  /** Every result, as an array (python-atws's `fetch_all`). */
  async fetchAll(): Promise<T[]> {
    const all: T[] = [];
    for await (const item of this) all.push(item);
    return all;
  }

  /** The first result, or `undefined` when there is none; stops after it (python-atws's `fetch_one`). */
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
    /** The most entities one page holds (the transport's): a full page means there may be more. */
    protected readonly pageSize: number = QUERY_PAGE_SIZE,
  ) {
    super();
  }

  // A hand-written iterator rather than an async generator: an entity already in the page buffer
  // costs one resolved promise, which matters at 10,000s of entities.
  protected iterate(): AsyncIterator<T, void, undefined> {
    const trees = Symbol.asyncIterator in this.trees ? this.trees[Symbol.asyncIterator]() : this.trees[Symbol.iterator]();
    const concurrency = this.concurrency;
    const fetchPage = this.fetchPage;
    const pageSize = this.pageSize;
    let page: T[] = [];
    let index = 0;
    let tree: QueryTree | undefined;
    let nextTree: QueryTree | undefined;
    let pending: Promise<T[]> | undefined;
    let finished = false;
    /** The last id of the previous page of the current tree's paging, to check the server moved on. */
    let previousLastId: number | undefined;
    let pageNumber = 0;

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
          previousLastId = undefined;
          pageNumber = 0;
          pending = fetchPage(tree);
        }
        const current = tree as QueryTree;
        page = await pending;
        pending = undefined;
        index = 0;
        nextTree = undefined;
        pageNumber++;
        if (page.length > pageSize) {
          const count = page.length;
          page = [];
          throw misbehaviour(current, `page ${pageNumber} holds ${count} entities, more than the ${pageSize} ATWS returns at most`);
        }
        const lastId = (page[page.length - 1] as { readonly id?: unknown } | undefined)?.id;
        if (previousLastId !== undefined && page.length > 0 && !(typeof lastId === 'number' && lastId > previousLastId)) {
          page = [];
          throw misbehaviour(
            current,
            `page ${pageNumber} ends at id ${String(lastId)}, not after the previous page's last id ${previousLastId}: the server ignored the paging condition id > ${previousLastId}, and paging on would never end`,
          );
        }
        if (page.length === pageSize) {
          if (typeof lastId !== 'number')
            throw misbehaviour(current, `page ${pageNumber} ended with an entity without a numeric id, so paging cannot go on`);
          previousLastId = lastId;
          nextTree = pageAfter(current, lastId);
        }
        if (page.length > 0) return take();
      }
    };
    const step = (): Promise<IteratorResult<T, void>> => {
      if (finished) return Promise.resolve({ value: undefined, done: true });
      if (index < page.length) return Promise.resolve(take());
      return load().catch((error: unknown) => {
        finished = true;
        throw error;
      });
    };
    // The call in progress, while one is: a later next() waits for it, so that two calls never
    // load at once (which would fetch a page twice and overwrite one another's page).
    let inFlight: Promise<IteratorResult<T, void>> | undefined;
    const settle = (call: Promise<IteratorResult<T, void>>): void => {
      const clear = (): void => {
        if (inFlight === call) inFlight = undefined;
      };
      call.then(clear, clear);
    };
    return {
      next: (): Promise<IteratorResult<T, void>> => {
        // The fast path (an entity already in the page) stays one resolved promise.
        if (inFlight === undefined && (finished || index < page.length)) return step();
        const call = inFlight === undefined ? step() : inFlight.then(step, step);
        inFlight = call;
        settle(call);
        return call;
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
