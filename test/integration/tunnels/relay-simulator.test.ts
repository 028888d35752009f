import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventSource } from 'eventsource';
import { SmeeClient } from 'smee-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRelaySimulator, type RelaySimulator } from '../../../simulators/relay';

let relay: RelaySimulator;
beforeEach(async () => {
  relay = await startRelaySimulator({ pingIntervalMs: 0 });
});
afterEach(() => relay.close());

const post = (path: string, body: string, contentType = 'application/json') =>
  fetch(`${relay.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

describe('relay simulator speaks the smee.io protocol', () => {
  it('streams a ready event, then each POST as one message of headers, body, query and timestamp', async () => {
    const source = new EventSource(relay.channelUrl('chan1'));
    const got: { type: string; data: string }[] = [];
    source.addEventListener('ready', (e) => got.push({ type: 'ready', data: e.data }));
    source.addEventListener('message', (e) => got.push({ type: 'message', data: e.data }));
    await vi.waitFor(() => expect(got).toEqual([{ type: 'ready', data: '{}' }]));

    const response = await fetch(`${relay.channelUrl('chan1')}?a=1&a=2&b=x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-custom': 'yes' },
      body: '{"n": 1, "s": "t"}',
    });
    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(got).toHaveLength(2));
    source.close();

    const data = JSON.parse(got[1]!.data) as Record<string, unknown>;
    expect(data).toMatchObject({
      'x-custom': 'yes',
      'content-type': 'application/json',
      body: { n: 1, s: 't' },
      query: { a: ['1', '2'], b: 'x' },
    });
    expect(typeof data.timestamp).toBe('number');
    expect(relay.published()).toEqual([{ channel: 'chan1', deliveredTo: 1, at: expect.any(Number) }]);
  });

  it('keeps nothing: a POST with no subscriber reaches no one', async () => {
    expect((await post('/quiet', '{}')).status).toBe(200);
    expect(relay.published()).toEqual([{ channel: 'quiet', deliveredTo: 0, at: expect.any(Number) }]);
  });

  it.each([
    ['a non-JSON content type', '/c', 'a=1', 'application/x-www-form-urlencoded', 415],
    ['invalid JSON', '/c', '{nope', 'application/json', 400],
    ['a JSON array', '/c', '[1]', 'application/json', 400],
    ['a bad channel name', '/a/b', '{}', 'application/json', 404],
  ])('refuses %s', async (_what, path, body, type, status) => {
    expect((await post(path, body, type)).status).toBe(status);
    expect(relay.published()).toEqual([]);
  });

  it('serves a page, not a stream, without Accept: text/event-stream', async () => {
    const response = await fetch(relay.channelUrl('c'));
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(relay.subscribers('c')).toBe(0);
  });
});

describe('the reference client (smee-client 5) works against the simulator', () => {
  let target: Server;
  let received: { url: string; headers: IncomingHttpHeaders; body: string }[];

  beforeEach(async () => {
    received = [];
    target = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  });
  afterEach(() => new Promise<void>((r) => target.close(() => r())));

  it('smee-client receives and forwards what the simulator publishes', async () => {
    const silent = { info: () => undefined, error: () => undefined };
    const client = new SmeeClient({
      source: relay.channelUrl('ref'),
      target: `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook`,
      logger: silent,
    });
    await client.start();
    await vi.waitFor(() => expect(relay.subscribers('ref')).toBe(1));
    await fetch(`${relay.channelUrl('ref')}?q=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-marker': 'm' },
      body: '{"k":"v"}',
    });
    await vi.waitFor(() => expect(received).toHaveLength(1));
    await client.stop();
    expect(received[0]).toMatchObject({ url: '/hook?q=1', body: '{"k":"v"}', headers: { 'x-marker': 'm' } });
  });
});
