import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { parseJsonLossless, stringifyJson } from '../../shared/node/flashduty/lossless-json';
import { readBody } from '../../shared/node/net/http-body';
import { controlErrorMessage, listenOn } from '../http';
import { WebhookSender, type DeliveryBehaviour, type DeliveryRecord, type WebhookSubscription } from './outbound';
import { handleControl } from './control';
import { createConsole } from './console';
import { createEmitter } from './events';
import { FaultPlan, type SimFault } from './faults';
import { MAX_BODY_BYTES, RateWindow, sendJson, serveOpenApi, type OpenApiContext, type SimCall } from './open-api';
import { DEFAULT_APP_KEY, KEY_OWNERS, READ_ONLY_APP_KEY } from './seed';
import { IncidentStore, type AlertIncidentInput, type ResetInput, type SimIncident } from './store';

export type { SimFault, SimFaultKind } from './faults';
export type { AlertIncidentInput, DeliveryBehaviour, DeliveryRecord, ResetInput, SimIncident, WebhookSubscription };
export { MEMBERS, CHANNELS, TEAMS, FIELDS, ACCOUNT } from './seed';
export type { SimCall } from './open-api';

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
  const emit = createEmitter(store, sender, subscriptions, nowMs);
  const api: OpenApiContext = {
    appKey,
    readOnlyAppKey,
    store,
    faults,
    calls,
    limiter: new RateWindow(opts.rateLimit === undefined ? { perSecond: 50, perMinute: 1000 } : opts.rateLimit),
    nowMs,
    tick: () => void emit(store.expireSnoozes()),
    emit,
  };

  const sim: FlashdutySimulator = {
    baseUrl: '',
    appKey,
    readOnlyAppKey,
    appKeyOwnerId: KEY_OWNERS.manage,
    ...createConsole(store, emit),
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
    const work = url.pathname.startsWith('/_sim/')
      ? serveControl(sim, req, res, url)
      : serveOpenApi(api, req, res, url);
    work.catch(() => {
      if (!res.headersSent) sendJson(res, 500, JSON.stringify({ error: 'simulator failure' }));
      else res.destroy();
    });
  });
  const port = await listenOn(server, opts.port ?? 0, opts.host ?? '127.0.0.1');
  const address = server.address() as { address: string; family: string };
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  sim.baseUrl = `http://${host}:${port}`;
  sim.close = async () => {
    await sender.idle();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return sim;
}

/** `/_sim/`: the simulator's own methods over HTTP, for the demo and for tests in another process. */
async function serveControl(sim: FlashdutySimulator, req: IncomingMessage, res: ServerResponse, url: URL) {
  const text = (await readBody(req, MAX_BODY_BYTES)).bytes.toString('utf8');
  let body: unknown;
  try {
    body = text.trim() === '' ? {} : parseJsonLossless(text);
  } catch {
    return sendJson(res, 400, JSON.stringify({ error: 'body is not JSON' }));
  }
  try {
    const reply = handleControl(sim, (req.method ?? 'GET').toUpperCase(), url.pathname.slice('/_sim/'.length), body);
    sendJson(res, reply.status, stringifyJson(reply.body));
  } catch (error) {
    sendJson(res, 400, JSON.stringify({ error: controlErrorMessage(error) }));
  }
}
