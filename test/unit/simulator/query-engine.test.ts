import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { metadata } from '../../../generated/v1_6/metadata.js';
import { parseQueryXml } from '../../../runtime/protocol/soap/queryxml/queryxml-parser.js';
import { compileQuery, runQuery } from '../../../simulator/tenant/query-engine.js';
import { EntityStore, type StoredEntity } from '../../../simulator/tenant/store.js';
import { SOAP_READING } from '../../../simulator/soap/soap-reading.js';

const meta = metadata.entities.Ticket;
const scope = { meta, udfs: [], dates: SOAP_READING.dates };

/** A store that counts the records a query looks at. */
class CountingStore extends EntityStore {
  visited = 0;
  override *scan(entity: string, fromId?: number, toId?: number): Generator<StoredEntity> {
    for (const record of super.scan(entity, fromId, toId)) {
      this.visited++;
      yield record;
    }
  }
}

function store(count: number): CountingStore {
  const s = new CountingStore();
  for (let id = 1; id <= count; id++) {
    s.insert('Ticket', { Title: `t${id}`, Status: id % 2 === 0 ? 5 : 1, Priority: 1 + (id % 4) }, undefined, id);
  }
  return s;
}

const q = (content: string) => parseQueryXml(`<queryxml><entity>Ticket</entity><query>${content}</query></queryxml>`);
const field = (name: string, op: string, value: string) => `<field>${name}<expression op="${op}">${value}</expression></field>`;

describe('simulator query engine (unit)', () => {
  it('turns id bounds of a top-level AND chain into a range scan: paging costs one page', () => {
    const s = store(100_000);
    const page = runQuery(s, q(field('id', 'GreaterThan', '98000')), scope);
    assert.equal(page.length, 500);
    assert.equal(page[0]?.id, 98001);
    assert.equal(s.visited, 500);
    s.visited = 0;
    const filtered = runQuery(s, q(field('id', 'GreaterThan', '90000') + field('Status', 'Equals', '5')), scope);
    assert.equal(filtered.length, 500);
    assert.equal(s.visited, 1000);
    s.visited = 0;
    assert.deepEqual(
      runQuery(s, q(field('id', 'Equals', '4242')), scope).map((r) => r.id),
      [4242],
    );
    assert.equal(s.visited, 1);
  });

  it('does not narrow the scan when an OR joins the top level', () => {
    const tree = q(field('id', 'GreaterThan', '50') + `<condition operator="OR">${field('Status', 'Equals', '1')}</condition>`);
    const compiled = compileQuery(tree, scope);
    assert.equal(compiled.from, -Infinity);
    const s = store(100);
    const ids = runQuery(s, tree, scope).map((r) => r.id);
    assert.deepEqual(
      ids,
      Array.from({ length: 100 }, (_, i) => i + 1).filter((id) => id > 50 || id % 2 === 1),
    );
  });

  it('reads the range from every id expression: bounds on both sides, empty when they cross', () => {
    const both = compileQuery(
      q('<field>id<expression op="GreaterThanorEquals">10</expression><expression op="LessThan">20</expression></field>'),
      scope,
    );
    assert.deepEqual([both.from, both.to], [10, 19]);
    const s = store(50);
    assert.deepEqual(runQuery(s, q(field('id', 'GreaterThan', '30') + field('id', 'LessThan', '20')), scope), []);
  });

  it('reads records back by an OR chain of id Equals over their range only, with the general answer', () => {
    const s = store(10_000);
    const ids = ['9005', ' 9001 ', '12000', '9003', '9001'];
    const chain = ids
      .map((id, i) => (i === 0 ? field('id', 'Equals', id) : `<condition operator="OR">${field('id', 'Equals', id)}</condition>`))
      .join('');
    assert.deepEqual(
      runQuery(s, q(chain), scope).map((r) => r.id),
      [9001, 9003, 9005],
    );
    // From the lowest id asked to the highest (past the last record): 1,000 records, not the table's 10,000.
    assert.equal(s.visited, 1000);
    // Anything else in the chain is the general path's: the same records, the whole table scanned.
    s.visited = 0;
    const mixed = chain + `<condition operator="OR">${field('Title', 'Equals', 't9004')}</condition>`;
    assert.deepEqual(
      runQuery(s, q(mixed), scope).map((r) => r.id),
      [9001, 9003, 9004, 9005],
    );
    assert.equal(s.visited, 10_000);
    // A value that is no number is refused as any numeric condition is.
    assert.throws(
      () => runQuery(s, q(field('id', 'Equals', '9001') + `<condition operator="OR">${field('id', 'Equals', 'x')}</condition>`), scope),
      /Invalid value "x"/,
    );
  });
});
