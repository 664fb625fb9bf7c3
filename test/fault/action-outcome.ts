/**
 * What became of every entity handed to a create/update/delete, read from either a clean finish
 * (everything succeeded) or the `ApiError` the action cursor throws after a partial failure.
 */
import { ApiError } from '../../runtime/index.js';

export interface ActionOutcome<T> {
  /** The entities the API returned for the inputs that succeeded. */
  readonly succeeded: readonly T[];
  /** Inputs refused (with the API's message) or never sent. */
  readonly failed: readonly T[];
  /** Inputs whose answer never came. */
  readonly unknown: readonly T[];
  readonly error: ApiError<T> | undefined;
}

/** Consumes an action cursor to the end and sorts its entities into the three outcomes. */
export async function outcomeOf<T>(cursor: AsyncIterable<T>): Promise<ActionOutcome<T>> {
  const yielded: T[] = [];
  try {
    for await (const entity of cursor) yielded.push(entity);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const e = error as ApiError<T>;
    // The cursor yields each success as it comes, and the error lists them all again.
    if (e.succeeded.length !== yielded.length) {
      throw new Error(`the cursor yielded ${yielded.length} entities but its ApiError lists ${e.succeeded.length} succeeded`);
    }
    return { succeeded: e.succeeded, failed: e.failed.map((f) => f.entity), unknown: e.unknown, error: e };
  }
  return { succeeded: yielded, failed: [], unknown: [], error: undefined };
}
