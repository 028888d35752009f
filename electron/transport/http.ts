import { createHash, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { DISPATCH_CODES, type ContractErrorShape } from '../../shared/common/contract';
import type { EventBus } from '../services/event-bus';
import type { Dispatcher } from './dispatcher';
import { listen, type Listening } from './listen';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Unsent event-stream bytes one client may hold before it is dropped. */
export const MAX_SSE_BACKLOG_BYTES = 4 * 1024 * 1024;

/** The same policy as the desktop window: nothing inline, nothing remote. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface HttpTransportOptions {
  dispatcher: Dispatcher;
  bus: EventBus;
  token: string;
  /** The built renderer (index.html + assets). */
  staticDir: string;
  host: string;
  port: number;
  /** How often idle SSE streams get a comment line, so proxies and browsers keep them open. */
  heartbeatMs?: number;
}

export type HttpTransport = Listening;

/** Hashing both sides first gives equal lengths, so the comparison time says nothing about the token. */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

function httpStatusFor(code: string): number {
  switch (code) {
    case DISPATCH_CODES.invalidInput:
      return 400;
    case DISPATCH_CODES.unknownMethod:
    case DISPATCH_CODES.notFound:
      return 404;
    case DISPATCH_CODES.internal:
    case DISPATCH_CODES.invalidOutput:
      return 500;
    default:
      return code.endsWith('.unavailable') ? 503 : 422;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, error: ContractErrorShape): void {
  sendJson(res, status, { error });
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function serveStatic(staticDir: string, urlPath: string, res: ServerResponse): Promise<void> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    res.writeHead(400).end('Bad path');
    return;
  }
  const file = normalize(join(staticDir, relative));
  if (!file.startsWith(normalize(staticDir) + sep)) {
    res.writeHead(404).end('Not found');
    return;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    // The page URL carries the token: never let it leak through a Referer header.
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cache-control': extname(file) === '.html' ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  createReadStream(file).pipe(res);
}

function openEventStream(req: IncomingMessage, res: ServerResponse, bus: EventBus, heartbeatMs: number): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n: connected\n\n');
  const unsubscribe = bus.onAny((event, payload) => {
    // A client that stops reading (a suspended laptop, a frozen tab) would otherwise make every
    // event pile up here; it is dropped instead and reconnects (`retry:`), reloading what it shows.
    if (res.writableLength > MAX_SSE_BACKLOG_BYTES) {
      res.destroy();
      return;
    }
    res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
  heartbeat.unref();
  const close = (): void => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.on('close', close);
  res.on('error', close);
}

/**
 * The Host values the server answers to: loopback by address and by name, and the address it was
 * told to listen on. A page on another name that rebinds its DNS to this address is refused, so it
 * can neither read the UI nor use a token it somehow obtained.
 */
export function servedHosts(host: string, port: number): Set<string> {
  const names = new Set(
    ['127.0.0.1', 'localhost', host.includes(':') ? `[${host}]` : host].map((h) => h.toLowerCase()),
  );
  const hosts = new Set<string>();
  for (const name of names) {
    hosts.add(`${name}:${port}`);
    if (port === 80) hosts.add(name);
  }
  return hosts;
}

/** Requests from another origin (a browser sends Origin on cross-origin and on every POST) are refused. */
function originAllowed(origin: string | undefined, hosts: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  return url.protocol === 'http:' && hosts.has(url.host);
}

/**
 * Headless mode's transport: the built renderer plus the contract over HTTP, bearer-token
 * protected like a notebook server. It serves the same dispatcher as the desktop IPC.
 */
export async function startHttpTransport(options: HttpTransportOptions): Promise<HttpTransport> {
  const { dispatcher, bus, token, staticDir } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  // Known once the server listens (port 0 picks one); no request is handled before that.
  let hosts: ReadonlySet<string> = new Set();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hosts.has((req.headers.host ?? '').toLowerCase()) || !originAllowed(req.headers.origin, hosts)) {
      sendError(res, 403, {
        code: 'http.host',
        message: 'This address is not one DeskBridge serves. Open the link DeskBridge printed in the terminal.',
      });
      req.resume();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      await serveStatic(staticDir, url.pathname, res);
      return;
    }
    if (!tokenMatches(token, bearerToken(req.headers.authorization))) {
      sendError(res, 401, {
        code: 'auth.token',
        message: 'Missing or wrong access token. Open the link DeskBridge printed in the terminal.',
      });
      return;
    }
    const name = url.pathname.slice('/api/'.length);
    if (name === 'events') {
      if (req.method !== 'GET') {
        res.writeHead(405, { allow: 'GET' }).end();
        return;
      }
      openEventStream(req, res, bus, heartbeatMs);
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        sendError(res, 413, { code: 'http.body_too_large', message: `Request body is over ${MAX_BODY_BYTES} bytes.` });
        req.resume();
        return;
      }
      throw error;
    }
    let input: unknown = {};
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        sendError(res, 400, { code: 'http.bad_json', message: 'Request body is not valid JSON.' });
        return;
      }
    }
    const result = await dispatcher.dispatch(name, input);
    if (result.ok) sendJson(res, 200, { result: result.value });
    else sendError(res, httpStatusFor(result.error.code), result.error);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendError(res, 500, { code: DISPATCH_CODES.internal, message: 'Internal error.' });
      else res.destroy();
    });
  });
  // SSE streams never end by themselves; listen() closes their sockets so shutdown is prompt.
  const listening = await listen(server, options.host, options.port);
  hosts = servedHosts(options.host, listening.port);
  return listening;
}
