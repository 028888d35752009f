import { z } from 'zod';
import type { RetryHooks, RetryPolicy } from '../net/backoff';
import { invalidInput } from './inputs';
import type { ZohoTokenRegistry, ZohoTokenStore } from './oauth';
import type { SdpTlsSettings } from './tls';

/** How a client reaches one SDP: the edition's credentials, and the knobs tests and the app turn. */

export interface SdpCloudSettings {
  edition: 'cloud';
  /** `https://<domain>/app/<portal>/api/v3` */
  apiBaseUrl: string;
  accountsServer: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  rateLimitPerMin?: number;
}

export interface SdpOnpremSettings {
  edition: 'onprem';
  /** `http(s)://host:port/api/v3` */
  apiBaseUrl: string;
  apiKey: string;
  portalId?: string;
  tls?: SdpTlsSettings;
  rateLimitPerMin?: number;
}

export type SdpClientSettings = SdpCloudSettings | SdpOnpremSettings;

const Filled = (what: string) => z.string().trim().min(1, `${what} is empty`);
export const SettingsSchema = z.discriminatedUnion('edition', [
  z.looseObject({
    edition: z.literal('cloud'),
    apiBaseUrl: Filled('the API endpoint'),
    accountsServer: z.url({ message: 'the Zoho accounts server must be a URL such as https://accounts.zoho.com' }),
    clientId: Filled('the client ID'),
    clientSecret: Filled('the client secret'),
    refreshToken: Filled('the refresh token'),
    rateLimitPerMin: z.number().positive().optional(),
  }),
  z.looseObject({
    edition: z.literal('onprem'),
    apiBaseUrl: Filled('the API endpoint'),
    apiKey: Filled('the API key'),
    portalId: z.string().regex(/^\d+$/, 'the portal ID must be digits').optional(),
    rateLimitPerMin: z.number().positive().optional(),
  }),
]);

export interface SdpClientOptions {
  retry?: RetryPolicy;
  /** Drives the rate budget, token expiry and Retry-After; tests pass a fake one. */
  clock?: { now: () => number; sleep: (ms: number) => Promise<void> };
  random?: () => number;
  timeoutMs?: number;
  onRetry?: RetryHooks['onRetry'];
  /** Cloud: the app's one token cache per refresh token; without it the client keeps its own. */
  tokens?: ZohoTokenRegistry;
  /** Cloud: where the token cache persists (the keychain), so a restart reuses the access token. */
  tokenStore?: ZohoTokenStore;
  /** Cloud: an access token just minted by a grant-code exchange, used before minting another. */
  initialToken?: { accessToken: string; expiresInSec: number };
  /** Aborted on shutdown: waits for the rate budget or a retry end at once with the shutting-down error. */
  signal?: AbortSignal;
}

/** The official client's policy (3 retries, 2/4/8 s) with room for a server's Retry-After. */
export const SDP_DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 2_000, maxDelayMs: 60_000 };
export const DEFAULT_RATE_PER_MIN = { cloud: 30, onprem: 120 } as const;

export function normaliseApiBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalidInput(
      'The SDP API endpoint is not a URL. Use http(s)://host:port for on-prem or https://<domain>/app/<portal>/api/v3 for cloud.',
      ['apiBaseUrl'],
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidInput('The SDP API endpoint must start with http:// or https://.', ['apiBaseUrl']);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path.endsWith('/api/v3') ? path : `${path}/api/v3`}`;
}
