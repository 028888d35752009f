import { randomBytes } from 'node:crypto';
import { requiredSecrets, type IntegrationConfig, type SecretRef, type SecretSlot } from '../../shared/common/config';
import { AppError } from '../../shared/common/errors';
import type { Vault } from './vault';

export type SecretResolver = (integrationId: string, ref: SecretRef) => Promise<string | null>;

/**
 * Resolves secret references: `{ secret }` from the keychain, `{ env }` from the environment as it
 * was when the app started (a snapshot, so nothing later can swap a credential underneath).
 * The keychain is opened only when a `{ secret }` reference is actually resolved.
 */
export function createSecretResolver(
  vault: () => Vault,
  env: Readonly<Record<string, string | undefined>>,
): SecretResolver {
  const snapshot = { ...env };
  return async (integrationId, ref) =>
    'secret' in ref ? vault().get(integrationId, ref.secret) : (snapshot[ref.env] ?? null) || null;
}

export class MissingSecretError extends AppError {
  /** `slot` is the config slot (`sdp.apiKey`), which the UI names in its language. */
  constructor(label: string, ref: SecretRef, slot: string) {
    super(
      'secrets.missing',
      'secret' in ref
        ? `The ${label} is not set. Enter it under Integration → Connection.`
        : `The ${label} should come from the environment variable ${ref.env}, which is not set. Set it and restart DeskBridge.`,
      { details: { secret: 'secret' in ref ? ref.secret : ref.env, slot, ...('env' in ref ? { env: ref.env } : {}) } },
    );
  }
}

/** Resolves one secret the config needs, or throws a message naming it and where to set it. */
export async function requireSecret(
  resolve: SecretResolver,
  config: IntegrationConfig,
  slot: SecretSlot,
): Promise<string> {
  const needed = requiredSecrets(config).find((s) => s.slot === slot);
  if (!needed) throw new AppError('secrets.unknown_slot', `This integration has no secret "${slot}".`);
  const value = await resolve(config.id, needed.ref);
  if (value === null) throw new MissingSecretError(needed.label, needed.ref, needed.slot);
  return value;
}

/** A new integration's inbound webhook secret: random, URL-safe, long enough to never be guessed. */
export function newWebhookSecret(): string {
  return randomBytes(24).toString('base64url');
}
