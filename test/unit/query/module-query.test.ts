// A generated module's `Query` is atws's query builder itself (typed by the module's entity map):
// statics, instanceof and the tree it builds are the class's, so a connection runs it as any query.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Query as AtwsQuery } from '../../../runtime/index.js';
import { Query as Query15 } from '../../../generated/v1_5/index.js';
import { Query as Query16 } from '../../../generated/v1_6/index.js';

describe("a generated module's Query", () => {
  it('is the runtime class, for each version', () => {
    assert.equal(Query15, AtwsQuery);
    assert.equal(Query16, AtwsQuery);
    assert.equal(Query16.GreaterThan, 'GreaterThan');
  });

  it('builds the same tree as atws Query', () => {
    const q = new Query16('Ticket').where('id', 'GreaterThan', 5).or((g) => g.where('Title', 'BeginsWith', 'x'));
    assert.ok(q instanceof AtwsQuery);
    assert.deepEqual(
      q.toTree(),
      new AtwsQuery('Ticket')
        .where('id', 'GreaterThan', 5)
        .or((g) => g.where('Title', 'BeginsWith', 'x'))
        .toTree(),
    );
  });
});
