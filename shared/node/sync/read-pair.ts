import { msg } from '../../common/contract';
import { isAppError } from '../../common/errors';
import { recogniseIntents } from './intents';
import { logPairInfo } from './pass-log';
import { isIncident, otherSide, type RunnerDeps, type Snapshot } from './runner-deps';
import { incidentComments, incidentSnapshot, requestSnapshot } from './snapshots';
import type { ChangeHint, IncidentSnapshot, Link, RequestSnapshot, SdpMetadata, Side } from './types';
import { incidentValues, requestValues } from './values';

/** What a pass plans on: the entity, its counterpart (null when unlinked or gone), their link, SDP's metadata. */
export interface PairRead {
  source: Snapshot;
  target: Snapshot | null;
  link: Link | null;
  metadata: SdpMetadata | undefined;
}

async function readIncident(deps: RunnerDeps, id: string, withThread: boolean, listed?: IncidentSnapshot) {
  const fd = deps.clients().flashduty;
  const incident = listed ?? incidentSnapshot(await fd.getIncident(id), deps.now());
  if (!withThread) return incident;
  const feed = await fd.feed(id, { types: ['i_comm'], limit: 100, asc: true });
  return { ...incident, comments: incidentComments(feed.items) };
}

// A list row is lean (no description, resolution, only what the poller asked for): a hint, never what is planned on.
async function readRequest(deps: RunnerDeps, id: string, withThread: boolean): Promise<RequestSnapshot> {
  const sdp = deps.clients().sdp;
  const statuses = await deps.sdpStatuses();
  const request = await sdp.getRequest(id);
  return requestSnapshot(request, statuses, withThread ? await sdp.listNotes(id) : undefined);
}

/** The other side of a pair; null when it is gone (deleted, or no longer visible to us). */
export async function readCounterpart(
  deps: RunnerDeps,
  side: Side,
  id: string,
  withThread: boolean,
): Promise<Snapshot | null> {
  try {
    return side === 'sdp' ? await readRequest(deps, id, withThread) : await readIncident(deps, id, withThread);
  } catch (error) {
    if (isAppError(error) && (error.code === 'sdp.not_found' || error.code === 'flashduty.not_found')) return null;
    throw error;
  }
}

/** Both sides of the entity as they are now; a Flashduty list row saves the incident's re-read. */
export async function readPair(deps: RunnerDeps, hint: ChangeHint, snapshot: Snapshot | undefined): Promise<PairRead> {
  const { store, integrationId, config } = deps;
  const link =
    hint.side === 'flashduty'
      ? store.linkByIncident(integrationId, hint.id)
      : store.linkByRequest(integrationId, hint.id);
  const withThread = link !== null && config().syncComments;
  const source =
    hint.side === 'flashduty'
      ? await readIncident(
          deps,
          hint.id,
          withThread,
          snapshot !== undefined && isIncident(snapshot) ? snapshot : undefined,
        )
      : await readRequest(deps, hint.id, withThread);
  const target =
    link === null
      ? null
      : await readCounterpart(
          deps,
          otherSide(hint.side),
          hint.side === 'flashduty' ? link.requestId : link.incidentId,
          withThread,
        );
  const metadata = config().direction === 'from_sdp' ? undefined : await deps.metadata();
  return {
    source,
    target,
    link: link === null || target === null ? link : ownInFlight(deps, hint, link, source, target),
    metadata,
  };
}

/**
 * The link, with every value on either side that one of the pair's unfinished writes put there
 * (a crash, or a lost answer, kept it from the link) recorded as ours: see recogniseIntents.
 */
function ownInFlight(deps: RunnerDeps, hint: ChangeHint, link: Link, source: Snapshot, target: Snapshot): Link {
  const { store, integrationId, config, now } = deps;
  const pending = [
    ...store.outboxForEntity(integrationId, 'flashduty', link.incidentId),
    ...store.outboxForEntity(integrationId, 'sdp', link.requestId),
  ]
    .filter((item) => item.state === 'pending')
    .map((item) => item.op);
  if (pending.length === 0) return link;
  const [incident, request] = isIncident(source)
    ? [source, target as RequestSnapshot]
    : [target as IncidentSnapshot, source];
  const current = { flashduty: incidentValues(config(), incident), sdp: requestValues(config(), request) };
  const { link: updated, recognised } = recogniseIntents(link, pending, current, now());
  if (recognised.length === 0) return link;
  store.saveLink(updated);
  const what = recognised
    .map((r) => `${r.side === 'sdp' ? 'SDP' : 'Flashduty'} ${r.key} = "${r.value ?? ''}"`)
    .join(', ');
  logPairInfo(deps, hint, 'recovered', msg('run.recognised', { writes: what }), {
    incidentId: link.incidentId,
    requestId: link.requestId,
  });
  return updated;
}
