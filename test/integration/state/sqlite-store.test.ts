import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { describe, expect, it, vi } from 'vitest';
import { migrate, openDatabase, schemaVersion, SCHEMA_VERSION } from '../../../electron/services/database';
import { createSqliteStore } from '../../../electron/services/sqlite-store';
import { msg, storedText } from '../../../shared/common/contract';
import type { NewLogEntry } from '../../../shared/node/sync/store';
import type { Link, Operation } from '../../../shared/node/sync/types';

const file = () => join(mkdtempSync(join(tmpdir(), 'deskbridge-db-')), 'sync.db');
const link = (incidentId: string, requestId: string, title = 'Disk full'): Link => ({
  integrationId: 'i1',
  incidentId,
  requestId,
  lastAgreedWithSdp: { title },
  lastAgreedWithFlashduty: { status: 'Open' },
  updatedAt: 1,
});
const op: Operation = { type: 'skip', code: 'manual_trigger', reason: msg('skip.manual_trigger') };
const entry = (patch: Partial<NewLogEntry> = {}): NewLogEntry => ({
  at: 1000,
  level: 'info',
  integrationId: 'i1',
  direction: 'to_sdp',
  incidentId: null,
  requestId: null,
  action: 'create_request',
  message: msg('outcome.created_request', { request: '100' }),
  changes: [],
  apiRequestIds: [],
  error: null,
  ...patch,
});

describe('sync database', () => {
  it('migrates a new file to the current schema, and again is a no-op', () => {
    const path = file();
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('keeps log lines and parked failures written in English before codes: they read back as stored text', () => {
    const path = file();
    // A database as version 2 left it: no coded message column, English text and English errors.
    const old = openDatabase(path);
    old.exec('ALTER TABLE sync_log DROP COLUMN coded_message; PRAGMA user_version = 2;');
    old
      .prepare(
        `INSERT INTO sync_log (at, level, integration_id, direction, incident_id, request_id, action, message, changes, api_request_ids, error)
         VALUES (5, 'error', 'i1', 'to_sdp', 'inc1', NULL, 'assignee_missing', 'Cannot sync: SDP has no technician "bob".', '[]', '[]', ?)`,
      )
      .run(
        JSON.stringify({ code: 'assignee_missing', message: 'SDP has no technician "bob".', fix: 'Add bob in SDP.' }),
      );
    old
      .prepare(
        `INSERT INTO outbox (integration_id, side, entity_id, op, state, attempts, next_try_at, last_error, created_at)
         VALUES ('i1', 'flashduty', 'inc1', ?, 'failed', 0, 5, ?, 5)`,
      )
      .run(
        JSON.stringify({ type: 'fail', code: 'assignee_missing', reason: 'SDP has no technician "bob".' }),
        JSON.stringify({ code: 'assignee_missing', message: 'SDP has no technician "bob".', fix: 'Add bob in SDP.' }),
      );
    old.close();

    const store = createSqliteStore(openDatabase(path));
    const [line] = store.queryLog({ limit: 10 });
    expect(line).toMatchObject({
      action: 'assignee_missing',
      message: storedText('Cannot sync: SDP has no technician "bob".'),
      error: {
        code: 'assignee_missing',
        message: storedText('SDP has no technician "bob".'),
        fix: storedText('Add bob in SDP.'),
      },
    });
    expect(store.queryLog({ limit: 10, text: 'technician' })).toHaveLength(1);
    expect(store.outbox('i1', 'failed')[0]!.lastError).toEqual({
      code: 'assignee_missing',
      message: storedText('SDP has no technician "bob".'),
      fix: storedText('Add bob in SDP.'),
    });
    // New lines beside them carry their code.
    store.appendLog(entry({ at: 6, message: msg('fail.assignee_missing', { technician: 'bob' }) }));
    expect(store.queryLog({ limit: 1 })[0]!.message).toEqual(msg('fail.assignee_missing', { technician: 'bob' }));
    expect(store.queryLog({ limit: 10, text: 'bob' })).toHaveLength(2);
  });

  it('refuses a database from a newer version instead of corrupting it', () => {
    const db = new Database(file());
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(/newer DeskBridge/);
  });

  it('stores links by either side and survives reopening', () => {
    const path = file();
    const store = createSqliteStore(openDatabase(path));
    store.saveLink(link('a'.repeat(24), '100'));
    store.saveLink({ ...link('a'.repeat(24), '100', 'Disk full again'), updatedAt: 2 });
    store.close();
    const again = createSqliteStore(openDatabase(path));
    expect(again.linkByRequest('i1', '100')).toEqual({
      ...link('a'.repeat(24), '100', 'Disk full again'),
      updatedAt: 2,
    });
    expect(again.linkByIncident('i1', 'a'.repeat(24))?.requestId).toBe('100');
    expect(again.linkByIncident('other', 'a'.repeat(24))).toBeNull();
    expect(again.countLinks('i1')).toBe(1);
    again.deleteLinks('i1');
    expect(again.countLinks('i1')).toBe(0);
  });

  it('reads links stored before the rename: their unread fingerprint is ignored and dropped on the next save', () => {
    const path = file();
    const db = openDatabase(path);
    db.prepare(
      'INSERT INTO links (integration_id, incident_id, request_id, sdp_record, fd_record, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      'i1',
      'a'.repeat(24),
      '100',
      '{"fingerprint":"0f3a9c2d4b5e6f70","values":{"title":"Disk full"}}',
      '{"fingerprint":"1e2d3c4b5a697887","values":{"status":"Open"}}',
      1,
    );
    const store = createSqliteStore(db);
    const old = store.linkByIncident('i1', 'a'.repeat(24));
    expect(old).toEqual(link('a'.repeat(24), '100'));
    store.saveLink({ ...old!, updatedAt: 2 });
    const row = db.prepare('SELECT sdp_record, fd_record FROM links').get() as Record<string, string>;
    expect({ sdp_record: row.sdp_record, fd_record: row.fd_record }).toEqual({
      sdp_record: '{"values":{"title":"Disk full"}}',
      fd_record: '{"values":{"status":"Open"}}',
    });
  });

  it('keeps one request per incident: a second incident cannot claim the same request', () => {
    const store = createSqliteStore(openDatabase(file()));
    store.saveLink(link('a'.repeat(24), '100'));
    expect(() => store.saveLink(link('b'.repeat(24), '100'))).toThrow(/UNIQUE/);
  });

  it('moves outbox items through pending, deferred, failed and requeued', () => {
    const store = createSqliteStore(openDatabase(file()));
    const id = store.addOutbox({
      integrationId: 'i1',
      side: 'flashduty',
      entityId: 'x',
      op,
      nextTryAt: 5,
      createdAt: 5,
      origin: 'manual',
    });
    expect(store.outbox('i1')).toMatchObject([
      { id, state: 'pending', attempts: 0, op, lastError: null, origin: 'manual' },
    ]);
    store.deferOutbox(id, 1, 99, { code: 'sdp.rate_limited', message: msg('quoted', { text: 'slow down' }) });
    expect(store.outbox('i1', 'pending')).toMatchObject([
      { attempts: 1, nextTryAt: 99, lastError: { code: 'sdp.rate_limited' } },
    ]);
    store.failOutbox(id, {
      code: 'priority_missing',
      message: msg('fail.priority_missing', { priority: 'P0' }),
      fix: msg('fix.priority_missing'),
    });
    expect(store.outbox('i1', 'failed')[0]!.lastError).toEqual({
      code: 'priority_missing',
      message: msg('fail.priority_missing', { priority: 'P0' }),
      fix: msg('fix.priority_missing'),
    });
    expect(store.outboxCounts('i1')).toEqual({ pending: 0, failed: 1 });
    expect(store.requeueOutbox(id, 200)).toMatchObject({ id, state: 'pending', nextTryAt: 200, attempts: 0 });
    expect(store.requeueOutbox(id, 200)).toBeNull();
    store.removeOutbox(id);
    expect(store.outboxCounts('i1')).toEqual({ pending: 0, failed: 0 });
  });

  it('stages one row per entity and operation: a retry takes the new op and keeps its attempts and age', () => {
    const store = createSqliteStore(openDatabase(file()));
    const item = {
      integrationId: 'i1',
      side: 'flashduty' as const,
      entityId: 'x',
      op,
      nextTryAt: 5,
      createdAt: 5,
      origin: 'poll' as const,
    };
    const first = store.stageOutbox(item);
    expect(first.previous).toBeNull();
    store.deferOutbox(first.id, 1, 50, { code: 'sdp.server', message: msg('quoted', { text: '503' }) });
    const again = store.stageOutbox({ ...item, nextTryAt: 70, createdAt: 60, origin: 'manual' });
    expect(again).toMatchObject({ id: first.id, previous: { attempts: 1, nextTryAt: 50, origin: 'poll' } });
    expect(store.outbox('i1')).toMatchObject([
      { id: first.id, attempts: 1, nextTryAt: 70, createdAt: 5, origin: 'manual' },
    ]);
    // Another operation of the same entity, or the same one of another entity, is its own row.
    expect(
      store.stageOutbox({ ...item, op: { type: 'skip', code: 'reread', reason: msg('skip.waiting') } }).previous,
    ).toBeNull();
    expect(store.stageOutbox({ ...item, entityId: 'y' }).previous).toBeNull();
    expect(store.outbox('i1')).toHaveLength(3);
  });

  it('queries the log by every filter, newest first, with paging', () => {
    const store = createSqliteStore(openDatabase(file()));
    store.appendLog(
      entry({ at: 1, incidentId: 'inc1', message: msg('outcome.created_request', { request: '100% ok' }) }),
    );
    store.appendLog(
      entry({
        at: 2,
        level: 'error',
        direction: 'from_sdp',
        requestId: 'r9',
        action: 'ack',
        error: { code: 'x', message: msg('quoted', { text: 'boom' }) },
      }),
    );
    const third = store.appendLog(entry({ at: 3, integrationId: 'i2', message: storedText('other integration') }));
    expect(third.id).toMatch(/^\d+$/);
    expect(store.queryLog({ limit: 10 }).map((e) => e.at)).toEqual([3, 2, 1]);
    expect(store.queryLog({ limit: 10, integrationId: 'i1' }).map((e) => e.at)).toEqual([2, 1]);
    expect(store.queryLog({ limit: 10, levels: ['error'] })[0]).toMatchObject({
      at: 2,
      error: { code: 'x', message: msg('quoted', { text: 'boom' }) },
    });
    // A line reads back as the message it was written with; the search finds its data, not its wording.
    expect(store.queryLog({ limit: 10, incidentId: 'inc1' })[0]!.message).toEqual(
      msg('outcome.created_request', { request: '100% ok' }),
    );
    expect(store.queryLog({ limit: 10, text: 'Created request' })).toEqual([]);
    expect(store.queryLog({ limit: 10, direction: 'from_sdp' }).map((e) => e.at)).toEqual([2]);
    expect(store.queryLog({ limit: 10, incidentId: 'inc1' }).map((e) => e.at)).toEqual([1]);
    expect(store.queryLog({ limit: 10, requestId: 'r9' }).map((e) => e.at)).toEqual([2]);
    expect(store.queryLog({ limit: 10, text: '100%' }).map((e) => e.at)).toEqual([1]);
    expect(store.queryLog({ limit: 10, text: '%' }).map((e) => e.at)).toEqual([1]);
    expect(store.queryLog({ limit: 10, from: 2, to: 2 }).map((e) => e.at)).toEqual([2]);
    expect(store.queryLog({ limit: 1, before: third.id }).map((e) => e.at)).toEqual([2]);
  });

  it('keeps poll cursors per integration and key', () => {
    const store = createSqliteStore(openDatabase(file()));
    expect(store.cursor('i1', 'sdp')).toBeNull();
    store.setCursor('i1', 'sdp', '1700000000000');
    store.setCursor('i1', 'sdp', '1700000000001');
    store.setCursor('i2', 'sdp', 'x');
    expect(store.cursor('i1', 'sdp')).toBe('1700000000001');
  });

  it('creates the database owner-only', () => {
    const path = file();
    const store = createSqliteStore(openDatabase(path));
    store.appendLog(entry());
    for (const f of [path, `${path}-wal`]) expect(statSync(f).mode & 0o777).toBe(0o600);
    store.close();
  });

  it('prunes the log by age and by count, a batch at a time, oldest first', () => {
    const store = createSqliteStore(openDatabase(file()));
    for (let at = 1; at <= 10; at++) store.appendLog(entry({ at }));
    const ats = () =>
      store
        .queryLog({ limit: 100 })
        .map((e) => e.at)
        .reverse();
    expect(store.pruneLog({ before: 5, keepRows: 100, batch: 3 })).toBe(3);
    expect(ats()).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(store.pruneLog({ before: 5, keepRows: 100, batch: 3 })).toBe(1);
    expect(store.pruneLog({ before: 5, keepRows: 100, batch: 3 })).toBe(0);
    expect(store.pruneLog({ before: 0, keepRows: 4, batch: 100 })).toBe(2);
    expect(ats()).toEqual([7, 8, 9, 10]);
    expect(store.pruneLog({ before: 0, keepRows: 4, batch: 100 })).toBe(0);
  });

  it('the WAL stays near its auto-checkpoint size under a burst of log writes; a checkpoint empties it and closing leaves none', () => {
    const path = file();
    const store = createSqliteStore(openDatabase(path));
    // ~10 MB of log: SQLite's automatic checkpoint (every 1000 pages, 4 MB) must be able to restart the WAL.
    for (let i = 0; i < 15_000; i++)
      store.appendLog(entry({ at: i, message: storedText(`burst ${i} ${'x'.repeat(600)}`) }));
    expect(statSync(`${path}-wal`).size).toBeLessThan(6_000_000);
    store.checkpoint();
    expect(statSync(`${path}-wal`).size).toBe(0);
    store.appendLog(entry());
    store.close();
    expect(existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0).toBe(0);
  });

  it('prepares each shape of log query once: libsql never frees a prepared statement', () => {
    const db = openDatabase(file());
    const store = createSqliteStore(db);
    store.appendLog(entry());
    const prepare = vi.spyOn(db, 'prepare');
    for (let i = 0; i < 100; i++) {
      store.queryLog({ limit: 10, integrationId: 'i1' });
      store.queryLog({ limit: 10, incidentId: `inc${i}` });
    }
    expect(prepare).toHaveBeenCalledTimes(2);
    store.close();
  });

  it('answers "no outbox work" without all(): libsql keeps ~1 KB of native memory per all() call', () => {
    const db = openDatabase(file());
    const prepare = db.prepare.bind(db);
    let allCalls = 0;
    vi.spyOn(db, 'prepare').mockImplementation((sql: string) => {
      const statement = prepare(sql);
      const all = statement.all.bind(statement);
      statement.all = (...params: unknown[]) => {
        allCalls++;
        return all(...params);
      };
      return statement;
    });
    const store = createSqliteStore(db);
    for (let i = 0; i < 100; i++) {
      expect(store.dueOutbox('i1', 1_000, 10)).toEqual([]);
      expect(store.outboxForEntity('i1', 'flashduty', `x${i}`)).toEqual([]);
    }
    expect(allCalls).toBe(0);
    store.addOutbox({
      integrationId: 'i1',
      side: 'flashduty',
      entityId: 'x1',
      op,
      nextTryAt: 5,
      createdAt: 5,
      origin: 'poll',
    });
    expect(store.dueOutbox('i1', 1_000, 10)).toHaveLength(1);
    expect(store.outboxForEntity('i1', 'flashduty', 'x1')).toHaveLength(1);
    expect(store.dueOutbox('i1', 1, 10)).toEqual([]);
    store.close();
  });
});
