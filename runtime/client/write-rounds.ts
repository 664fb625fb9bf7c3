/**
 * One packet of a create/update/delete, whatever the wire: each entity checked and encoded (one
 * that cannot be sent fails alone, before any request), then write calls until the packet is
 * settled. Where a write call is one transaction (SOAP), a call the API refused for some entities
 * saved none of them: the others go out again without the refused, round after round, up to
 * `MAX_PACKET_ROUNDS`. Every entity ends succeeded, failed (with the API's reason) or unknown.
 */
import { AuthenticationError, TransportError } from '../protocol/errors.js';
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
 * The outcome of a packet whose request failed as a whole: refused (the API refused the call, bad
 * credentials, a server that could not be reached) means failed; anything else (a reset, a 5xx, a
 * timeout) may have been applied, so the packet is unknown and the action goes on.
 */
export function packetFailure<T>(operation: WriteOperation, sent: readonly T[], error: unknown): PacketOutcome<T> {
  const reason = error ?? new Error(`${operation} failed`);
  const message = reason instanceof Error ? reason.message : String(reason);
  const fatal = isFatalFailure(reason);
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
  for (const entity of packet) {
    try {
      encoded.set(entity, prepare(entity));
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
  let pending = packet.filter((entity) => encoded.has(entity));
  for (let round = 1; pending.length > 0; round++) {
    const sent = pending;
    pending = [];
    let answer;
    try {
      answer = await transport.write(operation, (sent[0] as T).entityName, sent.map((entity) => encoded.get(entity) as EncodedEntity), decode);
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
    sent.forEach((entity, i) => {
      // An answer that says nothing of an entity leaves its outcome unknown.
      const outcome = answer.outcomes[i] ?? { status: 'unknown' };
      switch (outcome.status) {
        case 'saved':
          succeeded.push(entity);
          answers.push((outcome.answer as EntityBase | undefined) ?? entity);
          break;
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
