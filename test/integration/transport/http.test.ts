import { mkdtempSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SseParser } from '../../../renderer/src/backend/sse';
import { MAX_BODY_BYTES, servedHosts, startHttpTransport, type HttpTransport } from '../../../electron/transport/http';
import { storedText } from '../../../shared/common/contract';
import { memoryAppCore } from '../../helpers/app-core';

const TOKEN = 'test-token-0123456789';
let http: HttpTransport;
let core: Awaited<ReturnType<typeof memoryAppCore>>;
let base: string;

beforeAll(async () => {
  const staticDir = mkdtempSync(join(tmpdir(), 'deskbridge-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>DeskBridge</title>');
  core = await memoryAppCore();
  http = await startHttpTransport({
    dispatcher: core.dispatcher,
    bus: core.bus,
    token: TOKEN,
    staticDir,
    host: '127.0.0.1',
    port: 0,
  });
  base = `http://127.0.0.1:${http.port}`;
});
afterAll(() => http.close());

const call = (method: string, body: string | undefined, token: string | null = TOKEN) =>
  fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    ...(body === undefined ? {} : { body }),
  });

describe('HTTP transport', () => {
  it('200 for app.info with the token', async () => {
    const response = await call('app.info', '{}');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      result: expect.objectContaining({ name: 'DeskBridge', mode: 'headless' }),
    });
  });

  it.each([
    ['no token', null],
    ['a wrong token', 'wrong'],
    ['a token differing in the last character', `${TOKEN.slice(0, -1)}X`],
    ['the token as a prefix', TOKEN.slice(0, 5)],
  ])('401 with %s', async (_name, token) => {
    const response = await call('app.info', '{}', token);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: { code: 'auth.token', message: expect.stringContaining('printed in the terminal') },
    });
  });

  it('401 comes before anything else (no method probing without the token)', async () => {
    expect((await call('no.such.method', '{', 'wrong')).status).toBe(401);
  });

  it('400 for a body that is not JSON', async () => {
    const response = await call('app.info', '{"a":');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'http.bad_json' } });
  });

  it('400 naming the field when input fails the schema', async () => {
    const response = await call('integrations.get', JSON.stringify({ id: 'a/b' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'contract.invalid_input',
        message: expect.stringContaining('id:'),
        details: { issues: [{ path: 'id' }] },
      },
    });
  });

  it('404 for an unknown method', async () => {
    const response = await call('integrations.explode', '{}');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'contract.unknown_method' } });
  });

  it('404 for a missing integration, with the domain message', async () => {
    const response = await call('integrations.get', JSON.stringify({ id: 'missing' }));
    expect(response.status).toBe(404);
  });

  it('413 for a body over 1 MiB, declared or streamed', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES) });
    const response = await call('app.info', big);
    expect(response.status).toBe(413);
    // Chunked upload without a Content-Length: the limit must still hold.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${base}/api/app.info`,
        { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 20; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
  });

  it('405 for GET on a method', async () => {
    const response = await fetch(`${base}/api/app.info`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(405);
  });

  it('serves the renderer with a strict CSP and no referrer, and refuses path traversal', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await fetch(`${base}/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/nope.js`)).status).toBe(404);
  });

  it('delivers events over SSE to an authenticated client only', async () => {
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
    const controller = new AbortController();
    const response = await fetch(`${base}/api/events`, {
      headers: { authorization: `Bearer ${TOKEN}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    await reader.read(); // the "connected" preamble: the subscription is live from here
    await call('engine.pause', '{}');
    let message;
    while (!message) {
      const { value } = await reader.read();
      message = parser.push(value ?? '').find((m) => m.event === 'engine.status');
    }
    expect(JSON.parse(message.data)).toMatchObject({ paused: true });
    controller.abort();
    await call('engine.resume', '{}');
  });

  /** A raw request, so the Host header can be anything (fetch always sends the real one). */
  const raw = (path: string, headers: Record<string, string>, method = 'GET') =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: http.port,
          path,
          method,
          agent: false,
          headers: { authorization: `Bearer ${TOKEN}`, ...headers },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(method === 'POST' ? '{}' : undefined);
    });

  it.each([
    ['127.0.0.1', () => `127.0.0.1:${http.port}`, 200],
    ['localhost', () => `localhost:${http.port}`, 200],
    ['LOCALHOST in capitals', () => `LOCALHOST:${http.port}`, 200],
    ['a rebinding name', () => `attacker.example:${http.port}`, 403],
    ['the right name on another port', () => `127.0.0.1:${http.port + 1}`, 403],
    ['no port', () => '127.0.0.1', 403],
  ])('Host %s → %s, for pages and the API alike', async (_name, host, status) => {
    expect(await raw('/', { host: host() })).toBe(status);
    expect(await raw('/api/app.info', { host: host() }, 'POST')).toBe(status);
  });

  it.each([
    ['same origin', () => `http://127.0.0.1:${http.port}`, 200],
    ['localhost origin', () => `http://localhost:${http.port}`, 200],
    ['another site', () => 'http://attacker.example', 403],
    ['another site on our port', () => `http://attacker.example:${http.port}`, 403],
    ['https on our host', () => `https://127.0.0.1:${http.port}`, 403],
    ['an opaque origin', () => 'null', 403],
  ])('Origin %s → %s', async (_name, origin, status) => {
    expect(await raw('/api/app.info', { host: `127.0.0.1:${http.port}`, origin: origin() }, 'POST')).toBe(status);
  });
});

describe('HTTP transport: a client that stops reading events', () => {
  it('is dropped once its backlog passes the limit, instead of piling events up in memory', async () => {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: http.port,
          path: '/api/events',
          agent: false,
          headers: { authorization: `Bearer ${TOKEN}` },
        },
        resolve,
      );
      req.on('error', reject);
      req.end();
    });
    response.pause(); // never reads: the socket buffers fill, then the server's backlog grows
    const entry = {
      id: '1',
      at: 1,
      level: 'info' as const,
      integrationId: null,
      direction: null,
      incidentId: null,
      requestId: null,
      action: 'x',
      message: storedText('x'.repeat(50_000)),
      changes: [],
      apiRequestIds: [],
      error: null,
    };
    // 30 MB offered: well past MAX_SSE_BACKLOG_BYTES plus what both sockets can hold.
    for (let i = 0; i < 600; i++) {
      core.bus.publish('log.entry', entry);
      if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    // Reading again, the client reaches the end the server put on the stream (without it: open forever).
    const ended = new Promise<void>((resolve) => response.socket.once('close', () => resolve()));
    response.on('error', () => undefined);
    response.resume();
    await ended;
  });
});

describe('HTTP transport on another --host', () => {
  it('serves the --host name as well as loopback, and nothing else', () => {
    expect([...servedHosts('192.168.1.20', 4780)].sort()).toEqual([
      '127.0.0.1:4780',
      '192.168.1.20:4780',
      'localhost:4780',
    ]);
    expect(servedHosts('::1', 4780).has('[::1]:4780')).toBe(true);
    expect(servedHosts('127.0.0.1', 80).has('localhost')).toBe(true);
  });
});
