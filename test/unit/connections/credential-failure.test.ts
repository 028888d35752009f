import { describe, expect, it } from 'vitest';
import { isCredentialFailure } from '../../../electron/services/connections';
import { MissingSecretError } from '../../../electron/services/secrets';
import { defaultIntegrationConfig } from '../../../shared/common/config';
import { AppError } from '../../../shared/common/errors';
import { FlashdutyError } from '../../../shared/node/flashduty/errors';
import { SdpError, sdpFailureToError, zohoErrorToError } from '../../../shared/node/sdp/errors';

const onprem = defaultIntegrationConfig({
  id: 'op',
  name: 'On-prem',
  sdp: { platform: 'onprem', endpoint: 'https://sdp.example.com:8080' },
  now: 0,
});
const cloud = defaultIntegrationConfig({
  id: 'cl',
  name: 'Cloud',
  sdp: { platform: 'cloud', dataCenter: 'US', portal: 'itdesk', clientId: '1000.X', refreshToken: { env: 'ZOHO_RT' } },
  now: 0,
});

describe('isCredentialFailure: the admin must reconnect', () => {
  it.each([
    [
      'on-prem API key rejected (4022)',
      sdpFailureToError({ httpStatus: 401, edition: 'onprem', failure: { statusCode: 4022, fields: [] } }),
      onprem,
      'sdp.apiKey',
    ],
    [
      'on-prem API key rejected, inferred without config',
      sdpFailureToError({ httpStatus: 401, edition: 'onprem', failure: { statusCode: 4022, fields: [] } }),
      undefined,
      'sdp.apiKey',
    ],
    [
      'cloud token refused after refresh',
      sdpFailureToError({ httpStatus: 401, edition: 'cloud', failure: { statusCode: 4000, fields: [] } }),
      cloud,
      'sdp.refreshToken',
    ],
    ['refresh token revoked or expired', zohoErrorToError('invalid_code', 'refresh', 0), undefined, 'sdp.refreshToken'],
    [
      'client secret no longer accepted',
      zohoErrorToError('invalid_client_secret', 'refresh', 0),
      cloud,
      'sdp.clientSecret',
    ],
    ['client ID no longer accepted', zohoErrorToError('invalid_client', 'refresh', 0), undefined, 'sdp.clientSecret'],
    [
      'Flashduty app key invalid or revoked',
      new FlashdutyError('flashduty.unauthorized', 'Flashduty rejected the app key.'),
      undefined,
      'flashduty.appKey',
    ],
    [
      'keychain secret missing',
      new MissingSecretError('SDP API key', { secret: 'sdp.apiKey' }, 'sdp.apiKey'),
      onprem,
      'sdp.apiKey',
    ],
    [
      'environment secret missing, mapped to its slot',
      new MissingSecretError('Zoho refresh token', { env: 'ZOHO_RT' }, 'sdp.refreshToken'),
      cloud,
      'sdp.refreshToken',
    ],
  ])('%s', (_name, error, config, slot) => {
    const failure = isCredentialFailure(error, config);
    expect(failure).toStrictEqual({ secretSlot: slot, message: error.message });
  });
});

describe('isCredentialFailure: everything else is not a reason to stop the integration', () => {
  it.each([
    [
      'SDP rate limit',
      sdpFailureToError({ httpStatus: 429, edition: 'cloud', failure: { statusCode: 4015, fields: [] } }),
    ],
    ['SDP server error', sdpFailureToError({ httpStatus: 503, edition: 'onprem', rawText: '<html>' })],
    [
      'SDP forbidden (one operation, parked)',
      sdpFailureToError({ httpStatus: 403, edition: 'onprem', failure: { statusCode: 4002, fields: [] } }),
    ],
    [
      'SDP invalid value',
      sdpFailureToError({ httpStatus: 400, edition: 'onprem', failure: { statusCode: 4001, fields: ['priority'] } }),
    ],
    ['SDP network', new SdpError('sdp.network', 'Could not reach SDP.', { retryable: true })],
    ['Zoho throttling new tokens', zohoErrorToError('Access Denied', 'refresh', 600_000)],
    [
      'Flashduty access denied (one permission)',
      new FlashdutyError('flashduty.access_denied', 'lacks Incidents Manage'),
    ],
    ['Flashduty rate limit', new FlashdutyError('flashduty.rate_limited', 'slow down', { retryable: true })],
    ['Flashduty network', new FlashdutyError('flashduty.network', 'unreachable', { retryable: true })],
    ['keychain locked', new AppError('vault.unavailable', 'Unlock the keychain.')],
    ['not an AppError', new Error('boom')],
    ['not an error at all', 'sdp.auth'],
  ])('%s', (_name, error) => {
    expect(isCredentialFailure(error, onprem)).toBeNull();
  });
});
