import { agreedValues, storedAgreed } from '../../shared/node/sync/link-records';
import type { SyncStore } from '../../shared/node/sync/store';
import type { Link } from '../../shared/node/sync/types';
import type { Db } from './database';
import { createLogTable } from './sqlite-log';
import { createOutboxTable } from './sqlite-outbox';

interface LinkRow {
  integration_id: string;
  incident_id: string;
  request_id: string;
  sdp_record: string;
  fd_record: string;
  updated_at: number;
}

const toLink = (row: LinkRow): Link => ({
  integrationId: row.integration_id,
  incidentId: row.incident_id,
  requestId: row.request_id,
  lastAgreedWithSdp: agreedValues(row.sdp_record),
  lastAgreedWithFlashduty: agreedValues(row.fd_record),
  updatedAt: row.updated_at,
});

type LinksAndCursors = Pick<
  SyncStore,
  'linkByIncident' | 'linkByRequest' | 'saveLink' | 'deleteLinks' | 'countLinks' | 'cursor' | 'setCursor'
>;

/** Links between incidents and requests, and the pollers' cursors. */
function createLinkTable(db: Db): LinksAndCursors {
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
    cursor: db.prepare('SELECT value FROM cursors WHERE integration_id = ? AND key = ?'),
    setCursor: db.prepare(
      'INSERT INTO cursors (integration_id, key, value) VALUES (?, ?, ?) ON CONFLICT (integration_id, key) DO UPDATE SET value = excluded.value',
    ),
  };
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
    cursor(integrationId, key) {
      const row = q.cursor.get(integrationId, key) as { value: string } | undefined;
      return row?.value ?? null;
    },
    setCursor(integrationId, key, value) {
      q.setCursor.run(integrationId, key, value);
    },
  };
}

/** SyncStore over SQLite (libsql). Statements are prepared once: the runner calls these per change. */
export function createSqliteStore(db: Db): SyncStore {
  return {
    ...createLinkTable(db),
    ...createOutboxTable(db),
    ...createLogTable(db),
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
