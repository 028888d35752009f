import type { FlashdutySimulator, SimIncident } from '../../simulators/flashduty/index';
import type { SdpSimulator } from '../../simulators/sdp/index';

/** Views of both simulators' state that engine tests assert on. */

const MARKER = /\[Flashduty incident ([0-9a-f]{24})\]/;

export interface SimRequest {
  id: string;
  subject: string;
  description: string;
  status: string;
  priority: string | null;
  technician: string | null;
  udf: Record<string, unknown>;
  resolution: string | null;
}

export function requestView(raw: Record<string, unknown>): SimRequest {
  const named = (v: unknown): string | null =>
    v !== null && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string'
      ? (v as { name: string }).name
      : null;
  const tech = raw.technician as { email_id?: string } | null | undefined;
  const resolution = raw.resolution as { content?: string } | null | undefined;
  return {
    id: String(raw.id),
    subject: String(raw.subject ?? ''),
    description: String(raw.description ?? ''),
    status: named(raw.status) ?? '',
    priority: named(raw.priority),
    technician: tech?.email_id ?? null,
    udf: (raw.udf_fields as Record<string, unknown> | null | undefined) ?? {},
    resolution: resolution?.content ?? null,
  };
}

export function requests(sdp: SdpSimulator): SimRequest[] {
  return sdp.listRequests().map(requestView);
}

/** The request(s) carrying an incident's description marker. */
export function requestsFor(sdp: SdpSimulator, incidentId: string): SimRequest[] {
  return requests(sdp).filter((r) => MARKER.exec(r.description)?.[1] === incidentId);
}

export function onlyRequestFor(sdp: SdpSimulator, incidentId: string): SimRequest {
  const found = requestsFor(sdp, incidentId);
  if (found.length !== 1) throw new Error(`expected one request for incident ${incidentId}, found ${found.length}`);
  return found[0]!;
}

/** Incidents created from a request (they carry its ID in the sdp_request_id field). */
export function incidentsFor(fd: FlashdutySimulator, requestId: string): SimIncident[] {
  return fd.incidents().filter((i) => String(i.fields.sdp_request_id ?? '') === requestId);
}

/** Flashduty state as the status tables name it. */
export function incidentState(
  fd: FlashdutySimulator,
  incidentId: string,
): 'Triggered' | 'Processing' | 'Snoozed' | 'Closed' {
  const wire = fd.renderIncident(incidentId) as { progress: string; snoozed_before?: number };
  if (wire.progress === 'Closed') return 'Closed';
  if ((wire.snoozed_before ?? 0) * 1000 > fd.now()) return 'Snoozed';
  return wire.progress as 'Triggered' | 'Processing';
}

/** API calls that change something, per simulator. */
export function sdpWrites(sdp: SdpSimulator): number {
  return sdp.calls().filter((c) => c.kind === 'api' && c.method !== 'GET' && c.status >= 200 && c.status < 300).length;
}

const FD_WRITE_ROUTES = new Set(
  ['create', 'ack', 'unack', 'wake', 'resolve', 'reopen', 'snooze', 'reset', 'field/reset', 'comment'].map(
    (r) => `/incident/${r}`,
  ),
);
export function flashdutyWrites(fd: FlashdutySimulator): number {
  return fd.calls().filter((c) => c.status === 200 && FD_WRITE_ROUTES.has(c.path)).length;
}
