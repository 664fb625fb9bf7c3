/**
 * The result of `at.create/update/delete(...)`: entities are pulled from the input lazily and sent
 * in packets of at most 200, so that updating the results of a query interleaves the way the seed
 * describes (query 1 returns 1-500, updates 1-200 and 201-400 go out, query 2 returns 501-1000,
 * updates 401-600 go out, ...). Up to `concurrency` packets are in flight; results come out in order.
 *
 * Partial failure: iteration yields every entity that succeeded, in input order, and when any
 * entity failed or its outcome is unknown it then throws one `ApiError` whose `succeeded`,
 * `failed` (with the API's message per entity) and `unknown` lists account for every entity
 * handed in. `execute()` and `fetchAll()` reject with that same error.
 */
import { ApiError, AtwsError, type FailedEntity } from '../errors.js';
import { Cursor } from './query-cursor.js';

/** ATWS takes at most this many entities per create/update/delete. */
export const ACTION_PACKET_SIZE = 200;

/** What became of one packet. */
export interface PacketOutcome<T> {
  /** What to yield for each input that succeeded (the API's entity; the input itself for delete). */
  readonly succeeded: readonly T[];
  readonly failed: readonly FailedEntity<T>[];
  readonly unknown: readonly T[];
  /** Every ATWSError message of the answer. */
  readonly messages: readonly string[];
  /** Set when the packet got no usable answer (transport, authentication): the cursor stops sending. */
  readonly fatal?: unknown;
}

export type PacketSender<T> = (packet: readonly T[]) => Promise<PacketOutcome<T>>;

/** Counts of an action, as `execute()` resolves them. */
export interface ActionSummary {
  readonly succeeded: number;
  readonly failed: number;
  readonly unknown: number;
}

export type ActionInput<T> = T | Iterable<T> | AsyncIterable<T>;

function isIterableInput<T>(input: ActionInput<T>): input is Iterable<T> | AsyncIterable<T> {
  return (
    input !== null &&
    typeof input === 'object' &&
    (Symbol.iterator in input || Symbol.asyncIterator in input)
  );
}

async function* asAsync<T>(input: ActionInput<T>): AsyncGenerator<T, void, undefined> {
  if (isIterableInput(input)) yield* input;
  else yield input;
}

/**
 * Entities the API returned for an action.
 *
 * @example
 * const closed = await at.update(tickets).fetchAll();
 */
export class ActionCursor<T> extends Cursor<T> {
  private summaryCounts: ActionSummary | undefined;

  constructor(
    private readonly operation: string,
    private readonly input: ActionInput<T>,
    private readonly sendPacket: PacketSender<T>,
    private readonly concurrency: number,
  ) {
    super();
  }

  /** Runs the action without keeping the results (the seed's `execute`). */
  async execute(): Promise<ActionSummary> {
    for await (const _ of this) {
      // Results are dropped on purpose: only the counts are kept.
    }
    return this.summaryCounts ?? { succeeded: 0, failed: 0, unknown: 0 };
  }

  protected async *iterate(): AsyncGenerator<T, void, undefined> {
    const succeeded: T[] = [];
    const failed: FailedEntity<T>[] = [];
    const unknown: T[] = [];
    const messages: string[] = [];
    let fatal: unknown;
    const inFlight: Promise<PacketOutcome<T>>[] = [];
    let packet: T[] = [];

    const settle = (outcome: PacketOutcome<T>): readonly T[] => {
      succeeded.push(...outcome.succeeded);
      failed.push(...outcome.failed);
      unknown.push(...outcome.unknown);
      messages.push(...outcome.messages);
      if (outcome.fatal !== undefined && fatal === undefined) fatal = outcome.fatal;
      return outcome.succeeded;
    };
    const send = (entities: T[]): void => {
      const pending = this.sendPacket(entities);
      inFlight.push(pending);
    };

    // Before a packet goes out, a slot is freed by settling the oldest packet in flight. With
    // concurrency 1 each packet is also settled at once, so that nothing overlaps at all.
    const freeSlot = (): Promise<PacketOutcome<T>> | undefined =>
      inFlight.length >= this.concurrency ? inFlight.shift() : undefined;
    const sequential = this.concurrency <= 1;
    try {
      for await (const entity of asAsync(this.input)) {
        packet.push(entity);
        if (packet.length < ACTION_PACKET_SIZE) continue;
        for (let oldest = freeSlot(); oldest !== undefined; oldest = freeSlot()) yield* settle(await oldest);
        if (fatal !== undefined) break;
        send(packet);
        packet = [];
        if (sequential) yield* settle(await (inFlight.shift() as Promise<PacketOutcome<T>>));
        if (fatal !== undefined) break;
      }
    } catch (error) {
      // The input itself failed (a query cursor lost its server, say): what was pulled is still accounted for.
      if (fatal === undefined) fatal = error;
    }
    if (packet.length > 0) {
      if (fatal === undefined) {
        for (let oldest = freeSlot(); oldest !== undefined; oldest = freeSlot()) yield* settle(await oldest);
      }
      if (fatal === undefined) send(packet);
      else for (const entity of packet) failed.push({ entity, message: `not sent: ${describe(fatal)}` });
      packet = [];
    }
    while (inFlight.length > 0) yield* settle(await (inFlight.shift() as Promise<PacketOutcome<T>>));

    this.summaryCounts = { succeeded: succeeded.length, failed: failed.length, unknown: unknown.length };
    if (failed.length > 0 || unknown.length > 0 || fatal !== undefined) {
      const parts = [`${succeeded.length} succeeded`, `${failed.length} failed`, `${unknown.length} unknown`];
      const first = failed[0]?.message ?? (fatal === undefined ? undefined : describe(fatal));
      throw new ApiError<T>(
        `${this.operation}: ${parts.join(', ')}` + (first === undefined ? '' : `; first problem: ${first}`),
        {
          operation: this.operation,
          messages,
          succeeded,
          failed,
          unknown,
        },
        fatal === undefined ? {} : { cause: fatal },
      );
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof AtwsError) return `${error.name}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
