import type { IntegrationConfig } from './integration';
import type { SecretRef } from './secret-ref';

export interface RequiredSecret {
  /** Where the reference sits in the config, e.g. `sdp.apiKey`. */
  slot: string;
  /** What the admin calls it. */
  label: string;
  ref: SecretRef;
}

/**
 * Every secret an integration needs, from its config. The UI shows their states, the engine
 * resolves them, and deleting an integration removes them.
 */
export function requiredSecrets(config: Pick<IntegrationConfig, 'sdp' | 'flashduty' | 'ingress'>): RequiredSecret[] {
  const list: RequiredSecret[] =
    config.sdp.platform === 'cloud'
      ? [
          { slot: 'sdp.clientSecret', label: 'Zoho client secret', ref: config.sdp.clientSecret },
          { slot: 'sdp.refreshToken', label: 'Zoho refresh token', ref: config.sdp.refreshToken },
        ]
      : [{ slot: 'sdp.apiKey', label: 'SDP API key', ref: config.sdp.apiKey }];
  list.push({ slot: 'flashduty.appKey', label: 'Flashduty app key', ref: config.flashduty.appKey });
  list.push({ slot: 'ingress.webhookSecret', label: 'Webhook secret', ref: config.ingress.webhookSecret });
  const mode = config.ingress.mode;
  if (mode.type === 'ngrok')
    list.push({ slot: 'ingress.mode.authtoken', label: 'ngrok authtoken', ref: mode.authtoken });
  return list;
}
