import { toFailure } from '../../shared/common/contract';
import { operationKey, type OutboxItem, type SyncStore } from '../../shared/node/sync/store';
import type { ChangeOrigin, Operation } from '../../shared/node/sync/types';
import type { Db } from './database';

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

/** A row parked by an older version holds its error in English: it reads as stored text. */
const toOutbox = (row: OutboxRow): OutboxItem => ({
  id: row.id,
  integrationId: row.integration_id,
  side: row.side,
  entityId: row.entity_id,
  op: JSON.parse(row.op) as Operation,
  state: row.state,
  attempts: row.attempts,
  nextTryAt: row.next_try_at,
  lastError: row.last_error === null ? null : toFailure(JSON.parse(row.last_error)),
  createdAt: row.created_at,
  origin: row.origin as ChangeOrigin,
});

type OutboxTable = Pick<
  SyncStore,
  | 'addOutbox'
  | 'stageOutbox'
  | 'removeOutbox'
  | 'deferOutbox'
  | 'failOutbox'
  | 'requeueOutbox'
  | 'outbox'
  | 'outboxForEntity'
  | 'dueOutbox'
  | 'outboxCounts'
  | 'deleteOutbox'
>;

function outboxStatements(db: Db) {
  return {
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
  };
}

/** The outbox's part of the SyncStore: every planned write, durable before it is sent. */
export function createOutboxTable(db: Db): OutboxTable {
  const q = outboxStatements(db);
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
  };
}
