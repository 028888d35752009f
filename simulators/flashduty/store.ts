import { randomBytes } from 'node:crypto';
import {
  SimApiError,
  fresh,
  invalidParameter,
  type AlertIncidentInput,
  type ManualIncidentInput,
  type ResetInput,
  type SimAlert,
  type SimEvent,
  type SimIncident,
} from './model';
import { CHANNELS, FIELDS, INTEGRATION_ID, MEMBERS } from './seed';

export * from './model';
export { renderAlerts, renderIncident, renderPerson } from './render';

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
    const incident = this.insert(
      fresh({
        channelId: channel?.channel_id ?? '0',
        title: input.title,
        description: input.description ?? '',
        severity,
        start,
        now,
        creatorId: '0',
        dedupKey: `sim:${hex(4)}`,
        labels: input.labels ?? {},
        responders: channel?.default_responders ?? [],
        alerts: [alert],
      }),
    );
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
    const incident = this.insert(
      fresh({
        channelId: channel?.channel_id ?? '0',
        title: input.title,
        description: input.description ?? '',
        severity: input.severity,
        start: now,
        now,
        creatorId: personId,
        dedupKey: '',
        labels: {},
        responders,
        alerts: [],
      }),
    );
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

  /**
   * One responder action over a batch: `step` changes an incident and returns the feed detail, or
   * undefined where the action does not apply (nothing changes, no event).
   */
  private batch(
    ids: readonly string[],
    type: string,
    personId: string,
    step: (incident: SimIncident, now: number) => Record<string, unknown> | undefined,
  ): SimEvent[] {
    const events: SimEvent[] = [];
    for (const incident of this.many(ids)) {
      const detail = step(incident, this.nowSec());
      if (detail === undefined) continue;
      this.touch(incident);
      this.feed(incident, type, detail, personId);
      events.push({ type, incidentId: incident.incident_id, personId });
    }
    return events;
  }

  ack(ids: readonly string[], personId: string): SimEvent[] {
    return this.batch(ids, 'i_ack', personId, (incident, now) => {
      if (incident.progress === 'Closed') return undefined;
      let responder = incident.responders.find((r) => r.person_id === personId);
      if (!responder) {
        responder = { person_id: personId, assigned_at: now, acknowledged_at: 0 };
        incident.responders.push(responder);
      }
      if (responder.acknowledged_at > 0) return undefined;
      responder.acknowledged_at = now;
      if (incident.progress === 'Triggered') {
        incident.progress = 'Processing';
        incident.ack_time = now;
      }
      return { progress: incident.progress };
    });
  }

  unack(ids: readonly string[], personId: string): SimEvent[] {
    return this.batch(ids, 'i_unack', personId, (incident) => {
      const responder = incident.responders.find((r) => r.person_id === personId && r.acknowledged_at > 0);
      if (incident.progress !== 'Processing' || !responder) return undefined;
      responder.acknowledged_at = 0;
      if (!incident.responders.some((r) => r.acknowledged_at > 0)) {
        incident.progress = 'Triggered';
        incident.ack_time = 0;
      }
      return { progress: incident.progress };
    });
  }

  snooze(ids: readonly string[], minutes: number, personId: string): SimEvent[] {
    return this.batch(ids, 'i_snooze', personId, (incident, now) => {
      if (incident.progress === 'Closed') return undefined;
      incident.snoozed_before = now + minutes * 60;
      return { minutes };
    });
  }

  wake(ids: readonly string[], personId: string): SimEvent[] {
    return this.batch(ids, 'i_wake', personId, (incident) => {
      if (incident.snoozed_before === 0) return undefined;
      const detail = { snoozedBefore: incident.snoozed_before };
      incident.snoozed_before = 0;
      return detail;
    });
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
    return this.batch(ids, 'i_rslv', personId, (incident, now) => {
      if (incident.progress === 'Closed') return undefined;
      incident.progress = 'Closed';
      incident.close_time = now;
      incident.closer_id = personId;
      incident.snoozed_before = 0;
      if (detail.root_cause !== undefined) incident.root_cause = detail.root_cause;
      if (detail.resolution !== undefined) incident.resolution = detail.resolution;
      return { from: 'console' };
    });
  }

  reopen(ids: readonly string[], reason: string | undefined, personId: string): SimEvent[] {
    return this.batch(ids, 'i_reopen', personId, (incident) => {
      if (incident.progress !== 'Closed') return undefined;
      incident.progress = 'Triggered';
      incident.close_time = 0;
      incident.closer_id = '0';
      incident.ack_time = 0;
      incident.assign_type = 'reopen';
      for (const r of incident.responders) r.acknowledged_at = 0;
      return { reason: reason ?? '' };
    });
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
