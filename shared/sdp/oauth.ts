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
    throw new SdpError('sdp.server', `The Zoho accounts server had an error (HTTP ${res.status}). DeskBridge will retry.`, {
      httpStatus: res.status,
      retryable: true,
    });
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
    throw new SdpError('sdp.invalid_input', 'Paste the grant code generated in the Zoho API console.', { fields: ['code'] });
  }
  if (!URL.canParse(input.accountsServer)) {
    throw new SdpError('sdp.invalid_input', 'The Zoho accounts server must be a URL such as https://accounts.zoho.com.', {
      fields: ['accountsServer'],
    });
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

/**
 * Caches the access token and refreshes single-flight: however many calls wait, one request goes
 * to Zoho, which allows only 10 mints per 10 minutes per refresh token.
 */
export class ZohoTokenSource {
  private cached: { token: string; refreshAt: number } | undefined;
  private inflight: Promise<string> | undefined;
  private blocked: { until: number; error: SdpError } | undefined;

  constructor(
    private readonly config: ZohoTokenSourceConfig,
    private readonly http: AxiosInstance,
    private readonly now: () => number,
  ) {}

  async token(): Promise<string> {
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

  private async refresh(): Promise<string> {
    try {
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
      const lifetimeMs = expiresInSec(body.expires_in) * 1000;
      const token = body.access_token!;
      this.cached = { token, refreshAt: this.now() + Math.max(lifetimeMs - TOKEN_REFRESH_MARGIN_MS, lifetimeMs / 2) };
      return token;
    } catch (error) {
      if (error instanceof SdpError && error.code === 'sdp.oauth.rate_limited') {
        this.blocked = { until: this.now() + (error.retryAfterMs ?? ZOHO_BLOCK_BACKOFF_MS), error };
      }
      throw error;
    }
  }
}
