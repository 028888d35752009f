import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import { withRetry, sleep as realSleep } from '../net/backoff';
import { unlessAborted } from '../net/abort';
import { RateBudget } from '../net/rate-budget';
import { SdpError } from './errors';
import { MAX_ROW_COUNT, invalidInput, parseInput } from './inputs';
import { ZohoTokenSource } from './oauth';
import { scopeForCall } from './scopes';
import {
  DEFAULT_RATE_PER_MIN,
  SDP_DEFAULT_RETRY,
  SettingsSchema,
  normaliseApiBaseUrl,
  type SdpClientOptions,
  type SdpClientSettings,
  type SdpCloudSettings,
} from './settings';
import { createTlsAgent } from './tls';
import { interpretSdpResponse, sendHttp, type HttpMethod } from './transport';
import { WireListInfo } from './wire';

/**
 * One SDP call as every client module makes it: within the rate budget, authenticated for the
 * edition (a cloud token refreshed once on a 401), retried by policy, answered through zod.
 */
export interface SdpCaller {
  readonly edition: 'cloud' | 'onprem';
  /** The normalised `…/api/v3` base URL. */
  readonly base: string;
  call<S extends z.ZodType>(method: HttpMethod, url: string, schema: S, inputData?: unknown): Promise<z.output<S>>;
  /**
   * A metadata list, every page. One odd row (a status without flags, a technician without a
   * name) is skipped, never the whole list: SDP builds differ in which fields they return.
   */
  listAll<T>(path: string, key: string, item: z.ZodType<T>): Promise<T[]>;
}

function cloudTokens(
  settings: SdpCloudSettings,
  http: AxiosInstance,
  now: () => number,
  options: SdpClientOptions,
): ZohoTokenSource {
  const config = {
    accountsServer: settings.accountsServer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    refreshToken: settings.refreshToken,
  };
  const make = () => new ZohoTokenSource(config, http, now, options.tokenStore);
  return options.tokens ? options.tokens.source(config, make, options.tokenStore) : make();
}

function missingScope(scope: string, method: string, path: string): SdpError {
  return new SdpError(
    'sdp.forbidden',
    `SDP Cloud refused ${method} /${path.replace(/^\/+/, '').split('?')[0]} with a freshly minted token: the grant code it came from lacks the scope ${scope} (or its Zoho user may not open this portal).`,
    { httpStatus: 401, details: { scope } },
  );
}

function createHttp(settings: SdpClientSettings, options: SdpClientOptions): AxiosInstance {
  let httpsAgent: ReturnType<typeof createTlsAgent>;
  try {
    httpsAgent = settings.edition === 'onprem' ? createTlsAgent(settings.tls) : undefined;
  } catch (error) {
    throw invalidInput(`The certificate trust settings are invalid: ${(error as Error).message}.`, [
      'tls.pinnedSha256',
    ]);
  }
  return axios.create({ timeout: options.timeoutMs ?? 30_000, ...(httpsAgent ? { httpsAgent } : {}) });
}

/** Headers that prove who is calling: the on-prem key, or a cloud access token (kept to refresh it on a 401). */
function createAuth(
  settings: SdpClientSettings,
  http: AxiosInstance,
  now: () => number,
  options: SdpClientOptions,
): {
  tokens: ZohoTokenSource | undefined;
  headers: () => Promise<{ headers: Record<string, string>; token?: string }>;
} {
  if (settings.edition === 'onprem') {
    const headers = { authtoken: settings.apiKey, ...(settings.portalId ? { PORTALID: settings.portalId } : {}) };
    return { tokens: undefined, headers: () => Promise.resolve({ headers }) };
  }
  const tokens = cloudTokens(settings, http, now, options);
  const seeded = options.initialToken
    ? tokens.seed(options.initialToken.accessToken, options.initialToken.expiresInSec)
    : undefined;
  return {
    tokens,
    async headers() {
      await seeded;
      const token = await tokens.token();
      return { headers: { Authorization: `Zoho-oauthtoken ${token}` }, token };
    },
  };
}

export function createSdpCaller(settings: SdpClientSettings, options: SdpClientOptions = {}): SdpCaller {
  parseInput(SettingsSchema, settings, 'connection setting');
  const base = normaliseApiBaseUrl(settings.apiBaseUrl);
  const clock = options.clock ?? { now: () => Date.now(), sleep: realSleep };
  const perMin = settings.rateLimitPerMin ?? DEFAULT_RATE_PER_MIN[settings.edition];
  const budget = new RateBudget([{ limit: perMin, windowMs: 60_000 }], clock, options.signal);
  const http = createHttp(settings, options);
  const auth = createAuth(settings, http, clock.now, options);
  const secrets = settings.edition === 'cloud' ? [settings.clientSecret, settings.refreshToken] : [settings.apiKey];

  /** One attempt; a cloud 401 refreshes the token once (single-flight) and repeats the call. */
  async function attempt<S extends z.ZodType>(
    method: HttpMethod,
    url: string,
    target: string,
    schema: S,
    encoded?: string,
  ) {
    const form = method !== 'GET' && encoded !== undefined;
    let refreshed = false;
    for (;;) {
      await budget.take();
      const { headers, token } = await auth.headers();
      const res = await sendHttp(
        http,
        {
          method,
          url: target,
          headers: {
            Accept: 'application/vnd.manageengine.sdp.v3+json',
            ...headers,
            ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
          },
          ...(form ? { data: encoded } : {}),
        },
        { method, url: target },
      );
      if (res.status === 401 && token !== undefined) {
        const tokens = auth.tokens!;
        const scope = scopeForCall(method, url.slice(base.length));
        // A token Zoho has just minted is alive, so a 401 to it means the grant lacks this
        // call's scope (SDP answers both with the same 401). Scopes are fixed per refresh
        // token: remember the refusal instead of minting again on every such call.
        if (scope !== null && (refreshed || tokens.lacks(scope))) {
          tokens.markLacking(scope);
          throw missingScope(scope, method, url.slice(base.length));
        }
        if (!refreshed) {
          tokens.invalidate(token);
          refreshed = true;
          continue;
        }
      }
      const answerSecrets = token ? [...secrets, token] : secrets;
      return interpretSdpResponse(res, schema, {
        edition: settings.edition,
        secrets: answerSecrets,
        now: clock.now(),
        method,
        url: target,
      });
    }
  }

  const call: SdpCaller['call'] = (method, url, schema, inputData) => {
    const encoded =
      inputData === undefined ? undefined : new URLSearchParams({ input_data: JSON.stringify(inputData) }).toString();
    const target = method === 'GET' && encoded ? `${url}?${encoded}` : url;
    return withRetry(() => attempt(method, url, target, schema, encoded), options.retry ?? SDP_DEFAULT_RETRY, {
      sleep: (ms) => unlessAborted(clock.sleep(ms), options.signal),
      ...(options.random ? { random: options.random } : {}),
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    });
  };

  return {
    edition: settings.edition,
    base,
    call,
    listAll: (path, key, item) => listAll(call, `${base}/${path}`, key, item),
  };
}

async function listAll<T>(call: SdpCaller['call'], url: string, key: string, item: z.ZodType<T>): Promise<T[]> {
  const schema = z.looseObject({ [key]: z.array(z.unknown()).default([]), list_info: WireListInfo });
  const out: T[] = [];
  for (let start = 1; ;) {
    const page = (await call('GET', url, schema, {
      list_info: { row_count: MAX_ROW_COUNT, start_index: start },
    })) as Record<string, unknown> & { list_info?: { has_more_rows?: boolean } };
    const rows = page[key] as unknown[];
    for (const row of rows) {
      const parsed = item.safeParse(row);
      if (parsed.success) out.push(parsed.data);
    }
    if (!page.list_info?.has_more_rows || rows.length === 0) return out;
    start += rows.length;
  }
}
