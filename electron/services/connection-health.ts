import { requiredSecrets, SECRET_SLOTS, type IntegrationConfig, type SecretRef } from '../../shared/common/config';
import { isAppError } from '../../shared/common/errors';

/** What the admin must replace before the integration can write again. */
export interface CredentialFailure {
  /** The config slot of the rejected secret, e.g. `sdp.refreshToken` (see `requiredSecrets`). */
  secretSlot: string;
  message: string;
}

const ZOHO_CLIENT_ERRORS = new Set(['invalid_client', 'invalid_client_secret']);

function sameRef(a: SecretRef, b: SecretRef): boolean {
  return 'secret' in a ? 'secret' in b && a.secret === b.secret : 'env' in b && a.env === b.env;
}

/**
 * Sorts an error into "a human must reconnect" (the stored credential was rejected: bad or expired
 * API key, revoked or expired refresh token, wrong client secret, bad app key, a secret that is not
 * there at all) versus everything else. Everything else is either transient (network, 5xx, rate
 * limits: retrying helps) or about one operation (forbidden field, missing role: parking that one
 * operation helps), so only these stop all writing for the integration.
 *
 * Pass the config when you have it: it tells which SDP edition produced an `sdp.auth` and maps a
 * missing secret back to its slot. Without it the slot is inferred from the error alone.
 */
export function isCredentialFailure(
  error: unknown,
  config?: Pick<IntegrationConfig, 'sdp' | 'flashduty' | 'ingress'>,
): CredentialFailure | null {
  if (!isAppError(error)) return null;
  const details = error.details ?? {};
  switch (error.code) {
    case 'flashduty.unauthorized':
      return { secretSlot: SECRET_SLOTS.flashdutyAppKey, message: error.message };
    case 'sdp.auth': {
      const zohoError = typeof details.zohoError === 'string' ? details.zohoError : undefined;
      const cloud = config
        ? config.sdp.platform === 'cloud'
        : zohoError !== undefined || details.sdpStatusCode !== 4022;
      if (!cloud) return { secretSlot: SECRET_SLOTS.sdpApiKey, message: error.message };
      return {
        secretSlot:
          zohoError !== undefined && ZOHO_CLIENT_ERRORS.has(zohoError)
            ? SECRET_SLOTS.sdpClientSecret
            : SECRET_SLOTS.sdpRefreshToken,
        message: error.message,
      };
    }
    case 'secrets.missing': {
      const name = typeof details.secret === 'string' ? details.secret : undefined;
      if (name === undefined) return null;
      const slot = config
        ? requiredSecrets(config).find((s) => sameRef(s.ref, { secret: name }) || sameRef(s.ref, { env: name }))?.slot
        : name;
      return slot === undefined ? null : { secretSlot: slot, message: error.message };
    }
    default:
      return null;
  }
}
