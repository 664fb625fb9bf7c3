/**
 * The query cursor's own guards, whatever fetches its pages: more than 500 entities in a page is
 * the server misbehaving (the transport refuses such answers first; this is the second line).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueryCursor } from '../../../runtime/client/query-cursor.js';
import { ApiError } from '../../../runtime/client/transport/api-error.js';
import { Query } from '../../../runtime/query/query.js';

test('a page of 501 entities ends the cursor with an error naming the server misbehaviour', async () => {
  let pages = 0;
  const page = Array.from({ length: 501 }, (_, i) => ({ id: i + 1 }));
  const cursor = new QueryCursor([new Query('Ticket').where('id', 'GreaterThan', 0).toTree()], async () => (pages++, page), 1);
  const error = await cursor.fetchAll().then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof ApiError, String(error));
  assert.match(error.message, /query Ticket: the server misbehaves: page 1 holds 501 entities, more than the 500 ATWS returns at most/);
  assert.equal(pages, 1);
});
