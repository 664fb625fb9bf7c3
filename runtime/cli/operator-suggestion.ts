/** "did you mean Equals?" for a misspelt `--where` operator. */
import { QUERY_OPERATORS, type QueryOperator } from '../protocol/query/operators.js';
import { closestName } from '../client/did-you-mean.js';

/**
 * The operator a word was most likely meant to be (`Equal` -> Equals, `greaterthenorequals` ->
 * GreaterThanorEquals), or undefined when the word is not close to any: at most a third of the
 * operator's letters may differ, so that a value such as `5` or `Complete` suggests nothing.
 */
export function suggestOperator(word: string): QueryOperator | undefined {
  return closestName(word, QUERY_OPERATORS);
}
