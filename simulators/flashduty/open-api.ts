import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonLossless, stringifyJson } from '../../shared/node/flashduty/lossless-json';
import { readBody, writeBody } from '../../shared/node/net/http-body';
import { redactUrl } from '../../shared/node/net/redact';
import { handleApi, isWriteRoute, validateBody, type Caller } from './api';
import type { FaultPlan, SimFaultKind } from './faults';
import { SIM_ROUTES } from './schemas';
import { KEY_OWNERS } from './seed';
import { SimApiError, type IncidentStore, type SimEvent } from './store';

/** The Open API over HTTP: who is calling, injected faults, Flashduty's checks in its order, the envelope. */

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

export interface OpenApiContext {
  appKey: string;
  readOnlyAppKey: string;
  store: IncidentStore;
  faults: FaultPlan;
  calls: SimCall[];
  limiter: RateWindow;
  nowMs(): number;
  /** Lets lapsed snoozes fire before a call looks at incidents. */
  tick(): void;
  emit(events: SimEvent[]): void;
}

export const MAX_BODY_BYTES = 1024 * 1024;

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
const apiError = (status: number, code: string, headers: Record<string, string> = {}) =>
  new SimApiError(status, code, MESSAGES[code]!, headers);

const requestId = (): string => randomBytes(13).toString('hex').toUpperCase().slice(0, 26);

export const sendJson = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
  writeBody(res, status, body, 'application/json; charset=utf-8', headers);

/** Flashduty's per-account limit over the last second and the last minute; false turns it off. */
export class RateWindow {
  private readonly stamps: number[] = [];

  constructor(private readonly limit: { perSecond: number; perMinute: number } | false) {}

  overLimit(): boolean {
    if (this.limit === false) return false;
    const t = Date.now();
    while (this.stamps.length > 0 && this.stamps[0]! <= t - 60_000) this.stamps.shift();
    const lastSecond = this.stamps.filter((s) => s > t - 1000).length;
    if (lastSecond >= this.limit.perSecond || this.stamps.length >= this.limit.perMinute) return true;
    this.stamps.push(t);
    return false;
  }
}

function keyKind(ctx: OpenApiContext, key: string | null): SimCall['key'] {
  if (key === null || key === '') return 'missing';
  if (key === ctx.appKey) return 'manage';
  return key === ctx.readOnlyAppKey ? 'readOnly' : 'invalid';
}

type Reply = (status: number, envelope: Record<string, unknown>, headers?: Record<string, string>) => void;
const failWith = (reply: Reply, error: SimApiError) =>
  reply(error.status, { error: { code: error.code, message: error.message } }, error.headers);

/** Answers an armed fault the way a broken gateway or an overloaded Flashduty would. */
function serveFault(
  fault: NonNullable<ReturnType<FaultPlan['take']>>,
  call: SimCall,
  req: IncomingMessage,
  res: ServerResponse,
  reply: Reply,
): void {
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
      return writeBody(res, 200, '<html><body>Gateway login</body></html>', 'text/html');
    case 'truncatedBody':
      call.status = 200;
      return sendJson(res, 200, `{"request_id":"${call.requestId}","data":{"member_id":24764`);
    case 'rate429':
      return failWith(reply, apiError(429, 'RequestTooFrequently', retryAfter));
    case 'http500':
      return failWith(reply, apiError(500, 'InternalError'));
    case 'http502':
      call.status = 502;
      return writeBody(res, 502, '<html><body>502 Bad Gateway</body></html>', 'text/html');
    case 'http503':
      return failWith(reply, new SimApiError(503, 'ServiceUnavailable', 'Service unavailable.', retryAfter));
  }
}

/** Flashduty's checks in its order: route, method, key, rate, content type, size, rights, JSON, schema. */
function runCall(ctx: OpenApiContext, call: SimCall, text: string, tooLarge: boolean): unknown {
  const route = SIM_ROUTES.find((r) => r === call.path);
  if (!route) throw apiError(404, 'RouteNotFound');
  if (call.method !== 'POST') throw apiError(405, 'MethodNotAllowed');
  if (call.key === 'missing' || call.key === 'invalid') throw apiError(401, 'Unauthorized');
  if (ctx.limiter.overLimit()) throw apiError(429, 'RequestTooFrequently', { 'Retry-After': '1' });
  if (!/^application\/json\b/i.test(call.contentType)) throw apiError(400, 'InvalidContentType');
  if (tooLarge) throw apiError(413, 'EntityTooLarge');
  const caller: Caller =
    call.key === 'manage'
      ? { personId: KEY_OWNERS.manage, canManage: true }
      : { personId: KEY_OWNERS.readOnly, canManage: false };
  if (isWriteRoute(route) && !caller.canManage) throw apiError(403, 'AccessDenied');
  let strict: unknown;
  try {
    strict = JSON.parse(text);
  } catch {
    throw new SimApiError(400, 'InvalidParameter', 'The request body is not valid JSON.');
  }
  validateBody(route, strict);
  ctx.tick();
  const result = handleApi(route, call.body as Record<string, unknown>, caller, ctx.store, ctx.nowMs());
  ctx.emit(result.events);
  return result.data;
}

export async function serveOpenApi(
  ctx: OpenApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const rid = requestId();
  const { bytes, tooLarge } = await readBody(req, MAX_BODY_BYTES);
  const text = bytes.toString('utf8');
  const call: SimCall = {
    method: req.method ?? '',
    path: url.pathname,
    query: redactUrl(url.search),
    key: keyKind(ctx, url.searchParams.get('app_key')),
    contentType: req.headers['content-type'] ?? '',
    rawBody: text,
    body: undefined,
    status: 0,
    requestId: rid,
  };
  ctx.calls.push(call);
  try {
    call.body = parseJsonLossless(text);
  } catch {
    call.body = undefined;
  }
  const reply: Reply = (status, envelope, headers = {}) => {
    call.status = status;
    const err = envelope.error as { code?: string } | undefined;
    if (err?.code) call.fdCode = err.code;
    sendJson(res, status, stringifyJson({ request_id: rid, ...envelope }), { 'Flashcat-Request-Id': rid, ...headers });
  };
  if (ctx.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, ctx.faults.latencyMs));
  const fault = ctx.faults.take(url.pathname);
  if (fault) return serveFault(fault, call, req, res, reply);
  try {
    reply(200, { data: runCall(ctx, call, text, tooLarge) });
  } catch (error) {
    failWith(reply, error instanceof SimApiError ? error : apiError(500, 'InternalError'));
  }
}
