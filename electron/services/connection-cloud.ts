import { DATA_CENTRES, sdpApiBaseUrl, type CloudConnection, type IntegrationConfig } from '../../shared/common/config';
import { AppError, isAppError } from '../../shared/common/errors';
import { redactText } from '../../shared/node/net/redact';
import { createSdpClient, exchangeGrantCode, type SdpClientOptions } from '../../shared/node/sdp/client';
import { SDP_CLOUD_SCOPES } from '../../shared/node/sdp/scopes';
import type { Vault } from './vault';

export interface SdpCloudConnectInput {
  clientSecret: string;
  /** The one-time code from the Self Client's "Generate Code" tab. */
  grantCode: string;
}

export interface ConnectSdpCloudOptions {
  /** For the call that proves the new token works; tests pass fast retries and a fake clock. */
  sdp?: SdpClientOptions;
  timeoutMs?: number;
}

const SCOPE_LIST = SDP_CLOUD_SCOPES.join(',');

function dataCentreName(sdp: CloudConnection): string {
  const dc = DATA_CENTRES[sdp.dataCenter];
  return `${dc.label} (${dc.code}) data centre, accounts server ${sdp.accountsServer}`;
}

/** Rewords an exchange or verification failure as what the admin does next; keeps code and support details. */
function explain(error: unknown, sdp: CloudConnection, secrets: readonly string[]): AppError {
  const scrub = (text: string) => redactText(text, secrets);
  if (!isAppError(error)) {
    return new AppError(
      'sdp.oauth.error',
      scrub(
        `Connecting to SDP Cloud failed unexpectedly: ${error instanceof Error ? error.message : String(error)}. Nothing was stored.`,
      ),
    );
  }
  const dc = DATA_CENTRES[sdp.dataCenter];
  // The facts the UI words the advice with; `nothingStored` lets it say so in its language.
  const where = { dataCentre: dc.code, accountsServer: sdp.accountsServer, console: dc.developerConsole };
  const keep = {
    details: { ...error.details, ...where, portal: sdp.portal, apiDomain: sdp.apiDomain, nothingStored: true },
    retryable: false,
  };
  switch (error.code) {
    case 'sdp.oauth.invalid_code':
      return new AppError(
        error.code,
        'The grant code expired or was already used. Generate a new code in the Zoho API console (Self Client → Generate Code; it is valid for up to 10 minutes and works once) and paste it right away. Nothing was stored.',
        keep,
      );
    case 'sdp.oauth.invalid_client':
      return new AppError(
        error.code,
        `Zoho's ${dataCentreName(sdp)} does not recognise this client ID and secret. Check both values in the Zoho API console of that data centre (${dc.developerConsole}); if the Self Client was created in another data centre, pick that one under Integration → Connection. Nothing was stored.`,
        keep,
      );
    case 'sdp.auth':
    case 'sdp.forbidden': {
      const scope = typeof error.details?.scope === 'string' ? ` (it lacks ${error.details.scope})` : '';
      return new AppError(
        'sdp.oauth.scope',
        `Zoho issued a token, but ServiceDesk Plus (portal ${sdp.portal} on ${sdp.apiDomain}) refused it${scope}. Generate a new grant code with exactly the scopes ${SCOPE_LIST}, choosing this portal if asked, and connect again. Nothing was stored.`,
        keep,
      );
    }
    default:
      return new AppError(
        error.code,
        scrub(`${error.message} Nothing was stored; generate a new grant code before trying again.`),
        {
          ...keep,
          retryable: error.retryable,
        },
      );
  }
}

function refuseEnv(what: string, env: string, slot: string): AppError {
  return new AppError(
    'connections.env_managed',
    `The ${what} of this integration comes from the environment variable ${env}, so DeskBridge cannot store it. Set the variable on the server instead, or change the reference to a keychain secret.`,
    { details: { env, slot } },
  );
}

/**
 * Trades the one-time grant code for a refresh token at the config's accounts server, proves the
 * token opens the configured portal, and only then stores the refresh token and client secret in
 * the keychain under the config's references. On any failure nothing is stored (a partial write is
 * rolled back) and the error says what to do next.
 */
export async function connectSdpCloud(
  config: IntegrationConfig,
  input: SdpCloudConnectInput,
  vault: Vault,
  options: ConnectSdpCloudOptions = {},
): Promise<void> {
  const sdp = config.sdp;
  if (sdp.platform !== 'cloud') {
    throw new AppError(
      'connections.not_cloud',
      'This integration connects to ServiceDesk Plus on-premises; enter its API key instead of a grant code.',
    );
  }
  if (!('secret' in sdp.refreshToken)) throw refuseEnv('Zoho refresh token', sdp.refreshToken.env, 'sdp.refreshToken');
  if (!('secret' in sdp.clientSecret)) throw refuseEnv('Zoho client secret', sdp.clientSecret.env, 'sdp.clientSecret');
  const clientSecret = input.clientSecret.trim();
  const grantCode = input.grantCode.trim();
  if (clientSecret === '')
    throw new AppError('connections.invalid_input', 'Enter the client secret of the Zoho Self Client.', {
      details: { fields: ['clientSecret'] },
    });
  if (grantCode === '')
    throw new AppError('connections.invalid_input', 'Paste the grant code generated in the Zoho API console.', {
      details: { fields: ['grantCode'] },
    });

  const slots = [
    { name: sdp.refreshToken.secret, value: '' },
    { name: sdp.clientSecret.secret, value: clientSecret },
  ];
  // Before the code is spent: a locked or missing keychain must not cost the admin a grant code.
  await vault.check();
  const previous = await Promise.all(slots.map((s) => vault.get(config.id, s.name)));

  const secrets = [clientSecret, grantCode];
  try {
    const grant = await exchangeGrantCode(
      { accountsServer: sdp.accountsServer, clientId: sdp.clientId, clientSecret, code: grantCode },
      options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs },
    );
    secrets.push(grant.refreshToken, grant.accessToken);
    slots[0]!.value = grant.refreshToken;
    // Zoho does not say which scopes a code carries: one call per scope sync needs is the proof that
    // the token opens this portal with all of them. The exchange's own access token makes these
    // calls (no second mint); it reaches the keychain only once the refresh token does.
    const { tokenStore: _later, ...sdpOptions } = options.sdp ?? {};
    const client = createSdpClient(
      {
        edition: 'cloud',
        apiBaseUrl: sdpApiBaseUrl(sdp),
        accountsServer: sdp.accountsServer,
        clientId: sdp.clientId,
        clientSecret,
        refreshToken: grant.refreshToken,
      },
      { ...sdpOptions, initialToken: { accessToken: grant.accessToken, expiresInSec: grant.expiresInSec } },
    );
    await client.listTemplates();
    await client.getRequestMetainfo();
    await client.listTechnicians();
    await client.listRequests({ rowCount: 1 });
  } catch (error) {
    throw explain(error, sdp, secrets);
  }

  const written: number[] = [];
  try {
    for (const [i, slot] of slots.entries()) {
      await vault.set(config.id, slot.name, slot.value);
      written.push(i);
    }
  } catch (error) {
    for (const i of written) {
      const before = previous[i];
      const name = slots[i]!.name;
      await (
        before === null || before === undefined ? vault.delete(config.id, name) : vault.set(config.id, name, before)
      ).catch(() => undefined);
    }
    throw error;
  }
}
