import { z } from 'zod';
import type { ControlReply } from '../http';
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

type Action = (sim: FlashdutySimulator, incidentId: string, body: unknown, person: string | undefined) => void;

/** `POST /_sim/incidents/<id>/<action>`: a responder's action, as `person_id` (Bob when absent). */
const INCIDENT_ACTIONS: Record<string, Action> = {
  ack: (sim, id, _body, person) => sim.ack(id, person),
  unack: (sim, id, _body, person) => sim.unack(id, person),
  snooze: (sim, id, body, person) => sim.snooze(id, routes.snooze.parse(body).minutes, person),
  wake: (sim, id, _body, person) => sim.wake(id, person),
  resolve: (sim, id, body, person) => {
    const { root_cause, resolution } = routes.resolve.parse(body);
    const detail = {
      ...(root_cause !== undefined ? { root_cause } : {}),
      ...(resolution !== undefined ? { resolution } : {}),
    };
    sim.resolve(id, detail, person);
  },
  reopen: (sim, id, _body, person) => sim.reopen(id, person),
  comment: (sim, id, body, person) => sim.comment(id, routes.comment.parse(body).comment, person),
  reset: (sim, id, body, person) => {
    const { person_id: _p, ...input } = routes.reset.parse(body);
    sim.reset(id, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)), person);
  },
  field: (sim, id, body, person) => {
    const f = routes.field.parse(body);
    sim.setField(id, f.field_name, f.field_value, person);
  },
};

const ok = (value: unknown = { ok: true }, status = 200): ControlReply => ({ status, body: value });
const done = (run: () => void, status = 200): ControlReply => {
  run();
  return ok(undefined, status);
};

type Route = [method: string, path: RegExp, run: (sim: FlashdutySimulator, body: unknown, m: string[]) => ControlReply];

const ROUTES: Route[] = [
  [
    'POST',
    /^incidents$/,
    (sim, body) => {
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
    },
  ],
  ['GET', /^incidents$/, (sim) => ok(sim.incidents().map(renderIncident))],
  ['GET', /^incidents\/([0-9a-fA-F]{24})$/, (sim, _body, m) => ok(sim.renderIncident(m[1]!))],
  [
    'POST',
    /^incidents\/([0-9a-fA-F]{24})\/([a-z]+)$/,
    (sim, body, [, incidentId, name]) => {
      const person = personed.parse(body).person_id;
      const action = Object.hasOwn(INCIDENT_ACTIONS, name!) ? INCIDENT_ACTIONS[name!] : undefined;
      if (!action) return { status: 404, body: { error: `no incident action ${name}` } };
      action(sim, incidentId!, body, person);
      return ok(sim.renderIncident(incidentId!));
    },
  ],
  [
    'POST',
    /^webhooks$/,
    (sim, body) => {
      const w = routes.webhook.parse(body);
      const subscription = sim.subscribe({
        url: w.url,
        headers: w.headers,
        ...(w.channel_ids ? { channelIds: w.channel_ids } : {}),
        ...(w.event_types ? { eventTypes: w.event_types } : {}),
      });
      return ok({ id: subscription }, 201);
    },
  ],
  ['DELETE', /^webhooks\/(wh-[0-9a-f]+)$/, (sim, _body, m) => done(() => sim.unsubscribe(m[1]!))],
  ['PUT', /^webhooks\/behaviour$/, (sim, body) => done(() => sim.setDelivery(routes.behaviour.parse(body)))],
  ['POST', /^webhooks\/flush$/, (sim) => done(() => sim.flushWebhooks())],
  ['GET', /^webhook-deliveries$/, (sim) => ok(sim.deliveries())],
  [
    'POST',
    /^custom-action$/,
    (sim, body) => {
      const c = routes.customAction.parse(body);
      const eventId = sim.fireCustomAction({
        incidentId: c.incident_id,
        url: c.url,
        headers: c.headers,
        ...(c.person_id ? { personId: c.person_id } : {}),
        ...(c.event_id_in_incident !== undefined ? { eventIdInIncident: c.event_id_in_incident } : {}),
      });
      return ok({ event_id: eventId }, 201);
    },
  ],
  ['POST', /^faults$/, (sim, body) => done(() => sim.injectFault(SimFault.parse(body)), 201)],
  ['DELETE', /^faults$/, (sim) => done(() => sim.clearFaults())],
  ['PUT', /^latency$/, (sim, body) => done(() => sim.setLatency(routes.latency.parse(body).ms))],
  ['PUT', /^server-error-rate$/, (sim, body) => done(() => sim.setServerErrorRate(routes.rate.parse(body).rate))],
  [
    'POST',
    /^clock\/advance$/,
    (sim, body) => {
      sim.advanceClock(routes.advance.parse(body).ms);
      return ok({ now: sim.now() });
    },
  ],
  ['GET', /^calls$/, (sim) => ok(sim.calls())],
  ['DELETE', /^calls$/, (sim) => done(() => sim.clearCalls())],
];

/**
 * The `/_sim/` HTTP control API; each route mirrors an in-process method of the simulator.
 * Throws ZodError or an Error for bad input; the server turns those into 400.
 */
export function handleControl(sim: FlashdutySimulator, method: string, path: string, body: unknown): ControlReply {
  for (const [routeMethod, pattern, run] of ROUTES) {
    const m = routeMethod === method ? pattern.exec(path) : null;
    if (m) return run(sim, body, [...m]);
  }
  return { status: 404, body: { error: `no control route ${method} /_sim/${path}` } };
}
