import { logEntrySchema, type LogEntry } from '../../shared/common/contract';
import {
  operationKey,
  type LogQuery,
  type NewLogEntry,
  type OutboxItem,
  type SyncStore,
} from '../../shared/node/sync/store';
import { agreedValues, storedAgreed } from '../../shared/node/sync/link-records';
import type { ChangeOrigin, Link, Operation } from '../../shared/node/sync/types';
import type { Db } from './database';
import type Database from 'libsql';

interface LinkRow {
  integration_id: string;
  incident_id: string;
  request_id: string;
  sdp_record: string;
  fd_record: string;
  updated_at: number;
}
interface OutboxRow {
  id: number;
  integration_id: string;
  side: 'flashduty' | 'sdp';
  entity_id: string;
  op: string;
  state: 'pending' | 'failed';
  attempts: number;
  next_try_at: number;
  last_error: string | null;
  created_at: number;
  origin: string;
}
interface LogRow {
  id: number;
  at: number;
  level: string;
  integration_id: string | null;
  direction: string | null;
  incident_id: string | null;
  request_id: string | null;
  action: string;
  message: string;
  changes: string;
  api_request_ids: string;
  error: string | null;
}

const toLink = (row: LinkRow): Link => ({
  integrationId: row.integration_id,
  incidentId: row.incident_id,
  requestId: row.request_id,
  lastAgreedWithSdp: agreedValues(row.sdp_record),
  lastAgreedWithFlashduty: agreedValues(row.fd_record),
  updatedAt: row.updated_at,
});

const toOutbox = (row: OutboxRow): OutboxItem => ({
  id: row.id,
  integrationId: row.integration_id,
  side: row.side,
  entityId: row.entity_id,
  op: JSON.parse(row.op) as Operation,
  state: row.state,
  attempts: row.attempts,
  nextTryAt: row.next_try_at,
  lastError: row.last_error === null ? null : (JSON.parse(row.last_error) as OutboxItem['lastError']),
  createdAt: row.created_at,
  origin: row.origin as ChangeOrigin,
});

const toLogEntry = (row: LogRow): LogEntry =>
  logEntrySchema.parse({
    id: String(row.id),
    at: row.at,
    level: row.level,
    integrationId: row.integration_id,
    direction: row.direction,
    incidentId: row.incident_id,
    requestId: row.request_id,
    action: row.action,
    message: row.message,
    changes: JSON.parse(row.changes),
    apiRequestIds: JSON.parse(row.api_request_ids),
    error: row.error === null ? null : JSON.parse(row.error),
  });

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** SyncStore over SQLite (libsql). Statements are prepared once: the runner calls these per change. */
export function createSqliteStore(db: Db): SyncStore {
  const q = {
    linkByIncident: db.prepare('SELECT * FROM links WHERE integration_id = ? AND incident_id = ?'),
    linkByRequest: db.prepare('SELECT * FROM links WHERE integration_id = ? AND request_id = ?'),
    saveLink: db.prepare(
      `INSERT INTO links (integration_id, incident_id, request_id, sdp_record, fd_record, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (integration_id, incident_id) DO UPDATE SET request_id = excluded.request_id, sdp_record = excluded.sdp_record,
       fd_record = excluded.fd_record, updated_at = excluded.updated_at`,
    ),
    deleteLinks: db.prepare('DELETE FROM links WHERE integration_id = ?'),
    countLinks: db.prepare('SELECT COUNT(*) AS n FROM links WHERE integration_id = ?'),
    addOutbox: db.prepare(
      'INSERT INTO outbox (integration_id, side, entity_id, op, next_try_at, created_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    removeOutbox: db.prepare('DELETE FROM outbox WHERE id = ?'),
    restageOutbox: db.prepare("UPDATE outbox SET op = ?, next_try_at = ?, origin = ?, state = 'pending' WHERE id = ?"),
    deferOutbox: db.prepare(
      "UPDATE outbox SET attempts = ?, next_try_at = ?, last_error = ?, state = 'pending' WHERE id = ?",
    ),
    failOutbox: db.prepare("UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ?"),
    requeueOutbox: db.prepare(
      "UPDATE outbox SET state = 'pending', next_try_at = ?, attempts = 0 WHERE id = ? AND state = 'failed' RETURNING *",
    ),
    outboxAll: db.prepare('SELECT * FROM outbox WHERE integration_id = ? ORDER BY id'),
    outboxByState: db.prepare('SELECT * FROM outbox WHERE integration_id = ? AND state = ? ORDER BY id'),
    outboxForEntity: db.prepare(
      'SELECT * FROM outbox WHERE integration_id = ? AND side = ? AND entity_id = ? ORDER BY id',
    ),
    dueOutbox: db.prepare(
      "SELECT * FROM outbox WHERE integration_id = ? AND state = 'pending' AND next_try_at <= ? ORDER BY next_try_at LIMIT ?",
    ),
    anyDue: db.prepare(
      "SELECT 1 AS found FROM outbox WHERE integration_id = ? AND state = 'pending' AND next_try_at <= ? LIMIT 1",
    ),
    anyForEntity: db.prepare(
      'SELECT 1 AS found FROM outbox WHERE integration_id = ? AND side = ? AND entity_id = ? LIMIT 1',
    ),
    outboxCounts: db.prepare(
      "SELECT SUM(state = 'pending') AS pending, SUM(state = 'failed') AS failed FROM outbox WHERE integration_id = ?",
    ),
    deleteOutbox: db.prepare('DELETE FROM outbox WHERE integration_id = ?'),
    appendLog: db.prepare(
      `INSERT INTO sync_log (at, level, integration_id, direction, incident_id, request_id, action, message, changes, api_request_ids, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    logCutoffByAge: db.prepare('SELECT MAX(id) AS id FROM sync_log WHERE at < ?'),
    logCutoffByCount: db.prepare('SELECT id FROM sync_log ORDER BY id DESC LIMIT 1 OFFSET ?'),
    pruneLog: db.prepare(
      'DELETE FROM sync_log WHERE id IN (SELECT id FROM sync_log WHERE id <= ? ORDER BY id LIMIT ?)',
    ),
    cursor: db.prepare('SELECT value FROM cursors WHERE integration_id = ? AND key = ?'),
    setCursor: db.prepare(
      'INSERT INTO cursors (integration_id, key, value) VALUES (?, ?, ?) ON CONFLICT (integration_id, key) DO UPDATE SET value = excluded.value',
    ),
  };

  /**
   * Log queries by SQL text. libsql frees no statement's native memory (about 4.5 KB each, never
   * returned even after GC), so preparing per query grew the process with every log page and
   * link trail the UI asked for. The texts are bounded: one per combination of filters. (Each
   * all() still costs about 1 KB; log queries come from a person, not a timer.)
   */
  const logQueries = new Map<string, Database.Statement<unknown[]>>();
  const insertOutbox: SyncStore['addOutbox'] = (item) =>
    Number(
      q.addOutbox.run(
        item.integrationId,
        item.side,
        item.entityId,
        JSON.stringify(item.op),
        item.nextTryAt,
        item.createdAt,
        item.origin,
      ).lastInsertRowid,
    );

  return {
    linkByIncident(integrationId, incidentId) {
      const row = q.linkByIncident.get(integrationId, incidentId) as LinkRow | undefined;
      return row ? toLink(row) : null;
    },
    linkByRequest(integrationId, requestId) {
      const row = q.linkByRequest.get(integrationId, requestId) as LinkRow | undefined;
      return row ? toLink(row) : null;
    },
    saveLink(link) {
      q.saveLink.run(
        link.integrationId,
        link.incidentId,
        link.requestId,
        storedAgreed(link.lastAgreedWithSdp),
        storedAgreed(link.lastAgreedWithFlashduty),
        link.updatedAt,
      );
    },
    deleteLinks(integrationId) {
      q.deleteLinks.run(integrationId);
    },
    countLinks(integrationId) {
      return Number((q.countLinks.get(integrationId) as { n: number }).n);
    },

    addOutbox: insertOutbox,
    stageOutbox(item) {
      const key = operationKey(item.op);
      const rows = q.outboxForEntity.all(item.integrationId, item.side, item.entityId) as OutboxRow[];
      const previous = rows.map(toOutbox).find((row) => operationKey(row.op) === key) ?? null;
      if (previous === null) return { id: insertOutbox(item), previous };
      q.restageOutbox.run(JSON.stringify(item.op), item.nextTryAt, item.origin, previous.id);
      return { id: previous.id, previous };
    },
    removeOutbox(id) {
      q.removeOutbox.run(id);
    },
    deferOutbox(id, attempts, nextTryAt, error) {
      q.deferOutbox.run(attempts, nextTryAt, error === null ? null : JSON.stringify(error), id);
    },
    failOutbox(id, error) {
      q.failOutbox.run(JSON.stringify(error), id);
    },
    requeueOutbox(id, now) {
      const row = q.requeueOutbox.get(now, id) as OutboxRow | undefined;
      return row ? toOutbox(row) : null;
    },
    outbox(integrationId, state) {
      const rows = (
        state === undefined ? q.outboxAll.all(integrationId) : q.outboxByState.all(integrationId, state)
      ) as OutboxRow[];
      return rows.map(toOutbox);
    },
    // Both run on every pass or every few seconds and usually find nothing: a get() answers that,
    // since each all() call costs libsql about 1 KB of native memory it never frees (measured).
    outboxForEntity(integrationId, side, entityId) {
      if (q.anyForEntity.get(integrationId, side, entityId) === undefined) return [];
      return (q.outboxForEntity.all(integrationId, side, entityId) as OutboxRow[]).map(toOutbox);
    },
    dueOutbox(integrationId, now, limit) {
      if (q.anyDue.get(integrationId, now) === undefined) return [];
      return (q.dueOutbox.all(integrationId, now, limit) as OutboxRow[]).map(toOutbox);
    },
    outboxCounts(integrationId) {
      const row = q.outboxCounts.get(integrationId) as { pending: number | null; failed: number | null };
      return { pending: Number(row.pending ?? 0), failed: Number(row.failed ?? 0) };
    },
    deleteOutbox(integrationId) {
      q.deleteOutbox.run(integrationId);
    },

    appendLog(entry: NewLogEntry) {
      // run(), not get() on INSERT … RETURNING: libsql keeps a read open after get(), which pins
      // the WAL so checkpoints cannot reset it (169 MB under a burst, against 4 MB with run()).
      const result = q.appendLog.run(
        entry.at,
        entry.level,
        entry.integrationId,
        entry.direction,
        entry.incidentId,
        entry.requestId,
        entry.action,
        entry.message,
        JSON.stringify(entry.changes),
        JSON.stringify(entry.apiRequestIds),
        entry.error === null ? null : JSON.stringify(entry.error),
      );
      return { ...entry, id: String(result.lastInsertRowid) };
    },
    pruneLog({ before, keepRows, batch }) {
      const byAge = Number((q.logCutoffByAge.get(before) as { id: number | null }).id ?? 0);
      const byCount = Number((q.logCutoffByCount.get(keepRows) as { id: number } | undefined)?.id ?? 0);
      const cutoff = Math.max(byAge, byCount);
      return cutoff === 0 ? 0 : Number(q.pruneLog.run(cutoff, batch).changes);
    },
    queryLog(query: LogQuery) {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: string, ...values: unknown[]): void => {
        where.push(clause);
        params.push(...values);
      };
      if (query.integrationId !== undefined) add('integration_id = ?', query.integrationId);
      if (query.incidentId !== undefined) add('incident_id = ?', query.incidentId);
      if (query.requestId !== undefined) add('request_id = ?', query.requestId);
      if (query.direction !== undefined) add('direction = ?', query.direction);
      if (query.levels !== undefined && query.levels.length > 0)
        add(`level IN (${query.levels.map(() => '?').join(', ')})`, ...query.levels);
      if (query.from !== undefined) add('at >= ?', query.from);
      if (query.to !== undefined) add('at <= ?', query.to);
      if (query.before !== undefined) add('id < ?', Number(query.before));
      if (query.text !== undefined && query.text.trim() !== '') {
        const like = `%${escapeLike(query.text.trim())}%`;
        add(
          "(message LIKE ? ESCAPE '\\' OR action LIKE ? ESCAPE '\\' OR incident_id LIKE ? ESCAPE '\\' OR request_id LIKE ? ESCAPE '\\')",
          like,
          like,
          like,
          like,
        );
      }
      const sql = `SELECT * FROM sync_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
      let statement = logQueries.get(sql);
      if (statement === undefined) logQueries.set(sql, (statement = db.prepare(sql)));
      return (statement.all(...params, query.limit) as LogRow[]).map(toLogEntry);
    },

    cursor(integrationId, key) {
      const row = q.cursor.get(integrationId, key) as { value: string } | undefined;
      return row?.value ?? null;
    },
    setCursor(integrationId, key, value) {
      q.setCursor.run(integrationId, key, value);
    },

    checkpoint() {
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    },

    close() {
      // The WAL is emptied on the way out, so a clean restart starts from a small file.
      try {
        db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    },
  };
}
