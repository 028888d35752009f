import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SECRET_HEADER,
  startWebhookServer,
  webhookPath,
  type WebhookEvent,
  type WebhookServer,
} from '../../../electron/ingress/webhook-server';
import { RelayProvider, relayWebhookUrl, TunnelManager, type ReplayOutcome } from '../../../electron/ingress/tunnels';
import { startRelaySimulator, type RelaySimulator } from '../../../simulators/relay';
import { until } from '../../helpers/until';
import { gatedSleep, memoryStore, statusWhere } from './helpers';

const ID = 'int-relay';
const SECRET = 'relay-secret-0123456789abcdef';
const CHANNEL = 'AbCdEf0123456789';

const incident = {
  incident_id: '69da451ef77b1b51f40e83ee',
  num: '0E83EE',
  title: 'Disk full',
  description: '',
  incident_severity: 'Critical',
  progress: 'Triggered',
  created_at: 1775912222,
  updated_at: 1775972300,
  start_time: 1775912219,
  ack_time: 0,
  close_time: 0,
  snoozed_before: 0,
  channel_id: 2551105804131,
  labels: { host: 'db-01' },
  fields: {},
  responders: [],
};
let eventSeq = 0;
const flashdutyBody = () => ({
  event_id: `evt-${++eventSeq}`,
  event_type: 'i_new',
  event_time: 1775972300123,
  incident,
});

/**
 * Everything one test owns. Listeners write into their own world's arrays, so a replay the previous
 * test's provider finishes late lands in that test's world, never in the next one's.
 */
interface RelayWorld {
  relay: RelaySimulator;
  server: WebhookServer;
  events: WebhookEvent[];
  outcomes: ReplayOutcome[];
  manager: TunnelManager | null;
}

async function startWorld(): Promise<RelayWorld> {
  const events: WebhookEvent[] = [];
  const relay = await startRelaySimulator({ pingIntervalMs: 0 });
  const server = await startWebhookServer({
    host: '127.0.0.1',
    port: 0,
    routes: () => new Map([[ID, { integrationId: ID, secret: SECRET }]]),
    onEvent: (e) => events.push(e),
  });
  return { relay, server, events, outcomes: [], manager: null };
}

let w: RelayWorld;
beforeEach(async () => {
  w = await startWorld();
});
afterEach(async () => {
  await w.manager?.stop();
  await w.relay.close();
  await w.server.close();
});

/** What SDP or Flashduty does: POST the webhook to the public URL the setup helper showed. */
async function sendViaRelay(
  body: unknown,
  { secret = SECRET, headers = {} }: { secret?: string; headers?: Record<string, string> } = {},
) {
  const url = relayWebhookUrl(w.relay.channelUrl(CHANNEL), webhookPath(ID, SECRET, 'flashduty'));
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret, ...headers },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

function startManager(
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>,
  idleTimeoutMs?: number,
): { manager: TunnelManager; provider: RelayProvider } {
  const world = w;
  const provider = new RelayProvider({
    channelUrl: world.relay.channelUrl(CHANNEL),
    localHost: '127.0.0.1',
    localPort: world.server.port,
    ...(idleTimeoutMs ? { idleTimeoutMs } : {}),
  });
  provider.onReplay((o) => world.outcomes.push(o));
  const manager = new TunnelManager({
    provider,
    store: memoryStore(),
    storeKey: `ingress.${ID}.publicUrl`,
    reconnect: { baseDelayMs: 5, maxDelayMs: 20 },
    ...(sleep ? { sleep } : {}),
  });
  world.manager = manager;
  manager.start();
  return { manager, provider };
}

describe('relay route, end to end through a smee-compatible relay', () => {
  it('connects with the channel URL as the public URL', async () => {
    const { manager } = startManager();
    const status = await statusWhere(manager, (s) => s.state === 'connected');
    expect(status).toMatchObject({ state: 'connected', publicUrl: w.relay.channelUrl(CHANNEL), warning: null });
    await until(() => w.relay.subscribers(CHANNEL) === 1, 'the subscription at the relay');
  });

  it('replays a webhook into the local server, which accepts it after its own secret check', async () => {
    const { manager, provider } = startManager();
    await statusWhere(manager, (s) => s.state === 'connected');
    const body = flashdutyBody();
    await sendViaRelay(body);
    // The local server's event comes before its answer reaches the provider: wait for the outcome.
    await until(() => w.outcomes.length === 1, 'the replay outcome');
    expect(w.events).toHaveLength(1);
    expect(w.events[0]).toMatchObject({
      kind: 'flashduty',
      integrationId: ID,
      hint: { kind: 'incident', eventId: body.event_id, incidentId: incident.incident_id },
    });
    expect(w.outcomes).toEqual([{ path: webhookPath(ID, SECRET, 'flashduty'), status: 200 }]);
    expect(provider.counters()).toEqual({ received: 1, replayed: 1, refused: 0, dropped: 0 });
  });

  it('a wrong secret is still refused with 401 after the relay', async () => {
    const { manager, provider } = startManager();
    await statusWhere(manager, (s) => s.state === 'connected');
    await sendViaRelay(flashdutyBody(), { secret: 'not-the-secret' });
    await until(() => w.outcomes.length === 1, 'the replay outcome');
    expect(w.outcomes[0]?.status).toBe(401);
    expect(w.events).toEqual([expect.objectContaining({ kind: 'rejected', status: 401, integrationId: ID })]);
    expect(provider.counters()).toMatchObject({ received: 1, replayed: 0, refused: 1 });
  });

  it('relay restart: reconnecting, then connected again; a webhook sent while the client is away is lost, and the outage says so', async () => {
    const gate = gatedSleep();
    const { manager: m, provider } = startManager(gate.sleep);
    await statusWhere(m, (s) => s.state === 'connected');
    const port = w.relay.port;

    await w.relay.close();
    const reconnecting = await statusWhere(m, (s) => s.state === 'reconnecting');
    expect(reconnecting).toMatchObject({ state: 'reconnecting', attempt: 1, code: 'ingress.relay_disconnected' });

    // One attempt while the relay is still down: refused, so the next wait is attempt 2.
    await gate.release();
    await statusWhere(m, (s) => s.state === 'reconnecting' && s.attempt === 2);
    expect(m.status()).toMatchObject({ code: 'ingress.relay_unreachable' });

    w.relay = await startRelaySimulator({ port, pingIntervalMs: 0 });
    await sendViaRelay(flashdutyBody());
    const lost = w.relay.published()[0]!;
    expect(lost.deliveredTo).toBe(0);

    await gate.release();
    await statusWhere(m, (s) => s.state === 'connected');
    await until(() => w.relay.subscribers(CHANNEL) === 1, 'the new subscription at the relay');
    const after = flashdutyBody();
    await sendViaRelay(after);
    await until(() => w.outcomes.length === 1, 'the replay outcome');

    expect(w.events).toHaveLength(1);
    expect(w.events[0]).toMatchObject({ kind: 'flashduty', hint: { eventId: after.event_id } });
    expect(provider.counters()).toEqual({ received: 1, replayed: 1, refused: 0, dropped: 0 });
    const stats = m.stats();
    expect(stats).toMatchObject({ connects: 2, drops: 1 });
    expect(stats.outages).toHaveLength(1);
    expect(stats.outages[0]!.to).not.toBeNull();
    expect(m.wasDownBetween(lost.at, lost.at)).toBe(true);
  });

  it('the relay dropping its streams is a drop like any other', async () => {
    const gate = gatedSleep();
    const { manager: m } = startManager(gate.sleep);
    await statusWhere(m, (s) => s.state === 'connected');
    w.relay.dropStreams();
    await statusWhere(m, (s) => s.state === 'reconnecting');
    await gate.release();
    await statusWhere(m, (s) => s.state === 'connected');
    expect(m.stats()).toMatchObject({ connects: 2, drops: 1 });
  });

  it('a stream that goes silent (no pings) is dropped and reconnected', async () => {
    const gate = gatedSleep();
    const { manager: m } = startManager(gate.sleep, 150);
    await statusWhere(m, (s) => s.state === 'connected');
    const silent = await statusWhere(m, (s) => s.state === 'reconnecting');
    expect(silent).toMatchObject({ code: 'ingress.relay_silent' });
  });

  it('a channel the relay refuses is "down" until the admin fixes it', async () => {
    const m = new TunnelManager({
      provider: new RelayProvider({
        channelUrl: `${w.relay.baseUrl}/not/a/channel`,
        localHost: '127.0.0.1',
        localPort: w.server.port,
      }),
      store: memoryStore(),
      storeKey: 'k',
    });
    w.manager = m;
    m.start();
    const down = await statusWhere(m, (s) => s.state === 'down');
    expect(down).toMatchObject({ code: 'ingress.relay_channel_unavailable' });
    expect(down.state === 'down' && down.reason).toMatch(/Create a new channel/);
  });
});

describe('relay replay fidelity', () => {
  interface Capture {
    server: Server;
    port: number;
    received: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[];
  }
  let capture: Capture;

  beforeEach(async () => {
    const received: Capture['received'] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    capture = { server, port: (server.address() as AddressInfo).port, received };
  });
  afterEach(() => new Promise<void>((r) => capture.server.close(() => r())));

  async function connectToCapture(): Promise<RelayProvider> {
    const provider = new RelayProvider({
      channelUrl: w.relay.channelUrl(CHANNEL),
      localHost: '127.0.0.1',
      localPort: capture.port,
    });
    const manager = new TunnelManager({ provider, store: memoryStore(), storeKey: 'k' });
    w.manager = manager;
    manager.start();
    await statusWhere(manager, (s) => s.state === 'connected');
    return provider;
  }

  it('replays the original headers and body, minus hop-by-hop headers, to the path in the webhook URL', async () => {
    const provider = await connectToCapture();
    const body = { request_id: '12345', subject: 'Printer "3F" jammed', nested: { list: [1, 2, 3] } };
    const url = `${relayWebhookUrl(w.relay.channelUrl(CHANNEL), webhookPath(ID, SECRET, 'sdp'))}&extra=1`;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        [SECRET_HEADER]: SECRET,
        'x-request-source': 'sdp-cloud',
        'user-agent': 'SDP-Webhook/1.0',
      },
      body: JSON.stringify(body, null, 2),
    });
    expect(response.status).toBe(200);
    // The capture server records the request before its answer reaches the provider: wait for both.
    await until(() => capture.received.length === 1 && provider.counters().replayed === 1, 'the replay and its answer');

    const [got] = capture.received;
    expect(got!.method).toBe('POST');
    expect(got!.url).toBe(`${webhookPath(ID, SECRET, 'sdp')}?extra=1`);
    expect(JSON.parse(got!.body)).toEqual(body);
    expect(got!.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-deskbridge-secret': SECRET,
      'x-request-source': 'sdp-cloud',
      'user-agent': 'SDP-Webhook/1.0',
      'content-length': String(Buffer.byteLength(got!.body)),
    });
    // The relay's own connection headers are not the webhook's: host is the local server's.
    expect(got!.headers.host).toBe(`127.0.0.1:${capture.port}`);
    expect(got!.headers['keep-alive']).toBeUndefined();
    expect(got!.headers.connection).not.toBe('keep-alive');
    expect(provider.counters()).toEqual({ received: 1, replayed: 1, refused: 0, dropped: 0 });
  });

  it('an event without a local path is counted as dropped, not sent anywhere', async () => {
    const provider = await connectToCapture();
    await fetch(w.relay.channelUrl(CHANNEL), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    await until(() => provider.counters().dropped === 1, 'the dropped event');
    expect(capture.received).toEqual([]);
  });
});
