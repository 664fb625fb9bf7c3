/**
 * A connection's calls beside queries and writes: field, UDF and entity info (field info cached per
 * entity type, picklists built from it and cached), invoice markup, usage, the API version, and
 * attachments. Arguments are checked before any request.
 */
import { UsageError } from '../protocol/errors.js';
import { ApiError } from './transport/api-error.js';
import type { EntityBase, EntityBinding } from '../entity/entity-base.js';
import type { FieldValue } from '../protocol/metadata.js';
import type { GeneratedApi } from './api-registry.js';
import { entityClassOf, makeEntityDecoder } from './entity-codec.js';
import { makeEntityPicklists, type PicklistOptions } from './picklists.js';
import type { FieldInfo } from './transport/info-records.js';
import type { Transport, WireAttachment } from './transport/transport.js';
import type { OutgoingEntity } from './transport/wire-entity.js';

function checkId(action: string, id: unknown): void {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw new UsageError(`${action}: the attachment id must be a positive integer, got ${JSON.stringify(id)}`);
  }
}

export class ConnectionServices {
  private readonly fieldInfoCache = new Map<string, Promise<FieldInfo[]>>();
  private readonly picklistCache = new Map<string, Promise<unknown>>();

  constructor(
    private readonly api: GeneratedApi,
    private readonly transport: Transport,
    private readonly binding: EntityBinding,
  ) {}

  /** An entity type's field info, asked once (again when `fresh`); a failure is not cached. */
  fieldInfo(entity: string, fresh: boolean): Promise<FieldInfo[]> {
    let info = fresh ? undefined : this.fieldInfoCache.get(entity);
    if (info === undefined) {
      info = this.transport.fieldInfo(entity);
      this.fieldInfoCache.set(entity, info);
      info.catch(() => this.fieldInfoCache.delete(entity));
    }
    return info;
  }

  /** The picklists of an entity type, made once per type and `includeInactive`. */
  picklists(entity: string, options: PicklistOptions): Promise<unknown> {
    const cls = entityClassOf(this.api, entity, 'picklist');
    const key = `${cls.entityName}\u0000${options.includeInactive === true}`;
    let picklists = this.picklistCache.get(key);
    if (picklists === undefined) {
      picklists = makeEntityPicklists(cls.meta, cls.entityName, (fresh) => this.fieldInfo(cls.entityName, fresh), options);
      this.picklistCache.set(key, picklists);
      picklists.catch(() => this.picklistCache.delete(key));
    }
    return picklists;
  }

  async invoiceMarkup(invoiceId: number, format: 'html' | 'xml'): Promise<string> {
    if (!Number.isInteger(invoiceId)) throw new UsageError(`getInvoiceMarkup: the invoice id must be an integer, got ${JSON.stringify(invoiceId)}`);
    const lower = typeof format === 'string' ? format.toLowerCase() : format;
    if (lower !== 'html' && lower !== 'xml')
      throw new UsageError(`getInvoiceMarkup: the format must be 'html' or 'xml', got ${JSON.stringify(format)}`);
    const markup = await this.transport.invoiceMarkup(invoiceId, lower);
    if (markup === undefined)
      throw new ApiError(`getInvoiceMarkup: no markup for invoice ${invoiceId}`, { operation: 'GetInvoiceMarkup', messages: [] });
    return markup;
  }

  async getAttachment(attachmentId: number): Promise<WireAttachment<EntityBase> | undefined> {
    checkId('getAttachment', attachmentId);
    return this.transport.getAttachment<EntityBase>(attachmentId, makeEntityDecoder(this.api, 'GetAttachment', this.binding));
  }

  /** `attachment` as the facade types it (`NewAttachment` of its version); checked here. */
  async createAttachment(attachment: { readonly data: Uint8Array; readonly info: unknown }): Promise<number> {
    if (attachment === null || typeof attachment !== 'object' || !(attachment.data instanceof Uint8Array)) {
      throw new UsageError('createAttachment: expected { data: Buffer | Uint8Array, info: { ParentID, ParentType, Type, Title, ... } }');
    }
    const cls = entityClassOf(this.api, 'AttachmentInfo', 'createAttachment');
    const info = attachment.info instanceof cls ? attachment.info : new cls(attachment.info as never);
    const held = info as unknown as Record<string, FieldValue | undefined>;
    // Every AttachmentInfo field is read-only once stored, yet these are what a new attachment is made of.
    const values: Record<string, FieldValue> = {};
    for (const name of Object.keys(cls.meta.fields)) {
      const value = held[name];
      if (name !== 'id' && value !== undefined && value !== null) values[name] = value;
    }
    const outgoing: OutgoingEntity = { meta: cls.meta, id: undefined, values, udfs: [], nil: new Set(), extra: [] };
    return this.transport.createAttachment(attachment.data, outgoing);
  }

  async deleteAttachment(attachmentId: number): Promise<string> {
    checkId('deleteAttachment', attachmentId);
    return this.transport.deleteAttachment(attachmentId);
  }
}
