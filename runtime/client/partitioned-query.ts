/**
 * Partitioned export: `at.query(q, { partitions: N })`. A plain cursor pages one page after
 * another (`id > <last id>`), so 100,000 tickets are 200 round trips in a row. Here the id range is
 * cut into stripes and up to N stripes are paged at once (the connection's thread limiter keeps them
 * within Autotask's 3 per endpoint), so the round trips overlap.
 *
 * Covering the range with cheap queries (ATWS has no ORDER BY DESC, no COUNT, no MAX):
 *  1. the query's first page, as a plain cursor sends it: its first id is the low end, and the span
 *     of its 500 ids tells how densely the ids are used. Fewer than 500 rows: that is everything.
 *  2. stripes of 0.96 of that span (about 480 rows each at that density, so most are one request),
 *     one after another upwards from the low end, up to N in flight; a denser stripe pages on
 *     within itself. Each stripe's first page measures the density again, and the stripes opened
 *     after it take the width that holds about 480 rows there. The high end is not looked for
 *     first: that would take about six rounds of N probes before the first stripe (100,000
 *     tickets), more than the few stripes opened past the end.
 *  3. a stripe that comes back empty is a gap in the ids or the end of them: instead of the next
 *     stripe, one plain page `id > <top of the stripes opened>` is sent. Fewer than 500 rows: they
 *     are the last (rows created while the export ran included), and no stripe is opened any more.
 *     A full page: its rows are yielded in their place, the stripe width is measured again from its
 *     span, and stripes go on from its last id. So a gap costs one page that carries rows, not a
 *     run of empty stripes across it, and ids sparser than the first page's are paged in about
 *     as many requests as a plain cursor needs (test/unit/client/partitioned-query.test.ts).
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

const STRIPE_OF_SPAN = 0.96;
const MAX_WIDTH_GROWTH = 16;

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
    yield* this.stripes(idOf(first[first.length - 1]), stripeWidth(first));
  }

  /**
   * The rows above `low`: stripes of `width` ids, up to `partitions` in flight, and a plain page
   * past them where a stripe came back empty (see the file comment); yielded in order or as they come.
   */
  private async *stripes(low: number, width: number): AsyncGenerator<T, void, undefined> {
    interface Lane {
      /** The lane's bounds: `lo < id <= hi`; hi undefined for the plain page above every stripe opened. */
      readonly lo: number;
      readonly hi: number | undefined;
      /** Whether the page in flight is the stripe's first, which measures the density of its ids. */
      first: boolean;
      page: Promise<T[]>;
    }
    const request = (lo: number, hi: number | undefined): Promise<T[]> => {
      const page = this.page(hi === undefined ? pageAfter(this.tree, lo) : idStripe(this.tree, lo, hi));
      page.catch(() => undefined);
      return page;
    };
    let nextLo = low;
    /** A plain page above the stripes is in flight: where the next stripe starts waits for its answer. */
    let jumping = false;
    /** A plain page above the stripes came back short: nothing lies above the stripes opened. */
    let ended = false;
    const lanes: Lane[] = [];
    const fill = (): void => {
      while (!ended && !jumping && lanes.length < this.partitions) {
        const lo = nextLo;
        nextLo = lo + width;
        lanes.push({ lo, hi: nextLo, first: true, page: request(lo, nextLo) });
      }
    };
    /** After a page of the lane arrived: true when the lane goes on (its next page was requested). */
    const advance = (lane: Lane, rows: T[]): boolean => {
      const full = rows.length >= this.pageSize;
      if (lane.hi === undefined) {
        jumping = false;
        if (!full) ended = true;
        else {
          nextLo = idOf(rows[rows.length - 1]);
          width = stripeWidth(rows);
        }
        return false;
      }
      if (lane.first) width = measuredWidth(lane.hi - lane.lo, rows, this.pageSize, width);
      lane.first = false;
      if (full) {
        lane.page = request(idOf(rows[rows.length - 1]), lane.hi);
        return true;
      }
      if (rows.length === 0 && !jumping && !ended) {
        jumping = true;
        lanes.push({ lo: nextLo, hi: undefined, first: true, page: request(nextLo, undefined) });
      }
      return false;
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
        lanes.splice(lanes.indexOf(lane), 1);
        fill();
      }
      yield* rows;
    }
  }
}

/**
 * The stripe width after a stripe's first page: from the span of a full page's ids; from the rows
 * a stripe of `stripe` ids held when it held fewer (at most 16 times wider per step, as one sparse
 * stripe may be a local gap); unchanged after an empty one (a plain page measures past the gap).
 */
function measuredWidth(stripe: number, rows: readonly object[], pageSize: number, width: number): number {
  if (rows.length >= pageSize) return stripeWidth(rows);
  if (rows.length === 0) return width;
  const wanted = (stripe * pageSize * STRIPE_OF_SPAN) / rows.length;
  return Math.max(1, Math.floor(Math.min(wanted, stripe * MAX_WIDTH_GROWTH)));
}

/** Stripes of 0.96 of the span of a full page's ids: about 480 rows at that page's density. */
function stripeWidth(page: readonly object[]): number {
  const span = Math.max(1, idOf(page[page.length - 1]) - idOf(page[0]) + 1);
  return Math.max(1, Math.floor(span * STRIPE_OF_SPAN));
}
