import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeOperator, operatorTakesValue, QUERY_OPERATORS } from '../../../runtime/protocol/query/operators.js';

describe('query operators', () => {
  it('lists the 15 ATWS operators in their documented spelling', () => {
    assert.deepEqual(
      [...QUERY_OPERATORS],
      [
        'Equals',
        'NotEqual',
        'GreaterThan',
        'LessThan',
        'GreaterThanorEquals',
        'LessThanOrEquals',
        'BeginsWith',
        'EndsWith',
        'Contains',
        'IsNotNull',
        'IsNull',
        'IsThisDay',
        'Like',
        'NotLike',
        'SoundsLike',
      ],
    );
  });

  it('normalizes any case to the canonical spelling and refuses unknown names', () => {
    assert.equal(normalizeOperator('greaterthanorequals'), 'GreaterThanorEquals');
    assert.equal(normalizeOperator('GreaterThanOrEquals'), 'GreaterThanorEquals');
    assert.equal(normalizeOperator('LESSTHANOREQUALS'), 'LessThanOrEquals');
    for (const op of QUERY_OPERATORS) assert.equal(normalizeOperator(op.toUpperCase()), op);
    for (const bad of ['', 'Equal', 'equals ', 'NotEquals', '=']) assert.equal(normalizeOperator(bad), undefined);
    assert.equal(normalizeOperator(5 as unknown as string), undefined);
  });

  it('knows that only IsNull and IsNotNull take no value', () => {
    assert.deepEqual(
      QUERY_OPERATORS.filter((op) => !operatorTakesValue(op)),
      ['IsNotNull', 'IsNull'],
    );
  });
});
