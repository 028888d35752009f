import { z } from 'zod';
import { configError } from './messages';

/**
 * Secrets never live in the config, only references to them: a keychain entry (stored under
 * `<integrationId>/<name>`) for the desktop app, or an environment variable for headless servers.
 * Config files get exported, imported and pasted into tickets; a value there would leak.
 */
const SECRET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

const SECRETISH_KEY = /(secret|password|passwd|token|api_?key|app_?key|authtoken|technician_?key|grant_?code|^code$)/i;

/** True for a setting name that would only ever hold a credential. */
export function looksLikeSecretKey(key: string): boolean {
  return SECRETISH_KEY.test(key);
}

/**
 * Message for keys a strict object does not know: names that smell of credentials get the
 * "never inline a secret" explanation, anything else is named so the user can delete it.
 */
function unknownKeysMessage(keys: readonly string[]): string {
  const secretish = keys.filter(looksLikeSecretKey);
  if (secretish.length > 0) return configError('config.secret.inlineKeys', { keys: secretish.join('", "') });
  return keys.length > 1
    ? configError('config.unknownKeys', { keys: keys.join('", "') })
    : configError('config.unknownKey', { key: keys[0] ?? '' });
}

/** A strict object whose unknown-key error tells the user what to do. */
export function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys) : undefined),
  });
}

export const keychainRefSchema = strictObject({
  secret: z.string({ error: configError('config.secret.name') }).regex(SECRET_NAME, configError('config.secret.name')),
});
export const envRefSchema = strictObject({
  env: z.string({ error: configError('config.secret.env') }).regex(ENV_NAME, configError('config.secret.env')),
});

export const secretRefSchema = z.union([keychainRefSchema, envRefSchema], {
  error: (issue) =>
    typeof issue.input === 'string' ? configError('config.secret.inline') : configError('config.secret.ref'),
});
export type SecretRef = z.infer<typeof secretRefSchema>;

/** The inbound webhook secret's own keychain slot. */
export const WEBHOOK_SECRET_NAME = 'webhook.secret';
/**
 * Environment variables meant for the webhook secret, e.g. DESKBRIDGE_WEBHOOK_SECRET or DESKBRIDGE_WEBHOOK_SECRET_OPS.
 */
const WEBHOOK_SECRET_ENV = /^DESKBRIDGE_WEBHOOK_SECRET(_[A-Za-z0-9_]+)?$/;

export function isWebhookSecretRef(ref: SecretRef): boolean {
  return 'secret' in ref ? ref.secret === WEBHOOK_SECRET_NAME : WEBHOOK_SECRET_ENV.test(ref.env);
}

/**
 * The webhook secret is shown by the setup helper (the admin pastes it into SDP and Flashduty), so
 * its reference may only name its own slot: pointed at another secret, the helper would read that
 * one out.
 */
export const webhookSecretRefSchema = secretRefSchema.refine(isWebhookSecretRef, {
  error: configError('config.webhookSecret.ownSlot', { name: WEBHOOK_SECRET_NAME }),
});

/** The keychain account a `{ secret }` reference resolves to. */
export function keychainAccount(integrationId: string, secretName: string): string {
  return `${integrationId}/${secretName}`;
}
