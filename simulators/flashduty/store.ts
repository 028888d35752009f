import { randomBytes } from 'node:crypto';
import { jsonInt } from '../../shared/node/flashduty/lossless-json';
import { ACCOUNT, CHANNELS, FIELDS, INTEGRATION_ID, MEMBERS } from './seed';

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

interface Responder {
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

const RESET_EVENTS: Record<keyof ResetInput, string> = {
  title: 'i_r_title',
  description: 'i_r_desc',
  impact: 'i_r_impact',
  root_cause: 'i_r_rc',
  resolution: 'i_r_rsltn',
  incident_severity: 'i_r_severity',
};

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export class IncidentStore {
  private readonly incidents = new Map<string, SimIncident>();

  constructor(private readonly nowMs: () => number) {}

  private nowSec(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  private newId(startTime: number): string {
    for (;;) {
      const id = startTime.toString(16).padStart(8, '0').slice(-8) + hex(8);
      if (!this.incidents.has(id)) return id;
    }
  }

  all(): SimIncident[] {
    return [...this.incidents.values()];
  }

  get(incidentId: string): SimIncident {
    const incident = this.incidents.get(incidentId.toLowerCase());
    if (!incident) throw new SimApiError(400, 'ResourceNotFound', 'The resource you request is not found.');
    return incident;
  }

  find(incidentId: string): SimIncident | undefined {
    return this.incidents.get(incidentId.toLowerCase());
  }

  private insert(base: Omit<SimIncident, 'incident_id' | 'num'>): SimIncident {
    const incident_id = this.newId(base.start_time);
    const incident: SimIncident = { incident_id, num: incident_id.slice(-6).toUpperCase(), ...base };
    this.incidents.set(incident_id, incident);
    return incident;
  }

  private channel(channelId: string | undefined) {
    if (channelId === undefined || channelId === '0') return undefined;
    const channel = CHANNELS.find((c) => c.channel_id === channelId);
    if (!channel) throw invalidParameter('channel_id', `no channel ${channelId}`);
    return channel;
  }

  private feed(incident: SimIncident, type: string, detail: Record<string, unknown>, personId?: string): void {
    incident.feed.push({ type, detail, creator_id: personId ?? '0', created_at: this.nowMs() });
  }

  /** As an alert integration would: labels, a dedup key, the channel's default responders. */
  createFromAlert(input: AlertIncidentInput): { incident: SimIncident; events: SimEvent[] } {
    const channel = this.channel(input.channelId);
    const now = this.nowSec();
    const start = input.startTime ?? now;
    const severity = input.severity ?? 'Warning';
    const alert: SimAlert = {
      alert_id: hex(12),
      title: input.title,
      alert_severity: severity,
      alert_status: severity,
      progress: 'Triggered',
      labels: input.labels ?? {},
      start_time: start,
    };
    const incident = this.insert({
      channel_id: channel?.channel_id ?? '0',
      title: input.title,
      description: input.description ?? '',
      impact: '',
      root_cause: '',
      resolution: '',
      incident_severity: severity,
      progress: 'Triggered',
      start_time: start,
      last_time: start,
      end_time: 0,
      ack_time: 0,
      close_time: 0,
      created_at: now,
      updated_at: now,
      snoozed_before: 0,
      creator_id: '0',
      closer_id: '0',
      dedup_key: `sim:${hex(4)}`,
      labels: input.labels ?? {},
      fields: {},
      responders: (channel?.default_responders ?? []).map((person_id) => ({
        person_id,
        assigned_at: now,
        acknowledged_at: 0,
      })),
      assign_type: 'assign',
      manual_overrides: [],
      alerts: [alert],
      feed: [],
    });
    this.feed(incident, 'i_new', { severity, title: input.title });
    return { incident, events: [{ type: 'i_new', incidentId: incident.incident_id }] };
  }

  createManual(input: ManualIncidentInput, personId: string): { incident: SimIncident; events: SimEvent[] } {
    const channel = this.channel(input.channelId);
    for (const id of input.assignedPersonIds ?? []) {
      if (!MEMBERS.some((m) => m.member_id === id)) throw invalidParameter('assigned_to.person_ids', `no member ${id}`);
    }
    const now = this.nowSec();
    const responders = input.assignedPersonIds ?? channel?.default_responders ?? [];
    const incident = this.insert({
      channel_id: channel?.channel_id ?? '0',
      title: input.title,
      description: input.description ?? '',
      impact: '',
      root_cause: '',
      resolution: '',
      incident_severity: input.severity,
      progress: 'Triggered',
      start_time: now,
      last_time: now,
      end_time: 0,
      ack_time: 0,
      close_time: 0,
      created_at: now,
      updated_at: now,
      snoozed_before: 0,
      creator_id: personId,
      closer_id: '0',
      dedup_key: '',
      labels: {},
      fields: {},
      responders: responders.map((person_id) => ({ person_id, assigned_at: now, acknowledged_at: 0 })),
      assign_type: 'assign',
      manual_overrides: [],
      alerts: [],
      feed: [],
    });
    this.feed(incident, 'i_new', { severity: input.severity, title: input.title }, personId);
    return { incident, events: [{ type: 'i_new', incidentId: incident.incident_id, personId }] };
  }

  /** Resolves every ID first so a batch with one unknown ID changes nothing. */
  private many(ids: readonly string[]): SimIncident[] {
    return [...new Set(ids.map((id) => id.toLowerCase()))].map((id) => this.get(id));
  }

  private touch(incident: SimIncident): void {
    incident.updated_at = this.nowSec();
  }

  ack(ids: readonly string[], personId: string): SimEvent[] {
    const events: SimEvent[] = [];
    for (const incident of this.many(ids)) {
      if (incident.progress === 'Closed') continue;
      const now = this.nowSec();
      let responder = incident.responders.find((r) => r.person_id === personId);
      if (!responder) {
        responder = { person_id: personId, assigned_at: now, acknowledged_at: 0 };
        incident.responders.push(responder);
      }
      if (responder.acknowledged_at > 0) continue;
      responder.acknowledged_at = now;
      if (incident.progress === 'Triggered') {
        incident.progress = 'Processing';
        incident.ack_time = now;
      }
      this.touch(incident);
      this.feed(incident, 'i_ack', { progress: incident.progress }, personId);
      events.push({ type: 'i_ack', incidentId: incident.incident_id, personId });
    }
    return events;
  }

  unack(ids: readonly string[], personId: string): SimEvent[] {
    const events: SimEvent[] = [];
    for (const incident of this.many(ids)) {
      const responder = incident.responders.find((r) => r.person_id === personId && r.acknowledged_at > 0);
      if (incident.progress !== 'Processing' || !responder) continue;
      responder.acknowledged_at = 0;
      if (!incident.responders.some((r) => r.acknowledged_at > 0)) {
        incident.progress = 'Triggered';
        incident.ack_time = 0;
      }
      this.touch(incident);
      this.feed(incident, 'i_unack', { progress: incident.progress }, personId);
      events.push({ type: 'i_unack', incidentId: incident.incident_id, personId });
    }
    return events;
  }

  snooze(ids: readonly string[], minutes: number, personId: string): SimEvent[] {
    const events: SimEvent[] = [];
    for (const incident of this.many(ids)) {
      if (incident.progress === 'Closed') continue;
      incident.snoozed_before = this.nowSec() + minutes * 60;
      this.touch(incident);
      this.feed(incident, 'i_snooze', { minutes }, personId);
      events.push({ type: 'i_snooze', incidentId: incident.incident_id, personId });
    }
    return events;
  }

  wake(ids: readonly string[], personId: string): SimEvent[] {
    const events: SimEvent[] = [];
    for (const incident of this.many(ids)) {
      if (incident.snoozed_before === 0) continue;
      this.feed(incident, 'i_wake', { snoozedBefore: incident.snoozed_before }, personId);
      incident.snoozed_before = 0;
      this.touch(incident);
      events.push({ type: 'i_wake', incidentId: incident.incident_id, personId });
    }
    return events;
  }

  /** A lapsed snooze puts an open incident back to Triggered, as the console does. */
  expireSnoozes(): SimEvent[] {
    const now = this.nowSec();
    const events: SimEvent[] = [];
    for (const incident of this.incidents.values()) {
      if (incident.snoozed_before === 0 || incident.snoozed_before > now) continue;
      this.feed(incident, 'i_wake', { snoozedBefore: incident.snoozed_before });
      incident.snoozed_before = 0;
      if (incident.progress !== 'Closed') {
        incident.progress = 'Triggered';
        incident.ack_time = 0;
        for (const r of incident.responders) r.acknowledged_at = 0;
      }
      this.touch(incident);
      events.push({ type: 'i_wake', incidentId: incident.incident_id });
    }
    return events;
  }

  resolve(ids: readonly string[], detail: { root_cause?: string; resolution?: string }, personId: string): SimEvent[] {
    const events: SimEvent[] = [];
    for (const incident of this.many(ids)) {
      if (incident.progress === 'Closed') continue;
      const now = this.nowSec();
      incident.progress = 'Closed';
      incident.close_time = now;
      incident.closer_id = personId;
      incident.snoozed_before = 0;
      if (detail.root_cause !== undefined) incident.root_cause = detail.root_cause;
      if (detail.resolution !== undefined) incident.resolution = detail.resolution;
      this.touch(incident);
      this.feed(incident, 'i_rslv', { from: 'console' }, personId);
      events.push({ type: 'i_rslv', incidentId: incident.incident_id, personId });
    }
    return events;
  }

  reopen(ids: readonly string[], reason: string | undefined, personId: string): SimEvent[] {
    const events: SimEvent[] = [];
    for (const incident of this.many(ids)) {
      if (incident.progress !== 'Closed') continue;
      incident.progress = 'Triggered';
      incident.close_time = 0;
      incident.closer_id = '0';
      incident.ack_time = 0;
      incident.assign_type = 'reopen';
      for (const r of incident.responders) r.acknowledged_at = 0;
      this.touch(incident);
      this.feed(incident, 'i_reopen', { reason: reason ?? '' }, personId);
      events.push({ type: 'i_reopen', incidentId: incident.incident_id, personId });
    }
    return events;
  }

  reset(incidentId: string, input: ResetInput, personId: string): SimEvent[] {
    const incident = this.get(incidentId);
    const events: SimEvent[] = [];
    for (const key of Object.keys(RESET_EVENTS) as (keyof ResetInput)[]) {
      const to = input[key];
      if (to === undefined || to === incident[key]) continue;
      const from = incident[key];
      (incident as unknown as Record<string, unknown>)[key] = to;
      if (!incident.manual_overrides.includes(key)) incident.manual_overrides.push(key);
      this.feed(incident, RESET_EVENTS[key], { from, to }, personId);
      events.push({ type: RESET_EVENTS[key], incidentId: incident.incident_id, personId });
    }
    if (events.length > 0) this.touch(incident);
    return events;
  }

  /**
   * Checks the value against the field's type; `undefined` removes the value. The field must be one
   * defined on the account and the value of its type (https://docs.flashcat.cloud/en/api-reference/on-call/incidents/incident-field-reset);
   * text up to 3,000 characters, select values among the options (https://docs.flashcat.cloud/en/on-call/configuration/custom-fields).
   */
  resetField(incidentId: string, fieldName: string, value: unknown, personId: string): SimEvent[] {
    const incident = this.get(incidentId);
    const field = FIELDS.find((f) => f.field_name === fieldName);
    if (!field) throw invalidParameter('field_name', `no custom field named ${fieldName}`);
    if (value !== undefined) {
      const options = field.options ?? [];
      const ok =
        field.field_type === 'text'
          ? typeof value === 'string' && value.length <= 3000
          : field.field_type === 'single_select'
            ? typeof value === 'string' && options.includes(value)
            : field.field_type === 'multi_select'
              ? Array.isArray(value) && value.every((v) => typeof v === 'string' && options.includes(v))
              : typeof value === 'boolean';
      if (!ok) throw invalidParameter('field_value', `not a valid ${field.field_type} value for ${fieldName}`);
      incident.fields[fieldName] = value;
    } else {
      delete incident.fields[fieldName];
    }
    this.touch(incident);
    this.feed(incident, 'i_r_field', { field_name: fieldName, to: value ?? null }, personId);
    return [{ type: 'i_r_field', incidentId: incident.incident_id, personId }];
  }

  comment(ids: readonly string[], comment: string, muteReply: boolean, personId: string): SimEvent[] {
    return this.many(ids).map((incident) => {
      this.feed(incident, 'i_comm', { comment, mute_reply: muteReply }, personId);
      return { type: 'i_comm', incidentId: incident.incident_id, personId };
    });
  }

  customAction(incidentId: string, personId: string): SimEvent {
    const incident = this.get(incidentId);
    this.feed(incident, 'i_custom', { integration_id: INTEGRATION_ID, integration_name: 'DeskBridge' }, personId);
    return { type: 'i_custom', incidentId: incident.incident_id, personId };
  }
}

/** The `{person_id, person_name, email}` shape webhooks and incidents use for people. */
export const renderPerson = (personId: string) => {
  const member = MEMBERS.find((m) => m.member_id === personId);
  return { person_id: jsonInt(personId), person_name: member?.member_name ?? '', email: member?.email ?? '' };
};

/** The wire form of an incident (IncidentInfo), int64 IDs written as exact JSON numbers. */
export function renderIncident(incident: SimIncident): Record<string, unknown> {
  const channel = CHANNELS.find((c) => c.channel_id === incident.channel_id);
  const manual = incident.dedup_key === '';
  return {
    incident_id: incident.incident_id,
    num: incident.num,
    account_id: jsonInt(ACCOUNT.account_id),
    account_name: ACCOUNT.account_name,
    channel_id: jsonInt(incident.channel_id),
    channel_name: channel?.channel_name ?? '',
    channel_status: channel ? 'enabled' : '',
    integration_id: jsonInt(manual ? '0' : INTEGRATION_ID),
    integration_ids: manual ? [] : [jsonInt(INTEGRATION_ID)],
    integration_types: manual ? [] : ['monit.alert'],
    dedup_key: incident.dedup_key,
    equals_md5: '',
    title: incident.title,
    description: incident.description,
    impact: incident.impact,
    root_cause: incident.root_cause,
    resolution: incident.resolution,
    ai_summary: '',
    incident_severity: incident.incident_severity,
    incident_status: incident.progress === 'Closed' ? 'Ok' : incident.incident_severity,
    progress: incident.progress,
    start_time: incident.start_time,
    last_time: incident.last_time,
    end_time: incident.end_time,
    ack_time: incident.ack_time,
    close_time: incident.close_time,
    created_at: incident.created_at,
    updated_at: incident.updated_at,
    snoozed_before: incident.snoozed_before,
    creator_id: jsonInt(incident.creator_id),
    closer_id: jsonInt(incident.closer_id),
    owner_id: jsonInt(0),
    ...(incident.creator_id !== '0' ? { creator: renderPerson(incident.creator_id) } : {}),
    ...(incident.closer_id !== '0' ? { closer: renderPerson(incident.closer_id) } : {}),
    assigned_to: {
      person_ids: incident.responders.map((r) => jsonInt(r.person_id)),
      escalate_rule_id: '000000000000000000000000',
      escalate_rule_name: '',
      layer_idx: 0,
      type: incident.assign_type,
      assigned_at: incident.responders[0]?.assigned_at ?? 0,
      id: incident.incident_id.slice(0, 22),
    },
    responders: incident.responders.map((r) => ({
      ...renderPerson(r.person_id),
      assigned_at: r.assigned_at,
      acknowledged_at: r.acknowledged_at,
    })),
    labels: incident.labels,
    fields: incident.fields,
    group_method: 'n',
    ever_muted: false,
    frequency: 'rare',
    alert_cnt: incident.alerts.length,
    active_alert_cnt: incident.alerts.filter((a) => a.progress === 'Triggered').length,
    alert_event_cnt: incident.alerts.length,
    detail_url: `https://app.flashcat.cloud/incident/detail/${incident.incident_id}`,
    silence_url: '',
    post_mortem_id: '',
    images: null,
    manual_overrides: incident.manual_overrides,
    account_locale: '',
    account_time_zone: '',
  };
}

export function renderAlerts(incident: SimIncident): Record<string, unknown>[] {
  return incident.alerts.map((a) => ({
    alert_id: a.alert_id,
    data_source_id: jsonInt(INTEGRATION_ID),
    title: a.title,
    description: '',
    alert_key: incident.dedup_key,
    alert_severity: a.alert_severity,
    alert_status: a.alert_status,
    progress: a.progress,
    created_at: a.start_time,
    updated_at: a.start_time,
    start_time: a.start_time,
    last_time: a.start_time,
    end_time: 0,
    close_time: 0,
    labels: a.labels,
  }));
}
