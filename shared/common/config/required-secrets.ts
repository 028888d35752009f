import type { IntegrationConfig } from './integration';
import type { SecretRef } from './secret-ref';

/** Each secret an integration may need, named by where its reference sits in the config. */
export const SECRET_SLOTS = {
  sdpApiKey: 'sdp.apiKey',
  sdpClientSecret: 'sdp.clientSecret',
  sdpRefreshToken: 'sdp.refreshToken',
  flashdutyAppKey: 'flashduty.appKey',
  webhookSecret: 'ingress.webhookSecret',
  ngrokAuthtoken: 'ingress.mode.authtoken',
} as const;
export type SecretSlot = (typeof SECRET_SLOTS)[keyof typeof SECRET_SLOTS];

export interface RequiredSecret {
  slot: SecretSlot;
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
          { slot: SECRET_SLOTS.sdpClientSecret, label: 'Zoho client secret', ref: config.sdp.clientSecret },
          { slot: SECRET_SLOTS.sdpRefreshToken, label: 'Zoho refresh token', ref: config.sdp.refreshToken },
        ]
      : [{ slot: SECRET_SLOTS.sdpApiKey, label: 'SDP API key', ref: config.sdp.apiKey }];
  list.push({ slot: SECRET_SLOTS.flashdutyAppKey, label: 'Flashduty app key', ref: config.flashduty.appKey });
  list.push({ slot: SECRET_SLOTS.webhookSecret, label: 'Webhook secret', ref: config.ingress.webhookSecret });
  const mode = config.ingress.mode;
  if (mode.type === 'ngrok')
    list.push({ slot: SECRET_SLOTS.ngrokAuthtoken, label: 'ngrok authtoken', ref: mode.authtoken });
  return list;
}
