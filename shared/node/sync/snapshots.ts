import type { UdfType } from '../../common/config';
import type { FlashdutyFeedItem, FlashdutyIncident } from '../flashduty/types';
import type { SdpNote, SdpPerson, SdpRequest, SdpStatus, SdpTemplateDetail, SdpUdfDefinition } from '../sdp/client';
import { inProgressByName } from '../sdp/status';
import type { SdpGroup, SdpPriority } from '../sdp/wire';
import { htmlToText } from './text';
import type {
  IncidentComment,
  IncidentSnapshot,
  RequestNote,
  RequestSnapshot,
  SdpMetadata,
  SdpMetadataList,
  SdpStatus as PlannerStatus,
} from './types';

/**
 * Wire objects → the planner's snapshots. Units are settled here once: Flashduty incident times are
 * Unix seconds and become milliseconds; a snooze deadline already passed counts as not snoozed.
 */
export function incidentSnapshot(
  incident: FlashdutyIncident,
  nowMs: number,
  comments?: IncidentComment[],
): IncidentSnapshot {
  const snoozedUntilMs =
    incident.snoozed_before > 0 && incident.snoozed_before * 1000 > nowMs ? incident.snoozed_before * 1000 : null;
  return {
    id: incident.incident_id,
    num: incident.num,
    title: incident.title,
    description: incident.description,
    // "Ok" is the severity of a recovered alert; incidents never carry it in practice.
    severity: incident.incident_severity === 'Ok' ? 'Info' : incident.incident_severity,
    progress: incident.progress,
    snoozedUntilMs,
    channelId: incident.channel_id,
    labels: incident.labels,
    customFields: Object.fromEntries(
      Object.entries(incident.fields).map(([k, v]) => [
        k,
        typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null
          ? v
          : Array.isArray(v)
            ? v.map(String)
            : JSON.stringify(v),
      ]),
    ),
    rootCause: incident.root_cause,
    resolution: incident.resolution,
    updatedAtMs: incident.updated_at * 1000,
    createdAtMs: incident.created_at * 1000,
    ...(comments === undefined ? {} : { comments }),
  };
}

/** `i_comm` feed items as comments, oldest first (feed times are already milliseconds). */
export function incidentComments(items: readonly FlashdutyFeedItem[]): IncidentComment[] {
  return items
    .filter((item) => item.type === 'i_comm' && typeof item.detail.comment === 'string')
    .map((item) => ({
      id: `${item.created_at}-${item.creator_id}`,
      text: String(item.detail.comment),
      createdAtMs: item.created_at,
    }))
    .sort((a, b) => a.createdAtMs - b.createdAtMs);
}

/** A request's status with its type flags, taken from the status list when the request omits them. */
function statusOf(request: SdpRequest, statuses: readonly SdpStatus[]): PlannerStatus {
  const known =
    statuses.find((s) => s.id === request.status.id) ??
    statuses.find((s) => s.name.toLowerCase() === request.status.name.toLowerCase());
  const internalName = request.status.internal_name ?? known?.internalName ?? null;
  const inProgress =
    request.status.in_progress ?? known?.inProgress ?? inProgressByName(internalName ?? request.status.name);
  const stopTimer = request.status.stop_timer ?? known?.stopTimer ?? false;
  return { name: request.status.name, inProgress, stopTimer, internalName };
}

export function requestSnapshot(
  request: SdpRequest,
  statuses: readonly SdpStatus[],
  notes?: readonly SdpNote[],
): RequestSnapshot {
  return {
    id: request.id,
    displayId: request.display_id,
    subject: request.subject,
    description: request.description ?? '',
    status: statusOf(request, statuses),
    priority: request.priority?.name ?? null,
    technician: request.technician ? { name: request.technician.name, email: request.technician.email_id } : null,
    group: request.group?.name ?? null,
    udf: { ...request.udf_fields },
    resolution: request.resolution?.content ?? '',
    updatedAtMs: request.last_updated_time ?? request.created_time ?? 0,
    createdAtMs: request.created_time ?? 0,
    ...(notes === undefined ? {} : { notes: requestNotes(notes) }),
  };
}

export function requestNotes(notes: readonly SdpNote[]): RequestNote[] {
  return notes
    .map((n) => ({ id: n.id, text: htmlToText(n.description), createdAtMs: n.added_time ?? 0 }))
    .sort((a, b) => a.createdAtMs - b.createdAtMs);
}

const UDF_TYPE_BY_SDP: Record<string, UdfType> = {
  string: 'single_line',
  integer: 'numeric',
  long: 'numeric',
  decimal: 'decimal',
  double: 'decimal',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  lookup: 'lookup',
};

/** The config's UDF type for an SDP field definition; text kinds come from the client's classification. */
export function udfType(def: SdpUdfDefinition): UdfType {
  if (def.isText && def.textKind !== null) return def.textKind;
  if (def.allowedValues.length > 0) return 'pick_list';
  return UDF_TYPE_BY_SDP[def.type.toLowerCase()] ?? 'other';
}

export interface SdpMetadataSources {
  priorities: readonly SdpPriority[];
  statuses: readonly SdpStatus[];
  templates: readonly SdpTemplateDetail[];
  technicians: readonly SdpPerson[];
  groups: readonly SdpGroup[];
  udfs: readonly SdpUdfDefinition[];
  unavailable?: readonly SdpMetadataList[];
}

/**
 * The instance's lists as the editor shows them (`metadata.sdp`, which drops what its schema does not name) and as
 * plans are checked against them (`SdpMetadata` reads a part, and each status's internal name): one projection for
 * both, so the dropdowns offer exactly what the planner accepts.
 */
export function sdpOffer(src: SdpMetadataSources) {
  return {
    templates: src.templates.map((t) => ({
      id: t.id,
      name: t.name,
      isDefault: t.isDefault,
      mandatoryFields: t.mandatoryFields,
    })),
    priorities: src.priorities.map((p) => ({ id: p.id, name: p.name })),
    statuses: src.statuses.map((s) => ({
      id: s.id,
      name: s.name,
      class: s.classification,
      inProgress: s.inProgress,
      stopTimer: s.stopTimer,
      internalName: s.internalName,
    })),
    technicians: src.technicians.map((t) => ({ id: t.id, name: t.name, email: t.email })),
    groups: src.groups.map((g) => ({ id: g.id, name: g.name })),
    udfs: src.udfs.map((u) => ({ key: u.key, displayName: u.displayName, type: udfType(u), isText: u.isText })),
  };
}

export function sdpMetadata(src: SdpMetadataSources): SdpMetadata {
  return {
    ...(src.unavailable && src.unavailable.length > 0 ? { unavailable: src.unavailable } : {}),
    ...sdpOffer(src),
  };
}
