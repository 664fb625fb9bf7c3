/**
 * Attachments: the attachment's information is stored as an AttachmentInfo entity (so it can be
 * queried like one) and its bytes beside it. The checks are the tenant's; how the bytes travel
 * (base64 in SOAP's `Data`) and how a refusal is answered are the front's.
 */
import type { EntityMeta, FieldValue } from 'atws/protocol';
import type { AttachmentBudget } from './attachment-budget.js';
import type { Caller } from './authentication.js';
import type { EntityStore, StoredEntity } from './store.js';
import type { PicklistCatalog } from './picklists.js';
import type { WireReading } from './wire-reading.js';

/** At most this many bytes an attachment (the REST thresholds page: 6-7 MB an attachment). */
export const MAX_ATTACHMENT_BYTES = 6 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  txt: 'text/plain',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  html: 'text/html',
  xml: 'text/xml',
  csv: 'text/csv',
  zip: 'application/zip',
};

const REQUIRED = ['Title', 'Type', 'ParentType', 'ParentID', 'Publish', 'FullPath'];
const PICKLISTS = ['Type', 'ParentType', 'Publish'];

export interface AttachmentScope {
  readonly store: EntityStore;
  readonly picklists: PicklistCatalog;
  /** The bytes each integration may still upload (see attachment-budget.ts). */
  readonly attachmentBudget: AttachmentBudget;
}

/** A refusal of an attachment call, worded for the caller. */
export interface AttachmentRefusal {
  readonly refused: string;
}

const own = (meta: EntityMeta, name: string) => (Object.hasOwn(meta.fields, name) ? meta.fields[name] : undefined);

/** The stored attachment: its AttachmentInfo record and its bytes (none for a link). */
export function getAttachment(
  scope: AttachmentScope,
  meta: EntityMeta,
  id: number,
): { info: StoredEntity; data: Uint8Array | undefined } | undefined {
  const info = scope.store.get(meta.name, id);
  return info ? { info, data: scope.store.getAttachmentData(id) } : undefined;
}

/**
 * Stores an attachment of `caller`: `info` holds the AttachmentInfo fields as sent (text of a
 * non-string field read with `reading`), `data` its bytes. Answers the new id, or why it was
 * refused: an integration past its upload budget is refused before anything else is checked.
 */
export function createAttachment(
  scope: AttachmentScope,
  caller: Caller,
  meta: EntityMeta,
  info: ReadonlyMap<string, FieldValue | null>,
  data: Buffer,
  reading: WireReading,
): number | AttachmentRefusal {
  const { store, picklists, attachmentBudget } = scope;
  const blocked = attachmentBudget.blocked(caller.trackingId);
  if (blocked !== undefined) return { refused: blocked };
  if (data.length > MAX_ATTACHMENT_BYTES) {
    return { refused: `The attachment is ${data.length} bytes; at most ${MAX_ATTACHMENT_BYTES} are allowed.` };
  }
  const values: Record<string, FieldValue> = {};
  for (const [name, sent] of info) {
    const field = own(meta, name);
    if (!field) return { refused: `The field ${name} does not exist on AttachmentInfo.` };
    if (sent === null || (field.type !== 'string' && typeof sent === 'string' && sent.trim() === '')) continue;
    if (typeof sent !== 'string' || field.type === 'string') {
      values[field.name] = sent;
      continue;
    }
    try {
      values[field.name] = reading.fieldValue(field.type, sent.trim());
    } catch {
      return { refused: `Invalid value "${sent}" for the ${field.type} field AttachmentInfo.${field.name}.` };
    }
  }
  for (const name of REQUIRED) {
    if (own(meta, name) && (values[name] === undefined || values[name] === '')) {
      return { refused: `Value does not exist for the required field ${name}.` };
    }
  }
  for (const name of PICKLISTS) {
    const field = own(meta, name);
    if (!field) continue;
    const entry = picklists.valuesOf(meta, field).find((v) => v.value === String(values[name]));
    if (!entry?.isActive) return { refused: `${String(values[name])} is not a value of AttachmentInfo.${name}.` };
    if (name === 'ParentType' && !store.has(entry.label, Number(values['ParentID']))) {
      return { refused: `The attachment's parent ${entry.label} ${String(values['ParentID'])} does not exist.` };
    }
  }
  if (values['Type'] === 'FILE_ATTACHMENT' && data.length === 0) {
    return { refused: 'A FILE_ATTACHMENT needs Data.' };
  }
  values['AttachDate'] = new Date();
  values['FileSize'] = data.length;
  const extension = String(values['FullPath']).split('.').pop()?.toLowerCase() ?? '';
  values['ContentType'] ??= CONTENT_TYPES[extension] ?? 'application/octet-stream';
  for (const name of Object.keys(values)) if (!own(meta, name)) delete values[name];
  const overBudget = attachmentBudget.take(caller.trackingId, data.length);
  if (overBudget !== undefined) return { refused: overBudget };
  return store.transaction(() => {
    const record = store.insert(meta.name, values);
    store.setAttachmentData(record.id, data);
    return record.id;
  });
}

/** Deletes an attachment; answers why not when it does not exist. */
export function deleteAttachment(scope: AttachmentScope, meta: EntityMeta, id: number): AttachmentRefusal | undefined {
  const { store } = scope;
  if (!store.has(meta.name, id)) return { refused: `Attachment ${id} does not exist.` };
  store.transaction(() => {
    store.remove(meta.name, id);
    store.removeAttachmentData(id);
  });
  return undefined;
}
