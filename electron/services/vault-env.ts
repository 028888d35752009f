import { keychainAccount } from '../../shared/config/secret-ref';
import { AppError } from '../../shared/errors';
import type { Vault } from './vault';
import { envVarNameSchema, integrationIdSchema, validateIds, validateInput } from './vault-input';
import { SecretMarks, secretState } from './vault-state';

/** One `{ "env": "VAR" }` reference from the config, tied to the secret it stands for. */
export interface EnvSecretRef {
  integrationId: string;
  secretName: string;
  envVar: string;
}

/** A vault fed by environment variables; `covers` says which secrets it answers for. */
export interface EnvVault extends Vault {
  covers(integrationId: string, secretName: string): boolean;
}

interface EnvSecret {
  envVar: string;
  /** Captured once at start; undefined when the variable was unset or empty. */
  value: string | undefined;
}

function validateRefs(refs: readonly EnvSecretRef[]): Map<string, EnvSecret['envVar']> {
  const byAccount = new Map<string, string>();
  refs.forEach((ref, index) => {
    try {
      validateIds(ref.integrationId, ref.secretName);
      validateInput('envVar', envVarNameSchema, ref.envVar);
    } catch (error) {
      if (error instanceof AppError) {
        throw new AppError(error.code, `Environment secret reference #${index + 1}: ${error.message}`, { details: { ...error.details, index } });
      }
      throw error;
    }
    const account = keychainAccount(ref.integrationId, ref.secretName);
    const existing = byAccount.get(account);
    if (existing !== undefined && existing !== ref.envVar) {
      throw new AppError(
        'vault.invalid_input',
        `Secret "${account}" is bound to two environment variables (${existing} and ${ref.envVar}): keep one.`,
        { details: { field: 'envVar', account, index } },
      );
    }
    byAccount.set(account, ref.envVar);
  });
  return byAccount;
}

/**
 * Secrets for headless servers without a keychain. The variables named in the config are read
 * once, here, and held only in memory; nothing is ever written, so set/delete explain where the
 * secrets really come from instead of pretending to store them.
 */
export function createEnvVault(env: NodeJS.ProcessEnv, refs: readonly EnvSecretRef[]): EnvVault {
  const secrets = new Map<string, EnvSecret>();
  for (const [account, envVar] of validateRefs(refs)) {
    const raw = env[envVar];
    secrets.set(account, { envVar, value: raw === undefined || raw === '' ? undefined : raw });
  }
  const marks = new SecretMarks();

  function accountOf(integrationId: string, secretName: string): string {
    validateIds(integrationId, secretName);
    return keychainAccount(integrationId, secretName);
  }

  function readOnly(account: string): AppError {
    const envVar = secrets.get(account)?.envVar;
    const where =
      envVar === undefined
        ? `Name an environment variable for "${account}" in the config file ({ "env": "VAR_NAME" }), set it,`
        : `Change the environment variable ${envVar} (it holds "${account}")`;
    return new AppError(
      'vault.env_managed',
      `Secrets come from environment variables on this server, so DeskBridge cannot change them. ${where} and restart DeskBridge.`,
      { details: { account, envVar } },
    );
  }

  return {
    covers(integrationId, secretName) {
      return secrets.has(accountOf(integrationId, secretName));
    },
    async set(integrationId, secretName) {
      throw readOnly(accountOf(integrationId, secretName));
    },
    async get(integrationId, secretName) {
      return secrets.get(accountOf(integrationId, secretName))?.value ?? null;
    },
    async delete(integrationId, secretName) {
      throw readOnly(accountOf(integrationId, secretName));
    },
    // Removing an integration must not fail because its variables are outside our reach: forget
    // the in-memory copies so nothing uses them again; the variables themselves stay as they are.
    async deleteAll(integrationId) {
      validateInput('integrationId', integrationIdSchema, integrationId);
      const prefix = keychainAccount(integrationId, '');
      let forgotten = 0;
      for (const account of [...secrets.keys()]) {
        if (!account.startsWith(prefix)) continue;
        if (secrets.get(account)?.value !== undefined) forgotten += 1;
        secrets.delete(account);
        marks.clear(account);
      }
      return forgotten;
    },
    async state(integrationId, secretName) {
      const account = accountOf(integrationId, secretName);
      return secretState(secrets.get(account)?.value ?? null, marks.get(account));
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
      const missing = [...secrets].filter(([, s]) => s.value === undefined).map(([account, s]) => ({ account, envVar: s.envVar }));
      if (missing.length === 0) return;
      throw new AppError(
        'vault.env_missing',
        `These environment variables are named in the config file but are not set (or empty): ${missing.map((m) => m.envVar).join(', ')}. Set them and restart DeskBridge.`,
        { details: { missing } },
      );
    },
  };
}

/**
 * Env-referenced secrets win; everything else goes to the keychain. `check()` needs both, so a
 * server whose secrets all come from the environment should use `createEnvVault` alone.
 */
export function createCompositeVault(envVault: EnvVault, keychain: Vault): Vault {
  const pick = (integrationId: string, secretName: string): Vault => (envVault.covers(integrationId, secretName) ? envVault : keychain);
  return {
    set: (id, name, value) => pick(id, name).set(id, name, value),
    get: (id, name) => pick(id, name).get(id, name),
    delete: (id, name) => pick(id, name).delete(id, name),
    async deleteAll(id) {
      return (await envVault.deleteAll(id)) + (await keychain.deleteAll(id));
    },
    state: (id, name) => pick(id, name).state(id, name),
    markInvalid: (id, name) => pick(id, name).markInvalid(id, name),
    markExpiring: (id, name) => pick(id, name).markExpiring(id, name),
    clearMark: (id, name) => pick(id, name).clearMark(id, name),
    async check() {
      await envVault.check();
      await keychain.check();
    },
  };
}
