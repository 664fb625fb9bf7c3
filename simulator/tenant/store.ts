/**
 * The simulated tenant's data: per entity type, records kept in ascending `id` order, so that the
 * usual `id > last` paging query walks one page of records instead of the whole table.
 * Memory is the default; a {@link StorePersistence} (SQLite) makes every change durable before the
 * simulator answers.
 */
import type { FieldValue } from 'atws/protocol';
import { keptAsWallClock } from './eastern-wall-clock.js';

/** One stored entity: its field values (absent = null) and its user-defined field values. */
export interface StoredEntity {
  readonly id: number;
  values: Record<string, FieldValue>;
  /** UDF name -> value; a UDF without a value is absent. */
  udfs: Map<string, string> | undefined;
}

/** Where a durable store writes through to (see sqlite-store.ts). */
export interface StorePersistence {
  saveEntity(entity: string, record: StoredEntity): void;
  deleteEntity(entity: string, id: number): void;
  saveSequence(entity: string, nextId: number): void;
  saveAttachmentData(id: number, data: Uint8Array): void;
  deleteAttachmentData(id: number): void;
  /** Runs `work` atomically (one SQLite transaction). */
  transaction<T>(work: () => T): T;
  close(): void;
}

class EntityTable {
  readonly byId = new Map<number, StoredEntity>();
  /** Ids in ascending order. New ids are the largest so far, so inserts are appends. */
  readonly ids: number[] = [];
  nextId = 1;

  /** Index of the first id >= `id`. */
  lowerBound(id: number): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ids[mid] as number) < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(record: StoredEntity): void {
    const last = this.ids[this.ids.length - 1];
    if (last === undefined || record.id > last) this.ids.push(record.id);
    else this.ids.splice(this.lowerBound(record.id), 0, record.id);
    this.byId.set(record.id, record);
    if (record.id >= this.nextId) this.nextId = record.id + 1;
  }

  remove(id: number): boolean {
    if (!this.byId.delete(id)) return false;
    this.ids.splice(this.lowerBound(id), 1);
    return true;
  }
}

export class EntityStore {
  private readonly tables = new Map<string, EntityTable>();
  private readonly attachmentData = new Map<number, Uint8Array>();
  /** While {@link atomic} runs: how to undo each change made in memory, in order. */
  private journal: Array<() => void> | undefined;

  constructor(private readonly persistence?: StorePersistence) {}

  private table(entity: string): EntityTable {
    let table = this.tables.get(entity);
    if (!table) {
      table = new EntityTable();
      this.tables.set(entity, table);
    }
    return table;
  }

  get(entity: string, id: number): StoredEntity | undefined {
    return this.tables.get(entity)?.byId.get(id);
  }

  has(entity: string, id: number): boolean {
    return this.tables.get(entity)?.byId.has(id) ?? false;
  }

  count(entity: string): number {
    return this.tables.get(entity)?.ids.length ?? 0;
  }

  /** Records in ascending id order, from the first id >= `fromId` up to `toId` (inclusive). */
  *scan(entity: string, fromId = -Infinity, toId = Infinity): Generator<StoredEntity> {
    const table = this.tables.get(entity);
    if (!table) return;
    const ids = table.ids;
    for (let i = fromId === -Infinity ? 0 : table.lowerBound(fromId); i < ids.length; i++) {
      const id = ids[i] as number;
      if (id > toId) return;
      const record = table.byId.get(id);
      if (record) yield record;
    }
  }

  /** Adds a record under a new id (or the one given, for seed data and loading). */
  insert(entity: string, values: Record<string, FieldValue>, udfs?: Map<string, string>, id?: number): StoredEntity {
    const table = this.table(entity);
    const record: StoredEntity = { id: id ?? table.nextId, values: keptAsWallClock(values), udfs: udfs?.size ? udfs : undefined };
    if (table.byId.has(record.id)) throw new Error(`${entity} ${record.id} already exists`);
    const nextId = table.nextId;
    table.insert(record);
    this.journal?.push(() => {
      table.remove(record.id);
      table.nextId = nextId;
    });
    this.persistence?.saveEntity(entity, record);
    this.persistence?.saveSequence(entity, table.nextId);
    return record;
  }

  /** Gives a stored record new values and UDFs, and saves it. */
  replace(entity: string, record: StoredEntity, values: Record<string, FieldValue>, udfs: Map<string, string> | undefined): void {
    const before = { values: record.values, udfs: record.udfs };
    this.journal?.push(() => {
      record.values = before.values;
      record.udfs = before.udfs;
    });
    record.values = keptAsWallClock(values);
    record.udfs = udfs?.size ? udfs : undefined;
    this.persistence?.saveEntity(entity, record);
  }

  remove(entity: string, id: number): boolean {
    const table = this.tables.get(entity);
    const record = table?.byId.get(id);
    if (table === undefined || record === undefined) return false;
    table.remove(id);
    this.journal?.push(() => table.insert(record));
    this.persistence?.deleteEntity(entity, id);
    return true;
  }

  /** Sets the next id of an entity type (loading a saved tenant, or making seed ids look real). */
  setNextId(entity: string, nextId: number): void {
    const table = this.table(entity);
    table.nextId = Math.max(table.nextId, nextId);
  }

  /** Loads a record without writing it back (used when reading a saved tenant). */
  load(entity: string, record: StoredEntity): void {
    this.table(entity).insert(record);
  }

  loadAttachmentData(id: number, data: Uint8Array): void {
    this.attachmentData.set(id, data);
  }

  getAttachmentData(id: number): Uint8Array | undefined {
    return this.attachmentData.get(id);
  }

  setAttachmentData(id: number, data: Uint8Array): void {
    const before = this.attachmentData.get(id);
    this.journal?.push(() => (before === undefined ? this.attachmentData.delete(id) : this.attachmentData.set(id, before)));
    this.attachmentData.set(id, data);
    this.persistence?.saveAttachmentData(id, data);
  }

  removeAttachmentData(id: number): void {
    const before = this.attachmentData.get(id);
    if (before === undefined) return;
    this.attachmentData.delete(id);
    this.journal?.push(() => this.attachmentData.set(id, before));
    this.persistence?.deleteAttachmentData(id);
  }

  /** Runs `work` as one unit: one SQLite transaction when durable. */
  transaction<T>(work: () => T): T {
    return this.persistence ? this.persistence.transaction(work) : work();
  }

  /**
   * Runs `work` all or nothing: when it throws, every record it inserted, replaced or removed is
   * put back as it was, in memory and (through the SQLite transaction's rollback) on disk. This is
   * how one create/update/delete call is one transaction, as Autotask documents it. Ids taken by
   * undone inserts are given back too, so that memory and the saved sequence agree.
   */
  atomic<T>(work: () => T): T {
    if (this.journal !== undefined) return work();
    const journal: Array<() => void> = [];
    this.journal = journal;
    try {
      return this.transaction(work);
    } catch (error) {
      for (let i = journal.length - 1; i >= 0; i--) (journal[i] as () => void)();
      throw error;
    } finally {
      this.journal = undefined;
    }
  }

  entityNames(): string[] {
    return [...this.tables.keys()];
  }

  close(): void {
    this.persistence?.close();
  }
}
