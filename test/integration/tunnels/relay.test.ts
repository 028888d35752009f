import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SECRET_HEADER, startWebhookServer, webhookPath, type WebhookEvent, type WebhookServer } from '../../../electron/ingress/webhook-server';
import { RelayProvider, relayWebhookUrl, TunnelManager, type ReplayOutcome } from '../../../electron/ingress/tunnels';
import { startRelaySimulator, type RelaySimulator } from '../../simulators/relay';
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
const flashdutyBody = () => ({ event_id: `evt-${++eventSeq}`, event_type: 'i_new', event_time: 1775972300123, incident });

let relay: RelaySimulator;
let server: WebhookServer;
let events: WebhookEvent[];
let provider: RelayProvider;
let manager: TunnelManager | null;
let outcomes: ReplayOutcome[];

/** What SDP or Flashduty does: POST the webhook to the public URL the setup helper showed. */
async function sendViaRelay(body: unknown, { secret = SECRET, headers = {} }: { secret?: string; headers?: Record<string, string> } = {}) {
  const url = relayWebhookUrl(relay.channelUrl(CHANNEL), webhookPath(ID, SECRET, 'flashduty'));
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret, ...headers },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

function startManager(sleep?: (ms: number, signal: AbortSignal) => Promise<void>, idleTimeoutMs?: number): TunnelManager {
  provider = new RelayProvider({ channelUrl: relay.channelUrl(CHANNEL), localHost: '127.0.0.1', localPort: server.port, ...(idleTimeoutMs ? { idleTimeoutMs } : {}) });
  provider.onReplay((o) => outcomes.push(o));
  manager = new TunnelManager({
    provider,
    store: memoryStore(),
    storeKey: `ingress.${ID}.publicUrl`,
    reconnect: { baseDelayMs: 5, maxDelayMs: 20 },
    ...(sleep ? { sleep } : {}),
  });
  manager.start();
  return manager;
}

beforeEach(async () => {
  events = [];
  outcomes = [];
  manager = null;
  relay = await startRelaySimulator({ pingIntervalMs: 0 });
  server = await startWebhookServer({
    host: '127.0.0.1',
    port: 0,
    routes: () => new Map([[ID, { integrationId: ID, secret: SECRET }]]),
    onEvent: (e) => events.push(e),
  });
});

afterEach(async () => {
  await manager?.stop();
  await relay.close();
  await server.close();
});

describe('relay route, end to end through a smee-compatible relay', () => {
  it('connects with the channel URL as the public URL', async () => {
    const m = startManager();
    const status = await statusWhere(m, (s) => s.state === 'connected');
    expect(status).toMatchObject({ state: 'connected', publicUrl: relay.channelUrl(CHANNEL), warning: null });
    await vi.waitFor(() => expect(relay.subscribers(CHANNEL)).toBe(1));
  });

  it('replays a webhook into the local server, which accepts it after its own secret check', async () => {
    const m = startManager();
    await statusWhere(m, (s) => s.state === 'connected');
    const body = flashdutyBody();
    await sendViaRelay(body);
    // The local server sees the event before the relay client hears its answer: wait for both, so
    // this test's outcome can neither be missed here nor land in the next test's list.
    await vi.waitFor(() => expect([events.length, outcomes.length]).toEqual([1, 1]));
    expect(events[0]).toMatchObject({ kind: 'flashduty', integrationId: ID, hint: { kind: 'incident', eventId: body.event_id, incidentId: incident.incident_id } });
    // The server has the event before the relay client has read its answer; under load, well before.
    await vi.waitFor(() => expect(outcomes).toEqual([{ path: webhookPath(ID, SECRET, 'flashduty'), status: 200 }]));
    expect(provider.counters()).toEqual({ received: 1, replayed: 1, refused: 0, dropped: 0 });
  });

  it('a wrong secret is still refused with 401 after the relay', async () => {
    const m = startManager();
    await statusWhere(m, (s) => s.state === 'connected');
    await sendViaRelay(flashdutyBody(), { secret: 'not-the-secret' });
    await vi.waitFor(() => expect(outcomes).toHaveLength(1));
    expect(outcomes[0]?.status).toBe(401);
    expect(events).toEqual([expect.objectContaining({ kind: 'rejected', status: 401, integrationId: ID })]);
    expect(provider.counters()).toMatchObject({ received: 1, replayed: 0, refused: 1 });
  });

  it('relay restart: reconnecting, then connected again; a webhook sent while the client is away is lost, and the outage says so', async () => {
    const gate = gatedSleep();
    const m = startManager(gate.sleep);
    await statusWhere(m, (s) => s.state === 'connected');
    const port = relay.port;

    await relay.close();
    const reconnecting = await statusWhere(m, (s) => s.state === 'reconnecting');
    expect(reconnecting).toMatchObject({ state: 'reconnecting', attempt: 1, code: 'ingress.relay_disconnected' });

    // One attempt while the relay is still down: refused, so the next wait is attempt 2.
    await gate.release();
    await statusWhere(m, (s) => s.state === 'reconnecting' && s.attempt === 2);
    expect(m.status()).toMatchObject({ code: 'ingress.relay_unreachable' });

    relay = await startRelaySimulator({ port, pingIntervalMs: 0 });
    await sendViaRelay(flashdutyBody());
    const lost = relay.published()[0]!;
    expect(lost.deliveredTo).toBe(0);

    await gate.release();
    await statusWhere(m, (s) => s.state === 'connected');
    await vi.waitFor(() => expect(relay.subscribers(CHANNEL)).toBe(1));
    const after = flashdutyBody();
    await sendViaRelay(after);
    await vi.waitFor(() => expect(events).toHaveLength(1));

    expect(events[0]).toMatchObject({ kind: 'flashduty', hint: { eventId: after.event_id } });
    expect(provider.counters()).toEqual({ received: 1, replayed: 1, refused: 0, dropped: 0 });
    const stats = m.stats();
    expect(stats).toMatchObject({ connects: 2, drops: 1 });
    expect(stats.outages).toHaveLength(1);
    expect(stats.outages[0]!.to).not.toBeNull();
    expect(m.wasDownBetween(lost.at, lost.at)).toBe(true);
  });

  it('the relay dropping its streams is a drop like any other', async () => {
    const gate = gatedSleep();
    const m = startManager(gate.sleep);
    await statusWhere(m, (s) => s.state === 'connected');
    relay.dropStreams();
    await statusWhere(m, (s) => s.state === 'reconnecting');
    await gate.release();
    await statusWhere(m, (s) => s.state === 'connected');
    expect(m.stats()).toMatchObject({ connects: 2, drops: 1 });
  });

  it('a stream that goes silent (no pings) is dropped and reconnected', async () => {
    const gate = gatedSleep();
    const m = startManager(gate.sleep, 150);
    await statusWhere(m, (s) => s.state === 'connected');
    const silent = await statusWhere(m, (s) => s.state === 'reconnecting');
    expect(silent).toMatchObject({ code: 'ingress.relay_silent' });
  });

  it('a channel the relay refuses is "down" until the admin fixes it', async () => {
    const m = new TunnelManager({
      provider: new RelayProvider({ channelUrl: `${relay.baseUrl}/not/a/channel`, localHost: '127.0.0.1', localPort: server.port }),
      store: memoryStore(),
      storeKey: 'k',
    });
    manager = m;
    m.start();
    const down = await statusWhere(m, (s) => s.state === 'down');
    expect(down).toMatchObject({ code: 'ingress.relay_channel_unavailable' });
    expect(down.state === 'down' && down.reason).toMatch(/Create a new channel/);
  });
});

describe('relay replay fidelity', () => {
  let capture: Server;
  let received: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[];

  beforeEach(async () => {
    received = [];
    capture = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => capture.listen(0, '127.0.0.1', r));
  });
  afterEach(() => new Promise<void>((r) => capture.close(() => r())));

  it('replays the original headers and body, minus hop-by-hop headers, to the path in the webhook URL', async () => {
    provider = new RelayProvider({ channelUrl: relay.channelUrl(CHANNEL), localHost: '127.0.0.1', localPort: (capture.address() as AddressInfo).port });
    manager = new TunnelManager({ provider, store: memoryStore(), storeKey: 'k' });
    manager.start();
    await statusWhere(manager, (s) => s.state === 'connected');

    const body = { request_id: '12345', subject: 'Printer "3F" jammed', nested: { list: [1, 2, 3] } };
    const url = `${relayWebhookUrl(relay.channelUrl(CHANNEL), webhookPath(ID, SECRET, 'sdp'))}&extra=1`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', [SECRET_HEADER]: SECRET, 'x-request-source': 'sdp-cloud', 'user-agent': 'SDP-Webhook/1.0' },
      body: JSON.stringify(body, null, 2),
    });
    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(received).toHaveLength(1));

    const [got] = received;
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
    expect(got!.headers.host).toBe(`127.0.0.1:${(capture.address() as AddressInfo).port}`);
    expect(got!.headers['keep-alive']).toBeUndefined();
    expect(got!.headers.connection).not.toBe('keep-alive');
    expect(provider.counters()).toEqual({ received: 1, replayed: 1, refused: 0, dropped: 0 });
  });

  it('an event without a local path is counted as dropped, not sent anywhere', async () => {
    provider = new RelayProvider({ channelUrl: relay.channelUrl(CHANNEL), localHost: '127.0.0.1', localPort: (capture.address() as AddressInfo).port });
    manager = new TunnelManager({ provider, store: memoryStore(), storeKey: 'k' });
    manager.start();
    await statusWhere(manager, (s) => s.state === 'connected');
    await fetch(relay.channelUrl(CHANNEL), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    await vi.waitFor(() => expect(provider.counters().dropped).toBe(1));
    expect(received).toEqual([]);
  });
});
