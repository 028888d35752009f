import { randomBytes } from 'node:crypto';
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { keychainAccount } from '../../shared/common/config/secret-ref';
import { answerWithin, KEYCHAIN_ANSWER_MS, oneAtATime, retryDroppedCall } from './keychain-calls';
import { toVaultError, type KeychainErrorContext } from './vault-errors';
import { integrationIdSchema, secretValueSchema, validateIds, validateInput } from './vault-input';
import { SecretMarks, secretState, type SecretState } from './vault-state';

export { classifyKeychainFailure, keychainHint, KeychainUnavailableError, type KeychainFailure } from './vault-errors';
export { MAX_SECRET_LENGTH } from './vault-input';
export { LAST4_MIN_LENGTH, type SecretState, type SecretStateName } from './vault-state';

/**
 * Where integration secrets live. Values go in and come back out only inside the main process;
 * what may reach the renderer is `state()`. Every method validates its IDs first and throws
 * `AppError` (`vault.invalid_input`, `vault.unavailable`, `vault.failed`).
 */
export interface Vault {
  /** Stores or replaces the secret and clears any invalid/expiring mark on it. */
  set(integrationId: string, secretName: string, value: string): Promise<void>;
  get(integrationId: string, secretName: string): Promise<string | null>;
  /** True when a stored secret was removed, false when there was none. */
  delete(integrationId: string, secretName: string): Promise<boolean>;
  /** Removes every secret of the integration, including ones no longer named in its config; returns how many. */
  deleteAll(integrationId: string): Promise<number>;
  state(integrationId: string, secretName: string): Promise<SecretState>;
  /** The secret was rejected by the remote side (failed connection test, revoked token). */
  markInvalid(integrationId: string, secretName: string): void;
  /** The secret works but expires soon. Does not override an invalid mark. */
  markExpiring(integrationId: string, secretName: string): void;
  /** A later connection test passed. */
  clearMark(integrationId: string, secretName: string): void;
  /** Proves the store can be written and read back; throws `vault.unavailable` with what to install or unlock. */
  check(): Promise<void>;
}

const DEFAULT_KEYCHAIN_SERVICE = 'DeskBridge';

export interface KeychainVaultOptions {
  /** Keychain service name; tests use a unique one per run. */
  service?: string;
  /** Chooses the wording of "what to install or unlock"; defaults to this machine. */
  platform?: NodeJS.Platform;
}

// Has no "/" so it can never collide with an `<integrationId>/<secretName>` account.
const CHECK_ACCOUNT = 'deskbridge-keychain-check';

/**
 * Pinned to the Secret Service on Linux: left to itself the library silently falls back to the
 * kernel keyring, which forgets everything on reboot, so secrets would vanish without a word.
 * The option is ignored on macOS and Windows.
 */
const ENTRY_OPTIONS = { linux: { store: 'secret-service' as const } };

// One keychain call at a time from this process, each with a deadline and one retry if the
// keyring daemon dropped it (keychain-calls.ts says why).
const keychainTurn = oneAtATime();
const keychainCall = <T>(call: () => Promise<T>): Promise<T> =>
  keychainTurn(() => answerWithin(retryDroppedCall(call), KEYCHAIN_ANSWER_MS));

export function createKeychainVault(options: KeychainVaultOptions = {}): Vault {
  const service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
  const platform = options.platform ?? process.platform;
  const marks = new SecretMarks();

  async function withEntry<T>(
    operation: KeychainErrorContext['operation'],
    account: string,
    secrets: readonly string[],
    run: (entry: AsyncEntry) => Promise<T>,
  ): Promise<T> {
    try {
      return await keychainCall(() => run(new AsyncEntry(service, account, ENTRY_OPTIONS)));
    } catch (error) {
      throw toVaultError(error, { operation, service, account, platform, secrets });
    }
  }

  function accountOf(integrationId: string, secretName: string): string {
    validateIds(integrationId, secretName);
    return keychainAccount(integrationId, secretName);
  }

  async function get(integrationId: string, secretName: string): Promise<string | null> {
    const account = accountOf(integrationId, secretName);
    return withEntry('get', account, [], (entry) => entry.getPassword());
  }

  async function remove(account: string): Promise<boolean> {
    const deleted = await withEntry('delete', account, [], (entry) => entry.deletePassword());
    marks.clear(account);
    return deleted;
  }

  return {
    async set(integrationId, secretName, value) {
      const account = accountOf(integrationId, secretName);
      validateInput('value', secretValueSchema, value);
      await withEntry('set', account, [value], (entry) => entry.setPassword(value));
      marks.clear(account);
    },

    get,

    async delete(integrationId, secretName) {
      return remove(accountOf(integrationId, secretName));
    },

    async deleteAll(integrationId) {
      validateInput('integrationId', integrationIdSchema, integrationId);
      const prefix = keychainAccount(integrationId, '');
      // Touch the pinned store first: the search below uses the library's default store, which on
      // Linux would quietly search the kernel keyring when the Secret Service is missing.
      await withEntry('delete', `${prefix}*`, [], async () => undefined);
      const credentials = await keychainCall(() => findCredentialsAsync(service)).catch((error: unknown) => {
        throw toVaultError(error, { operation: 'delete', service, account: `${prefix}*`, platform, secrets: [] });
      });
      let deleted = 0;
      for (const { account } of credentials) {
        if (account.startsWith(prefix) && (await remove(account))) deleted += 1;
      }
      return deleted;
    },

    async state(integrationId, secretName) {
      const value = await get(integrationId, secretName);
      return secretState(value, marks.get(keychainAccount(integrationId, secretName)));
    },

    markInvalid(integrationId, secretName) {
      marks.mark(accountOf(integrationId, secretName), 'invalid');
    },

    markExpiring(integrationId, secretName) {
      marks.mark(accountOf(integrationId, secretName), 'expiring');
    },

    clearMark(integrationId, secretName) {
      marks.clear(accountOf(integrationId, secretName));
    },

    async check() {
      // A read alone is not enough: a Secret Service without a default keyring answers reads with
      // "nothing stored" and only fails on write.
      const probe = randomBytes(16).toString('hex');
      await withEntry('check', CHECK_ACCOUNT, [probe], async (entry) => {
        await entry.setPassword(probe);
        const readBack = await entry.getPassword();
        await entry.deletePassword();
        if (readBack !== probe) throw new Error('Platform failure: the keychain did not return what was just stored');
      });
    },
  };
}
