import { z } from 'zod';
import { configError } from './messages';
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

const HOST_MESSAGE = configError('config.ingressHost.format');
const PORT_MESSAGE = configError('config.ingressPort.range');

const directSchema = strictObject({
  type: z.literal('direct'),
  host: z
    .string({ error: HOST_MESSAGE })
    .trim()
    .refine((v) => z.ipv4().safeParse(v).success || z.ipv6().safeParse(v).success, HOST_MESSAGE)
    .default(LOOPBACK_HOST),
  /** 0 = the app's shared webhook port. */
  port: z.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE).min(0, PORT_MESSAGE).max(65535, PORT_MESSAGE).default(0),
  /** The admin's explicit "yes, listen on every interface" for 0.0.0.0 / ::. */
  allowAllInterfaces: z.boolean({ error: configError('config.allowAllInterfaces.boolean') }).default(false),
}).refine((d) => !isAllInterfaces(d.host) || d.allowAllInterfaces, {
  path: ['host'],
  error: configError('config.ingressHost.allInterfaces'),
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
      .string({ error: configError('config.ngrokDomain.text') })
      .regex(DOMAIN, configError('config.ngrokDomain.format'))
      .optional(),
  ),
});

const CHANNEL_MESSAGE = configError('config.relayChannelUrl.format');

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
  error: configError('config.ingressMode.enum'),
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
