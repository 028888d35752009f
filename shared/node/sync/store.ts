import type { Failure, LogEntry, LogLevel } from '../../common/contract';
import type { ChangeOrigin, Link, Operation, Side } from './types';

/** One planned operation, written before it runs so a crash or a fault cannot lose it. */
export interface OutboxItem {
  id: number;
  integrationId: string;
  /** The entity whose change produced the operation; resuming re-reads and re-plans it. */
  side: Side;
  entityId: string;
  op: Operation;
  state: 'pending' | 'failed';
  attempts: number;
  nextTryAt: number;
  lastError: Failure | null;
  createdAt: number;
  /**
   * The origin of the pass that planned it; a retry records the push or custom action it carries
   * on. Rows from before this was recorded read as 'retry'.
   */
  origin: ChangeOrigin;
}

/**
 * What makes two planned operations "the same" for one entity: one outbox row each, so a write
 * that keeps failing keeps one row whose attempts (and delay) grow instead of a new row per pass.
 */
export function operationKey(op: Operation): string {
  switch (op.type) {
    case 'add_request_note':
      return `${op.type}:${op.commentId}`;
    case 'add_incident_comment':
      return `${op.type}:${op.noteId}`;
    case 'skip':
    case 'fail':
      return `${op.type}:${op.code}`;
    default:
      return op.type;
  }
}

/** A staged row, and the row as it was before this attempt (null when the operation is new). */
export interface StagedOutbox {
  id: number;
  previous: OutboxItem | null;
}

export type NewLogEntry = Omit<LogEntry, 'id'>;

export interface LogQuery {
  integrationId?: string;
  incidentId?: string;
  requestId?: string;
  direction?: 'to_sdp' | 'from_sdp';
  levels?: LogLevel[];
  text?: string;
  from?: number;
  to?: number;
  /** Entries with an ID below this one (older), for paging backwards. */
  before?: string;
  limit: number;
}

/**
 * Durable sync state: links, outbox, log and poll cursors. The SQLite implementation lives in
 * electron/services; the runner only sees this interface.
 */
export interface SyncStore {
  linkByIncident(integrationId: string, incidentId: string): Link | null;
  linkByRequest(integrationId: string, requestId: string): Link | null;
  saveLink(link: Link): void;
  deleteLinks(integrationId: string): void;
  countLinks(integrationId: string): number;

  addOutbox(item: Omit<OutboxItem, 'id' | 'state' | 'attempts' | 'lastError'>): number;
  /**
   * Records an operation about to run: the entity's row for the same operation (see
   * operationKey) takes the new op and `nextTryAt` and goes pending, keeping its attempts and age;
   * otherwise a new row. Durable before the call is sent: the op carries the write's intent.
   */
  stageOutbox(item: Omit<OutboxItem, 'id' | 'state' | 'attempts' | 'lastError'>): StagedOutbox;
  removeOutbox(id: number): void;
  deferOutbox(id: number, attempts: number, nextTryAt: number, error: OutboxItem['lastError']): void;
  failOutbox(id: number, error: NonNullable<OutboxItem['lastError']>): void;
  /** Moves a failed item back to pending, due now. Returns it, or null when there is no such failed item. */
  requeueOutbox(id: number, now: number): OutboxItem | null;
  outbox(integrationId: string, state?: OutboxItem['state']): OutboxItem[];
  outboxForEntity(integrationId: string, side: OutboxItem['side'], entityId: string): OutboxItem[];
  /** Pending items whose next try is due, oldest first. */
  dueOutbox(integrationId: string, now: number, limit: number): OutboxItem[];
  outboxCounts(integrationId: string): { pending: number; failed: number };
  deleteOutbox(integrationId: string): void;

  appendLog(entry: NewLogEntry): LogEntry;
  queryLog(query: LogQuery): LogEntry[];
  /**
   * Deletes up to `batch` of the oldest log entries that are older than `before` or beyond the
   * newest `keepRows`; returns how many went. Small batches keep each write transaction short.
   */
  pruneLog(limits: { before: number; keepRows: number; batch: number }): number;
  /** Folds the write-ahead log back into the database and truncates it. */
  checkpoint(): void;

  cursor(integrationId: string, key: string): string | null;
  setCursor(integrationId: string, key: string, value: string): void;

  close(): void;
}
