/**
 * What became of each entity of one create/update/delete call, from the ATWSResponse, in the
 * transport's neutral terms (saved / refused / not saved / unknown).
 *
 * A call is one transaction ("Batching of SOAP API calls": if any entity causes an error, none of
 * the set is saved). So when the API refuses a call naming some entities, those are refused (with
 * the API's reason for each) and the others were not saved either: the write rounds send them
 * again without the refused ones.
 *
 * The API names a refused entity by two messages, the reason then a record-number line, e.g.
 * `Missing Required Field: Title.` + `Error updating entity for record number [2].` (the pairs
 * ecitsolutions/Autotask's Set-AtwsData reads, the line python-atws looks for). One message holding
 * both (`Value does not exist for the required field AccountID. ; on record number [1].`, or
 * `... (record number [1])`) is read too. N is 1-based in the packet.
 */
import type { AtwsResponseSummary } from './atws-response-decoder.js';
import type { EntityOutcome, WriteAnswer, WriteOperation } from '../transport/transport.js';

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

/**
 * The outcome of each of `sentIds.length` entities of a call (their ids; undefined for a create),
 * from the answer's summary and the entities it returned (`returned`, with their ids).
 */
export function writeOutcomes<T>(
  operation: WriteOperation,
  sentIds: readonly (number | undefined)[],
  summary: AtwsResponseSummary,
  returned: readonly { readonly entity: T; readonly id: number | undefined }[],
  facts: AnswerFacts = { attempts: 1 },
): WriteAnswer<T> {
  const messages = summary.errors;
  const { byRecord, general } = parseRecordErrors(summary.errors, sentIds.length);
  const refused = summary.returnCode !== 1;
  if (refused && byRecord.size === 0) {
    // A refusal that names no record fails the whole call.
    const reason = general.join('; ') || `${operation} failed (ReturnCode ${String(summary.returnCode)}) with no message`;
    return { outcomes: sentIds.map((): EntityOutcome<T> => ({ status: 'refused', reason })), messages };
  }
  if (refused && operation === 'delete' && facts.attempts > 1 && byRecord.size === sentIds.length) {
    // A retried delete whose every entity "does not exist": the try whose answer was lost deleted
    // them (a call is one transaction, so it deleted all or none; none would leave them existing).
    const all = [...byRecord.values()].every((reasons) => reasons.some((r) => DOES_NOT_EXIST.test(r)));
    if (all) return { outcomes: sentIds.map((): EntityOutcome<T> => ({ status: 'saved', answer: undefined })), messages };
  }
  const byId = new Map<number, T>();
  for (const { entity, id } of returned) if (id !== undefined) byId.set(id, entity);
  let nextReturned = 0;
  const outcomes = sentIds.map((id, i): EntityOutcome<T> => {
    const own = byRecord.get(i + 1);
    if (own !== undefined) return { status: 'refused', reason: own.join('; ') };
    // Not saved: the call was refused for the others.
    if (refused) return { status: 'notSaved' };
    if (operation === 'delete') return { status: 'saved', answer: undefined };
    const answer = operation === 'update' ? byId.get(id ?? Number.NaN) : returned[nextReturned++]?.entity;
    // The API said nothing against it but returned nothing for it: the outcome is not known.
    return answer === undefined ? { status: 'unknown' } : { status: 'saved', answer };
  });
  return { outcomes, messages };
}
