import { chmodSync, closeSync, existsSync, openSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';

export type Db = InstanceType<typeof Database>;

/**
 * Schema versions, applied in order and recorded in `PRAGMA user_version`. Never edit a shipped
 * step: add a new one, so every installed database walks the same path.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE links (
     integration_id TEXT NOT NULL,
     incident_id    TEXT NOT NULL,
     request_id     TEXT NOT NULL,
     sdp_record     TEXT NOT NULL,
     fd_record      TEXT NOT NULL,
     updated_at     INTEGER NOT NULL,
     PRIMARY KEY (integration_id, incident_id)
   ) WITHOUT ROWID;
   CREATE UNIQUE INDEX links_by_request ON links (integration_id, request_id);

   CREATE TABLE outbox (
     id             INTEGER PRIMARY KEY AUTOINCREMENT,
     integration_id TEXT NOT NULL,
     side           TEXT NOT NULL,
     entity_id      TEXT NOT NULL,
     op             TEXT NOT NULL,
     state          TEXT NOT NULL DEFAULT 'pending',
     attempts       INTEGER NOT NULL DEFAULT 0,
     next_try_at    INTEGER NOT NULL,
     last_error     TEXT,
     created_at     INTEGER NOT NULL
   );
   CREATE INDEX outbox_by_integration ON outbox (integration_id, state, next_try_at);

   CREATE TABLE sync_log (
     id              INTEGER PRIMARY KEY AUTOINCREMENT,
     at              INTEGER NOT NULL,
     level           TEXT NOT NULL,
     integration_id  TEXT,
     direction       TEXT,
     incident_id     TEXT,
     request_id      TEXT,
     action          TEXT NOT NULL,
     message         TEXT NOT NULL,
     changes         TEXT NOT NULL,
     api_request_ids TEXT NOT NULL,
     error           TEXT
   );
   CREATE INDEX log_by_time ON sync_log (at);
   CREATE INDEX log_by_incident ON sync_log (incident_id) WHERE incident_id IS NOT NULL;
   CREATE INDEX log_by_request ON sync_log (request_id) WHERE request_id IS NOT NULL;

   CREATE TABLE cursors (
     integration_id TEXT NOT NULL,
     key            TEXT NOT NULL,
     value          TEXT NOT NULL,
     PRIMARY KEY (integration_id, key)
   ) WITHOUT ROWID;`,
  // The origin of the pass that planned a row: a push (or custom action) that is interrupted or
  // parked keeps its intent, so a resume or a poll does not take it for an automatic change.
  `ALTER TABLE outbox ADD COLUMN origin TEXT NOT NULL DEFAULT 'retry';`,
  // Log lines as a message code with parameters (JSON), worded by the UI in its language. Rows from
  // before keep their English in `message` with no code: the UI shows them as stored text. For new
  // rows `message` holds the parameters' data, so a text search still finds IDs, names and API text.
  `ALTER TABLE sync_log ADD COLUMN coded_message TEXT;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Opens (creating if needed) the sync database and brings its schema up to date. */
export function openDatabase(file: string): Db {
  // Created owner-only before SQLite opens it; SQLite gives its -wal and -shm files the same mode.
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
  const db = new Database(file);
  // WAL keeps readers (log queries from the UI) off the writers' backs; NORMAL is durable across
  // app crashes, which is what the outbox needs (an OS crash may lose the last transaction).
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
  migrate(db);
  return db;
}

export function schemaVersion(db: Db): number {
  return Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
}

export function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The sync database was written by a newer DeskBridge (schema ${current}, this one knows ${MIGRATIONS.length}). Update DeskBridge.`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    })();
  }
}

export const SYNC_DB_FILE = 'sync.db';

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}

/**
 * The data folder's sync database. One SQLite cannot read (not a database, damaged) is moved aside
 * as `sync.corrupt-<time>.db`, never deleted, and a fresh one started: the links come back from the
 * markers both sides carry. A database from a newer DeskBridge is not damaged and is left alone.
 */
export function openSyncDatabase(
  dataDir: string,
  now: () => number = Date.now,
): { db: Db; movedAside: string | undefined } {
  const file = join(dataDir, SYNC_DB_FILE);
  try {
    return { db: openDatabase(file), movedAside: undefined };
  } catch (error) {
    if (!isCorruption(error)) throw error;
    const aside = join(dataDir, `sync.corrupt-${now()}.db`);
    renameSync(file, aside);
    // The WAL belongs to the damaged file: it goes with it. The shared-memory index is rebuilt by SQLite.
    if (existsSync(`${file}-wal`)) renameSync(`${file}-wal`, `${aside}-wal`);
    rmSync(`${file}-shm`, { force: true });
    return { db: openDatabase(file), movedAside: aside };
  }
}
