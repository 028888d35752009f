import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';

/**
 * A local stand-in for smee.io (probot/smee.io): `GET /<channel>` with exactly
 * `Accept: text/event-stream` streams the channel (a `ready` event first, `ping` events to keep
 * it alive); `POST /<channel>` with a JSON object body publishes one message whose data is
 * `{ ...request headers, body, query, timestamp }`. Like smee.io it keeps nothing: a message
 * published while nobody listens is gone.
 */
export interface RelaySimulatorOptions {
  /** 0 (default) picks a free port; pass an old port to "restart" the relay at the same address. */
  port?: number;
  /** smee.io pings every 30 s; 0 turns pings off. */
  pingIntervalMs?: number;
  /** Body limit; smee.io (fastify) refuses bodies over 1 MiB. */
  bodyLimit?: number;
}

export interface PublishRecord {
  channel: string;
  /** Subscribers the message reached; 0 means it was lost. */
  deliveredTo: number;
  at: number;
}

export interface RelaySimulator {
  baseUrl: string;
  port: number;
  channelUrl(channel: string): string;
  subscribers(channel: string): number;
  published(): PublishRecord[];
  /** Ends every open stream (the relay dropping its clients) but keeps serving. */
  dropStreams(): void;
  close(): Promise<void>;
}

const CHANNEL = /^\/([a-zA-Z0-9_-]{1,128})$/;
const jsonObject = z.record(z.string(), z.unknown());

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, text = '', type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startRelaySimulator(options: RelaySimulatorOptions = {}): Promise<RelaySimulator> {
  const bodyLimit = options.bodyLimit ?? 1024 * 1024;
  const streams = new Map<string, Set<ServerResponse>>();
  const log: PublishRecord[] = [];
  const sockets = new Set<Socket>();
  const counters = new WeakMap<ServerResponse, number>();

  const write = (res: ServerResponse, event: string | null, data: string) => {
    const id = counters.get(res) ?? 0;
    counters.set(res, id + 1);
    res.write(`id: ${id}\n${event ? `event: ${event}\n` : ''}data: ${data}\n\n`);
  };

  const subscribe = (channel: string, req: IncomingMessage, res: ServerResponse) => {
    req.socket.setTimeout(0);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    let set = streams.get(channel);
    if (!set) streams.set(channel, (set = new Set()));
    set.add(res);
    res.on('close', () => set.delete(res));
    write(res, 'ready', '{}');
  };

  const publish = async (channel: string, url: URL, req: IncomingMessage, res: ServerResponse) => {
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      send(res, 415, 'Unsupported Media Type');
      req.resume();
      return;
    }
    const raw = await readBody(req, bodyLimit);
    if (raw === 'too_large') return send(res, 413, 'Payload Too Large');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      return send(res, 400, 'Body is not valid JSON');
    }
    const body = jsonObject.safeParse(parsed);
    if (!body.success) return send(res, 400, 'body must be object');
    const data = JSON.stringify({
      ...req.headers,
      body: body.data,
      query: queryObject(url.searchParams),
      timestamp: Date.now(),
    });
    const listeners = [...(streams.get(channel) ?? [])];
    for (const stream of listeners) write(stream, null, data);
    log.push({ channel, deliveredTo: listeners.length, at: Date.now() });
    send(res, 200);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://relay.local');
    const match = CHANNEL.exec(url.pathname);
    if (!match) {
      send(res, 404, 'Not Found');
      req.resume();
      return;
    }
    const channel = match[1]!;
    if (req.method === 'GET' && req.headers.accept === 'text/event-stream') return subscribe(channel, req, res);
    if (req.method === 'GET')
      return send(res, 200, '<!doctype html><title>Relay channel</title>', 'text/html; charset=utf-8');
    if (req.method === 'POST') {
      publish(channel, url, req, res).catch(() => res.destroy());
      return;
    }
    send(res, 404, 'Not Found');
    req.resume();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const pingEvery = options.pingIntervalMs ?? 30_000;
  const pinger =
    pingEvery > 0
      ? setInterval(() => {
          for (const set of streams.values()) for (const res of set) write(res, 'ping', '{}');
        }, pingEvery)
      : null;
  pinger?.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    port,
    channelUrl: (channel) => `${baseUrl}/${channel}`,
    subscribers: (channel) => streams.get(channel)?.size ?? 0,
    published: () => log.map((r) => ({ ...r })),
    dropStreams: () => {
      for (const set of streams.values()) for (const res of set) res.end();
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (pinger) clearInterval(pinger);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
