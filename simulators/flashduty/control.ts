import { z } from 'zod';
import type { FlashdutySimulator } from './index';
import { SimFault } from './faults';
import { renderIncident } from './store';

/** Control bodies arrive through the lossless parser, so IDs may be numbers or digit strings. */
const id = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(String);
const severity = z.enum(['Critical', 'Warning', 'Info']);
const personed = z.object({ person_id: id.optional() });

const routes = {
  incident: z.strictObject({
    title: z.string().min(1),
    severity: severity.optional(),
    channel_id: id.optional(),
    labels: z.record(z.string(), z.string()).optional(),
    description: z.string().optional(),
    start_time: z.number().int().nonnegative().optional(),
  }),
  snooze: personed.extend({ minutes: z.number().int().min(1).max(1440).default(120) }),
  resolve: personed.extend({ root_cause: z.string().optional(), resolution: z.string().optional() }),
  comment: personed.extend({ comment: z.string().min(1) }),
  reset: personed.extend({
    title: z.string().optional(),
    description: z.string().optional(),
    impact: z.string().optional(),
    root_cause: z.string().optional(),
    resolution: z.string().optional(),
    incident_severity: severity.optional(),
  }),
  field: personed.extend({ field_name: z.string().min(1), field_value: z.unknown().optional() }),
  webhook: z.strictObject({
    url: z.url(),
    headers: z.record(z.string(), z.string()).default({}),
    channel_ids: z.array(id).optional(),
    event_types: z.array(z.string()).optional(),
  }),
  behaviour: z.strictObject({ duplicate: z.boolean().optional(), reorder: z.boolean().optional() }),
  customAction: z.strictObject({
    incident_id: z.string(),
    url: z.url(),
    headers: z.record(z.string(), z.string()).default({}),
    person_id: id.optional(),
    event_id_in_incident: z.boolean().optional(),
  }),
  latency: z.strictObject({ ms: z.number().int().nonnegative() }),
  rate: z.strictObject({ rate: z.number().min(0).max(1) }),
  advance: z.strictObject({ ms: z.number().int().nonnegative() }),
};

export interface ControlReply {
  status: number;
  body: unknown;
}

/**
 * The `/_sim/` HTTP control API; each route mirrors an in-process method of the simulator.
 * Throws ZodError or an Error for bad input; the server turns those into 400.
 */
export function handleControl(sim: FlashdutySimulator, method: string, path: string, body: unknown): ControlReply {
  const ok = (value: unknown = { ok: true }, status = 200): ControlReply => ({ status, body: value });
  const done = (run: () => void, status = 200): ControlReply => {
    run();
    return ok(undefined, status);
  };
  let m: RegExpExecArray | null;
  if (path === 'incidents' && method === 'POST') {
    const b = routes.incident.parse(body);
    const incident = sim.createIncident({
      title: b.title,
      ...(b.severity ? { severity: b.severity } : {}),
      ...(b.channel_id ? { channelId: b.channel_id } : {}),
      ...(b.labels ? { labels: b.labels } : {}),
      ...(b.description !== undefined ? { description: b.description } : {}),
      ...(b.start_time !== undefined ? { startTime: b.start_time } : {}),
    });
    return ok(renderIncident(incident), 201);
  }
  if (path === 'incidents' && method === 'GET') return ok(sim.incidents().map(renderIncident));
  if ((m = /^incidents\/([0-9a-fA-F]{24})$/.exec(path)) && method === 'GET') return ok(sim.renderIncident(m[1]!));
  if ((m = /^incidents\/([0-9a-fA-F]{24})\/([a-z]+)$/.exec(path)) && method === 'POST') {
    const incidentId = m[1]!;
    const person = personed.parse(body).person_id;
    switch (m[2]) {
      case 'ack':
        sim.ack(incidentId, person);
        break;
      case 'unack':
        sim.unack(incidentId, person);
        break;
      case 'snooze':
        sim.snooze(incidentId, routes.snooze.parse(body).minutes, person);
        break;
      case 'wake':
        sim.wake(incidentId, person);
        break;
      case 'resolve': {
        const { root_cause, resolution } = routes.resolve.parse(body);
        sim.resolve(
          incidentId,
          { ...(root_cause !== undefined ? { root_cause } : {}), ...(resolution !== undefined ? { resolution } : {}) },
          person,
        );
        break;
      }
      case 'reopen':
        sim.reopen(incidentId, person);
        break;
      case 'comment':
        sim.comment(incidentId, routes.comment.parse(body).comment, person);
        break;
      case 'reset': {
        const { person_id: _p, ...input } = routes.reset.parse(body);
        sim.reset(incidentId, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)), person);
        break;
      }
      case 'field': {
        const f = routes.field.parse(body);
        sim.setField(incidentId, f.field_name, f.field_value, person);
        break;
      }
      default:
        return { status: 404, body: { error: `no incident action ${m[2]}` } };
    }
    return ok(sim.renderIncident(incidentId));
  }
  if (path === 'webhooks' && method === 'POST') {
    const w = routes.webhook.parse(body);
    const subscription = sim.subscribe({
      url: w.url,
      headers: w.headers,
      ...(w.channel_ids ? { channelIds: w.channel_ids } : {}),
      ...(w.event_types ? { eventTypes: w.event_types } : {}),
    });
    return ok({ id: subscription }, 201);
  }
  if ((m = /^webhooks\/(wh-[0-9a-f]+)$/.exec(path)) && method === 'DELETE') {
    sim.unsubscribe(m[1]!);
    return ok();
  }
  if (path === 'webhooks/behaviour' && method === 'PUT')
    return done(() => sim.setDelivery(routes.behaviour.parse(body)));
  if (path === 'webhooks/flush' && method === 'POST') return done(() => sim.flushWebhooks());
  if (path === 'webhook-deliveries' && method === 'GET') return ok(sim.deliveries());
  if (path === 'custom-action' && method === 'POST') {
    const c = routes.customAction.parse(body);
    const eventId = sim.fireCustomAction({
      incidentId: c.incident_id,
      url: c.url,
      headers: c.headers,
      ...(c.person_id ? { personId: c.person_id } : {}),
      ...(c.event_id_in_incident !== undefined ? { eventIdInIncident: c.event_id_in_incident } : {}),
    });
    return ok({ event_id: eventId }, 201);
  }
  if (path === 'faults' && method === 'POST') return done(() => sim.injectFault(SimFault.parse(body)), 201);
  if (path === 'faults' && method === 'DELETE') return done(() => sim.clearFaults());
  if (path === 'latency' && method === 'PUT') return done(() => sim.setLatency(routes.latency.parse(body).ms));
  if (path === 'server-error-rate' && method === 'PUT')
    return done(() => sim.setServerErrorRate(routes.rate.parse(body).rate));
  if (path === 'clock/advance' && method === 'POST') {
    sim.advanceClock(routes.advance.parse(body).ms);
    return ok({ now: sim.now() });
  }
  if (path === 'calls' && method === 'GET') return ok(sim.calls());
  if (path === 'calls' && method === 'DELETE') return done(() => sim.clearCalls());
  return { status: 404, body: { error: `no control route ${method} /_sim/${path}` } };
}
