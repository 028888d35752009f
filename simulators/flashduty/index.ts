import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { parseJsonLossless, stringifyJson } from '../../shared/node/flashduty/lossless-json';
import { redactUrl } from '../../shared/node/net/redact';
import { handleApi, isWriteRoute, validateBody, type Caller } from './api';
import {
  newEventId,
  WebhookSender,
  type DeliveryBehaviour,
  type DeliveryRecord,
  type WebhookSubscription,
} from './outbound';
import { handleControl } from './control';
import { FaultPlan, type SimFault, type SimFaultKind } from './faults';
import { SIM_ROUTES } from './schemas';
import { DEFAULT_APP_KEY, KEY_OWNERS, READ_ONLY_APP_KEY } from './seed';
import {
  IncidentStore,
  SimApiError,
  renderAlerts,
  renderIncident,
  renderPerson,
  type AlertIncidentInput,
  type ResetInput,
  type SimEvent,
  type SimIncident,
} from './store';

export type { SimFault, SimFaultKind } from './faults';
export type { AlertIncidentInput, DeliveryBehaviour, DeliveryRecord, ResetInput, SimIncident, WebhookSubscription };
export { MEMBERS, CHANNELS, TEAMS, FIELDS, ACCOUNT } from './seed';

export interface FlashdutySimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Key with full rights, acting as Alice. */
  appKey?: string;
  /** Key that may read but not manage incidents (403 AccessDenied), acting as Bob. */
  readOnlyAppKey?: string;
  /** Base clock in ms; advanceClock() adds to it. */
  now?: () => number;
  /** Server-side per-account limit; false turns it off. Defaults to Flashduty's 50/s and 1,000/min. */
  rateLimit?: { perSecond: number; perMinute: number } | false;
  /** Seed for the 5xx-rate fault's random draws, so a run is repeatable. */
  seed?: number;
}

/** One request the simulator received; the app key itself is never recorded. */
export interface SimCall {
  method: string;
  path: string;
  /** The query string with app_key redacted. */
  query: string;
  key: 'manage' | 'readOnly' | 'invalid' | 'missing';
  contentType: string;
  /** Exactly the bytes received, to check how IDs were written. */
  rawBody: string;
  /** Decoded body, int64 IDs as digit strings; undefined when not JSON. */
  body: unknown;
  status: number;
  fdCode?: string;
  requestId: string;
  /** The injected fault this call got, if any. */
  fault?: SimFaultKind;
}

export interface CustomActionInput {
  incidentId: string;
  url: string;
  headers?: Record<string, string>;
  personId?: string;
  /** Put event_id inside `incident` as Flashduty's own custom-action example does. */
  eventIdInIncident?: boolean;
}

export interface FlashdutySimulator {
  baseUrl: string;
  appKey: string;
  readOnlyAppKey: string;
  /** member_id of the user the main app key acts as. */
  appKeyOwnerId: string;
  /** Creates an incident as an alert integration would. */
  createIncident(input: AlertIncidentInput): SimIncident;
  incident(incidentId: string): SimIncident;
  incidents(): SimIncident[];
  /** Wire form (what /incident/info would return), for assertions. */
  renderIncident(incidentId: string): Record<string, unknown>;
  /**
   * Responder actions. `personId` defaults to Bob, not the app key's user (Alice), so the app
   * can tell a human's change from its own.
   */
  ack(incidentId: string, personId?: string): void;
  unack(incidentId: string, personId?: string): void;
  snooze(incidentId: string, minutes: number, personId?: string): void;
  wake(incidentId: string, personId?: string): void;
  resolve(incidentId: string, detail?: { root_cause?: string; resolution?: string }, personId?: string): void;
  reopen(incidentId: string, personId?: string): void;
  comment(incidentId: string, text: string, personId?: string): void;
  reset(incidentId: string, input: ResetInput, personId?: string): void;
  setField(incidentId: string, fieldName: string, value: unknown, personId?: string): void;
  subscribe(subscription: Omit<WebhookSubscription, 'id'>): string;
  unsubscribe(id: string): void;
  setDelivery(behaviour: Partial<DeliveryBehaviour>): void;
  /** With reordering on: release held events, newest first. */
  flushWebhooks(): void;
  /** Resolves once every queued webhook delivery has finished. */
  webhooksIdle(): Promise<void>;
  deliveries(): DeliveryRecord[];
  /** Fires an i_custom delivery at `url` (and incident webhooks subscribed to i_custom); returns its event_id. */
  fireCustomAction(input: CustomActionInput): string;
  /** Arms a fault for the next matching Open API call(s), as in the SDP simulator. */
  injectFault(fault: SimFault): void;
  /** Drops armed faults, latency and the 5xx rate. */
  clearFaults(): void;
  setLatency(ms: number): void;
  /** Fraction (0..1) of Open API calls answered 500, drawn from a seeded PRNG. */
  setServerErrorRate(rate: number): void;
  advanceClock(ms: number): void;
  /** The simulator's clock in ms (base clock plus advanceClock offsets). */
  now(): number;
  calls(): SimCall[];
  clearCalls(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const WEBHOOK_TIMEOUT_MS = 2_000;
const CUSTOM_ACTION_TIMEOUT_MS = 1_000;

const requestId = (): string => randomBytes(13).toString('hex').toUpperCase().slice(0, 26);

const MESSAGES: Record<string, string> = {
  Unauthorized: 'You are unauthorized.',
  AccessDenied: 'Access Denied.',
  RequestTooFrequently: 'Request too frequently.',
  InternalError: 'We encountered an internal error, please try again later.',
  RouteNotFound: 'The route you request is not found.',
  MethodNotAllowed: 'The method is not allowed.',
  InvalidContentType: 'The content type is not valid, application/json is required.',
  EntityTooLarge: 'The request entity is too large.',
};

function readBody(req: IncomingMessage, limit: number): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge }));
    req.on('error', reject);
  });
}

export async function startFlashdutySimulator(opts: FlashdutySimulatorOptions = {}): Promise<FlashdutySimulator> {
  const appKey = opts.appKey ?? DEFAULT_APP_KEY;
  const readOnlyAppKey = opts.readOnlyAppKey ?? READ_ONLY_APP_KEY;
  let clockOffset = 0;
  const baseNow = opts.now ?? Date.now;
  const nowMs = () => baseNow() + clockOffset;
  const store = new IncidentStore(nowMs);
  const sender = new WebhookSender();
  const subscriptions = new Map<string, WebhookSubscription>();
  const calls: SimCall[] = [];
  const faults = new FaultPlan(opts.seed);
  const limit = opts.rateLimit === undefined ? { perSecond: 50, perMinute: 1000 } : opts.rateLimit;
  const stamps: number[] = [];

  function overLimit(): boolean {
    if (limit === false) return false;
    const t = Date.now();
    while (stamps.length > 0 && stamps[0]! <= t - 60_000) stamps.shift();
    const lastSecond = stamps.filter((s) => s > t - 1000).length;
    if (lastSecond >= limit.perSecond || stamps.length >= limit.perMinute) return true;
    stamps.push(t);
    return false;
  }

  /** Sends the snapshot of each event to every matching subscription; returns the event IDs. */
  function emit(events: SimEvent[], extra: { customActionTarget?: CustomActionInput } = {}): string[] {
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
  }

  /** Snoozes lapse lazily: whenever anyone looks, as if a timer had fired. */
  function tick(): void {
    emit(store.expireSnoozes());
  }

  function responder(personId: string | undefined): string {
    return personId ?? KEY_OWNERS.readOnly;
  }

  function act(run: () => SimEvent[]): void {
    tick();
    emit(run());
  }

  function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      ...headers,
    });
    res.end(body);
  }

  async function handleOpenApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const rid = requestId();
    const { text, tooLarge } = await readBody(req, MAX_BODY_BYTES);
    const key = url.searchParams.get('app_key');
    const call: SimCall = {
      method: req.method ?? '',
      path: url.pathname,
      query: redactUrl(url.search),
      key:
        key === null || key === ''
          ? 'missing'
          : key === appKey
            ? 'manage'
            : key === readOnlyAppKey
              ? 'readOnly'
              : 'invalid',
      contentType: req.headers['content-type'] ?? '',
      rawBody: text,
      body: undefined,
      status: 0,
      requestId: rid,
    };
    calls.push(call);
    try {
      call.body = parseJsonLossless(text);
    } catch {
      call.body = undefined;
    }
    const reply = (status: number, envelope: Record<string, unknown>, headers: Record<string, string> = {}) => {
      call.status = status;
      const err = envelope.error as { code?: string } | undefined;
      if (err?.code) call.fdCode = err.code;
      send(res, status, stringifyJson({ request_id: rid, ...envelope }), { 'Flashcat-Request-Id': rid, ...headers });
    };
    const fail = (error: SimApiError) =>
      reply(error.status, { error: { code: error.code, message: error.message } }, error.headers);

    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const fault = faults.take(url.pathname);
    if (fault) {
      call.fault = fault.kind;
      const retryAfter: Record<string, string> =
        fault.retryAfterSec === undefined ? {} : { 'Retry-After': String(fault.retryAfterSec) };
      switch (fault.kind) {
        case 'dropConnection':
          call.status = -1;
          req.socket.destroy();
          return;
        case 'htmlPage':
          call.status = 200;
          return send(res, 200, '<html><body>Gateway login</body></html>', { 'Content-Type': 'text/html' });
        case 'truncatedBody':
          call.status = 200;
          return send(res, 200, `{"request_id":"${rid}","data":{"member_id":24764`);
        case 'rate429':
          return fail(new SimApiError(429, 'RequestTooFrequently', MESSAGES.RequestTooFrequently!, retryAfter));
        case 'http500':
          return fail(new SimApiError(500, 'InternalError', MESSAGES.InternalError!));
        case 'http502':
          call.status = 502;
          return send(res, 502, '<html><body>502 Bad Gateway</body></html>', { 'Content-Type': 'text/html' });
        case 'http503':
          return fail(new SimApiError(503, 'ServiceUnavailable', 'Service unavailable.', retryAfter));
      }
    }
    try {
      const route = SIM_ROUTES.find((r) => r === url.pathname);
      if (!route) throw new SimApiError(404, 'RouteNotFound', MESSAGES.RouteNotFound!);
      if (req.method !== 'POST') throw new SimApiError(405, 'MethodNotAllowed', MESSAGES.MethodNotAllowed!);
      if (call.key === 'missing' || call.key === 'invalid')
        throw new SimApiError(401, 'Unauthorized', MESSAGES.Unauthorized!);
      if (overLimit())
        throw new SimApiError(429, 'RequestTooFrequently', MESSAGES.RequestTooFrequently!, { 'Retry-After': '1' });
      if (!/^application\/json\b/i.test(call.contentType))
        throw new SimApiError(400, 'InvalidContentType', MESSAGES.InvalidContentType!);
      if (tooLarge) throw new SimApiError(413, 'EntityTooLarge', MESSAGES.EntityTooLarge!);
      const caller: Caller =
        call.key === 'manage'
          ? { personId: KEY_OWNERS.manage, canManage: true }
          : { personId: KEY_OWNERS.readOnly, canManage: false };
      if (isWriteRoute(route) && !caller.canManage) throw new SimApiError(403, 'AccessDenied', MESSAGES.AccessDenied!);
      let strict: unknown;
      try {
        strict = JSON.parse(text);
      } catch {
        throw new SimApiError(400, 'InvalidParameter', 'The request body is not valid JSON.');
      }
      validateBody(route, strict);
      tick();
      const result = handleApi(route, call.body as Record<string, unknown>, caller, store, nowMs());
      emit(result.events);
      reply(200, { data: result.data });
    } catch (error) {
      if (error instanceof SimApiError) return fail(error);
      return fail(new SimApiError(500, 'InternalError', MESSAGES.InternalError!));
    }
  }

  const sim: FlashdutySimulator = {
    baseUrl: '',
    appKey,
    readOnlyAppKey,
    appKeyOwnerId: KEY_OWNERS.manage,
    createIncident(input) {
      tick();
      const { incident, events } = store.createFromAlert(input);
      emit(events);
      return incident;
    },
    incident(id) {
      tick();
      return store.get(id);
    },
    incidents() {
      tick();
      return store.all();
    },
    renderIncident(id) {
      tick();
      return renderIncident(store.get(id));
    },
    ack: (id, personId) => act(() => store.ack([id], responder(personId))),
    unack: (id, personId) => act(() => store.unack([id], responder(personId))),
    snooze: (id, minutes, personId) => act(() => store.snooze([id], minutes, responder(personId))),
    wake: (id, personId) => act(() => store.wake([id], responder(personId))),
    resolve: (id, detail = {}, personId) => act(() => store.resolve([id], detail, responder(personId))),
    reopen: (id, personId) => act(() => store.reopen([id], undefined, responder(personId))),
    comment: (id, text, personId) => act(() => store.comment([id], text, false, responder(personId))),
    reset: (id, input, personId) => act(() => store.reset(id, input, responder(personId))),
    setField: (id, name, value, personId) => act(() => store.resetField(id, name, value, responder(personId))),
    subscribe(subscription) {
      const id = `wh-${randomBytes(4).toString('hex')}`;
      subscriptions.set(id, { ...subscription, id });
      return id;
    },
    unsubscribe(id) {
      subscriptions.delete(id);
    },
    setDelivery(behaviour) {
      sender.behaviour = { ...sender.behaviour, ...behaviour };
    },
    flushWebhooks: () => sender.flush(),
    webhooksIdle: () => sender.idle(),
    deliveries: () => [...sender.deliveries],
    fireCustomAction(input) {
      tick();
      const event = store.customAction(input.incidentId, input.personId ?? KEY_OWNERS.readOnly);
      return emit([event], { customActionTarget: input })[0]!;
    },
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    setLatency(ms) {
      faults.latencyMs = ms;
    },
    setServerErrorRate: (rate) => faults.setServerErrorRate(rate),
    advanceClock(ms) {
      clockOffset += ms;
    },
    now: nowMs,
    calls: () => [...calls],
    clearCalls() {
      calls.length = 0;
    },
    close: async () => undefined,
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim.local');
    const work = url.pathname.startsWith('/_sim/') ? serveControl(req, res, url) : handleOpenApi(req, res, url);
    work.catch(() => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ error: 'simulator failure' }));
      else res.destroy();
    });
  });

  async function serveControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { text } = await readBody(req, MAX_BODY_BYTES);
    let body: unknown;
    try {
      body = text.trim() === '' ? {} : parseJsonLossless(text);
    } catch {
      return send(res, 400, JSON.stringify({ error: 'body is not JSON' }));
    }
    try {
      const reply = handleControl(sim, (req.method ?? 'GET').toUpperCase(), url.pathname.slice('/_sim/'.length), body);
      send(res, reply.status, stringifyJson(reply.body));
    } catch (error) {
      const message =
        error instanceof z.ZodError
          ? z.prettifyError(error)
          : error instanceof Error
            ? error.message
            : 'invalid control call';
      send(res, 400, JSON.stringify({ error: message }));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  sim.baseUrl = `http://${host}:${address.port}`;
  sim.close = async () => {
    await sender.idle();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return sim;
}
