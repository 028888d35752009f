import { z } from 'zod';
import { AppError } from '../../shared/common/errors';

/**
 * What the vault accepts, checked before anything touches the keychain. IDs follow the config
 * rules (shared/common/config), and neither may contain "/" because it separates them in the keychain
 * account `<integrationId>/<secretName>`.
 */
export const integrationIdSchema = z
  .string({ error: 'Integration ID: 1–64 letters, digits, "-" or "_".' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Integration ID: 1–64 letters, digits, "-" or "_".');

export const secretNameSchema = z
  .string({ error: 'Secret name: 1–64 letters, digits, ".", "_" or "-", e.g. "sdp.apiKey".' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'Secret name: 1–64 letters, digits, ".", "_" or "-", e.g. "sdp.apiKey".');

/** Generous for OAuth tokens and API keys; anything longer is a paste mistake, not a credential. */
export const MAX_SECRET_LENGTH = 16_384;

// zod never echoes the input in these messages, so a rejected value cannot leak through them.
export const secretValueSchema = z
  .string({ error: 'Secret value: enter the value as text.' })
  .min(1, 'Secret value is empty: paste the key or token.')
  .max(MAX_SECRET_LENGTH, `Secret value is too long (${MAX_SECRET_LENGTH} characters at most): check what was pasted.`);

/** Throws `vault.invalid_input` naming the field; never includes the value itself. */
export function validateInput(field: string, schema: z.ZodType<unknown>, input: unknown): void {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError('vault.invalid_input', result.error.issues[0]?.message ?? `${field} is not valid.`, {
      details: { field },
    });
  }
}

export function validateIds(integrationId: unknown, secretName: unknown): void {
  validateInput('integrationId', integrationIdSchema, integrationId);
  validateInput('secretName', secretNameSchema, secretName);
}
