import type { CustomActionInput } from './index';
import { newEventId, type WebhookSender, type WebhookSubscription } from './outbound';
import { renderAlerts, renderIncident, renderPerson, type IncidentStore, type SimEvent } from './store';

/** Outbound webhooks: each change, as a snapshot of its incident, to the subscriptions that want it. */

const WEBHOOK_TIMEOUT_MS = 2_000;
const CUSTOM_ACTION_TIMEOUT_MS = 1_000;

export type Emit = (events: SimEvent[], extra?: { customActionTarget?: CustomActionInput }) => string[];

export function createEmitter(
  store: IncidentStore,
  sender: WebhookSender,
  subscriptions: Map<string, WebhookSubscription>,
  nowMs: () => number,
): Emit {
  /** Sends the snapshot of each event to every matching subscription; returns the event IDs. */
  return function emit(events, extra = {}) {
    const ids: string[] = [];
    for (const event of events) {
      const incident = store.find(event.incidentId);
      if (!incident) continue;
      const eventId = newEventId();
      ids.push(eventId);
      const snapshot = renderIncident(incident);
      const payload = {
        event_id: eventId,
        event_type: event.type,
        event_time: nowMs(),
        ...(event.personId ? { person: renderPerson(event.personId) } : {}),
        incident: snapshot,
      };
      const outbound = { payload, eventId, eventType: event.type, incidentId: incident.incident_id };
      for (const sub of subscriptions.values()) {
        if (sub.channelIds && !sub.channelIds.includes(incident.channel_id)) continue;
        if (sub.eventTypes && !sub.eventTypes.includes(event.type)) continue;
        sender.send({ id: sub.id, url: sub.url, headers: sub.headers, timeoutMs: WEBHOOK_TIMEOUT_MS }, outbound);
      }
      const action = extra.customActionTarget;
      if (action) {
        const alerts = renderAlerts(incident);
        const body = action.eventIdInIncident
          ? {
              event_type: 'i_custom',
              event_time: payload.event_time,
              person: payload.person,
              incident: { ...snapshot, alerts, event_id: eventId },
            }
          : { ...payload, incident: { ...snapshot, alerts } };
        sender.send(
          { id: 'custom-action', url: action.url, headers: action.headers ?? {}, timeoutMs: CUSTOM_ACTION_TIMEOUT_MS },
          { ...outbound, payload: body },
        );
      }
    }
    return ids;
  };
}
