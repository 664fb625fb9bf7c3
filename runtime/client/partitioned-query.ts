/**
 * Partitioned export: `at.query(q, { partitions: N })`. A plain cursor pages one page after
 * another (`id > <last id>`), so 100,000 tickets are 200 round trips in a row. Here the id range is
 * cut into stripes and up to N stripes are paged at once (the connection's thread limiter keeps them
 * within Autotask's 3 per endpoint), so the round trips overlap.
 *
 * Finding the range with a few cheap queries (ATWS has no ORDER BY DESC, no COUNT, no MAX):
 *  1. the query's first page, as a plain cursor sends it: its first id is the low end, and the span
 *     of its 500 ids tells how densely the ids are used. Fewer than 500 rows: that is everything.
 *  2. the high end, by probing `id > x` in rounds of N probes at once, x growing 4x per probe
 *     from the first page: an empty answer bounds the range, a full one (500) says there is more,
 *     and a partial one ends at the highest id itself. Between the last full and the first empty
 *     probe, rounds of N probes cut the interval N+1 ways until a partial answer gives the highest
 *     id or the interval is narrower than one page's span. A few rounds for 100,000 rows.
 *  3. stripes of 0.96 of a page's span (about 480 rows each at the first page's density, so
 *     most are one request); a denser stripe pages on within itself. After the last stripe, a plain
 *     `id > <high end>` page catches rows created while the export ran.
 * Every row falls in exactly one stripe (`id > lo AND id <= hi`, the user's conditions ANDed as a
 * group), so each entity comes once. Ordered (the default): stripes are yielded in id order, a
 * window of N stripes in flight; `ordered: false` yields pages as they arrive. Memory: at most N
 * pages in flight plus the page being yielded. Nothing is sent until the cursor is consumed.
 */
import { UsageError } from '../protocol/errors.js';
import type { QueryTree } from '../protocol/query/query-tree.js';
import { pageAfter, QUERY_PAGE_SIZE, QueryCursor, type PageFetcher } from './query-cursor.js';

/** Options of `at.query(q, options)`. */
export interface QueryOptions {
  /** Page this many id stripes at once (2 or more; the thread limit still caps requests per endpoint). */
  readonly partitions?: number | undefined;
  /** With partitions: yield in id order (default true), or each page as soon as it arrives. */
  readonly ordered?: boolean | undefined;
}

const PROBE_GROWTH = 4;
const STRIPE_OF_SPAN = 0.96;

/** `tree` restricted to `lo < id <= hi` (hi undefined: no upper end). */
export function idStripe(tree: QueryTree, lo: number, hi: number | undefined): QueryTree {
  const expressions = [{ op: 'GreaterThan' as const, value: lo }];
  if (hi !== undefined) expressions.push({ op: 'LessThanOrEquals' as const, value: hi } as never);
  const idCondition = { kind: 'field' as const, name: 'id', udf: false, expressions };
  const items = tree.root.items.length === 0 ? [idCondition] : [{ ...tree.root, operator: 'AND' as const }, idCondition];
  return { entity: tree.entity, root: { kind: 'condition', operator: 'AND', items } };
}

function idOf(entity: object | undefined): number {
  const id = (entity as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'number') throw new UsageError('query: a partitioned export needs entities with a numeric id');
  return id;
}

export class PartitionedCursor<T extends object> extends QueryCursor<T> {
  constructor(
    private readonly tree: QueryTree,
    private readonly page: PageFetcher<T>,
    private readonly partitions: number,
    private readonly ordered: boolean,
    /** The transport's page size: a page this full may have more after it. */
    pageSize: number = QUERY_PAGE_SIZE,
  ) {
    super([], page, 1, pageSize);
    if (!Number.isInteger(partitions) || partitions < 1)
      throw new UsageError(`query: \`partitions\` must be a positive integer, got ${JSON.stringify(partitions)}`);
  }

  protected override iterate(): AsyncIterator<T, void, undefined> {
    return this.entities();
  }

  private async *entities(): AsyncGenerator<T, void, undefined> {
    const first = await this.page(this.tree);
    yield* first;
    if (first.length < this.pageSize) return;
    const low = idOf(first[first.length - 1]);
    const span = Math.max(1, low - idOf(first[0]) + 1);
    const high = await this.highEnd(low, span);
    const width = Math.max(1, Math.floor(span * STRIPE_OF_SPAN));
    yield* this.stripes(low, high, width);
    // Rows created during the export, above the range probed.
    let after = high;
    for (;;) {
      const page = await this.page(pageAfter(this.tree, after));
      yield* page;
      if (page.length < this.pageSize) return;
      after = idOf(page[page.length - 1]);
    }
  }

  /** An id no matching row lies above (see the file comment, step 2). */
  private async highEnd(low: number, span: number): Promise<number> {
    const probe = async (x: number): Promise<{ x: number; count: number; last: number | undefined }> => {
      const rows = await this.page(pageAfter(this.tree, x));
      return { x, count: rows.length, last: rows.length === 0 ? undefined : idOf(rows[rows.length - 1]) };
    };
    const n = Math.max(1, this.partitions);
    let full = low; // rows lie above this id
    let empty = Number.POSITIVE_INFINITY; // none lie above this id
    let step = span;
    while (empty === Number.POSITIVE_INFINITY) {
      const xs = Array.from({ length: n }, (_, i) => full + step * PROBE_GROWTH ** i);
      step *= PROBE_GROWTH ** n;
      for (const answer of await Promise.all(xs.map(probe))) {
        if (answer.count > 0 && answer.count < this.pageSize) return answer.last as number;
        if (answer.count === this.pageSize) full = Math.max(full, answer.last as number);
        else if (answer.x < empty) empty = answer.x;
      }
    }
    while (empty - full > span) {
      const gap = (empty - full) / (n + 1);
      const xs = Array.from({ length: n }, (_, i) => Math.floor(full + gap * (i + 1))).filter((x) => x > full && x < empty);
      if (xs.length === 0) break;
      for (const answer of await Promise.all(xs.map(probe))) {
        if (answer.count > 0 && answer.count < this.pageSize) return answer.last as number;
        if (answer.count === this.pageSize) full = Math.max(full, answer.last as number);
        else if (answer.x < empty) empty = answer.x;
      }
    }
    return empty;
  }

  /** The stripes of `(low, high]`, up to `partitions` in flight, yielded in order or as they come. */
  private async *stripes(low: number, high: number, width: number): AsyncGenerator<T, void, undefined> {
    interface Lane {
      readonly hi: number;
      page: Promise<T[]>;
    }
    let nextLo = low;
    const open = (): Lane | undefined => {
      if (nextLo >= high) return undefined;
      const lo = nextLo;
      const hi = Math.min(high, lo + width);
      nextLo = hi;
      const page = this.page(idStripe(this.tree, lo, hi));
      page.catch(() => undefined);
      return { hi, page };
    };
    /** After a page of the lane arrived: its next page when it was full, else the lane is done. */
    const advance = (lane: Lane, rows: T[]): boolean => {
      if (rows.length < this.pageSize) return false;
      lane.page = this.page(idStripe(this.tree, idOf(rows[rows.length - 1]), lane.hi));
      lane.page.catch(() => undefined);
      return true;
    };
    const lanes: Lane[] = [];
    const fill = (): void => {
      while (lanes.length < this.partitions) {
        const lane = open();
        if (lane === undefined) return;
        lanes.push(lane);
      }
    };
    fill();
    while (lanes.length > 0) {
      let index = 0;
      let rows: T[];
      if (this.ordered) {
        rows = await (lanes[0] as Lane).page;
      } else {
        const settled = await Promise.race(lanes.map((lane, i) => lane.page.then((page) => ({ i, page }))));
        index = settled.i;
        rows = settled.page;
      }
      const lane = lanes[index] as Lane;
      if (!advance(lane, rows)) {
        lanes.splice(index, 1);
        fill();
      }
      yield* rows;
    }
  }
}
