import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { z } from 'zod';
import { readBody } from '../../shared/node/net/http-body';
import { listenOn } from '../http';

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

function send(res: ServerResponse, status: number, text = '', type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The open streams per channel: smee.io's fan-out, with an event id counter per stream. */
class Channels {
  readonly streams = new Map<string, Set<ServerResponse>>();
  readonly log: PublishRecord[] = [];
  private readonly counters = new WeakMap<ServerResponse, number>();

  write(res: ServerResponse, event: string | null, data: string): void {
    const id = this.counters.get(res) ?? 0;
    this.counters.set(res, id + 1);
    res.write(`id: ${id}\n${event ? `event: ${event}\n` : ''}data: ${data}\n\n`);
  }

  subscribe(channel: string, req: IncomingMessage, res: ServerResponse): void {
    req.socket.setTimeout(0);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    let set = this.streams.get(channel);
    if (!set) this.streams.set(channel, (set = new Set()));
    set.add(res);
    res.on('close', () => set.delete(res));
    this.write(res, 'ready', '{}');
  }

  /** Hands one message to whoever listens now, and records how many that was. */
  deliver(channel: string, data: string): void {
    const listeners = [...(this.streams.get(channel) ?? [])];
    for (const stream of listeners) this.write(stream, null, data);
    this.log.push({ channel, deliveredTo: listeners.length, at: Date.now() });
  }

  every(run: (res: ServerResponse) => void): void {
    for (const set of this.streams.values()) for (const res of set) run(res);
  }
}

/** `POST /<channel>`: a JSON object body becomes one message of headers, body, query and time. */
async function publish(
  channels: Channels,
  bodyLimit: number,
  channel: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    send(res, 415, 'Unsupported Media Type');
    req.resume();
    return;
  }
  const raw = await readBody(req, bodyLimit);
  if (raw.tooLarge) return send(res, 413, 'Payload Too Large');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.bytes.toString('utf8'));
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
  channels.deliver(channel, data);
  send(res, 200);
}

export async function startRelaySimulator(options: RelaySimulatorOptions = {}): Promise<RelaySimulator> {
  const bodyLimit = options.bodyLimit ?? 1024 * 1024;
  const channels = new Channels();
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://relay.local');
    const match = CHANNEL.exec(url.pathname);
    if (!match) {
      send(res, 404, 'Not Found');
      req.resume();
      return;
    }
    const channel = match[1]!;
    if (req.method === 'GET' && req.headers.accept === 'text/event-stream')
      return channels.subscribe(channel, req, res);
    if (req.method === 'GET')
      return send(res, 200, '<!doctype html><title>Relay channel</title>', 'text/html; charset=utf-8');
    if (req.method === 'POST') {
      publish(channels, bodyLimit, channel, url, req, res).catch(() => res.destroy());
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
    pingEvery > 0 ? setInterval(() => channels.every((res) => channels.write(res, 'ping', '{}')), pingEvery) : null;
  pinger?.unref();

  const port = await listenOn(server, options.port ?? 0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    port,
    channelUrl: (channel) => `${baseUrl}/${channel}`,
    subscribers: (channel) => channels.streams.get(channel)?.size ?? 0,
    published: () => channels.log.map((r) => ({ ...r })),
    dropStreams: () => channels.every((res) => res.end()),
    close: () =>
      new Promise<void>((resolve) => {
        if (pinger) clearInterval(pinger);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
