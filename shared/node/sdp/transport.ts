import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import type { z } from 'zod';
import { parseRetryAfter } from '../net/backoff';
import { redactText, redactUrl } from '../net/redact';
import { SdpError, describeBody, sdpFailureToError } from './errors';
import { PIN_MISMATCH } from './tls';
import { WireEnvelope, readEnvelopeStatus } from './wire';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpResult {
  status: number;
  headers: Record<string, unknown>;
  text: string;
}

/** Failures that happen before a single byte reached the server: safe to repeat even for POST. */
const BEFORE_SEND = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|EPROTO|ERR_SSL/;

export interface NetworkContext {
  method: HttpMethod;
  url: string;
  /** Overrides the method's default: true when repeating the call cannot duplicate anything. */
  idempotent?: boolean;
}

export function networkFailure(error: unknown, ctx: NetworkContext): SdpError {
  const code = String((error as { code?: unknown }).code ?? 'UNKNOWN');
  const host = safeHost(ctx.url);
  // Never chain the transport's own error: axios errors carry the request headers (API key, token).
  const cause = Object.assign(new Error(String((error as { message?: unknown }).message ?? code)), { code });
  if (code === PIN_MISMATCH) {
    return new SdpError(
      'sdp.tls',
      `The certificate presented by ${host} does not match the pinned SHA-256 fingerprint. If the server certificate was renewed, update the fingerprint in the connection settings; otherwise something is intercepting the connection.`,
      { details: { networkCode: code, host }, cause },
    );
  }
  if (TLS_CODES.test(code)) {
    return new SdpError(
      'sdp.tls',
      `The TLS certificate of ${host} is not trusted (${code}). For a private certificate, add its CA file or pin its SHA-256 fingerprint in the connection settings; check that the endpoint uses https only if the server does.`,
      { details: { networkCode: code, host }, cause },
    );
  }
  // A POST whose connection broke after sending may already have created the request or note;
  // repeating it could duplicate, so only pre-send failures are retried for POST.
  const retryable = (ctx.idempotent ?? ctx.method !== 'POST') || BEFORE_SEND.has(code);
  return new SdpError(
    'sdp.network',
    retryable
      ? `Could not reach ServiceDesk Plus at ${host} (${code}). Check the API endpoint, that the server is running, and the network in between.`
      : `The connection to ServiceDesk Plus at ${host} broke (${code}) after the call was sent; it may or may not have taken effect. Check SDP before repeating it.`,
    {
      details: { networkCode: code, host, method: ctx.method, ...(retryable ? {} : { sent: true }) },
      retryable,
      cause,
    },
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the configured endpoint';
  }
}

export async function sendHttp(
  http: AxiosInstance,
  config: AxiosRequestConfig,
  ctx: NetworkContext,
): Promise<HttpResult> {
  try {
    const res = await http.request<string>({
      ...config,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
    });
    return {
      status: res.status,
      headers: res.headers as Record<string, unknown>,
      text: typeof res.data === 'string' ? res.data : '',
    };
  } catch (error) {
    throw networkFailure(error, ctx);
  }
}

/**
 * JSON.parse would round 18-digit numeric IDs; quote any bare long integer sitting under an
 * `…id` key before parsing. SDP sends IDs as strings, so this only guards odd proxies and builds.
 */
export function parseJsonKeepingIds(text: string): unknown {
  return JSON.parse(text.replace(/((?<!\\)"[a-z_]*id"\s*:\s*)(-?\d{16,})(?=\s*[,}\]])/gi, '$1"$2"'));
}

export interface InterpretContext {
  edition: 'cloud' | 'onprem';
  secrets: readonly string[];
  now: number;
  method: HttpMethod;
  url: string;
}

/** Turns one HTTP exchange into the validated payload or the typed error. */
export function interpretSdpResponse<S extends z.ZodType>(
  res: HttpResult,
  schema: S,
  ctx: InterpretContext,
): z.output<S> {
  const retryAfterMs = parseRetryAfter(res.headers['retry-after'], ctx.now);
  // The query holds input_data (request content), which is noise in an error; the path identifies the call.
  const where = { method: ctx.method, url: redactUrl(ctx.url.split('?')[0]!) };
  if (res.status >= 300 && res.status < 400) {
    const location = typeof res.headers.location === 'string' ? redactUrl(res.headers.location) : 'elsewhere';
    throw new SdpError(
      'sdp.bad_response',
      `ServiceDesk Plus redirected the API call to ${location}, usually a login page or proxy. Check the API endpoint (scheme, host, port and portal) in the connection settings.`,
      { httpStatus: res.status, details: where },
    );
  }
  let json: unknown;
  try {
    json = parseJsonKeepingIds(res.text);
  } catch {
    json = undefined;
  }
  const envelope = json === undefined ? undefined : WireEnvelope.safeParse(json);
  const status = envelope?.success ? readEnvelopeStatus(envelope.data) : undefined;
  const failed = res.status >= 400 || (status?.statusCode !== undefined && status.statusCode >= 4000);
  if (failed || json === undefined) {
    if (!failed && json === undefined) {
      throw new SdpError(
        'sdp.bad_response',
        `ServiceDesk Plus answered with ${describeBody(res.text)} instead of API JSON (HTTP ${res.status}). A proxy or login page may sit in front of it, or the body was cut off: check the API endpoint in the connection settings.`,
        { httpStatus: res.status, details: where },
      );
    }
    const first =
      status?.messages.find((m) => m.statusCode !== undefined && m.statusCode !== 4000) ?? status?.messages[0];
    const code = first?.statusCode ?? status?.statusCode;
    const failure =
      status === undefined
        ? undefined
        : {
            ...(code === undefined ? {} : { statusCode: code }),
            ...(first?.message === undefined ? {} : { message: redactText(first.message, ctx.secrets) }),
            fields: first?.fields ?? [],
          };
    const err = sdpFailureToError({
      httpStatus: res.status,
      edition: ctx.edition,
      ...(failure === undefined ? {} : { failure }),
      ...(json === undefined || failure === undefined ? { rawText: res.text.slice(0, 2000) } : {}),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
    Object.assign(err.details ?? {}, where);
    throw err;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SdpError(
      'sdp.bad_response',
      `ServiceDesk Plus returned data DeskBridge does not understand (${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unexpected shape'}). The SDP version may be unsupported; contact support with this message.`,
      { httpStatus: res.status, details: where },
    );
  }
  return parsed.data;
}
