import { z } from 'zod';
import { cloudApiBaseUrl, DATA_CENTRES, DATA_CENTRE_CODES } from './data-centres';
import { configError } from './messages';
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

export const dataCentreSchema = z.enum(DATA_CENTRE_CODES, {
  error: configError('config.dataCenter.enum', { codes: DATA_CENTRE_CODES.join(', ') }),
});

const httpsOrigin = () =>
  z
    .string({ error: configError('config.accountsServer.text') })
    .trim()
    .regex(/^https:\/\/[^\s/?#]+\/?$/, configError('config.accountsServer.format'))
    .refine(portInRange, configError('config.accountsServer.port'))
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
        .string({ error: configError('config.apiDomain.text') })
        .trim()
        .regex(HOST, configError('config.apiDomain.format'))
        .refine(portInRange, configError('config.apiDomain.port')),
    ),
  ),
  accountsServer: emptyAsAbsent(httpsOrigin()),
  portal: z
    .string({ error: configError('config.portal.format') })
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, configError('config.portal.format')),
  clientId: z
    .string({ error: configError('config.clientId.required') })
    .trim()
    .min(1, configError('config.clientId.required'))
    .max(200, configError('config.clientId.tooLong')),
  clientSecret: secretRefSchema.default({ secret: SECRET_SLOTS.sdpClientSecret }),
  refreshToken: secretRefSchema.default({ secret: SECRET_SLOTS.sdpRefreshToken }),
}).transform((c) => ({
  ...c,
  // Tenants on a custom domain override the host; tokens still come from their DC's accounts server.
  apiDomain: c.apiDomain ?? DATA_CENTRES[c.dataCenter].apiDomain,
  accountsServer: c.accountsServer ?? DATA_CENTRES[c.dataCenter].accountsServer,
}));

export const onPremTlsSchema = strictObject({
  caFile: z
    .string({ error: configError('config.caFile.required') })
    .trim()
    .min(1, configError('config.caFile.required'))
    .optional(),
  pinnedSha256: z
    .string({ error: configError('config.pinnedSha256.format') })
    .trim()
    .refine((v) => /^[0-9a-fA-F]{64}$/.test(v.replace(/:/g, '')), configError('config.pinnedSha256.format'))
    .optional(),
}).refine((tls) => !(tls.caFile !== undefined && tls.pinnedSha256 !== undefined), {
  error: configError('config.tls.both'),
});

/** On-prem SDP: `http(s)://host:port`, API key in the `authtoken` header, optional PORTALID for multi-portal installs. */
export const onPremConnectionSchema = strictObject({
  platform: z.literal('onprem'),
  endpoint: sdpAddress(
    'onprem',
    z
      .string({ error: configError('config.endpoint.text') })
      .trim()
      .regex(/^https?:\/\/[^\s/?#:]+(:\d{1,5})?\/?$/, configError('config.endpoint.format'))
      .refine(portInRange, configError('config.endpoint.port'))
      .transform((v) => v.replace(/\/+$/, '')),
  ),
  portalId: z
    .string({ error: configError('config.portalId.format') })
    .trim()
    .regex(/^\d{1,20}$/, configError('config.portalId.format'))
    .optional(),
  tls: onPremTlsSchema.optional(),
  apiKey: secretRefSchema.default({ secret: SECRET_SLOTS.sdpApiKey }),
});

/** SDP Cloud (Zoho OAuth Self Client) or on-prem (API key); `platform` tells which. */
export const sdpConnectionSchema = z.discriminatedUnion('platform', [cloudConnectionSchema, onPremConnectionSchema], {
  error: configError('config.platform.enum'),
});
export type CloudConnection = z.output<typeof cloudConnectionSchema>;
export type OnPremConnection = z.output<typeof onPremConnectionSchema>;
export type SdpConnection = CloudConnection | OnPremConnection;

/** Flashduty's public API; a private deployment gives its own. */
export const FLASHDUTY_DEFAULT_API_BASE = 'https://api.flashcat.cloud';

export const flashdutyConnectionSchema = strictObject({
  apiBase: z
    .string({ error: configError('config.flashdutyApiBase.text') })
    .trim()
    .regex(/^https?:\/\/[^\s?#]+$/, configError('config.flashdutyApiBase.format'))
    .refine(portInRange, configError('config.flashdutyApiBase.port'))
    .transform((v) => v.replace(/\/+$/, ''))
    .default(FLASHDUTY_DEFAULT_API_BASE),
  appKey: secretRefSchema.default({ secret: SECRET_SLOTS.flashdutyAppKey }),
});
export type FlashdutyConnection = z.output<typeof flashdutyConnectionSchema>;

/** Base URL of the SDP v3 API for either platform. */
export function sdpApiBaseUrl(sdp: SdpConnection): string {
  return sdp.platform === 'cloud' ? cloudApiBaseUrl(sdp.apiDomain, sdp.portal) : `${sdp.endpoint}/api/v3`;
}
