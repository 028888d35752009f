import { isIncident, type RunnerDeps, type Snapshot } from './runner-deps';
import type { ChangeHint, IncidentSnapshot, Link, Operation } from './types';
import { requestValues } from './values';

/** Entities whose own last write is remembered (newest kept); a forgotten one only costs a re-read. */
const OWN_WRITES_KEPT = 20_000;

/** Everything a listed incident says, but when it was last updated (and the comments a list never carries). */
function listedDigest(incident: IncidentSnapshot): string {
  const { updatedAtMs: _updated, comments: _comments, ...listed } = incident;
  return JSON.stringify(listed, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}

function remember<T>(map: Map<string, T>, id: string, value: T): void {
  map.delete(id);
  map.set(id, value);
  if (map.size > OWN_WRITES_KEPT) map.delete(map.keys().next().value!);
}

/**
 * What our own latest writes left on each side, so that a poll listing exactly that is not taken
 * for a change: its pass would re-read both sides to find nothing to do.
 */
export class OwnWrites {
  /** Per request, the last_updated_time SDP reported for our latest write to it. */
  private readonly sdp = new Map<string, number>();
  /** Per incident, what our last request-link write left on it. */
  private readonly incidents = new Map<string, string>();

  constructor(private readonly deps: RunnerDeps) {}

  /** The link of a listed entity that carries nothing but our own last write; null otherwise. */
  echo(hint: ChangeHint, snapshot: Snapshot): Link | null {
    return this.sdpEcho(hint, snapshot) ?? this.incidentEcho(hint, snapshot);
  }

  rememberSdpWrite(requestId: string, updatedAtMs: number | null): void {
    this.sdp.delete(requestId);
    if (updatedAtMs !== null && requestId !== '') remember(this.sdp, requestId, updatedAtMs);
  }

  /** The incident as our request-link write left it: the pass's source plus that field. */
  rememberLinkWrite(source: IncidentSnapshot, op: Extract<Operation, { type: 'set_request_link' }>): void {
    const written = { ...source, customFields: { ...source.customFields, [op.fieldName]: op.value } };
    remember(this.incidents, source.id, listedDigest(written));
  }

  /**
   * A polled request that still carries exactly our last write to it: the same last_updated_time
   * SDP answered that write with (so no edit or note came after it) and the link's record for every
   * synced value it holds (an empty value is never copied; list results leave out the description).
   */
  private sdpEcho(hint: ChangeHint, snapshot: Snapshot): Link | null {
    if (hint.side !== 'sdp' || isIncident(snapshot) || this.sdp.get(hint.id) !== snapshot.updatedAtMs) return null;
    const link = this.deps.store.linkByRequest(this.deps.integrationId, hint.id);
    if (link === null) return null;
    const recorded = link.lastAgreedWithSdp;
    const same = Object.entries(requestValues(this.deps.config(), snapshot)).every(
      ([key, value]) => value === null || (Object.hasOwn(recorded, key) && recorded[key] === value),
    );
    return same ? link : null;
  }

  /**
   * A polled incident that differs from what its last pass planned on only by that pass's own
   * request-link write (its updated_at moved, nothing else did). Comments change nothing listed:
   * the comment poller finds those.
   */
  private incidentEcho(hint: ChangeHint, snapshot: Snapshot): Link | null {
    if (hint.side !== 'flashduty' || !isIncident(snapshot)) return null;
    const expected = this.incidents.get(hint.id);
    if (expected === undefined) return null;
    this.incidents.delete(hint.id);
    return expected === listedDigest(snapshot)
      ? this.deps.store.linkByIncident(this.deps.integrationId, hint.id)
      : null;
  }
}
