import type { IntegrationConfig } from '../../common/config';
import type { FlashdutyClient } from '../flashduty/client';
import type { FlashdutyIncident } from '../flashduty/types';
import type { SdpClient, SdpStatus } from '../sdp/client';
import type { Runner } from './runner';
import { fingerprint } from './digest';
import { incidentSnapshot, requestSnapshot } from './snapshots';
import type { SyncStore } from './store';

/** Records edited within this much of the watermark are listed again: clocks and indexes lag a little. */
export const SDP_OVERLAP_MS = 5_000;
/** Flashduty lists incidents by start time only, so the poller watches incidents started this recently. */
export const FLASHDUTY_LOOKBACK_MS = 7 * 86_400_000;

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
export async function pollSdp(
  deps: PollerDeps & { sdp: SdpClient; statuses: () => Promise<readonly SdpStatus[]> },
): Promise<number> {
  const { store, integrationId, config, now } = deps;
  const key = 'sdp.watermark';
  const since = Number(store.cursor(integrationId, key) ?? sdpPollStart(config()));
  // The overlap re-lists the newest edits on every poll until a newer one moves the watermark; one
  // already handled at the same last_updated_time, well before the previous list, is not hinted
  // again (after a burst, that would re-read every pair of it on every idle poll).
  const seenBefore = parseSeen(store.cursor(integrationId, 'sdp.seen'));
  const settledBefore = Number(store.cursor(integrationId, 'sdp.polledAt') ?? 0) - SDP_OVERLAP_MS;
  const polledAt = now();
  const statuses = await deps.statuses();
  const seenNow: Record<string, number> = {};
  const pending: Promise<unknown>[] = [];
  let newest = since;
  let hinted = 0;
  // The rows also carry what the runner's own-echo check compares (subject, status, technician and group are in every
  // row).
  for await (const request of deps.sdp.requestsUpdatedSince(Math.max(0, since - SDP_OVERLAP_MS), {
    fields: ['priority', 'udf_fields'],
  })) {
    const updated = request.last_updated_time ?? 0;
    newest = Math.max(newest, updated);
    seenNow[request.id] = updated;
    if (seenBefore[request.id] === updated && updated < settledBefore) continue;
    hinted++;
    pending.push(deps.runner.hint({ side: 'sdp', id: request.id, origin: 'poll' }, requestSnapshot(request, statuses)));
  }
  await Promise.all(pending);
  if (newest > since) store.setCursor(integrationId, key, String(newest));
  store.setCursor(integrationId, 'sdp.seen', JSON.stringify(seenNow));
  store.setCursor(integrationId, 'sdp.polledAt', String(polledAt));
  return hinted;
}

/** Where the Flashduty poller's window starts (seconds): the look-back, and never before the integration existed. */
export function flashdutyPollStart(config: IntegrationConfig, now: number): number {
  return Math.floor(Math.max(now - FLASHDUTY_LOOKBACK_MS, config.createdAt - 60_000) / 1000);
}

/** Where the SDP poller starts on its first run: the integration's creation. */
export function sdpPollStart(config: IntegrationConfig): number {
  return config.createdAt;
}

/**
 * Flashduty: incidents started within the look-back window (and not before the integration
 * existed), hinted when their updated_at or synced fields differ from the last ones seen. One
 * list call per idle poll while fewer than 100 incidents are in the window.
 */
export async function pollFlashduty(deps: PollerDeps & { flashduty: FlashdutyClient }): Promise<number> {
  const { store, integrationId, config, now } = deps;
  const key = 'flashduty.seen';
  const seenBefore = parseSeen(store.cursor(integrationId, key));
  const cfg = config();
  const endTime = Math.ceil(now() / 1000);
  const startTime = flashdutyPollStart(cfg, now());
  const seenNow: Record<string, string> = {};
  const pending: Promise<unknown>[] = [];
  const unchangedOpenLinked: string[] = [];
  let changed = 0;
  for await (const incident of deps.flashduty.iterateIncidents({
    startTime,
    endTime,
    ...(cfg.channels.length > 0 ? { channelIds: cfg.channels } : {}),
  })) {
    const state = listedState(incident);
    seenNow[incident.incident_id] = state;
    if (seenBefore[incident.incident_id] === state) {
      if (incident.progress !== 'Closed' && store.linkByIncident(integrationId, incident.incident_id) !== null)
        unchangedOpenLinked.push(incident.incident_id);
      continue;
    }
    changed++;
    pending.push(
      deps.runner.hint(
        { side: 'flashduty', id: incident.incident_id, origin: 'poll' },
        incidentSnapshot(incident, now()),
      ),
    );
  }
  await Promise.all(pending);
  store.setCursor(integrationId, key, JSON.stringify(seenNow));
  // A changed incident's pass reads its comments anyway; the unchanged ones may hide a new comment.
  if (cfg.syncComments && cfg.direction !== 'from_sdp') changed += await pollComments(deps, unchangedOpenLinked);
  return changed;
}

/** Feeds read per comment check, one after another: a desk with many open incidents is covered over several checks. */
export const COMMENT_BATCH = 20;

/**
 * Comments change no incident field, so the incident list cannot show them: every
 * `commentPollSeconds`, the feeds of a batch of open linked incidents (least recently checked
 * first) are read for a comment newer than the last one seen there, and such incidents are hinted.
 */
async function pollComments(
  deps: PollerDeps & { flashduty: FlashdutyClient },
  openLinked: readonly string[],
): Promise<number> {
  const { store, integrationId, config, now } = deps;
  const lastRun = store.cursor(integrationId, 'flashduty.commentsPolledAt');
  // The first check waits one interval: a new pair's comments are copied by the pass that linked it.
  if (lastRun === null) store.setCursor(integrationId, 'flashduty.commentsPolledAt', String(now()));
  if (
    lastRun === null ||
    openLinked.length === 0 ||
    now() - Number(lastRun) < config().ingress.commentPollSeconds * 1000
  )
    return 0;
  store.setCursor(integrationId, 'flashduty.commentsPolledAt', String(now()));
  const marks = parseSeen(store.cursor(integrationId, 'flashduty.comments'));
  const checkedAt = (id: string): number => (marks[id] as { checkedAt?: number } | undefined)?.checkedAt ?? 0;
  const batch = [...openLinked].sort((a, b) => checkedAt(a) - checkedAt(b)).slice(0, COMMENT_BATCH);
  const next: Record<string, { newest: number; checkedAt: number }> = {};
  for (const id of openLinked) {
    const mark = marks[id] as { newest?: number; checkedAt?: number } | undefined;
    if (mark !== undefined) next[id] = { newest: mark.newest ?? 0, checkedAt: mark.checkedAt ?? 0 };
  }
  const pending: Promise<unknown>[] = [];
  for (const id of batch) {
    const newest =
      (await deps.flashduty.feed(id, { types: ['i_comm'], limit: 1, asc: false })).items[0]?.created_at ?? 0;
    const before = next[id]?.newest;
    next[id] = { newest, checkedAt: now() };
    if (newest > (before ?? 0)) pending.push(deps.runner.hint({ side: 'flashduty', id, origin: 'poll' }));
  }
  await Promise.all(pending);
  store.setCursor(integrationId, 'flashduty.comments', JSON.stringify(next));
  return pending.length;
}

/**
 * updated_at has whole-seconds resolution, so an edit in the same second as the previous list may
 * leave it unchanged: the digest of the synced fields tells such an edit from no edit, without
 * re-reading incidents that did not change.
 */
function listedState(incident: FlashdutyIncident): string {
  const synced = [
    incident.title,
    incident.description,
    incident.incident_severity,
    incident.progress,
    incident.snoozed_before,
    incident.root_cause,
    incident.resolution,
    incident.labels,
    incident.fields,
  ];
  return `${incident.updated_at}:${fingerprint({ synced: JSON.stringify(synced) })}`;
}

function parseSeen(text: string | null): Record<string, unknown> {
  if (text === null) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
