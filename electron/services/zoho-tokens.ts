import type { IntegrationConfig } from '../../shared/common/config';
import { ZohoTokenRegistry, ZohoTokenState, type ZohoTokenStore } from '../../shared/node/sdp/oauth';
import type { Vault } from './vault';

/**
 * The keychain entry holding an integration's Zoho access token, its expiry and recent mint times.
 * Not a config reference: it is a cache DeskBridge writes itself, removed with the integration.
 */
export const ZOHO_TOKEN_SECRET = 'sdp.accessToken';

/**
 * The app's Zoho token caches: one per refresh token, shared by every SDP client the app builds,
 * each persisted in the keychain of the integration that uses it. Integrations whose refresh token
 * comes from the environment (headless servers without a keychain) keep theirs in memory only.
 */
export class ZohoTokens {
  readonly registry = new ZohoTokenRegistry();

  constructor(private readonly vault: () => Vault) {}

  store(config: IntegrationConfig): ZohoTokenStore | undefined {
    if (config.sdp.platform !== 'cloud' || !('secret' in config.sdp.refreshToken)) return undefined;
    const id = config.id;
    return {
      load: async () => {
        const raw = await this.vault().get(id, ZOHO_TOKEN_SECRET);
        if (raw === null) return null;
        try {
          const parsed = ZohoTokenState.safeParse(JSON.parse(raw));
          return parsed.success ? parsed.data : null;
        } catch {
          return null;
        }
      },
      save: async (state) => {
        await this.vault().set(id, ZOHO_TOKEN_SECRET, JSON.stringify(state));
      },
    };
  }

  /** The SDP client options that make a client of this integration use the shared, persisted cache. */
  clientOptions(config: IntegrationConfig): { tokens: ZohoTokenRegistry; tokenStore?: ZohoTokenStore } {
    const store = this.store(config);
    return { tokens: this.registry, ...(store ? { tokenStore: store } : {}) };
  }
}
