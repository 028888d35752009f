import type { IntegrationConfig } from '../../shared/common/config';
import type { CheckFixCode, MessageParams } from '../../shared/common/contract';
import { isAppError } from '../../shared/common/errors';
import { SDP_CLOUD_SCOPES } from '../../shared/node/sdp/scopes';

export interface CheckFix {
  code: CheckFixCode;
  params: MessageParams;
}

type Platform = IntegrationConfig['sdp']['platform'];

const errorCode = (error: unknown): string | undefined => (isAppError(error) ? error.code : undefined);

const fix = (code: CheckFixCode, params: MessageParams = {}): CheckFix => ({ code, params });

/**
 * What the admin does about a failed SDP check, as a code the renderer words. Codes that differ by
 * edition get one fix per edition; a refusal on cloud names the scope when SDP's answer told it.
 */
export function sdpFix(error: unknown, platform: Platform): CheckFix | undefined {
  const cloud = platform === 'cloud';
  const scopes = SDP_CLOUD_SCOPES.join(',');
  switch (errorCode(error)) {
    case 'secrets.missing':
      return fix(cloud ? 'sdp_connect_cloud' : 'sdp_enter_api_key');
    case 'sdp.auth':
      return cloud ? fix('sdp_reconnect_cloud', { scopes }) : fix('sdp_new_api_key');
    case 'sdp.forbidden': {
      if (!cloud) return fix('sdp_role');
      const scope = isAppError(error) ? error.details?.scope : undefined;
      return typeof scope === 'string' ? fix('sdp_scope_named', { scope, scopes }) : fix('sdp_scope', { scopes });
    }
    case 'sdp.network':
      return fix('sdp_network');
    case 'sdp.tls':
      return fix('sdp_tls');
    case 'sdp.not_found':
    case 'sdp.bad_response':
      return fix(cloud ? 'sdp_address_cloud' : 'sdp_address_onprem');
    case 'sdp.oauth.rate_limited':
      return fix('sdp_mint_wait');
    case 'sdp.license':
      return fix('sdp_license');
    default:
      return undefined;
  }
}

export function flashdutyFix(error: unknown): CheckFix | undefined {
  switch (errorCode(error)) {
    case 'secrets.missing':
    case 'flashduty.unauthorized':
      return fix('fd_app_key');
    case 'flashduty.access_denied':
      return fix('fd_role');
    case 'flashduty.network':
    case 'flashduty.route_not_found':
      return fix('fd_address');
    case 'flashduty.locked':
      return fix('fd_locked');
    default:
      return undefined;
  }
}
