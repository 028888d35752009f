import type { IngressMode } from '../../../shared/common/config/ingress';
import { DirectProvider, type Interfaces } from './direct';
import { NgrokProvider, type NgrokSdk } from './ngrok';
import { RelayProvider } from './relay';
import type { TunnelProvider } from './types';

export interface ProviderContext {
  /** Where the integration's webhook server is bound (see `localBinding`). */
  localHost: string;
  localPort: number;
  /** The resolved ngrok authtoken (keychain value) when the mode is `ngrok`. */
  ngrokAuthtoken?: string;
  appVersion?: string;
  loadNgrokSdk?: () => Promise<NgrokSdk>;
  interfaces?: () => Interfaces;
}

/** The provider for an integration's configured route. */
export function createTunnelProvider(mode: IngressMode, context: ProviderContext): TunnelProvider {
  switch (mode.type) {
    case 'direct':
      return new DirectProvider({
        host: context.localHost,
        port: context.localPort,
        ...(context.interfaces ? { interfaces: context.interfaces } : {}),
      });
    case 'ngrok':
      return new NgrokProvider({
        authtoken: context.ngrokAuthtoken ?? '',
        localPort: context.localPort,
        ...(mode.domain ? { domain: mode.domain } : {}),
        ...(context.appVersion ? { appVersion: context.appVersion } : {}),
        ...(context.loadNgrokSdk ? { loadSdk: context.loadNgrokSdk } : {}),
      });
    case 'relay':
      // Replays go to loopback even when the server listens more widely.
      return new RelayProvider({ channelUrl: mode.channelUrl, localHost: '127.0.0.1', localPort: context.localPort });
  }
}

export { DirectProvider, directReach, type DirectProviderOptions, type DirectReach, type Interfaces } from './direct';
export {
  DEFAULT_RECONNECT,
  TunnelManager,
  type KeyValueStore,
  type ReconnectPolicy,
  type TunnelManagerOptions,
  type TunnelStats,
} from './manager';
export { NgrokProvider, WEBHOOK_ONLY_POLICY, type NgrokProviderOptions, type NgrokSdk } from './ngrok';
export { ngrokError, ngrokErrorCode } from './ngrok-errors';
export {
  RelayProvider,
  relayConnectError,
  type RelayCounters,
  type RelayProviderOptions,
  type ReplayOutcome,
} from './relay';
export {
  MAX_RELAY_EVENT_CHARS,
  RELAY_PATH_PARAM,
  relayWebhookUrl,
  replayRequestFor,
  type ReplayDecision,
  type ReplayRequest,
} from './relay-event';
export { localBinding, publicWebhookBase, publicWebhookUrl, toIngressStatus } from './routes';
export type {
  TunnelConnection,
  TunnelDrop,
  TunnelHooks,
  TunnelOutage,
  TunnelProvider,
  TunnelStatus,
  WebhookUrlChange,
} from './types';
