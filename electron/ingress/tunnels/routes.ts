import { errorMessageOf, msg, type Message } from '../../../shared/common/contract/message';
import type { IngressStatus } from '../../../shared/common/contract/schemas';
import { LOOPBACK_HOST, type IngressMode } from '../../../shared/common/config/ingress';
import { relayWebhookUrl } from './relay-event';
import type { TunnelStatus } from './types';

/** Where the webhook server for an integration listens: tunnels and relays only ever need loopback. */
export function localBinding(mode: IngressMode, appWebhookPort: number): { host: string; port: number } {
  if (mode.type === 'direct') return { host: mode.host, port: mode.port === 0 ? appWebhookPort : mode.port };
  return { host: LOOPBACK_HOST, port: appWebhookPort };
}

/**
 * The base the setup helper shows senders, or null while it is not known yet (an ngrok address
 * without a reserved domain exists only once the tunnel is up). `localUrl` is the webhook
 * server's own address, used for `direct` until its provider reports the LAN address.
 */
export function publicWebhookBase(mode: IngressMode, status: TunnelStatus, localUrl: string): string | null {
  switch (mode.type) {
    case 'direct':
      return status.state === 'connected' ? status.publicUrl : localUrl;
    case 'ngrok':
      if (mode.domain) return `https://${mode.domain}`;
      return status.state === 'connected' ? status.publicUrl : null;
    case 'relay':
      return mode.channelUrl;
  }
}

/** The full URL for one webhook path (from `webhookPath`) under a base from `publicWebhookBase`. */
export function publicWebhookUrl(mode: IngressMode, base: string, path: string): string {
  return mode.type === 'relay' ? relayWebhookUrl(base, path) : `${base.replace(/\/+$/, '')}${path}`;
}

/** Why the route is not up, worded by its error code in the UI's language (its English text as the fallback). */
const why = (status: { reason: string; code: string; details: Record<string, unknown> }): Message =>
  errorMessageOf(status.code, status.reason, status.details);

/** The contract's summary for the UI and the tray. */
export function toIngressStatus(mode: IngressMode, status: TunnelStatus): IngressStatus {
  switch (status.state) {
    case 'stopped':
      return { mode: mode.type, state: 'off', url: null, message: null };
    case 'connecting':
      return { mode: mode.type, state: 'reconnecting', url: null, message: msg('ingress.connecting') };
    case 'connected':
      return { mode: mode.type, state: 'connected', url: status.publicUrl, message: status.warning };
    case 'reconnecting':
      return {
        mode: mode.type,
        state: 'reconnecting',
        url: null,
        message:
          status.nextInMs === null
            ? why(status)
            : msg('ingress.retrying', {
                reason: why(status),
                attempt: status.attempt,
                seconds: Math.ceil(status.nextInMs / 1000),
              }),
      };
    case 'down':
      return { mode: mode.type, state: 'down', url: null, message: why(status) };
  }
}
