import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  FlashdutyWebhookError,
  parseFlashdutyWebhookText,
  type FlashdutyWebhookHint,
} from '../../shared/node/flashduty/webhook';
import { readBody, writeBody } from '../../shared/node/net/http-body';
import { parseSdpWebhookBody, type SdpWebhookNotice } from '../../shared/node/sdp/webhook';
import { tokenMatches } from '../transport/http';
import { listen, type Listening } from '../transport/listen';
import { TokenBucket } from './token-bucket';

/** The header senders put the shared secret in (SDP and Flashduty both allow custom headers). */
export const SECRET_HEADER = 'X-DeskBridge-Secret';
export const MAX_WEBHOOK_BODY = 256 * 1024;

export type WebhookKind = 'sdp' | 'flashduty' | 'flashduty-action';

export interface WebhookRoute {
  integrationId: string;
  secret: string;
}

export type WebhookEvent =
  | { kind: 'sdp'; integrationId: string; notice: SdpWebhookNotice }
  | { kind: 'flashduty' | 'flashduty-action'; integrationId: string; hint: FlashdutyWebhookHint }
  | { kind: 'rejected'; integrationId: string | null; endpoint: string; status: number; reason: string };

export interface WebhookServerOptions {
  host: string;
  port: number;
  /** Current routes by integration ID; read per request so config changes apply at once. */
  routes: () => ReadonlyMap<string, WebhookRoute>;
  onEvent: (event: WebhookEvent) => void;
  /**
   * Per endpoint, for calls that carry the right secret: burst size and sustained requests per second before answering
   * 429.
   */
  rateLimit?: { burst: number; perSecond: number };
  /**
   * Shared by every call that fails the path or secret check, so forged traffic cannot use up a real sender's budget.
   */
  unauthenticatedLimit?: { burst: number; perSecond: number };
}

export type WebhookServer = Listening;

/**
 * The unguessable path segment of an integration's webhook URLs. Derived from the secret, so it
 * is stable across restarts, changes when the secret is rotated, and needs no storage of its own.
 */
function webhookPathToken(integrationId: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(`deskbridge-webhook-path:${integrationId}`)
    .digest('base64url')
    .slice(0, 32);
}

export function webhookPath(integrationId: string, secret: string, kind: WebhookKind): string {
  return `/hooks/${integrationId}/${webhookPathToken(integrationId, secret)}/${kind}`;
}

function secretMatches(expected: string, presented: string | string[] | undefined): boolean {
  return typeof presented === 'string' && tokenMatches(expected, presented);
}

function answer(
  res: ServerResponse,
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  writeBody(res, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);
}

/** Why a call is refused: its status, the reason said to the sender and logged, extra headers. */
interface Refusal {
  status: number;
  reason: string;
  headers?: Record<string, string>;
}

/** A checked body: what to answer and what to hand on, or why it is refused. */
function readHook(
  kind: WebhookKind,
  integrationId: string,
  body: Buffer,
): Refusal | { status: number; accepted: boolean; event: WebhookEvent } {
  if (kind === 'sdp') {
    const notice = parseSdpWebhookBody(body.toString('utf8'));
    if (!notice.ok) return { status: 400, reason: notice.error };
    return { status: 202, accepted: true, event: { kind, integrationId, notice } };
  }
  try {
    const hint = parseFlashdutyWebhookText(body, MAX_WEBHOOK_BODY);
    return { status: 200, accepted: hint.kind === 'incident', event: { kind, integrationId, hint } };
  } catch (error) {
    if (error instanceof FlashdutyWebhookError) return { status: error.httpStatus, reason: error.message };
    throw error;
  }
}

const tooLarge: Refusal = { status: 413, reason: `Webhook body over ${MAX_WEBHOOK_BODY} bytes.` };

const PATH = /^\/hooks\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{32})\/(sdp|flashduty|flashduty-action)$/;

/**
 * Receives SDP and Flashduty webhooks. A webhook is only a doorbell: after the checks it is
 * answered at once and handed on; the engine re-reads the entity from its API before acting.
 */
export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const limit = options.rateLimit ?? { burst: 100, perSecond: 20 };
  const unauthenticatedLimit = options.unauthenticatedLimit ?? { burst: 20, perSecond: 2 };
  const buckets = new Map<string, TokenBucket>();
  const strangers = new TokenBucket(unauthenticatedLimit.burst, unauthenticatedLimit.perSecond);

  const reject = (res: ServerResponse, integrationId: string | null, endpoint: string, refusal: Refusal) => {
    const { status, reason } = refusal;
    answer(res, status, { error: reason }, refusal.headers);
    options.onEvent({ kind: 'rejected', integrationId, endpoint, status, reason });
  };
  /** A call that has not shown the secret: answered from its own small budget, then refused with 429. */
  const rejectStranger = (
    req: IncomingMessage,
    res: ServerResponse,
    integrationId: string | null,
    endpoint: string,
    refusal: Refusal,
  ) => {
    if (strangers.tryTake()) reject(res, integrationId, endpoint, refusal);
    else
      reject(res, integrationId, endpoint, {
        status: 429,
        reason: 'Too many webhook calls without the right secret; slow down.',
        headers: { 'retry-after': String(strangers.secondsUntilNext()) },
      });
    req.resume();
  };
  /** For a caller that showed the secret: method, the endpoint's budget, the declared size. */
  const admit = (req: IncomingMessage, endpoint: string): Refusal | undefined => {
    if (req.method !== 'POST')
      return { status: 405, reason: 'Webhooks must be sent with POST.', headers: { allow: 'POST' } };
    let bucket = buckets.get(endpoint);
    if (!bucket) buckets.set(endpoint, (bucket = new TokenBucket(limit.burst, limit.perSecond)));
    if (!bucket.tryTake()) {
      const headers = { 'retry-after': String(bucket.secondsUntilNext()) };
      return { status: 429, reason: 'Too many webhook calls; slow down.', headers };
    }
    if (Number(req.headers['content-length']) > MAX_WEBHOOK_BODY) return tooLarge;
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0]!;
    const match = PATH.exec(path);
    const route = match ? options.routes().get(match[1]!) : undefined;
    if (!match || !route || webhookPathToken(route.integrationId, route.secret) !== match[2]) {
      // The path is the caller's text: it is never echoed into the log.
      const reason = 'No webhook here. Copy the URL again from DeskBridge (Integration → Inbound).';
      return rejectStranger(req, res, route?.integrationId ?? null, 'an unknown path', { status: 404, reason });
    }
    const { integrationId } = route;
    const kind = match[3] as WebhookKind;
    const endpoint = `${integrationId}/${kind}`;
    // The secret first: only a caller that knows it may spend the endpoint's budget.
    if (!secretMatches(route.secret, req.headers[SECRET_HEADER.toLowerCase()])) {
      const reason = `Missing or wrong ${SECRET_HEADER} header. Copy the header value again from DeskBridge.`;
      return rejectStranger(req, res, integrationId, endpoint, { status: 401, reason });
    }
    const refused = admit(req, endpoint);
    if (refused) {
      reject(res, integrationId, endpoint, refused);
      req.resume();
      return;
    }
    const body = await readBody(req, MAX_WEBHOOK_BODY);
    if (body.tooLarge) return reject(res, integrationId, endpoint, tooLarge);
    const hook = readHook(kind, integrationId, body.bytes);
    if ('reason' in hook) return reject(res, integrationId, endpoint, hook);
    answer(res, hook.status, { accepted: hook.accepted });
    options.onEvent(hook.event);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) answer(res, 500, { error: 'Internal error; the change will still be found by polling.' });
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  return listen(server, options.host, options.port);
}
