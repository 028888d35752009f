import { z } from 'zod';
import { secretRefSchema, strictObject } from './secret-ref';

/**
 * How webhooks reach an integration: `direct` (the local server on a chosen interface), `ngrok`
 * (a tunnel from ngrok's edge) or `relay` (a smee-compatible channel the app subscribes to).
 * Nothing listens beyond loopback unless the admin picks `direct` with another address.
 */
export const INGRESS_TYPES = ['direct', 'ngrok', 'relay'] as const;
export type IngressType = (typeof INGRESS_TYPES)[number];

export const LOOPBACK_HOST = '127.0.0.1';
const ALL_INTERFACES = ['0.0.0.0', '::'];

export function isAllInterfaces(host: string): boolean {
  return ALL_INTERFACES.includes(host);
}

export function isLoopbackHost(host: string): boolean {
  return host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

const HOST_MESSAGE =
  'Listen address: an IP address of this computer, e.g. 127.0.0.1 (this computer only) or its LAN address such as 192.168.1.20.';

const directSchema = strictObject({
  type: z.literal('direct'),
  host: z
    .string({ error: HOST_MESSAGE })
    .trim()
    .refine((v) => z.ipv4().safeParse(v).success || z.ipv6().safeParse(v).success, HOST_MESSAGE)
    .default(LOOPBACK_HOST),
  /** 0 = the app's shared webhook port. */
  port: z
    .number({ error: 'Port: a whole number from 1 to 65535, or 0 to use the app’s webhook port.' })
    .int('Port: a whole number from 1 to 65535, or 0 to use the app’s webhook port.')
    .min(0, 'Port: a whole number from 1 to 65535, or 0 to use the app’s webhook port.')
    .max(65535, 'Port: a whole number from 1 to 65535, or 0 to use the app’s webhook port.')
    .default(0),
  /** The admin's explicit "yes, listen on every interface" for 0.0.0.0 / ::. */
  allowAllInterfaces: z.boolean({ error: 'Allow all interfaces must be true or false.' }).default(false),
}).refine((d) => !isAllInterfaces(d.host) || d.allowAllInterfaces, {
  path: ['host'],
  error:
    'Listening on every interface (0.0.0.0 or ::) exposes the webhook port to every network this computer joins. Pick one LAN address, or confirm by turning on "Allow all interfaces".',
});

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

const ngrokSchema = strictObject({
  type: z.literal('ngrok'),
  /** ngrok authtoken, kept in the keychain like every other secret. */
  authtoken: secretRefSchema.default({ secret: 'ngrok.authtoken' }),
  /** A domain reserved in the ngrok dashboard; without one ngrok hands out its own address. */
  domain: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .trim()
            .toLowerCase()
            .replace(/^https?:\/\//, '')
            .replace(/\/+$/, '') || undefined
        : v,
    z
      .string({ error: 'ngrok domain: enter the domain reserved in your ngrok dashboard, e.g. deskbridge.ngrok.app.' })
      .regex(
        DOMAIN,
        'ngrok domain: enter the domain only (no path), as reserved in your ngrok dashboard, e.g. deskbridge.ngrok.app.',
      )
      .optional(),
  ),
});

const CHANNEL_MESSAGE =
  'Relay channel: paste the full https:// address of the channel, e.g. https://smee.io/AbCdEf123.';

const relaySchema = strictObject({
  type: z.literal('relay'),
  /** Anyone who knows this address can read the webhooks sent through it: share it only with the senders. */
  channelUrl: z
    .string({ error: CHANNEL_MESSAGE })
    .trim()
    .refine((v) => {
      if (!URL.canParse(v)) return false;
      const url = new URL(v);
      // Plain http only for a relay on this computer; anything else would carry the secret header in clear.
      const secure =
        url.protocol === 'https:' ||
        (url.protocol === 'http:' && (url.hostname === 'localhost' || isLoopbackHost(url.hostname)));
      return (
        secure &&
        url.pathname.length > 1 &&
        url.search === '' &&
        url.hash === '' &&
        url.username === '' &&
        url.password === ''
      );
    }, CHANNEL_MESSAGE)
    .transform((v) => v.replace(/\/+$/, '')),
});

export const ingressModeSchema = z.discriminatedUnion('type', [directSchema, ngrokSchema, relaySchema], {
  error:
    'Webhook route must be "direct" (this computer or LAN), "ngrok" (tunnel) or "relay" (smee-compatible channel).',
});
export type IngressMode = z.output<typeof ingressModeSchema>;
export type IngressModeInput = z.input<typeof ingressModeSchema>;
export type DirectIngress = Extract<IngressMode, { type: 'direct' }>;
export type NgrokIngress = Extract<IngressMode, { type: 'ngrok' }>;
export type RelayIngress = Extract<IngressMode, { type: 'relay' }>;

export const DEFAULT_INGRESS_MODE: DirectIngress = {
  type: 'direct',
  host: LOOPBACK_HOST,
  port: 0,
  allowAllInterfaces: false,
};
