import type { PlainKey } from './index';

/** Each secret slot of the config (what `secrets.*` take and errors name) by its label's key. */
export const SECRET_LABEL: Record<string, PlainKey> = {
  'sdp.apiKey': 'secretSdpApiKey',
  'sdp.clientSecret': 'secretSdpClientSecret',
  'sdp.refreshToken': 'secretSdpRefreshToken',
  'flashduty.appKey': 'secretFlashdutyAppKey',
  'ingress.webhookSecret': 'secretWebhook',
  'ingress.mode.authtoken': 'secretNgrok',
};
