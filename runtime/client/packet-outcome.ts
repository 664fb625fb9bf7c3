/**
 * What became of each entity of one create/update/delete packet, from the ATWSResponse.
 *
 * A call is one transaction ("Batching of SOAP API calls": if any entity causes an error, none of
 * the set is saved). So when the API refuses a packet naming some entities, those failed (with the
 * API's reason for each) and the others were not saved either: they are handed back in `resend`,
 * for the sender to send again without the failed ones.
 *
 * The API names a refused entity by two messages, the reason then a record-number line, e.g.
 * `Missing Required Field: Title.` + `Error updating entity for record number [2].` (the pairs
 * ecitsolutions/Autotask's Set-AtwsData reads, the line python-atws looks for). One message holding
 * both (`Value does not exist for the required field AccountID. ; on record number [1].`, or
 * `... (record number [1])`) is read too. N is 1-based in the packet.
 */
import { ApiError, AuthenticationError, TransportError, type FailedEntity } from '../protocol/errors.js';
import type { EntityBase } from '../entity/entity-base.js';
import type { AtwsResponseSummary } from '../protocol/soap/xml/atws-response-decoder.js';
import type { PacketOutcome } from './action-cursor.js';

export type ActionOperation = 'create' | 'update' | 'delete';

const RECORD_NUMBER = /record number\s*\[(\d+)\]/i;
/** A message that is only the record-number line of a pair. */
const RECORD_LINE = /^\s*(?:error \w+ entit(?:y|ies) for |on |at )?record number\s*\[\d+\]\.?\s*$/i;
/** The record-number part of a one-message failure, to leave the reason. */
const RECORD_PART = /\s*(?:[;,]\s*)?(?:\(\s*)?(?:error \w+ entit(?:y|ies) for |on |at )?record number\s*\[\d+\]\.?\s*\)?\.?\s*$/i;
/** The API's reason for a delete of an id it does not have (the simulator: `Ticket 5 does not exist.`). */
const DOES_NOT_EXIST = /does not exist|no matching records? found/i;

export interface ParsedErrors {
  /** Packet position (1-based) -> the API's reasons for that entity. */
  readonly byRecord: ReadonlyMap<number, readonly string[]>;
  /** Messages that name no record of the packet. */
  readonly general: readonly string[];
}

/** Reads an answer's messages as reason + record-number pairs, or single messages naming a record. */
export function parseRecordErrors(messages: readonly string[], packetSize: number): ParsedErrors {
  const byRecord = new Map<number, string[]>();
  const general: string[] = [];
  let pending: string[] = [];
  const add = (record: number, reasons: readonly string[]): void => {
    const list = byRecord.get(record) ?? [];
    list.push(...reasons);
    byRecord.set(record, list);
  };
  for (const message of messages) {
    const match = RECORD_NUMBER.exec(message);
    const record = match?.[1] === undefined ? undefined : Number(match[1]);
    if (record === undefined || record < 1 || record > packetSize) {
      pending.push(message);
      continue;
    }
    if (RECORD_LINE.test(message)) {
      // The second of a pair: the reasons are the messages since the last record named.
      add(record, pending.length > 0 ? pending : [message]);
    } else {
      general.push(...pending);
      add(record, [message.replace(RECORD_PART, '').trim() || message]);
    }
    pending = [];
  }
  general.push(...pending);
  return { byRecord, general };
}

export interface AnswerFacts {
  /** How many times the transport sent the request (more than 1: an earlier try got no answer). */
  readonly attempts: number;
}

/** A packet's outcome, `succeeded` being the entities sent, each with what the API answered for it. */
export interface AnsweredPacket<T> extends PacketOutcome<T> {
  /** For each of `succeeded` (same order), the entity the API answered (the input itself for delete). */
  readonly answers: readonly EntityBase[];
}

/** Maps one answered packet to succeeded / failed / unknown / resend. */
export function packetOutcome<T extends EntityBase>(
  operation: ActionOperation,
  sent: readonly T[],
  summary: AtwsResponseSummary,
  returned: readonly EntityBase[],
  facts: AnswerFacts = { attempts: 1 },
): AnsweredPacket<T> {
  const { byRecord, general } = parseRecordErrors(summary.errors, sent.length);
  const refused = summary.returnCode !== 1;
  if (refused && byRecord.size === 0) {
    // A refusal that names no record fails the whole packet.
    const message = general.join('; ') || `${operation} failed (ReturnCode ${String(summary.returnCode)}) with no message`;
    return { succeeded: [], answers: [], failed: sent.map((entity) => ({ entity, message })), unknown: [], messages: summary.errors };
  }
  if (refused && operation === 'delete' && facts.attempts > 1 && byRecord.size === sent.length) {
    // A retried delete whose every entity "does not exist": the try whose answer was lost deleted
    // them (a call is one transaction, so it deleted all or none; none would leave them existing).
    const all = [...byRecord.values()].every((reasons) => reasons.some((r) => DOES_NOT_EXIST.test(r)));
    if (all) return { succeeded: [...sent], answers: [...sent], failed: [], unknown: [], messages: summary.errors };
  }
  const failed: FailedEntity<T>[] = [];
  const succeeded: T[] = [];
  const answers: EntityBase[] = [];
  const unknown: T[] = [];
  const resend: T[] = [];
  const byId = new Map<number, EntityBase>();
  for (const entity of returned) {
    const id = (entity as { id?: number }).id;
    if (typeof id === 'number') byId.set(id, entity);
  }
  let nextReturned = 0;
  sent.forEach((entity, i) => {
    const own = byRecord.get(i + 1);
    if (own !== undefined) {
      failed.push({ entity, message: own.join('; ') });
      return;
    }
    if (refused) {
      // Not saved: the packet was refused for the others.
      resend.push(entity);
      return;
    }
    const result =
      operation === 'delete' ? entity : operation === 'update' ? byId.get((entity as { id?: number }).id ?? Number.NaN) : returned[nextReturned++];
    // The API said nothing against it but returned nothing for it: the outcome is not known.
    if (result === undefined) {
      unknown.push(entity);
      return;
    }
    succeeded.push(entity);
    answers.push(result);
  });
  return { succeeded, answers, failed, unknown, messages: summary.errors, ...(resend.length > 0 ? { resend } : {}) };
}

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
 * The outcome of a packet whose request failed as a whole: refused (a SOAP fault, bad credentials,
 * a server that could not be reached) means failed; anything else (a reset, a 5xx, a timeout) may
 * have been applied, so the packet is unknown and the action goes on.
 */
export function packetFailure<T>(operation: ActionOperation, sent: readonly T[], error: unknown): PacketOutcome<T> {
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
