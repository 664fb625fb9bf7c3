/**
 * One packet of a create/update/delete, whatever the wire: each entity checked and encoded (one
 * that cannot be sent fails alone, before any request), then write calls until the packet is
 * settled. Where a write call is one transaction (SOAP), a call the API refused for some entities
 * saved none of them: the others go out again without the refused, round after round, up to
 * `MAX_PACKET_ROUNDS`. Every entity ends succeeded, failed (with the API's reason) or unknown.
 */
import { AuthenticationError, TransportError, UsageError } from '../protocol/errors.js';
import { ApiError } from './transport/api-error.js';
import type { EntityBase } from '../entity/entity-base.js';
import type { PacketOutcome } from './action-cursor.js';
import type { EncodedEntity, Transport, WriteOperation } from './transport/transport.js';
import type { EntityDecoder } from './transport/wire-entity.js';

/**
 * How many times one packet goes out when the API keeps refusing it: each refusal fails the
 * entities it names, and the others (not saved: a call is one transaction) go out again without
 * them. ecitsolutions/Autotask's Set-AtwsData does the same, up to its ErrorLimit of 10.
 */
export const MAX_PACKET_ROUNDS = 10;

/**
 * Connection failures that mean nothing reached the server: the packet was not applied, and no
 * later packet would get through either.
 */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** True when a failed request tells that no later request of the action can succeed. */
export function isFatalFailure(error: unknown): boolean {
  if (error instanceof AuthenticationError) return true;
  const code = error instanceof TransportError ? error.details.code : undefined;
  return code !== undefined && UNREACHABLE_CODES.has(code);
}

/**
 * Whether some attempt of the failed call may have reached the server, whatever its last attempt
 * met: a reset before the retries found the server gone, say.
 */
function mayHaveReachedServer(error: unknown): boolean {
  return error instanceof TransportError && error.details.mayHaveReachedServer === true;
}

/**
 * The outcome of a packet whose request failed as a whole: refused (the API refused the call, bad
 * credentials, a server that could not be reached) means failed; anything else (a reset, a 5xx, a
 * timeout) may have been applied, so the packet is unknown and the action goes on. One rule for
 * every transport: once an attempt may have reached the server, no later failure makes the packet
 * failed; a server gone after it still stops the action (fatal), with the packet unknown.
 */
export function packetFailure<T>(operation: WriteOperation, sent: readonly T[], error: unknown): PacketOutcome<T> {
  const reason = error ?? new Error(`${operation} failed`);
  const message = reason instanceof Error ? reason.message : String(reason);
  const fatal = isFatalFailure(reason);
  if (mayHaveReachedServer(reason)) {
    return { succeeded: [], failed: [], unknown: [...sent], messages: [], error: reason, ...(fatal ? { fatal: reason } : {}) };
  }
  if (fatal || reason instanceof ApiError) {
    return {
      succeeded: [],
      failed: sent.map((entity) => ({ entity, message })),
      unknown: [],
      messages: reason instanceof ApiError ? reason.messages : [],
      ...(fatal ? { fatal: reason } : {}),
    };
  }
  return { succeeded: [], failed: [], unknown: [...sent], messages: [], error: reason };
}

/**
 * Why an answer saying "saved" is not believed for `entity`, or undefined when it is. The id is
 * what the object takes from a create's answer (and what its read-back looks up), so it must be an
 * id a new record can have (a positive integer) that no other entity of the packet was given; an
 * update's answer must name the record sent. Such an entity may have been saved: it is unknown.
 */
function answeredIdDoubt(
  operation: WriteOperation,
  entity: EntityBase,
  answer: EntityBase | undefined,
  given: ReadonlyMap<number, number>,
): string | undefined {
  if (operation === 'delete' || answer === undefined) return undefined;
  const id: unknown = (answer as { id?: unknown }).id;
  const sentId: unknown = (entity as { id?: unknown }).id;
  const what = `${operation} ${entity.entityName}`;
  if (operation === 'update') {
    if (id === undefined || id === sentId) return undefined;
    return `${what} ${String(sentId)}: the answer names id ${JSON.stringify(id)} instead, so whether it was saved is unknown`;
  }
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    return `${what}: the answer gave the new record the id ${JSON.stringify(id) ?? 'none'}, not a positive integer, so whether it was created (and as which) is unknown`;
  }
  if ((given.get(id) ?? 0) > 1)
    return `${what}: the answer gave id ${id} to more than one new record of the packet, so whether each was created (and as which) is unknown`;
  return undefined;
}

/** A settled packet, with what the API answered for each entity saved. */
export interface WrittenPacket<T> extends PacketOutcome<T> {
  /** For each of `succeeded` (same order), the entity the call answered; the input itself for delete. */
  readonly answers: readonly EntityBase[];
}

/**
 * Sends one packet (at most `entitiesPerWrite` entities) in as many rounds as it takes.
 * `prepare` checks and encodes an entity (throwing for one that cannot be sent).
 */
export async function writePacket<T extends EntityBase>(
  transport: Transport,
  operation: WriteOperation,
  packet: readonly T[],
  prepare: (entity: T) => EncodedEntity,
  decode: EntityDecoder<EntityBase>,
): Promise<WrittenPacket<T>> {
  const encoded = new Map<T, EncodedEntity>();
  const failed: Array<{ entity: T; message: string }> = [];
  // Entities that go out, in order; an object appearing twice in a packet is prepared (and refused) twice.
  const prepared: T[] = [];
  for (const entity of packet) {
    try {
      const wire = prepare(entity);
      if (encoded.has(entity))
        throw new UsageError(`${operation}: the same ${entity.entityName} object is in the action twice; it was not sent again`);
      encoded.set(entity, wire);
      prepared.push(entity);
    } catch (error) {
      failed.push({ entity, message: error instanceof Error ? error.message : String(error) });
    }
  }
  const transaction = transport.capabilities.writeIsTransaction;
  const succeeded: T[] = [];
  const answers: EntityBase[] = [];
  const unknown: T[] = [];
  const messages: string[] = [];
  let fatal: unknown;
  let lost: unknown;
  let pending = prepared;
  /** Ids the answers gave saved entities of this packet: a create answer naming one twice is not believed. */
  const takenIds = new Map<number, number>();
  for (let round = 1; pending.length > 0; round++) {
    const sent = pending;
    pending = [];
    let answer;
    try {
      answer = await transport.write(
        operation,
        (sent[0] as T).entityName,
        sent.map((entity) => encoded.get(entity) as EncodedEntity),
        decode,
      );
    } catch (error) {
      const outcome = packetFailure(operation, sent, error);
      failed.push(...outcome.failed);
      unknown.push(...outcome.unknown);
      messages.push(...outcome.messages);
      fatal ??= outcome.fatal;
      lost ??= outcome.error;
      break;
    }
    messages.push(...answer.messages);
    // How many saved entities of this call each answered id was given, and those of earlier calls.
    const given = new Map<number, number>(takenIds.entries() as Iterable<[number, number]>);
    for (const outcome of answer.outcomes) {
      const id = outcome.status === 'saved' ? (outcome.answer as { id?: unknown } | undefined)?.id : undefined;
      if (typeof id === 'number') given.set(id, (given.get(id) ?? 0) + 1);
    }
    sent.forEach((entity, i) => {
      // An answer that says nothing of an entity leaves its outcome unknown.
      const outcome = answer.outcomes[i] ?? { status: 'unknown' };
      switch (outcome.status) {
        case 'saved': {
          const doubt = answeredIdDoubt(operation, entity, outcome.answer as EntityBase | undefined, given);
          if (doubt !== undefined) {
            messages.push(doubt);
            unknown.push(entity);
            break;
          }
          succeeded.push(entity);
          answers.push((outcome.answer as EntityBase | undefined) ?? entity);
          const id = (outcome.answer as { id?: unknown } | undefined)?.id;
          if (operation === 'create' && typeof id === 'number') takenIds.set(id, 1);
          break;
        }
        case 'refused':
          failed.push({ entity, message: outcome.reason });
          break;
        case 'notSaved':
          // A refused transaction saved nothing: the rest goes out again without the refused.
          if (transaction) pending.push(entity);
          else failed.push({ entity, message: 'not saved: Autotask refused the call' });
          break;
        default:
          unknown.push(entity);
      }
    });
    if (pending.length > 0 && round >= MAX_PACKET_ROUNDS) {
      const why = `not saved: Autotask refused the packet ${round} times for other entities in it, and it was not sent again`;
      failed.push(...pending.map((entity) => ({ entity, message: why })));
      pending = [];
    }
  }
  return {
    succeeded,
    answers,
    failed,
    unknown,
    messages,
    ...(fatal === undefined ? {} : { fatal }),
    ...(lost === undefined ? {} : { error: lost }),
  };
}
