import type { IntegrationConfig } from '../../common/config';
import { msg } from '../../common/contract';
import type { SdpStatus } from '../sdp/client';
import type { ExecutorClients } from './executor';
import { emptyRecords, applyRecords } from './link-records';
import { logEntry } from './log-entry';
import { incidentIdOf, requestIdOf } from './markers';
import { incidentSnapshot, requestSnapshot } from './snapshots';
import type { NewLogEntry, SyncStore } from './store';

export interface RebuildProgress {
  phase: 'sdp' | 'flashduty' | 'done';
  /** Entities looked at so far, both sides together. */
  scanned: number;
  linked: number;
}

export interface RebuildDeps {
  integrationId: string;
  config: IntegrationConfig;
  clients: ExecutorClients;
  store: SyncStore;
  now: () => number;
  sdpStatuses: () => Promise<readonly SdpStatus[]>;
  log: (entry: NewLogEntry) => void;
  /** Checked between entities: a shutdown stops the walk (what is linked stays linked). */
  stopped: () => boolean;
  onProgress?: (progress: RebuildProgress) => void;
}

const PROGRESS_EVERY = 25;
/** The search reaches a little before the integration's creation, as the pollers' overlap does. */
const SLACK_MS = 5 * 60_000;

/**
 * Links recovered from the markers both sides carry, for a new, replaced or damaged sync database:
 * a request DeskBridge created holds its incident's ID (UDF or description line), an incident it
 * created holds its request's ID, and one it created a request for holds that request's link
 * (custom field; requestIdOf reads either). Every entity changed since the integration was
 * created is looked at; one that is unlinked and carries a marker naming an unlinked counterpart
 * is linked. Nothing is created or written on either side. Requests are read with GET, since list
 * rows do not carry the description (nor, on lean lists, the UDFs).
 */
export async function rebuildLinks(deps: RebuildDeps): Promise<{ scanned: number; linked: number }> {
  const { integrationId, config, clients, store, now } = deps;
  const progress: RebuildProgress = { phase: 'sdp', scanned: 0, linked: 0 };
  const report = (force = false): void => {
    if (force || progress.scanned % PROGRESS_EVERY === 0) deps.onProgress?.({ ...progress });
  };
  const link = (incidentId: string, requestId: string): void => {
    // Checked and saved with no await between, so a sync pass running meanwhile cannot slip in.
    if (
      store.linkByIncident(integrationId, incidentId) !== null ||
      store.linkByRequest(integrationId, requestId) !== null
    )
      return;
    // Empty records: the next pass compares both sides afresh instead of trusting a lost history.
    store.saveLink(applyRecords(null, { integrationId, incidentId, requestId }, emptyRecords(), now()));
    progress.linked++;
    deps.log(
      logEntry({
        at: now(),
        level: 'info',
        integrationId,
        incidentId,
        requestId,
        action: 'link',
        message: msg('run.relinked', { incident: incidentId, request: requestId }),
      }),
    );
  };
  const since = config.createdAt - SLACK_MS;
  report(true);

  const statuses = await deps.sdpStatuses();
  for await (const row of clients.sdp.requestsUpdatedSince(since)) {
    if (deps.stopped()) return progress;
    progress.scanned++;
    if (store.linkByRequest(integrationId, row.id) === null) {
      const incidentId = incidentIdOf(config, requestSnapshot(await clients.sdp.getRequest(row.id), statuses));
      if (incidentId !== null) link(incidentId, row.id);
    }
    report();
  }

  progress.phase = 'flashduty';
  report(true);
  for await (const incident of clients.flashduty.iterateIncidents({
    startTime: Math.floor(since / 1000),
    endTime: Math.ceil(now() / 1000) + 60,
  })) {
    if (deps.stopped()) return progress;
    progress.scanned++;
    const requestId = requestIdOf(config, incidentSnapshot(incident, now()));
    if (requestId !== null) link(incident.incident_id, requestId);
    report();
  }
  progress.phase = 'done';
  report(true);
  return { scanned: progress.scanned, linked: progress.linked };
}
