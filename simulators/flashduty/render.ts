import { jsonInt } from '../../shared/node/flashduty/lossless-json';
import type { SimIncident } from './model';
import { ACCOUNT, CHANNELS, INTEGRATION_ID, MEMBERS } from './seed';

/** Incidents, alerts and people as the Open API and webhooks write them. */

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
