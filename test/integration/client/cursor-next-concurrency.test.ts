/**
 * `next()` of a query cursor called again before the previous call settled (`Promise.all` of
 * three, over page boundaries, with prefetch on and off): results come in order, none lost, none
 * repeated, and no page is asked twice.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Query } from '../../../runtime/index.js';
import { connectTo, useSimulator } from './sim-connect.js';

const env = useSimulator({ tickets: 1_300 });

describe('query cursor: overlapping next() calls', () => {
  for (const concurrency of [1, 2]) {
    it(`Promise.all of three next() calls, again and again (concurrency ${concurrency}): every ticket once, in order`, async () => {
      const at = await connectTo(env.sim.url, { concurrency });
      const query = new Query('Ticket').where('id', 'GreaterThan', 0);
      const expected = (await at.query(query).fetchAll()).map((t) => t.id);
      assert.ok(expected.length > 1_000);
      const before = at.requestCount;
      const iterator = at.query(query)[Symbol.asyncIterator]();
      const ids: Array<number | undefined> = [];
      let done = false;
      while (!done) {
        const steps = await Promise.all([iterator.next(), iterator.next(), iterator.next()]);
        for (const step of steps) {
          if (step.done === true) done = true;
          else {
            assert.ok(!done, 'a result came after the end');
            ids.push(step.value.id);
          }
        }
      }
      assert.deepEqual(ids, expected);
      assert.equal(at.requestCount - before, Math.ceil((expected.length + 1) / 500), 'pages were asked more than once');
      at.close();
    });
  }
});
