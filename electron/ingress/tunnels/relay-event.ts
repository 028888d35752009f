import { z } from 'zod';

/**
 * A smee-compatible relay publishes each POST to a channel as one SSE message whose data is
 * `{ ...lower-cased request headers, body: <parsed JSON body>, query: {...}, timestamp }`.
 * One channel serves every webhook of an integration, so the local path rides in the query.
 */
export const RELAY_PATH_PARAM = 'path';

/** Larger than any webhook the local server accepts, so oversize is refused there, not here. */
export const MAX_RELAY_EVENT_CHARS = 1024 * 1024;

const RESERVED_KEYS = new Set(['body', 'query', 'timestamp']);

/**
 * Never replayed: hop-by-hop headers (RFC 9110 §7.6.1) describe the relay's connection, not the
 * webhook; host/length/encoding no longer match the re-serialised body; `expect` would stall.
 */
const DROPPED_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'content-encoding',
  'expect',
]);

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const LOCAL_PATH = /^\/hooks(\/[A-Za-z0-9_-]+)+$/;

const queryValue = z.union([z.string(), z.array(z.string())]);
const relayEventSchema = z.looseObject({
  body: z.unknown().optional(),
  query: z.record(z.string(), queryValue).optional(),
  timestamp: z.number().optional(),
});

export interface ReplayRequest {
  /** Path and query on the local webhook server. */
  path: string;
  headers: Record<string, string | string[]>;
  body: string;
}

export type ReplayDecision = { ok: true; request: ReplayRequest } | { ok: false; reason: string };

function headerValue(value: unknown): string | string[] | undefined {
  if (typeof value === 'string') return HEADER_VALUE.test(value) ? value : undefined;
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string' && HEADER_VALUE.test(v)))
    return value;
  return undefined;
}

/** Turns one relay message into the POST to replay locally, or says why it cannot be replayed. */
export function replayRequestFor(data: string): ReplayDecision {
  if (data.length > MAX_RELAY_EVENT_CHARS)
    return { ok: false, reason: `relay event over ${MAX_RELAY_EVENT_CHARS} characters` };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, reason: 'relay event is not JSON' };
  }
  const event = relayEventSchema.safeParse(json);
  if (!event.success) return { ok: false, reason: 'relay event is not a webhook (expected headers, body and query)' };
  const { body, query = {} } = event.data;

  const target = query[RELAY_PATH_PARAM];
  if (typeof target !== 'string' || !LOCAL_PATH.test(target)) {
    return {
      ok: false,
      reason: `the webhook URL lacks "?${RELAY_PATH_PARAM}=/hooks/…"; copy it again from DeskBridge`,
    };
  }
  const rest = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === RELAY_PATH_PARAM) continue;
    for (const v of Array.isArray(value) ? value : [value]) rest.append(key, v);
  }
  const search = rest.toString();

  const connectionListed = new Set(
    String(typeof event.data.connection === 'string' ? event.data.connection : '')
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  );
  const headers: Record<string, string | string[]> = {};
  for (const [rawName, raw] of Object.entries(event.data)) {
    const name = rawName.toLowerCase();
    if (RESERVED_KEYS.has(name) || DROPPED_HEADERS.has(name) || connectionListed.has(name) || !TOKEN.test(name))
      continue;
    const value = headerValue(raw);
    if (value !== undefined) headers[name] = value;
  }
  headers['content-type'] ??= 'application/json';

  return {
    ok: true,
    request: {
      path: search ? `${target}?${search}` : target,
      headers,
      body: body === undefined ? '' : JSON.stringify(body),
    },
  };
}

/** The URL a sender posts to when the route is a relay channel. */
export function relayWebhookUrl(channelUrl: string, localPath: string): string {
  return `${channelUrl}?${RELAY_PATH_PARAM}=${localPath}`;
}
