import type { IntegrationConfig } from '../config';
import type { FlashdutyClient } from '../flashduty/client';
import type { SdpClient, SdpStatus } from '../sdp/client';
import type { Runner } from './runner';
import { incidentSnapshot, requestSnapshot } from './snapshots';
import type { SyncStore } from './store';

/** Records edited within this much of the watermark are listed again: clocks and indexes lag a little. */
export const SDP_OVERLAP_MS = 5_000;
/** Flashduty lists incidents by start time only, so the poller watches incidents started this recently. */
export const FLASHDUTY_LOOKBACK_MS = 7 * 86_400_000;
/**
 * Flashduty's updated_at has whole-second resolution, so an edit in the second of the previous
 * list (or just before it, allowing for clock skew) may not have moved it: such incidents are
 * hinted again; the echo guard makes that pass write nothing when nothing changed.
 */
export const FLASHDUTY_OVERLAP_S = 5;

export interface PollerDeps {
  integrationId: string;
  config: () => IntegrationConfig;
  store: SyncStore;
  runner: Runner;
  now: () => number;
}

/**
 * SDP: every request whose last_updated_time passed the watermark, oldest first. The watermark
 * moves only after those changes were handled, so a crash re-lists them rather than losing them.
 */
export async function pollSdp(deps: PollerDeps & { sdp: SdpClient; statuses: () => Promise<readonly SdpStatus[]> }): Promise<number> {
  const { store, integrationId, config } = deps;
  const key = 'sdp.watermark';
  const since = Number(store.cursor(integrationId, key) ?? config().createdAt);
  const statuses = await deps.statuses();
  const pending: Promise<unknown>[] = [];
  let newest = since;
  let seen = 0;
  for await (const request of deps.sdp.requestsUpdatedSince(Math.max(0, since - SDP_OVERLAP_MS))) {
    seen++;
    newest = Math.max(newest, request.last_updated_time ?? 0);
    pending.push(deps.runner.hint({ side: 'sdp', id: request.id, origin: 'poll' }, requestSnapshot(request, statuses)));
  }
  await Promise.all(pending);
  if (newest > since) store.setCursor(integrationId, key, String(newest));
  return seen;
}

/**
 * Flashduty: incidents started within the look-back window (and not before the integration
 * existed), hinted when their updated_at differs from the last one seen. One list call per idle
 * poll while fewer than 100 incidents are in the window.
 */
export async function pollFlashduty(deps: PollerDeps & { flashduty: FlashdutyClient }): Promise<number> {
  const { store, integrationId, config, now } = deps;
  const key = 'flashduty.seen';
  const seenBefore = parseSeen(store.cursor(integrationId, key));
  const settledBefore = Number(store.cursor(integrationId, 'flashduty.polledAt') ?? 0) - FLASHDUTY_OVERLAP_S;
  const polledAt = Math.floor(now() / 1000);
  const cfg = config();
  const endTime = Math.ceil(now() / 1000);
  const startTime = Math.floor(Math.max(now() - FLASHDUTY_LOOKBACK_MS, cfg.createdAt - 60_000) / 1000);
  const seenNow: Record<string, number> = {};
  const pending: Promise<unknown>[] = [];
  let changed = 0;
  for await (const incident of deps.flashduty.iterateIncidents({
    startTime,
    endTime,
    ...(cfg.channels.length > 0 ? { channelIds: cfg.channels } : {}),
  })) {
    seenNow[incident.incident_id] = incident.updated_at;
    if (seenBefore[incident.incident_id] === incident.updated_at && incident.updated_at < settledBefore) continue;
    changed++;
    pending.push(deps.runner.hint({ side: 'flashduty', id: incident.incident_id, origin: 'poll' }, incidentSnapshot(incident, now())));
  }
  await Promise.all(pending);
  store.setCursor(integrationId, key, JSON.stringify(seenNow));
  store.setCursor(integrationId, 'flashduty.polledAt', String(polledAt));
  return changed;
}

function parseSeen(text: string | null): Record<string, number> {
  if (text === null) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' ? (value as Record<string, number>) : {};
  } catch {
    return {};
  }
}
