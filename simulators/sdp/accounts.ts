import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_GRANT_SCOPES } from './scopes';

/**
 * Zoho's limit: one refresh token mints at most 10 access tokens per 10 minutes, then minting is
 * blocked for the rest of the window (zoho.com/accounts/protocol/oauth/web-apps/access-token-expiry.html:
 * "You can only generate a maximum of ten access tokens in a span of ten minutes").
 */
export const MINTS_PER_WINDOW = 10;
export const MINT_WINDOW_MS = 10 * 60_000;

const TokenParams = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  code: z.string().optional(),
  refresh_token: z.string().optional(),
  redirect_uri: z.string().optional(),
});

const hex = (n: number): string => randomBytes(n).toString('hex');

export interface TokenOutcome {
  httpStatus: number;
  body: Record<string, unknown>;
  grantType: string;
  ok: boolean;
}

/** The Zoho accounts server of a Self Client: grant codes, refresh tokens and access tokens. */
export class ZohoAccounts {
  readonly clientId = `1000.${hex(15).toUpperCase()}`;
  readonly clientSecret = hex(21);
  private readonly codes = new Map<string, { expiresAt: number; used: boolean; scopes: string[] }>();
  private readonly refreshTokens = new Map<string, { revoked: boolean; mints: number[]; scopes: string[] }>();
  /** Every mint, for the bench's tokens-per-hour figure. */
  mintCount = 0;
  private readonly accessTokens = new Map<string, { expiresAt: number; scopes: string[] }>();

  constructor(
    private readonly now: () => number,
    private readonly tokenTtlSec: number,
    private readonly codeTtlMs: number,
  ) {}

  /** A Self Client grant code carrying `scopes` (the "Generate Code" tab asks for them). */
  mintGrantCode(ttlMs: number = this.codeTtlMs, scopes: readonly string[] = DEFAULT_GRANT_SCOPES): string {
    const code = `1000.${hex(16)}.${hex(16)}`;
    this.codes.set(code, { expiresAt: this.now() + ttlMs, used: false, scopes: [...scopes] });
    return code;
  }

  /** The scopes of a live access token, or undefined when it is unknown or expired. */
  accessTokenScopes(token: string): readonly string[] | undefined {
    const t = this.accessTokens.get(token);
    return t !== undefined && this.now() < t.expiresAt ? t.scopes : undefined;
  }

  expireAccessTokens(): void {
    for (const t of this.accessTokens.values()) t.expiresAt = 0;
  }

  revokeRefreshTokens(): void {
    for (const rt of this.refreshTokens.values()) rt.revoked = true;
  }

  private mint(refreshToken: string): { access_token: string; expires_in: number } | undefined {
    const rt = this.refreshTokens.get(refreshToken)!;
    const now = this.now();
    rt.mints = rt.mints.filter((t) => t > now - MINT_WINDOW_MS);
    if (rt.mints.length >= MINTS_PER_WINDOW) return undefined;
    rt.mints.push(now);
    this.mintCount += 1;
    const token = `1000.${hex(16)}.${hex(16)}`;
    this.accessTokens.set(token, { expiresAt: now + this.tokenTtlSec * 1000, scopes: rt.scopes });
    return { access_token: token, expires_in: this.tokenTtlSec };
  }

  handleToken(raw: Record<string, string>): TokenOutcome {
    const p = TokenParams.parse(raw);
    const grantType = p.grant_type ?? '';
    const fail = (error: string, httpStatus = 200): TokenOutcome => ({
      httpStatus,
      body: { error },
      grantType,
      ok: false,
    });
    if (p.client_id !== this.clientId) return fail('invalid_client');
    if (p.client_secret !== this.clientSecret) return fail('invalid_client_secret');
    const common = { api_domain: 'https://www.zohoapis.com', token_type: 'Bearer' };
    if (grantType === 'authorization_code') {
      const code = p.code === undefined ? undefined : this.codes.get(p.code);
      if (!code || code.used || this.now() >= code.expiresAt) return fail('invalid_code');
      code.used = true;
      const refreshToken = `1000.${hex(16)}.${hex(16)}`;
      this.refreshTokens.set(refreshToken, { revoked: false, mints: [], scopes: code.scopes });
      const minted = this.mint(refreshToken)!;
      return { httpStatus: 200, body: { ...minted, refresh_token: refreshToken, ...common }, grantType, ok: true };
    }
    if (grantType === 'refresh_token') {
      const rt = p.refresh_token === undefined ? undefined : this.refreshTokens.get(p.refresh_token);
      if (!rt || rt.revoked) return fail('invalid_code');
      const minted = this.mint(p.refresh_token!);
      // The blocked answer as public Zoho clients record it: HTTP 400 with this body (a PHP
      // client's docblock quotes it verbatim, with a Chinese variant; Go and TypeScript clients
      // test against it). The bodies of other token errors are HTTP 200 + {"error"}
      // (https://zoho.com/contracts/api/getting-started/generating-access-tokens.html; zoho/zcrm-csharp-sdk#7).
      if (!minted) {
        return {
          httpStatus: 400,
          body: {
            error_description: 'You have made too many requests continuously. Please try again after some time.',
            error: 'Access Denied',
            status: 'failure',
          },
          grantType,
          ok: false,
        };
      }
      return { httpStatus: 200, body: { ...minted, ...common }, grantType, ok: true };
    }
    return fail('unsupported_grant_type');
  }
}
