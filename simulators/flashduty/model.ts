/** The simulated account's incidents as Flashduty keeps them, and its API failures. */

export type Severity = 'Critical' | 'Warning' | 'Info';
export type Progress = 'Triggered' | 'Processing' | 'Closed';

/** A Flashduty API failure: HTTP status plus the envelope's error code and message. */
export class SimApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const invalidParameter = (parameter: string, problem: string) =>
  new SimApiError(400, 'InvalidParameter', `The specified parameter is not valid: ${parameter} (${problem}).`);

export interface Responder {
  person_id: string;
  assigned_at: number;
  acknowledged_at: number;
}

export interface FeedEntry {
  type: string;
  detail: Record<string, unknown>;
  creator_id: string;
  /** Milliseconds. */
  created_at: number;
}

export interface SimAlert {
  alert_id: string;
  title: string;
  alert_severity: Severity;
  alert_status: Severity;
  progress: 'Triggered' | 'Closed';
  labels: Record<string, string>;
  start_time: number;
}

/** All times in Unix seconds, as Flashduty stores them. */
export interface SimIncident {
  incident_id: string;
  num: string;
  channel_id: string;
  title: string;
  description: string;
  impact: string;
  root_cause: string;
  resolution: string;
  incident_severity: Severity;
  progress: Progress;
  start_time: number;
  last_time: number;
  end_time: number;
  ack_time: number;
  close_time: number;
  created_at: number;
  updated_at: number;
  snoozed_before: number;
  creator_id: string;
  closer_id: string;
  dedup_key: string;
  labels: Record<string, string>;
  fields: Record<string, unknown>;
  responders: Responder[];
  assign_type: string;
  manual_overrides: string[];
  alerts: SimAlert[];
  feed: FeedEntry[];
}

/** What changed, for outbound webhooks: one event per incident per action. */
export interface SimEvent {
  type: string;
  incidentId: string;
  /** Absent for automatic changes (alert-created incidents, snooze expiry). */
  personId?: string;
}

export interface AlertIncidentInput {
  title: string;
  severity?: Severity;
  channelId?: string;
  labels?: Record<string, string>;
  description?: string;
  /** Unix seconds; defaults to now. */
  startTime?: number;
}

export interface ManualIncidentInput {
  title: string;
  severity: Severity;
  description?: string;
  channelId?: string;
  assignedPersonIds?: string[];
}

export interface ResetInput {
  title?: string;
  description?: string;
  impact?: string;
  root_cause?: string;
  resolution?: string;
  incident_severity?: Severity;
}

/** A new, open incident: what alert-created and manual incidents share. Times in Unix seconds. */
export function fresh(o: {
  channelId: string;
  title: string;
  description: string;
  severity: Severity;
  start: number;
  now: number;
  creatorId: string;
  dedupKey: string;
  labels: Record<string, string>;
  responders: readonly string[];
  alerts: SimAlert[];
}): Omit<SimIncident, 'incident_id' | 'num'> {
  const { now } = o;
  return {
    channel_id: o.channelId,
    title: o.title,
    description: o.description,
    impact: '',
    root_cause: '',
    resolution: '',
    incident_severity: o.severity,
    progress: 'Triggered',
    start_time: o.start,
    last_time: o.start,
    end_time: 0,
    ack_time: 0,
    close_time: 0,
    created_at: now,
    updated_at: now,
    snoozed_before: 0,
    creator_id: o.creatorId,
    closer_id: '0',
    dedup_key: o.dedupKey,
    labels: o.labels,
    fields: {},
    responders: o.responders.map((person_id) => ({ person_id, assigned_at: now, acknowledged_at: 0 })),
    assign_type: 'assign',
    manual_overrides: [],
    alerts: o.alerts,
    feed: [],
  };
}
