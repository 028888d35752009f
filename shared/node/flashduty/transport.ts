import { FLASHDUTY_DEFAULT_API_BASE } from '../../common/config';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { z } from 'zod';
import { parseRetryAfter, sleep as realSleep, withRetry, type RetryPolicy } from '../net/backoff';
import { unlessAborted } from '../net/abort';
import { RateBudget } from '../net/rate-budget';
import { redactText, redactUrl } from '../net/redact';
import { FlashdutyError, errorFromResponse } from './errors';
import { invalid } from './inputs';
import { parseJsonLossless, stringifyJson } from './lossless-json';

/**
 * One Flashduty call as every client module makes it: a JSON POST within the account's rate
 * budget, the app key kept out of every message, retried by policy, the envelope and data checked.
 */

export interface FlashdutySettings {
  /** Defaults to FLASHDUTY_DEFAULT_API_BASE (also when blank). */
  baseUrl?: string;
  /** Secret: sent as the `app_key` query parameter, never logged. */
  appKey: string;
  /** Client-side call budget per account; defaults to Flashduty's 50/s and 1,000/min. */
  budget?: { perSecond?: number; perMinute?: number };
}

/** One HTTP attempt, for the sync log. Contains no secrets. */
export interface FlashdutyCallRecord {
  path: string;
  attempt: number;
  httpStatus?: number;
  requestId?: string;
  errorCode?: string;
  durationMs: number;
}

export interface FlashdutyClientOptions {
  /** Defaults to 4 attempts (3 retries), 500 ms doubling, 30 s cap. */
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  /** Per-attempt timeout; defaults to 30 s. */
  timeoutMs?: number;
  onCall?: (record: FlashdutyCallRecord) => void;
  /** Aborted on shutdown: waits for the rate budget or a retry end at once with the shutting-down error. */
  signal?: AbortSignal;
}

export const FLASHDUTY_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

export interface FlashdutyTransport {
  /** The base URL with nothing secret in it, for display and logs. */
  readonly baseUrl: string;
  call<T extends z.ZodType>(path: string, body: unknown, schema: T): Promise<z.output<T>>;
}

const envelopeSchema = z.object({
  request_id: z.string().optional(),
  data: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string().optional() }).nullish(),
});
type Envelope = z.output<typeof envelopeSchema>;

function headerValue(res: AxiosResponse, name: string): string | undefined {
  const value: unknown = res.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function checkedBaseUrl(settings: FlashdutySettings): string {
  const baseUrl = (settings.baseUrl?.trim() || FLASHDUTY_DEFAULT_API_BASE).replace(/\/+$/, '');
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    throw invalid(
      'base_url',
      `"${redactUrl(baseUrl)}" is not a valid Flashduty API base URL; it should look like ${FLASHDUTY_DEFAULT_API_BASE}.`,
    );
  }
  return baseUrl;
}

function readEnvelope(res: AxiosResponse): z.ZodSafeParseResult<Envelope> {
  let parsed: unknown;
  try {
    parsed = parseJsonLossless(typeof res.data === 'string' ? res.data : '');
  } catch {
    parsed = undefined;
  }
  return envelopeSchema.safeParse(parsed);
}

/** What a response says went wrong: Flashduty's own error, an HTTP failure, or no envelope at all. */
function failureOf(
  path: string,
  res: AxiosResponse,
  envelope: z.ZodSafeParseResult<Envelope>,
  facts: { requestId?: string; retryAfterMs?: number; scrub: (text: string) => string },
): FlashdutyError | undefined {
  const { requestId, retryAfterMs } = facts;
  const ids = {
    ...(requestId === undefined ? {} : { requestId }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
  if (envelope.success && envelope.data.error) {
    const { code, message } = envelope.data.error;
    return errorFromResponse({
      path,
      httpStatus: res.status,
      fdCode: code,
      serverMessage: facts.scrub(message ?? ''),
      ...ids,
    });
  }
  if (res.status < 200 || res.status >= 300) return errorFromResponse({ path, httpStatus: res.status, ...ids });
  if (!envelope.success || envelope.data.data === undefined) {
    return new FlashdutyError(
      'flashduty.bad_response',
      `Flashduty answered ${path} with something that is not its JSON envelope. Check the API base URL points at Flashduty.`,
      { path, httpStatus: res.status, ...(requestId === undefined ? {} : { requestId }) },
    );
  }
  return undefined;
}

function createHttp(baseUrl: string, appKey: string, timeoutMs: number | undefined): AxiosInstance {
  return axios.create({
    baseURL: baseUrl,
    timeout: timeoutMs ?? 30_000,
    params: { app_key: appKey },
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    responseType: 'text',
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxRedirects: 0,
  });
}

export function createFlashdutyTransport(
  settings: FlashdutySettings,
  options: FlashdutyClientOptions = {},
): FlashdutyTransport {
  const appKey = settings.appKey.trim();
  if (appKey === '') throw invalid('app_key', 'Enter the Flashduty APP key (Account Settings → APP Key in Flashduty).');
  const baseUrl = checkedBaseUrl(settings);
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? realSleep;
  const budget = new RateBudget(
    [
      { limit: settings.budget?.perSecond ?? 50, windowMs: 1_000 },
      { limit: settings.budget?.perMinute ?? 1_000, windowMs: 60_000 },
    ],
    { now, sleep: wait },
    options.signal,
  );
  const http = createHttp(baseUrl, appKey, options.timeoutMs);
  const scrub = (text: string): string => redactText(redactUrl(text), [appKey]);

  async function attempt(path: string, body: string, attemptNo: number) {
    await budget.take();
    const started = now();
    const record = (r: Omit<FlashdutyCallRecord, 'path' | 'attempt' | 'durationMs'>) =>
      options.onCall?.({ path, attempt: attemptNo, durationMs: now() - started, ...r });
    let res: AxiosResponse;
    try {
      res = await http.post(path, body);
    } catch (error) {
      const reason = axios.isAxiosError(error) ? (error.code ?? error.message) : String(error);
      const failure = new FlashdutyError(
        'flashduty.network',
        `Could not reach Flashduty at ${new URL(baseUrl).host} (${scrub(reason)}). Check the network connection and the API base URL.`,
        { path, retryable: true, details: { host: new URL(baseUrl).host, networkCode: scrub(reason) } },
      );
      record({ errorCode: failure.code });
      throw failure;
    }
    const envelope = readEnvelope(res);
    const requestId =
      (envelope.success ? envelope.data.request_id : undefined) ?? headerValue(res, 'flashcat-request-id');
    const retryAfterMs = parseRetryAfter(headerValue(res, 'retry-after'), now());
    const failure = failureOf(path, res, envelope, {
      scrub,
      ...(requestId === undefined ? {} : { requestId }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
    record({
      httpStatus: res.status,
      ...(requestId === undefined ? {} : { requestId }),
      ...(failure === undefined ? {} : { errorCode: failure.code }),
    });
    if (failure) throw failure;
    return { data: envelope.success ? envelope.data.data : undefined, requestId };
  }

  async function call<T extends z.ZodType>(path: string, body: unknown, schema: T): Promise<z.output<T>> {
    const text = stringifyJson(body);
    const { data, requestId } = await withRetry((n) => attempt(path, text, n), options.retry ?? FLASHDUTY_RETRY, {
      sleep: (ms) => unlessAborted(wait(ms), options.signal),
      ...(options.random ? { random: options.random } : {}),
    });
    const result = schema.safeParse(data);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new FlashdutyError(
        'flashduty.bad_response',
        `Flashduty's answer to ${path} did not have the expected shape (at "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}).`,
        { path, ...(requestId === undefined ? {} : { requestId }) },
      );
    }
    return result.data;
  }

  return { baseUrl: redactUrl(baseUrl), call };
}
