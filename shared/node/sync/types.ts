import type { IncidentState, Severity, UdfType } from '../../common/config';
import type { Message } from '../../common/contract';
import type { RequestFields, SdpPersonRef } from '../sdp/request-body';

/**
 * Normalised snapshots: what the planner needs from each side, independent of the wire clients.
 * The runner maps client types into these right after reading both sides.
 */
export type Side = 'flashduty' | 'sdp';
export type Progress = 'Triggered' | 'Processing' | 'Closed';
export type FlashdutyFieldValue = string | number | boolean | string[] | null;

export interface IncidentComment {
  /** Stable per comment; Flashduty feed items carry no ID, so the runner uses `<created_at ms>-<creator_id>`. */
  id: string;
  text: string;
  createdAtMs: number;
}

export interface IncidentSnapshot {
  /** 24-hex ObjectID. */
  id: string;
  num: string;
  title: string;
  description: string;
  severity: Severity;
  progress: Progress;
  /** Snooze deadline in ms, or null when not snoozed at the time of reading (the runner clears passed deadlines). */
  snoozedUntilMs: number | null;
  /** Flashduty channel ID as a digit string; "0" for a standalone incident. */
  channelId: string;
  labels: Record<string, string>;
  customFields: Record<string, FlashdutyFieldValue>;
  rootCause: string;
  resolution: string;
  updatedAtMs: number;
  createdAtMs: number;
  /**
   * `i_comm` feed entries, oldest first; undefined when the runner did not read the feed (comments are then left
   * alone).
   */
  comments?: IncidentComment[];
}

export interface SdpStatus {
  name: string;
  /** False for SDP's completed statuses (Resolved, Closed, Canceled): SDP sends no completed flag of its own. */
  inProgress: boolean;
  stopTimer: boolean;
  /** SDP's internal name (kept when a system status is renamed, e.g. "Onhold"); absent when unknown. */
  internalName?: string | null;
}

export interface SdpPerson {
  name: string;
  email: string | null;
}

export interface RequestNote {
  id: string;
  /** Plain text (the runner strips HTML). */
  text: string;
  createdAtMs: number;
}

export interface RequestSnapshot {
  id: string;
  /** The number SDP shows people (SDP Cloud's `id` is a long internal one); absent = the same as `id`. */
  displayId?: string | null;
  subject: string;
  /** As SDP returns it (may be HTML); the planner compares it as text. */
  description: string;
  status: SdpStatus;
  priority: string | null;
  technician: SdpPerson | null;
  group: string | null;
  udf: Record<string, string | null>;
  /** Resolution content, "" when none. */
  resolution: string;
  updatedAtMs: number;
  createdAtMs: number;
  /** Request notes, oldest first; undefined when the runner did not read them (notes are then left alone). */
  notes?: RequestNote[];
}

/** What SDP offers, for validating a plan before writing (names are matched case-insensitively). */
export const SDP_METADATA_LISTS = ['priorities', 'statuses', 'templates', 'technicians', 'groups', 'udfs'] as const;
export type SdpMetadataList = (typeof SDP_METADATA_LISTS)[number];

export interface SdpMetadata {
  /**
   * Lists SDP could not give (their endpoint failed and none was read before): rules that need one
   * pass values through unchecked, and SDP validates them on write.
   */
  unavailable?: readonly SdpMetadataList[];
  priorities: { name: string }[];
  statuses: SdpStatus[];
  /**
   * `mandatoryFields`: request field names (`requester`, `priority`, `category`, …) and UDF keys the template requires.
   */
  templates: { name: string; isDefault: boolean; mandatoryFields: string[] }[];
  technicians: SdpPerson[];
  groups: { name: string }[];
  udfs: { key: string; displayName: string; type: UdfType }[];
}

/**
 * Per side, the value of every synced field as of the last sync (what we wrote there, or read there
 * when that side was the source). Keys: `title`, `description`, `status`, `priority`, `technician`,
 * `group`, `resolution`, `udf:<udf key>` (one per custom field mapping). A side whose current value
 * equals its record has not changed since: that is the echo guard.
 */
export type SyncedValues = Record<string, string | null>;

export interface Link {
  integrationId: string;
  incidentId: string;
  requestId: string;
  /** What SDP held, as far as the last sync agreed: written there, or read there as the source. */
  lastAgreedWithSdp: SyncedValues;
  /** The same for the Flashduty incident. */
  lastAgreedWithFlashduty: SyncedValues;
  /** Milliseconds since 1970. */
  updatedAt: number;
}

/** Updates to merge into a link's records once the operation carrying them has succeeded. */
export interface LinkRecords {
  sdp: SyncedValues;
  flashduty: SyncedValues;
}

export type ChangeOrigin = 'webhook' | 'poll' | 'manual' | 'custom_action' | 'retry';

/** A doorbell: which entity on which side may have changed. Webhook bodies never carry data into the plan. */
export interface ChangeHint {
  side: Side;
  /** Incident ID (side flashduty) or request ID (side sdp). */
  id: string;
  origin: ChangeOrigin;
}

export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

/** What a write sets on an SDP request: the stored form of a planned write, shaped for SDP beside its client. */
export type { RequestFields, SdpPersonRef } from '../sdp/request-body';

export type IncidentIdMarkerWrite = { kind: 'udf'; key: string; value: string } | { kind: 'description'; text: string };
export type RequestIdMarkerWrite =
  { kind: 'custom_field'; name: string; value: string } | { kind: 'label'; key: string; value: string };

interface OpBase {
  /** Explanation for the log, e.g. how a conflict was decided. */
  note?: Message;
}
/** A write to a linked pair; `records` are merged into the link once it succeeded. */
interface PairWrite extends OpBase {
  incidentId: string;
  requestId: string;
  records: LinkRecords;
  changes: FieldChange[];
}

export type Operation =
  | (OpBase & {
      type: 'create_request';
      incidentId: string;
      /** Before creating, search SDP for this marker; if a request has it, link that one instead. */
      marker: IncidentIdMarkerWrite;
      request: RequestFields & {
        subject: string;
        description: string;
        status: string;
        /** Template name; null = SDP's default template. */
        template: string | null;
        /** Requester name or email; null = not sent. */
        requester: SdpPersonRef | null;
        /** Filled after creation when the incident was already closed. */
        resolution: string | null;
      };
      records: LinkRecords;
    })
  | (PairWrite & { type: 'update_request_fields'; fields: RequestFields })
  | (PairWrite & { type: 'change_request_status'; status: string })
  | (PairWrite & { type: 'set_request_resolution'; content: string })
  | (OpBase & { type: 'add_request_note'; incidentId: string; requestId: string; commentId: string; text: string })
  | (OpBase & {
      type: 'create_incident';
      requestId: string;
      /** Before creating, look for an incident carrying this marker; if one has it, link that one instead. */
      marker: RequestIdMarkerWrite;
      incident: {
        title: string;
        description: string;
        severity: Severity;
        /** null = standalone incident. */
        channelId: string | null;
        fields: Record<string, string>;
      };
      /** Flashduty state to reach right after creation (e.g. snooze an On Hold request). */
      state: IncidentState;
      snoozeMinutes: number;
      records: LinkRecords;
    })
  | (PairWrite & { type: 'ack' })
  | (PairWrite & { type: 'unack' })
  | (PairWrite & { type: 'snooze'; minutes: number })
  | (PairWrite & { type: 'wake' })
  | (PairWrite & { type: 'resolve'; rootCause: string | null; resolution: string | null })
  | (PairWrite & { type: 'reopen'; reason: string })
  | (PairWrite & { type: 'reset_incident'; title?: string; description?: string; severity?: Severity })
  | (PairWrite & { type: 'set_incident_field'; fieldName: string; value: string })
  /** The linked request's number and link, written to the incident's field (see requestLinkText). */
  | (PairWrite & { type: 'set_request_link'; fieldName: string; value: string })
  | (OpBase & { type: 'add_incident_comment'; incidentId: string; requestId: string; noteId: string; text: string })
  /** No API call: the pair agrees but the link's records are stale (or the link is new); merge these. */
  | (OpBase & { type: 'record_link'; incidentId: string; requestId: string; records: LinkRecords })
  | (OpBase & { type: 'skip'; code: SkipCode; reason: Message; counterpartId?: string })
  | (OpBase & { type: 'fail'; code: FailCode; reason: Message });

export type SkipCode =
  /**
   * Never planned: the outbox row that keeps an entity owed a pass (its read failed, or the
   * integration may not write now). It writes nothing; the resume re-reads and re-plans the entity.
   */
  | 'reread'
  /** Turned off in its config (`enabled: false`): nothing is planned until it is enabled again. */
  | 'disabled'
  | 'direction'
  | 'out_of_scope'
  | 'conditions_not_met'
  | 'manual_trigger'
  | 'closed_before_sync'
  /** The source carries the other side's marker but no link exists yet: link `counterpartId` and plan again. */
  | 'await_link'
  /** A conflict the other side won; its own change will be synced from there. */
  | 'conflict_lost'
  | 'wrong_source'
  /** The link exists but the linked entity could not be read (deleted, or no access). */
  | 'target_missing';

/** Permanent until the config or SDP changes; the runner parks these as failed with the reason. */
export type FailCode =
  | 'assignee_missing'
  | 'group_missing'
  | 'requester_required'
  | 'template_missing'
  | 'template_fields_missing'
  | 'priority_missing'
  | 'status_missing'
  | 'udf_missing'
  | 'udf_not_text';
