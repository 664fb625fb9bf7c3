/** "did you mean Equals?" for a misspelt `--where` operator. */
import { QUERY_OPERATORS, type QueryOperator } from '../protocol/query/operators.js';

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      next[j] = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[y.length] as number;
}

/**
 * The operator a word was most likely meant to be (`Equal` -> Equals, `greaterthenorequals` ->
 * GreaterThanorEquals), or undefined when the word is not close to any: at most a third of the
 * operator's letters may differ, so that a value such as `5` or `Complete` suggests nothing.
 */
export function suggestOperator(word: string): QueryOperator | undefined {
  let best: { op: QueryOperator; d: number } | undefined;
  for (const op of QUERY_OPERATORS) {
    const d = distance(word, op);
    if (d <= Math.max(1, Math.floor(op.length / 3)) && (best === undefined || d < best.d)) best = { op, d };
  }
  return best?.op;
}
