/**
 * What became of each entity of one create/update/delete packet, from the ATWSResponse: failures
 * are matched through `record number [N]` (1-based in the packet); the rest succeeded, and are
 * paired with the entities the API returned (by id for update, in order for create).
 */
import { ApiError, AuthenticationError, TransportError, type FailedEntity } from '../errors.js';
import type { EntityBase } from '../entity/entity-base.js';
import type { AtwsResponseSummary } from '../xml/atws-response-decoder.js';
import type { PacketOutcome } from './action-cursor.js';

export type ActionOperation = 'create' | 'update' | 'delete';

const RECORD_NUMBER = /record number \[(\d+)\]/i;

/** Maps one answered packet to succeeded / failed / unknown. */
export function packetOutcome<T extends EntityBase>(
  operation: ActionOperation,
  sent: readonly T[],
  summary: AtwsResponseSummary,
  returned: readonly EntityBase[],
): PacketOutcome<T> {
  const messagesByRecord = new Map<number, string[]>();
  const general: string[] = [];
  for (const message of summary.errors) {
    const match = RECORD_NUMBER.exec(message);
    const index = match?.[1] === undefined ? undefined : Number(match[1]);
    if (index !== undefined && index >= 1 && index <= sent.length) {
      const list = messagesByRecord.get(index) ?? [];
      list.push(message);
      messagesByRecord.set(index, list);
    } else {
      general.push(message);
    }
  }
  // A failure that names no record fails the whole packet.
  const wholePacketFailed = summary.returnCode !== 1 && messagesByRecord.size === 0;
  const failed: FailedEntity<T>[] = [];
  const succeeded: T[] = [];
  const unknown: T[] = [];
  const byId = new Map<number, EntityBase>();
  for (const entity of returned) {
    const id = (entity as { id?: number }).id;
    if (typeof id === 'number') byId.set(id, entity);
  }
  let nextReturned = 0;
  sent.forEach((entity, i) => {
    const own = messagesByRecord.get(i + 1);
    if (own !== undefined || wholePacketFailed) {
      const message = (own ?? general).join('; ') || `${operation} failed (ReturnCode ${String(summary.returnCode)}) with no message`;
      failed.push({ entity, message });
      return;
    }
    if (operation === 'delete') {
      succeeded.push(entity);
      return;
    }
    const result =
      operation === 'update' ? byId.get((entity as { id?: number }).id ?? Number.NaN) : returned[nextReturned++];
    // The API said nothing against it but returned nothing for it: the outcome is not known.
    if (result === undefined) unknown.push(entity);
    else succeeded.push(result as T);
  });
  return { succeeded, failed, unknown, messages: summary.errors };
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
