/**
 * The result of `at.create/update/delete(...)`: entities are pulled from the input lazily and sent
 * in packets of one write call (at most 200 for SOAP), so that updating the results of a query interleaves the way python-atws
 * describes (query 1 returns 1-500, updates 1-200 and 201-400 go out, query 2 returns 501-1000,
 * updates 401-600 go out, ...). Up to `concurrency` write calls are in flight; a packet whose write
 * was answered is read back without holding up the next write (at most twice `concurrency`
 * packets are held); results come out in order.
 *
 * Every entity handed in ends in exactly one of three lists, never dropped:
 * - succeeded: the API returned it (iteration yields these, in input order);
 * - failed: the API refused it (with the API's message), or it was never sent ("not sent: <reason>");
 * - unknown: its packet got no usable answer (reset, 5xx after retries, timeout), so it may or may
 *   not have been applied. The cursor does not send it again (the transport already retried what
 *   is safe to repeat, never a create); it goes on with the next packets, so that a flaky network
 *   does not abandon a bulk job.
 * Only a failure that no later packet can escape is fatal: the credentials refused, or a server
 * that could not be reached at all (that packet is failed: nothing got there). After it nothing more
 * is sent, and the rest of the input is still read and failed as "not sent: <reason>". If the input
 * itself throws, what was pulled from it is accounted for and its error becomes the cause.
 *
 * When any entity failed or is unknown, iteration ends by throwing one `ApiError` holding the three
 * lists (the fatal failure, the input's error or the first lost packet's error as its `cause`);
 * `execute()` and `fetchAll()` reject with that same error.
 */
import { MAX_ENTITIES_PER_WRITE } from '../protocol/limits.js';
import { AtwsError } from '../protocol/errors.js';
import { ApiError, type FailedEntity } from './transport/api-error.js';
import { Cursor } from './query-cursor.js';

/** ATWS's SOAP API takes at most this many entities per create/update/delete (the default packet). */
export const ACTION_PACKET_SIZE = MAX_ENTITIES_PER_WRITE;

/** What became of one packet. */
export interface PacketOutcome<T> {
  /** What to yield for each input that succeeded: the input object, holding what was stored. */
  readonly succeeded: readonly T[];
  readonly failed: readonly FailedEntity<T>[];
  readonly unknown: readonly T[];
  /** Every ATWSError message of the answer. */
  readonly messages: readonly string[];
  /**
   * Set when no later packet can succeed either (credentials refused, server unreachable): the
   * cursor stops sending and fails the rest of the input as "not sent".
   */
  readonly fatal?: unknown;
  /** Why the packet's outcome is unknown (it got no usable answer); the cursor goes on with the next. */
  readonly error?: unknown;
  /**
   * Entities the API did not save because it refused the packet for others in it (a call is one
   * transaction): the sender sends them again on their own. Never set in what the cursor settles.
   */
  readonly resend?: readonly T[];
}

/**
 * Sends one packet and settles it. `written` is called once the write call is answered, before
 * what follows it (the read-back): the cursor then sends the next packet without waiting for it.
 */
export type PacketSender<T> = (packet: readonly T[], written: () => void) => Promise<PacketOutcome<T>>;

/** A packet sent: its outcome, and whether it has settled (then it can be yielded without waiting). */
interface Sent<T> {
  readonly outcome: Promise<PacketOutcome<T>>;
  settled: boolean;
}

/** Counts of an action, as `execute()` resolves them. */
export interface ActionSummary {
  readonly succeeded: number;
  readonly failed: number;
  readonly unknown: number;
}

export type ActionInput<T> = T | Iterable<T> | AsyncIterable<T>;

function isIterableInput<T>(input: ActionInput<T>): input is Iterable<T> | AsyncIterable<T> {
  return input !== null && typeof input === 'object' && (Symbol.iterator in input || Symbol.asyncIterator in input);
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
  private actionMessages: readonly string[] = [];

  /**
   * The API's messages and the client's notices of the action (an object changed while its update
   * was in flight, say), once the iteration ended: an action that succeeded throws none of them.
   */
  get messages(): readonly string[] {
    return this.actionMessages;
  }

  constructor(
    private readonly operation: string,
    private readonly input: ActionInput<T>,
    private readonly sendPacket: PacketSender<T>,
    private readonly concurrency: number,
    /** Entities per packet: one write call's (the transport's `entitiesPerWrite`). */
    private readonly packetSize: number = ACTION_PACKET_SIZE,
  ) {
    super();
  }

  /** Runs the action without keeping the results (python-atws's `execute`). */
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
    /** Why no later packet can succeed (set once); from then on entities are failed, not sent. */
    let fatal: unknown;
    /** The input's own error: the input ended there. */
    let inputError: unknown;
    /** The first error that left a packet unknown, for the summary when nothing worse happened. */
    let lost: unknown;
    /** Packets sent and not yet yielded, oldest first (results come out in input order). */
    const inFlight: Sent<T>[] = [];
    /** Packets whose write call is unanswered: `concurrency` bounds these. */
    let writing = 0;
    /** Wakes a wait for a free slot when a write is answered or a packet settles. */
    let wake: (() => void) | undefined;
    const woken = (): void => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    let packet: T[] = [];

    const settle = (outcome: PacketOutcome<T>): readonly T[] => {
      succeeded.push(...outcome.succeeded);
      failed.push(...outcome.failed);
      unknown.push(...outcome.unknown);
      messages.push(...outcome.messages);
      if (outcome.fatal !== undefined && fatal === undefined) fatal = outcome.fatal;
      if (outcome.error !== undefined && lost === undefined) lost = outcome.error;
      return outcome.succeeded;
    };
    const notSent = (entities: readonly T[], reason: unknown): void => {
      for (const entity of entities) failed.push({ entity, message: `not sent: ${describe(reason)}` });
    };
    const send = (entities: T[]): void => {
      writing++;
      let answered = false;
      const written = (): void => {
        if (answered) return;
        answered = true;
        writing--;
        woken();
      };
      // A sender that rejects (rather than reporting an outcome) sent the packet without an answer.
      const outcome = this.sendPacket(entities, written)
        .catch((error: unknown): PacketOutcome<T> => ({
          succeeded: [],
          failed: [],
          unknown: entities,
          messages: [],
          error,
        }))
        .finally(() => {
          written();
          sent.settled = true;
          woken();
        });
      const sent: Sent<T> = { outcome, settled: false };
      inFlight.push(sent);
    };
    const oldest = (): Promise<PacketOutcome<T>> => (inFlight.shift() as Sent<T>).outcome;
    // A packet whose write is answered frees its slot while its read-back runs: the thread limit,
    // not this cursor, then decides what goes next (a read-back queued first goes first), and a
    // read-back no longer holds back the next write. Packets waiting to be yielded are bounded too.
    const maxPackets = 2 * this.concurrency;
    const busy = (): boolean => writing >= this.concurrency || inFlight.length >= maxPackets;
    async function* untilFree(): AsyncGenerator<T, void, undefined> {
      for (;;) {
        while (inFlight[0]?.settled === true) yield* settle(await oldest());
        if (!busy()) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }

    // With concurrency 1 each packet is settled at once, so that nothing overlaps at all.
    const sequential = this.concurrency <= 1;
    try {
      for await (const entity of asAsync(this.input)) {
        // After a fatal failure the rest of the input is still read, so that every entity is accounted for.
        if (fatal !== undefined) {
          notSent([entity], fatal);
          continue;
        }
        packet.push(entity);
        if (packet.length < this.packetSize) continue;
        yield* untilFree();
        if (fatal !== undefined) notSent(packet, fatal);
        else send(packet);
        packet = [];
        if (sequential && inFlight.length > 0) yield* settle(await oldest());
      }
    } catch (error) {
      // The input itself failed (a query cursor lost its server, say): what was pulled is still accounted for.
      inputError = error;
    }
    if (packet.length > 0) {
      if (fatal === undefined && inputError === undefined) yield* untilFree();
      const stop = fatal ?? inputError;
      if (stop === undefined) send(packet);
      else notSent(packet, stop);
      packet = [];
    }
    while (inFlight.length > 0) yield* settle(await oldest());

    this.summaryCounts = { succeeded: succeeded.length, failed: failed.length, unknown: unknown.length };
    this.actionMessages = messages;
    const cause = fatal ?? inputError ?? lost;
    if (failed.length > 0 || unknown.length > 0 || cause !== undefined) {
      const parts = [`${succeeded.length} succeeded`, `${failed.length} failed`, `${unknown.length} unknown`];
      const first =
        fatal !== undefined || inputError !== undefined
          ? describe(cause)
          : (failed[0]?.message ?? (cause === undefined ? undefined : describe(cause)));
      throw new ApiError<T>(
        `${this.operation}: ${parts.join(', ')}` + (first === undefined ? '' : `; first problem: ${first}`),
        {
          operation: this.operation,
          messages,
          succeeded,
          failed,
          unknown,
        },
        cause === undefined ? {} : { cause },
      );
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof AtwsError) return `${error.name}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
