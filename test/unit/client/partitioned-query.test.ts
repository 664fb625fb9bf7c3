/**
 * How a partitioned export covers the ids, whatever fetches its pages: every row once, in order,
 * in about as many requests as a plain cursor needs, on ids that are contiguous, that have a gap
 * wider than a stripe, and that grow sparser or denser than the first page's (a tenant's ids need
 * not be contiguous or evenly spread: deletions, imports, busier and quieter years).
 * The pages come from an in-memory table that answers the query trees the cursor builds; the
 * same export over HTTP against the simulator is in test/integration/client/thread-limit.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PartitionedCursor } from '../../../runtime/client/partitioned-query.js';
import { QueryCursor, QUERY_PAGE_SIZE } from '../../../runtime/client/query-cursor.js';
import type { QueryNode, QueryTree } from '../../../runtime/protocol/query/query-tree.js';
import { Query } from '../../../runtime/query/query.js';

/** Whether `id` meets a node of the trees the cursors build: `id` fields under AND/OR groups. */
function holds(node: QueryNode, id: number): boolean {
  if (node.kind === 'field') {
    assert.equal(node.name, 'id', 'these exports only ever add id conditions');
    return node.expressions.every(({ op, value }) => {
      const v = Number(value);
      if (op === 'GreaterThan') return id > v;
      if (op === 'LessThanOrEquals') return id <= v;
      throw new Error(`unexpected operator ${op}`);
    });
  }
  let result = true;
  node.items.forEach((item, i) => {
    const value = holds(item, id);
    result = i === 0 ? value : item.kind === 'condition' && item.operator === 'OR' ? result || value : result && value;
  });
  return result;
}

/**
 * A table of rows with these ids (read at each request: a test may add rows meanwhile), paged as
 * ATWS pages: ascending, at most 500 per answer.
 */
function table(ids: number[]): { page: (tree: QueryTree) => Promise<Array<{ id: number }>>; requests: () => number } {
  let requests = 0;
  return {
    page: async (tree) => {
      requests++;
      await new Promise((resolve) => setImmediate(resolve));
      const sorted = [...ids].sort((a, b) => a - b);
      const rows: Array<{ id: number }> = [];
      for (const id of sorted) {
        if (!holds(tree.root, id)) continue;
        rows.push({ id });
        if (rows.length === QUERY_PAGE_SIZE) break;
      }
      return rows;
    },
    requests: () => requests,
  };
}

const range = (from: number, to: number, step = 1): number[] => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);
const tree = (): QueryTree => new Query('Ticket').where('id', 'GreaterThan', 0).toTree();

/** The export's ids and requests, next to a plain cursor's requests over the same table. */
async function exportOf(ids: number[], ordered: boolean): Promise<{ got: number[]; requests: number; plainRequests: number }> {
  const partitioned = table(ids);
  const got = (await new PartitionedCursor(tree(), partitioned.page, 3, ordered).fetchAll()).map((row) => row.id);
  const plain = table(ids);
  await new QueryCursor([tree()], plain.page, 1).fetchAll();
  return { got, requests: partitioned.requests(), plainRequests: plain.requests() };
}

/**
 * The most requests an export may take beside a plain cursor's: a tenth more for stripes that come
 * back partly full, and for each of the start, a gap or a change of density, and the end, the
 * stripes in flight (3) plus one plain page.
 */
const overhead = (plainRequests: number): number => Math.ceil(plainRequests * 1.1) + 3 * (3 + 1);

const cases: Array<[string, number[]]> = [
  ['contiguous ids', range(1, 20_000)],
  ['a gap of a million ids', [...range(1, 2_000), ...range(1_000_001, 1_003_000)]],
  ['ids a hundred times sparser after the first page', [...range(1, 500), ...range(600, 500_000, 100)]],
  ['ids denser after the first page', [...range(1, 5_000, 10), ...range(5_001, 15_000)]],
];

for (const [name, ids] of cases) {
  test(`partitioned export, ${name}: every row once, in order, in about a plain cursor's requests`, async () => {
    const { got, requests, plainRequests } = await exportOf(ids, true);
    assert.deepEqual(got, ids);
    const bound = overhead(plainRequests);
    assert.ok(requests <= bound, `${requests} requests (a plain cursor: ${plainRequests}, bound ${bound})`);
  });
}

test('partitioned export, unordered: every row once across a gap', async () => {
  const ids = [...range(1, 3_000), ...range(500_001, 503_000)];
  const { got, requests, plainRequests } = await exportOf(ids, false);
  assert.deepEqual(
    [...got].sort((a, b) => a - b),
    ids,
  );
  assert.ok(requests <= overhead(plainRequests), `${requests} requests (a plain cursor: ${plainRequests})`);
});

test('partitioned export: rows created above the others while it runs are included', async () => {
  const ids = range(1, 5_000);
  const source = table(ids);
  const growing = async (t: QueryTree): Promise<Array<{ id: number }>> => {
    // A new ticket with each of the first 10 requests, as on a busy tenant.
    if (source.requests() < 10) ids.push(ids.length + 1);
    return source.page(t);
  };
  const got = (await new PartitionedCursor(tree(), growing, 3, true).fetchAll()).map((row) => row.id);
  assert.deepEqual(got, range(1, 5_010));
});
