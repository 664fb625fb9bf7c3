/**
 * `--db FILE`: the tenant kept in SQLite across restarts. Every change is written synchronously,
 * in WAL mode, before the simulator answers, so a SIGTERM loses nothing answered as saved. The
 * records also stay in memory (loaded at start), which keeps queries as fast as without a file.
 */
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import type { ApiMetadata, FieldValue } from 'atws/protocol';
import { EntityStore, type StoredEntity, type StorePersistence } from './store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS entity (type TEXT NOT NULL, id INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (type, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sequence (type TEXT PRIMARY KEY, next_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS attachment_data (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
`;

interface SavedRecord {
  v: Record<string, FieldValue>;
  u?: Array<[string, string]>;
}

class SqlitePersistence implements StorePersistence {
  private readonly putEntity;
  private readonly dropEntity;
  private readonly putSequence;
  private readonly putData;
  private readonly dropData;

  constructor(private readonly db: Database.Database) {
    this.putEntity = db.prepare('INSERT OR REPLACE INTO entity (type, id, data) VALUES (?, ?, ?)');
    this.dropEntity = db.prepare('DELETE FROM entity WHERE type = ? AND id = ?');
    this.putSequence = db.prepare('INSERT OR REPLACE INTO sequence (type, next_id) VALUES (?, ?)');
    this.putData = db.prepare('INSERT OR REPLACE INTO attachment_data (id, data) VALUES (?, ?)');
    this.dropData = db.prepare('DELETE FROM attachment_data WHERE id = ?');
  }

  saveEntity(entity: string, record: StoredEntity): void {
    // Dates go out as ISO text (Date.toJSON) and come back through the metadata's field types.
    const saved: SavedRecord = { v: record.values };
    if (record.udfs) saved.u = [...record.udfs];
    this.putEntity.run(entity, record.id, JSON.stringify(saved));
  }
  deleteEntity(entity: string, id: number): void {
    this.dropEntity.run(entity, id);
  }
  saveSequence(entity: string, nextId: number): void {
    this.putSequence.run(entity, nextId);
  }
  saveAttachmentData(id: number, data: Uint8Array): void {
    // better-sqlite3 binds a Buffer as a BLOB; this one shares the bytes rather than copying them.
    this.putData.run(id, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }
  deleteAttachmentData(id: number): void {
    this.dropData.run(id);
  }
  transaction<T>(work: () => T): T {
    if (this.db.inTransaction) return work();
    return this.db.transaction(work)();
  }
  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Opens (or creates) a tenant file; `fresh` says whether it was empty and needs seeding. */
/**
 * better-sqlite3, loaded only when a database is asked for: it is a native module, an optional peer
 * of this package, so that the simulator installs without a compiler. Missing, it is named.
 */
function sqliteDriver(): typeof Database {
  try {
    return createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && /'better-sqlite3'/.test((error as Error).message)) {
      throw new Error('The simulator option db (--db) needs the better-sqlite3 package, which is not installed here: npm install better-sqlite3', {
        cause: error,
      });
    }
    throw error;
  }
}

export function openSqliteStore(file: string, metadata: ApiMetadata): { store: EntityStore; fresh: boolean } {
  const Driver = sqliteDriver();
  let db: Database.Database | undefined;
  try {
    db = new Driver(file);
    db.pragma('journal_mode = WAL');
    // FULL: a write is on disk before the answer that reports it goes out.
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
  } catch (error) {
    db?.close();
    throw new Error(`Cannot use ${file} as a simulator database: ${(error as Error).message}`, { cause: error });
  }
  const store = new EntityStore(new SqlitePersistence(db));
  const rows = db.prepare('SELECT type, id, data FROM entity ORDER BY type, id').iterate() as IterableIterator<{
    type: string;
    id: number;
    data: string;
  }>;
  let count = 0;
  for (const row of rows) {
    const saved = JSON.parse(row.data) as SavedRecord;
    const meta = metadata.entities[row.type];
    if (meta) {
      for (const [name, value] of Object.entries(saved.v)) {
        if (meta.fields[name]?.type === 'datetime' && typeof value === 'string') saved.v[name] = new Date(value);
      }
    }
    store.load(row.type, { id: row.id, values: saved.v, udfs: saved.u ? new Map(saved.u) : undefined });
    count++;
  }
  for (const row of db.prepare('SELECT type, next_id FROM sequence').all() as Array<{ type: string; next_id: number }>) {
    store.setNextId(row.type, row.next_id);
  }
  for (const row of db.prepare('SELECT id, data FROM attachment_data').all() as Array<{ id: number; data: Buffer }>) {
    store.loadAttachmentData(row.id, row.data);
  }
  return { store, fresh: count === 0 };
}
