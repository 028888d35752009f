import { createHash } from 'node:crypto';
import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import { SdpError, zohoErrorToError } from './errors';
import { parseJsonKeepingIds, sendHttp } from './transport';

const ZohoTokenResponse = z.looseObject({
  access_token: z.string().min(1).optional(),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.union([z.number(), z.string()]).optional(),
  api_domain: z.string().optional(),
  error: z.string().optional(),
});

/** Refresh this long before Zoho's expiry so a call never leaves with a token about to die. */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;
/**
 * Zoho blocks a refresh token for the rest of a 10-minute window after 10 mints; asking again
 * inside it only prolongs the trouble, so the block is remembered for a whole window.
 */
const ZOHO_BLOCK_BACKOFF_MS = 10 * 60_000;

export interface GrantCodeExchange {
  accountsServer: string;
  clientId: string;
  clientSecret: string;
  code: string;
}

export interface GrantCodeResult {
  refreshToken: string;
  accessToken: string;
  expiresInSec: number;
  apiDomain?: string;
}

function tokenEndpoint(accountsServer: string): string {
  return `${accountsServer.replace(/\/+$/, '')}/oauth/v2/token`;
}

async function postToken(
  http: AxiosInstance,
  accountsServer: string,
  form: Record<string, string>,
  phase: 'exchange' | 'refresh',
): Promise<z.output<typeof ZohoTokenResponse>> {
  const url = tokenEndpoint(accountsServer);
  const res = await sendHttp(
    http,
    {
      method: 'POST',
      url,
      data: new URLSearchParams(form).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    },
    { method: 'POST', url, idempotent: phase === 'refresh' },
  );
  let parsed: z.ZodSafeParseResult<z.output<typeof ZohoTokenResponse>> | undefined;
  try {
    parsed = ZohoTokenResponse.safeParse(parseJsonKeepingIds(res.text));
  } catch {
    parsed = undefined;
  }
  // Zoho reports errors as HTTP 200 + {"error"}; throttling comes as 4xx with the same shape.
  if (parsed?.success && parsed.data.error) throw zohoErrorToError(parsed.data.error, phase, ZOHO_BLOCK_BACKOFF_MS);
  if (res.status >= 500) {
    throw new SdpError(
      'sdp.server',
      `The Zoho accounts server had an error (HTTP ${res.status}). DeskBridge will retry.`,
      {
        httpStatus: res.status,
        retryable: true,
      },
    );
  }
  if (!parsed?.success || res.status >= 300 || !parsed.data.access_token) {
    throw new SdpError(
      'sdp.bad_response',
      `The Zoho accounts server answered with something unexpected (HTTP ${res.status}). Check the accounts server URL for your data centre in the connection settings.`,
      { httpStatus: res.status, details: { phase } },
    );
  }
  return parsed.data;
}

function expiresInSec(value: number | string | undefined): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : 3600;
}

/**
 * Trades a one-time Self Client grant code for a refresh token, for the caller to store in the
 * keychain. Not retried: a code works once, so a repeat after an ambiguous failure would only
 * produce a confusing `invalid_code`.
 */
export async function exchangeGrantCode(
  input: GrantCodeExchange,
  options: { http?: AxiosInstance; timeoutMs?: number } = {},
): Promise<GrantCodeResult> {
  if (input.code.trim() === '') {
    throw new SdpError('sdp.invalid_input', 'Paste the grant code generated in the Zoho API console.', {
      fields: ['code'],
    });
  }
  if (!URL.canParse(input.accountsServer)) {
    throw new SdpError(
      'sdp.invalid_input',
      'The Zoho accounts server must be a URL such as https://accounts.zoho.com.',
      {
        fields: ['accountsServer'],
      },
    );
  }
  const http = options.http ?? axios.create({ timeout: options.timeoutMs ?? 30_000 });
  const body = await postToken(
    http,
    input.accountsServer,
    {
      grant_type: 'authorization_code',
      client_id: input.clientId,
      client_secret: input.clientSecret,
      code: input.code.trim(),
    },
    'exchange',
  );
  if (!body.refresh_token) {
    throw new SdpError(
      'sdp.oauth.error',
      'Zoho returned no refresh token for this grant code. Generate the code on the Self Client\'s "Generate Code" tab (not from a web-app flow) and try again.',
    );
  }
  return {
    refreshToken: body.refresh_token,
    accessToken: body.access_token!,
    expiresInSec: expiresInSec(body.expires_in),
    ...(body.api_domain === undefined ? {} : { apiDomain: body.api_domain }),
  };
}

export interface ZohoTokenSourceConfig {
  accountsServer: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** Zoho's mint limit per refresh token (zoho.com/accounts/protocol/oauth/web-apps/access-token-expiry.html). */
export const ZOHO_MINTS_PER_WINDOW = 10;
export const ZOHO_MINT_WINDOW_MS = 10 * 60_000;
/**
 * How long a refused scope is taken as missing without asking again. Scopes are fixed per refresh
 * token, but the same 401 also comes when the Zoho user lost access to the portal, which an admin
 * can fix without reconnecting: look again after an hour, at the cost of one mint.
 */
export const LACKING_SCOPE_RECHECK_MS = 60 * 60_000;

/**
 * What survives a restart (in the keychain, next to the refresh token): the access token and its
 * expiry, the times of recent mints (so the limit holds across restarts) and the scopes Zoho
 * refused (fixed per refresh token, so one refusal is enough). `owner` fingerprints the refresh
 * token: a reconnect with a new one starts afresh.
 */
export const ZohoTokenState = z.object({
  owner: z.string(),
  accessToken: z.string().nullable(),
  expiresAt: z.number(),
  mints: z.array(z.number()),
  lackingScopes: z.array(z.object({ scope: z.string(), until: z.number() })),
});
export type ZohoTokenState = z.infer<typeof ZohoTokenState>;

/** Where a token source keeps its state; failures are the store's to absorb (the cache is an optimisation). */
export interface ZohoTokenStore {
  load(): Promise<ZohoTokenState | null>;
  save(state: ZohoTokenState): Promise<void>;
}

export function refreshTokenOwner(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex').slice(0, 16);
}

const clockTime = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/**
 * Caches the access token and refreshes single-flight: however many calls wait, one request goes
 * to Zoho, which allows only 10 mints per 10 minutes per refresh token. A mint past that limit is
 * refused here, before Zoho would block the refresh token for the rest of its window.
 */
export class ZohoTokenSource {
  private cached: { token: string; refreshAt: number; expiresAt: number } | undefined;
  private inflight: Promise<string> | undefined;
  private blocked: { until: number; error: SdpError } | undefined;
  private mints: number[] = [];
  /** Scope → until when it is taken as missing. */
  private readonly lacking = new Map<string, number>();
  private loading: Promise<void> | undefined;
  private readonly owner: string;

  constructor(
    private readonly config: ZohoTokenSourceConfig,
    private readonly http: AxiosInstance,
    private readonly now: () => number,
    private store?: ZohoTokenStore,
  ) {
    this.owner = refreshTokenOwner(config.refreshToken);
  }

  async token(): Promise<string> {
    await (this.loading ??= this.load());
    if (this.cached && this.now() < this.cached.refreshAt) return this.cached.token;
    if (this.blocked && this.now() < this.blocked.until) throw this.blocked.error;
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Drops `token` after SDP said 401, unless a newer one already replaced it. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  /** True once Zoho refused a fresh token for `scope`: asking again would only burn a mint. */
  lacks(scope: string): boolean {
    return (this.lacking.get(scope) ?? 0) > this.now();
  }

  markLacking(scope: string): void {
    if (this.lacks(scope)) return;
    this.lacking.set(scope, this.now() + LACKING_SCOPE_RECHECK_MS);
    void this.persist();
  }

  /** Takes the access token a grant-code exchange minted, so the first calls need no mint of their own. */
  async seed(accessToken: string, expiresInSec: number): Promise<void> {
    await (this.loading ??= this.load());
    this.mints.push(this.now());
    this.keep(accessToken, expiresInSec);
    await this.persist();
  }

  private keep(token: string, expiresIn: number): void {
    const lifetimeMs = expiresIn * 1000;
    const now = this.now();
    this.cached = {
      token,
      expiresAt: now + lifetimeMs,
      refreshAt: now + Math.max(lifetimeMs - TOKEN_REFRESH_MARGIN_MS, lifetimeMs / 2),
    };
  }

  /**
   * Gives a source made without a store (the connect flow's, before the refresh token is kept) the
   * integration's keychain entry: what it holds is merged in, and the merged state saved.
   */
  useStore(store: ZohoTokenStore): void {
    if (this.store) return;
    this.store = store;
    const before = this.loading ?? Promise.resolve();
    // Calls wait for this (token() awaits `loading`), so none mints before the merge is done.
    this.loading = before.then(async () => {
      await this.load();
      await this.persist();
    });
  }

  private async load(): Promise<void> {
    const raw = await this.store?.load().catch(() => null);
    const state = raw ? ZohoTokenState.safeParse(raw) : undefined;
    if (!state?.success || state.data.owner !== this.owner) return;
    const s = state.data;
    this.mints = [...new Set([...this.mints, ...s.mints])]
      .filter((t) => t > this.now() - ZOHO_MINT_WINDOW_MS)
      .sort((a, b) => a - b);
    for (const { scope, until } of s.lackingScopes)
      if (until > (this.lacking.get(scope) ?? 0)) this.lacking.set(scope, until);
    if (
      s.accessToken !== null &&
      this.now() < s.expiresAt &&
      (this.cached === undefined || this.cached.expiresAt < s.expiresAt)
    ) {
      const left = s.expiresAt - this.now();
      this.cached = {
        token: s.accessToken,
        expiresAt: s.expiresAt,
        refreshAt: s.expiresAt - Math.min(TOKEN_REFRESH_MARGIN_MS, left / 2),
      };
    }
  }

  private async persist(): Promise<void> {
    if (!this.store) return;
    await this.store
      .save({
        owner: this.owner,
        accessToken: this.cached?.token ?? null,
        expiresAt: this.cached?.expiresAt ?? 0,
        mints: this.mints,
        lackingScopes: [...this.lacking]
          .filter(([, until]) => until > this.now())
          .map(([scope, until]) => ({ scope, until })),
      })
      .catch(() => undefined);
  }

  /** Refuses the mint that would pass Zoho's limit, saying when the oldest mint leaves the window. */
  private checkMintBudget(): void {
    const now = this.now();
    this.mints = this.mints.filter((t) => t > now - ZOHO_MINT_WINDOW_MS);
    if (this.mints.length < ZOHO_MINTS_PER_WINDOW) return;
    const freeAt = this.mints[0]! + ZOHO_MINT_WINDOW_MS;
    const minutes = Math.max(1, Math.ceil((freeAt - now) / 60_000));
    throw new SdpError(
      'sdp.oauth.rate_limited',
      `DeskBridge already minted ${ZOHO_MINTS_PER_WINDOW} Zoho access tokens for this refresh token in the last 10 minutes, Zoho's limit; one more would get the refresh token blocked. The next token can be minted at ${clockTime(freeAt)} UTC (in about ${minutes} min); sync waits until then.`,
      { retryable: true, retryAfterMs: freeAt - now, details: { freeAt } },
    );
  }

  private async refresh(): Promise<string> {
    this.checkMintBudget();
    try {
      this.mints.push(this.now());
      const body = await postToken(
        this.http,
        this.config.accountsServer,
        {
          grant_type: 'refresh_token',
          client_id: this.config.clientId,
          client_secret: this.config.clientSecret,
          refresh_token: this.config.refreshToken,
        },
        'refresh',
      );
      const token = body.access_token!;
      this.keep(token, expiresInSec(body.expires_in));
      await this.persist();
      return token;
    } catch (error) {
      if (error instanceof SdpError && error.code === 'sdp.oauth.rate_limited') {
        this.blocked = { until: this.now() + (error.retryAfterMs ?? ZOHO_BLOCK_BACKOFF_MS), error };
      }
      throw error;
    }
  }
}

/**
 * One token source per refresh token for the whole app: the integration runtime, Test connection,
 * metadata and the connect flow all mint through it, so together they stay within Zoho's limit.
 */
export class ZohoTokenRegistry {
  private readonly sources = new Map<string, ZohoTokenSource>();

  source(config: ZohoTokenSourceConfig, make: () => ZohoTokenSource, store?: ZohoTokenStore): ZohoTokenSource {
    const key = refreshTokenOwner(
      `${config.accountsServer}\n${config.clientId}\n${config.clientSecret}\n${config.refreshToken}`,
    );
    let source = this.sources.get(key);
    if (!source) {
      source = make();
      this.sources.set(key, source);
    } else if (store) {
      source.useStore(store);
    }
    return source;
  }
}
