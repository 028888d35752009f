import { readFile } from 'node:fs/promises';
import { SECRET_SLOTS, sdpApiBaseUrl, type IntegrationConfig } from '../../shared/common/config';
import { AppError } from '../../shared/common/errors';
import {
  createFlashdutyClient,
  type FlashdutyClient,
  type FlashdutyClientOptions,
} from '../../shared/node/flashduty/client';
import {
  createSdpClient,
  type SdpClient,
  type SdpClientOptions,
  type SdpClientSettings,
} from '../../shared/node/sdp/client';
import { requireSecret, type SecretResolver } from './secrets';

export interface IntegrationClients {
  sdp: SdpClient;
  flashduty: FlashdutyClient;
}

export interface ClientOptions {
  sdp?: SdpClientOptions;
  flashduty?: FlashdutyClientOptions;
}

/** The SDP client settings for a config, with secrets resolved and a private CA file read. */
export async function sdpSettings(config: IntegrationConfig, resolve: SecretResolver): Promise<SdpClientSettings> {
  const sdp = config.sdp;
  if (sdp.platform === 'cloud') {
    return {
      edition: 'cloud',
      apiBaseUrl: sdpApiBaseUrl(sdp),
      accountsServer: sdp.accountsServer,
      clientId: sdp.clientId,
      clientSecret: await requireSecret(resolve, config, SECRET_SLOTS.sdpClientSecret),
      refreshToken: await requireSecret(resolve, config, SECRET_SLOTS.sdpRefreshToken),
    };
  }
  let caPem: string | undefined;
  if (sdp.tls?.caFile !== undefined) {
    try {
      caPem = await readFile(sdp.tls.caFile, 'utf8');
    } catch (error) {
      throw new AppError(
        'sdp.tls',
        `Cannot read the CA file ${sdp.tls.caFile} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}). Check the path under Integration → Connection.`,
      );
    }
  }
  const tls =
    caPem !== undefined
      ? { caPem }
      : sdp.tls?.pinnedSha256 !== undefined
        ? { pinnedSha256: sdp.tls.pinnedSha256 }
        : undefined;
  return {
    edition: 'onprem',
    apiBaseUrl: sdpApiBaseUrl(sdp),
    apiKey: await requireSecret(resolve, config, SECRET_SLOTS.sdpApiKey),
    ...(sdp.portalId !== undefined ? { portalId: sdp.portalId } : {}),
    ...(tls !== undefined ? { tls } : {}),
  };
}

/** Both API clients of one integration, built from its config and its resolved secrets. */
export async function createIntegrationClients(
  config: IntegrationConfig,
  resolve: SecretResolver,
  options: ClientOptions = {},
): Promise<IntegrationClients> {
  const sdp = createSdpClient(await sdpSettings(config, resolve), options.sdp);
  const flashduty = createFlashdutyClient(
    { baseUrl: config.flashduty.apiBase, appKey: await requireSecret(resolve, config, SECRET_SLOTS.flashdutyAppKey) },
    options.flashduty,
  );
  return { sdp, flashduty };
}
