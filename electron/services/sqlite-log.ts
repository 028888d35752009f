import {
  logEntrySchema,
  STORED_TEXT,
  toFailure,
  toMessage,
  type LogEntry,
  type Message,
} from '../../shared/common/contract';
import type { LogQuery, NewLogEntry, SyncStore } from '../../shared/node/sync/store';
import type { Db } from './database';
import type Database from 'libsql';

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
  coded_message: string | null;
  changes: string;
  api_request_ids: string;
  error: string | null;
}

/** A row from before log lines carried codes has only its English text: it is shown as stored text. */
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
    message: toMessage(row.coded_message === null ? row.message : JSON.parse(row.coded_message)),
    changes: JSON.parse(row.changes),
    apiRequestIds: JSON.parse(row.api_request_ids),
    error: row.error === null ? null : toFailure(JSON.parse(row.error)),
  });

/** The data a message carries (IDs, names, an API's text), for the text search; the wording is the UI's. */
export function searchableText(message: Message): string {
  return Object.values(message.params)
    .map((p) => (typeof p === 'object' ? searchableText(p) : String(p)))
    .filter((p) => p !== '')
    .join(' ');
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The WHERE clause and parameters of one log query. */
function logFilter(query: LogQuery): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]): void => {
    clauses.push(clause);
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
    const columns = ['message', 'action', 'incident_id', 'request_id'];
    add(`(${columns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`, ...columns.map(() => like));
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** The sync log's part of the SyncStore: append, query and prune. */
export function createLogTable(db: Db): Pick<SyncStore, 'appendLog' | 'queryLog' | 'pruneLog'> {
  const q = {
    appendLog: db.prepare(
      `INSERT INTO sync_log (at, level, integration_id, direction, incident_id, request_id, action, message, coded_message, changes, api_request_ids, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    logCutoffByAge: db.prepare('SELECT MAX(id) AS id FROM sync_log WHERE at < ?'),
    logCutoffByCount: db.prepare('SELECT id FROM sync_log ORDER BY id DESC LIMIT 1 OFFSET ?'),
    pruneLog: db.prepare(
      'DELETE FROM sync_log WHERE id IN (SELECT id FROM sync_log WHERE id <= ? ORDER BY id LIMIT ?)',
    ),
  };
  /**
   * Log queries by SQL text. libsql frees no statement's native memory (about 4.5 KB each, never
   * returned even after GC), so preparing per query grew the process with every log page and
   * link trail the UI asked for. The texts are bounded: one per combination of filters. (Each
   * all() still costs about 1 KB; log queries come from a person, not a timer.)
   */
  const logQueries = new Map<string, Database.Statement<unknown[]>>();
  return {
    appendLog(entry: NewLogEntry) {
      // run(), not get() on INSERT … RETURNING: libsql keeps a read open after get(), which pins
      // the WAL so checkpoints cannot reset it (169 MB under a burst, against 4 MB with run()).
      const stored = entry.message.code === STORED_TEXT;
      const result = q.appendLog.run(
        entry.at,
        entry.level,
        entry.integrationId,
        entry.direction,
        entry.incidentId,
        entry.requestId,
        entry.action,
        stored ? String(entry.message.params.text) : searchableText(entry.message),
        stored ? null : JSON.stringify(entry.message),
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
      const { where, params } = logFilter(query);
      const sql = `SELECT * FROM sync_log ${where} ORDER BY id DESC LIMIT ?`;
      let statement = logQueries.get(sql);
      if (statement === undefined) logQueries.set(sql, (statement = db.prepare(sql)));
      return (statement.all(...params, query.limit) as LogRow[]).map(toLogEntry);
    },
  };
}
