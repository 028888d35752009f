import { z } from 'zod';
import { cloudApiBaseUrl, DATA_CENTRES, DATA_CENTRE_CODES } from './data-centres';
import { SECRET_SLOTS } from './required-secrets';
import { normaliseSdpAddress } from './sdp-address';
import { secretRefSchema, strictObject } from './secret-ref';

const HOST =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\d{1,5})?$/;

/** The port of `scheme://host:port…` or `host:port`, when one is written; the patterns above only check it is 1–5 digits. */
function writtenPort(value: string): number | null {
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\[[^\]]*\]|[^/?#:\s]*):(\d+)(?:[/?#]|$)/i.exec(value.trim());
  return m ? Number(m[1]) : null;
}

/** A port a URL can name: 1 to 65535 (`:99999` or `:0` never reach a server). */
export function portInRange(value: string): boolean {
  const port = writtenPort(value);
  return port === null || (port >= 1 && port <= 65535);
}

const portMessage = (what: string) => `${what}: the port must be a whole number from 1 to 65535.`;

export const dataCentreSchema = z.enum(DATA_CENTRE_CODES, {
  error: `Data centre must be one of ${DATA_CENTRE_CODES.join(', ')}.`,
});

const httpsOrigin = (what: string) =>
  z
    .string({ error: `${what}: enter an https:// address.` })
    .trim()
    .regex(
      /^https:\/\/[^\s/?#]+\/?$/,
      `${what}: enter an https:// origin with no path, e.g. https://accounts.zoho.com.`,
    )
    .refine(portInRange, portMessage(what))
    .transform((v) => v.replace(/\/+$/, ''));

const emptyAsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** A pasted address keeps only what the connection uses (see normaliseSdpAddress); the rest is validated as before. */
const sdpAddress = <T extends z.ZodType>(platform: 'cloud' | 'onprem', schema: T) =>
  z.preprocess((v) => (typeof v === 'string' ? (normaliseSdpAddress(v, platform)?.kept ?? v) : v), schema);

export const cloudConnectionSchema = strictObject({
  platform: z.literal('cloud'),
  dataCenter: dataCentreSchema,
  apiDomain: emptyAsAbsent(
    sdpAddress(
      'cloud',
      z
        .string({ error: 'SDP API domain: enter the host name, e.g. sdpondemand.manageengine.com.' })
        .trim()
        .regex(
          HOST,
          'SDP API domain: enter the host name only (no https://, no path), e.g. sdpondemand.manageengine.com.',
        )
        .refine(portInRange, portMessage('SDP API domain')),
    ),
  ),
  accountsServer: emptyAsAbsent(httpsOrigin('Zoho accounts server')),
  portal: z
    .string({ error: 'Portal: enter the portal name shown after /app/ in your SDP address.' })
    .trim()
    .regex(
      /^[A-Za-z0-9_-]{1,100}$/,
      'Portal: enter the portal name shown after /app/ in your SDP address (letters, digits, "-", "_"), e.g. itdesk.',
    ),
  clientId: z
    .string({ error: 'Client ID: paste the Client ID of the Zoho Self Client.' })
    .trim()
    .min(1, 'Client ID: paste the Client ID of the Zoho Self Client.')
    .max(200, 'Client ID is too long; paste only the Client ID.'),
  clientSecret: secretRefSchema.default({ secret: SECRET_SLOTS.sdpClientSecret }),
  refreshToken: secretRefSchema.default({ secret: SECRET_SLOTS.sdpRefreshToken }),
}).transform((c) => ({
  ...c,
  // Tenants on a custom domain override the host; tokens still come from their DC's accounts server.
  apiDomain: c.apiDomain ?? DATA_CENTRES[c.dataCenter].apiDomain,
  accountsServer: c.accountsServer ?? DATA_CENTRES[c.dataCenter].accountsServer,
}));

export const onPremTlsSchema = strictObject({
  caFile: z.string().trim().min(1, 'CA file: enter the path of the PEM file of your private CA.').optional(),
  pinnedSha256: z
    .string()
    .trim()
    .refine(
      (v) => /^[0-9a-fA-F]{64}$/.test(v.replace(/:/g, '')),
      'Pinned certificate: enter the SHA-256 fingerprint, 64 hex digits (colons allowed).',
    )
    .optional(),
}).refine((tls) => !(tls.caFile !== undefined && tls.pinnedSha256 !== undefined), {
  error: 'TLS: give either a CA file or a pinned certificate fingerprint, not both.',
});

/** On-prem SDP: `http(s)://host:port`, API key in the `authtoken` header, optional PORTALID for multi-portal installs. */
export const onPremConnectionSchema = strictObject({
  platform: z.literal('onprem'),
  endpoint: sdpAddress(
    'onprem',
    z
      .string({ error: 'SDP address: enter http(s)://host:port, e.g. https://sdp.example.com:8080.' })
      .trim()
      .regex(
        /^https?:\/\/[^\s/?#:]+(:\d{1,5})?\/?$/,
        'SDP address: enter http(s)://host:port with no path, e.g. https://sdp.example.com:8080.',
      )
      .refine(portInRange, portMessage('SDP address'))
      .transform((v) => v.replace(/\/+$/, '')),
  ),
  portalId: z
    .string()
    .trim()
    .regex(/^\d{1,20}$/, 'Portal ID: digits only (leave empty for single-portal installs).')
    .optional(),
  tls: onPremTlsSchema.optional(),
  apiKey: secretRefSchema.default({ secret: SECRET_SLOTS.sdpApiKey }),
});

/** SDP Cloud (Zoho OAuth Self Client) or on-prem (API key); `platform` tells which. */
export const sdpConnectionSchema = z.discriminatedUnion('platform', [cloudConnectionSchema, onPremConnectionSchema], {
  error: 'Platform must be "cloud" (SDP On-Demand) or "onprem" (your own SDP server).',
});
export type CloudConnection = z.output<typeof cloudConnectionSchema>;
export type OnPremConnection = z.output<typeof onPremConnectionSchema>;
export type SdpConnection = CloudConnection | OnPremConnection;

/** Flashduty's public API; a private deployment gives its own. */
export const FLASHDUTY_DEFAULT_API_BASE = 'https://api.flashcat.cloud';

export const flashdutyConnectionSchema = strictObject({
  apiBase: z
    .string({ error: 'Flashduty API address: enter an http(s):// address.' })
    .trim()
    .regex(
      /^https?:\/\/[^\s?#]+$/,
      'Flashduty API address: enter an http(s):// address, e.g. https://api.flashcat.cloud.',
    )
    .refine(portInRange, portMessage('Flashduty API address'))
    .transform((v) => v.replace(/\/+$/, ''))
    .default(FLASHDUTY_DEFAULT_API_BASE),
  appKey: secretRefSchema.default({ secret: SECRET_SLOTS.flashdutyAppKey }),
});
export type FlashdutyConnection = z.output<typeof flashdutyConnectionSchema>;

/** Base URL of the SDP v3 API for either platform. */
export function sdpApiBaseUrl(sdp: SdpConnection): string {
  return sdp.platform === 'cloud' ? cloudApiBaseUrl(sdp.apiDomain, sdp.portal) : `${sdp.endpoint}/api/v3`;
}
