/**
 * The simulated tenant as a service, whatever the wire: its data, picklists and UDFs, the query
 * engine, validated writes, attachments and invoices, the one API user, the request counter
 * (threshold and usage latency) and the thread limiter, shared by every front (SOAP 1.5 and 1.6
 * today, REST beside them) and every request. Fronts parse their wire, call this and write their
 * answer; nothing here knows XML, JSON or HTTP.
 */
import type { ApiMetadata, EntityMeta, FieldMeta, FieldValue, QueryTree } from 'atws/protocol';
import { THRESHOLD_WINDOW_MINUTES } from 'atws/protocol';
import {
  authenticate,
  sameUser,
  credentialsMatch,
  type ApiUser,
  type AuthenticationRefusal,
  type Caller,
  type CallerIdentity,
  type Credentials,
} from './authentication.js';
import * as attachments from './attachments.js';
import { AttachmentBudget } from './attachment-budget.js';
import { findEntity } from './entity-lookup.js';
import { invoiceData, type InvoiceData } from './invoices.js';
import { PicklistCatalog } from './picklists.js';
import type { PicklistValue, UdfDefinition } from './picklist-types.js';
import { QueryRejected, runQuery } from './query-engine.js';
import { API_USER_RESOURCE_ID, seedTenant } from './seed-data.js';
import { openSqliteStore } from './sqlite-store.js';
import { EntityStore, type StoredEntity } from './store.js';
import { ThreadLimiter } from './thread-limit.js';
import type { TicketShape } from './ticket-shape.js';
import { udfsOf } from './udf-definitions.js';
import { UsageWindow } from './usage-window.js';
import type { WireReading } from './wire-reading.js';
import { write, type WriteOutcome, type WriteRequest } from './writes.js';

/** What the tenant is opened with (the simulator's options that concern it). */
export interface TenantSettings {
  readonly username: string;
  readonly password: string;
  readonly integrationCode: string;
  /** Demo tickets to seed into a new tenant. */
  readonly tickets: number;
  readonly ticketShape: TicketShape;
  /** A SQLite file that keeps the tenant across restarts; memory only when undefined. */
  readonly db: string | undefined;
  /** Requests allowed in the rolling window. */
  readonly threshold: number;
  /** Simultaneous requests per tracking identifier and object endpoint; 0: no limit. */
  readonly threadLimit: number;
  /** Latency added at 100% of the threshold (half of it from 50%). */
  readonly usageLatencyMs: number;
}

/** A field as GetFieldInfo reports it, with its picklist's values. */
export interface FieldInfo {
  readonly field: FieldMeta;
  readonly picklist: readonly PicklistValue[];
}

/** What getThresholdAndUsageInfo reports. */
export interface UsageInfo {
  readonly threshold: number;
  readonly timeframeMinutes: number;
  readonly count: number;
}

/** A query's answer: the matching records in ascending id order, or why the API refuses it. */
export type QueryOutcome = { readonly entity: EntityMeta; readonly records: readonly StoredEntity[] } | { readonly refused: string };

export class Tenant {
  readonly picklists = new PicklistCatalog();
  readonly store: EntityStore;
  /** The request counter of the rolling window (threshold, usage latency, getThresholdAndUsageInfo). */
  readonly usage: UsageWindow;
  /** Requests in flight per tracking identifier and object endpoint, shared by every front. */
  readonly threads: ThreadLimiter;
  /** Attachment bytes uploaded per tracking identifier in the last five minutes, shared by every front. */
  readonly attachmentBudget = new AttachmentBudget();
  /** Whether this start seeded the data (false when a --db file was reused). */
  readonly seeded: boolean;
  readonly #user: ApiUser;
  readonly #settings: TenantSettings;

  /**
   * Opens the tenant: a new store seeded with the demo data, or the SQLite file of `settings.db`
   * as it was left. `schema` is the metadata the store keeps its records in.
   */
  constructor(
    settings: TenantSettings,
    /** The metadata the store keeps records in (the newest version's, or the served revision's). */
    readonly schema: ApiMetadata,
  ) {
    this.#settings = settings;
    this.#user = {
      username: settings.username,
      password: settings.password,
      integrationCode: settings.integrationCode,
      resourceId: API_USER_RESOURCE_ID,
    };
    let fresh = true;
    if (settings.db !== undefined) ({ store: this.store, fresh } = openSqliteStore(settings.db, schema));
    else this.store = new EntityStore();
    try {
      if (fresh) seedTenant(this.store, schema, this.picklists, settings.tickets, settings.ticketShape);
    } catch (error) {
      this.store.close();
      throw error;
    }
    this.seeded = fresh;
    this.usage = new UsageWindow(settings.threshold);
    this.threads = new ThreadLimiter(settings.threadLimit);
  }

  /** The tenant's secrets, for fronts to redact from anything that quotes a request. */
  get secrets(): readonly string[] {
    return [this.#user.password, this.#user.integrationCode];
  }

  // --- callers -------------------------------------------------------------------------------

  /** Whether a user name is the tenant's API user (getZoneInfo, which needs no login). */
  isApiUser(username: string): boolean {
    return sameUser(username, this.#user.username);
  }

  /** Whether credentials are the API user's: what a front checks before it reads a request body. */
  credentialsMatch(credentials: Credentials | undefined): boolean {
    return credentialsMatch(credentials, this.#user);
  }

  /** Authenticates a caller: credentials, integration code, impersonation (see authentication.ts). */
  authenticate(identity: CallerIdentity): Caller | AuthenticationRefusal {
    return authenticate(this.#user, this.store, identity);
  }

  /** Counts a request in the rolling window; false when it is past the threshold (it still counts). */
  countRequest(): boolean {
    return this.usage.record();
  }

  /** The latency the API adds at the usage now (see usage-window.ts). */
  usageLatencyMs(): number {
    return this.usage.latencyMs(this.#settings.usageLatencyMs);
  }

  usageInfo(): UsageInfo {
    return { threshold: this.usage.threshold, timeframeMinutes: THRESHOLD_WINDOW_MINUTES, count: this.usage.count() };
  }

  // --- metadata ------------------------------------------------------------------------------

  /** An entity type of the caller's schema by name (any case, own names only). */
  findEntity(schema: ApiMetadata, name: string): EntityMeta | undefined {
    return findEntity(schema, name);
  }

  /** The fields of an entity type with the tenant's picklist values, in metadata order. */
  fieldInfo(meta: EntityMeta): FieldInfo[] {
    return Object.values(meta.fields).map((field) => ({ field, picklist: this.picklists.valuesOf(meta, field) }));
  }

  /** The UDFs of an entity type, in getUDFInfo order. */
  udfsOf(entity: string): readonly UdfDefinition[] {
    return udfsOf(entity, this.#settings.ticketShape);
  }

  // --- data ----------------------------------------------------------------------------------

  /**
   * Runs a query of the caller's schema: at most `limit` (500) records in ascending id order, or
   * the API's reason to refuse it. Text values of the tree are read with `reading`.
   */
  query(schema: ApiMetadata, tree: QueryTree, reading: WireReading, limit?: number): QueryOutcome {
    const meta = findEntity(schema, tree.entity);
    if (!meta) return { refused: `Unable to find the entity type "${tree.entity}".` };
    if (!meta.canQuery) return { refused: `The ${meta.name} entity cannot be queried.` };
    try {
      return { entity: meta, records: runQuery(this.store, tree, { meta, udfs: this.udfsOf(meta.name), dates: reading.dates }, limit) };
    } catch (error) {
      if (error instanceof QueryRejected) return { refused: error.message };
      throw error;
    }
  }

  /** Creates, updates or deletes records; an outcome per record (see writes.ts). */
  write(request: WriteRequest): WriteOutcome {
    return write(this, request);
  }

  /** The invoice GetInvoiceMarkup renders, or undefined when there is none. */
  invoice(id: number): InvoiceData | undefined {
    return invoiceData(this.store, id);
  }

  /** An attachment's AttachmentInfo record (of `meta`, the caller's) and bytes. */
  attachment(meta: EntityMeta, id: number): { info: StoredEntity; data: Uint8Array | undefined } | undefined {
    return attachments.getAttachment(this, meta, id);
  }

  /** Stores an attachment `caller` uploads (its bytes count against the caller's upload budget). */
  createAttachment(
    caller: Caller,
    meta: EntityMeta,
    info: ReadonlyMap<string, FieldValue | null>,
    data: Buffer,
    reading: WireReading,
  ): number | attachments.AttachmentRefusal {
    return attachments.createAttachment(this, caller, meta, info, data, reading);
  }

  deleteAttachment(meta: EntityMeta, id: number): attachments.AttachmentRefusal | undefined {
    return attachments.deleteAttachment(this, meta, id);
  }

  /** Closes the database, if any. */
  close(): void {
    this.store.close();
  }
}
