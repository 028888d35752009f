import type { z } from 'zod';
import {
  integrationConfigSchema,
  integrationDraftSchema,
  type IntegrationConfig,
  type IntegrationDraft,
} from './integration';
import { describeConfigMessage, type ConfigMessageCode, type MessageParams } from './messages';

export interface ConfigProblem {
  /** Dotted path of the offending field, e.g. `customFields[0].udfType`; "" for the whole config. */
  path: string;
  /** In English, for logs, the headless CLI and `--config`. */
  message: string;
  /** For the UI to say it in the user's language; absent on a message zod wrote itself. */
  code?: ConfigMessageCode;
  params?: MessageParams;
}

export type ValidationResult<T> = { ok: true; config: T } | { ok: false; problems: ConfigProblem[] };

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    const key = String(part);
    return out === '' ? key : `${out}.${key}`;
  }, '');
}

/** One problem per bad field; unknown keys are reported on their own path so the form can point at them. */
export function toProblems(error: z.ZodError): ConfigProblem[] {
  return error.issues.flatMap((issue) => {
    // A bad record key arrives as zod's own "Invalid key in record", with the key's coded issue inside it.
    const inner = issue.code === 'invalid_key' ? issue.issues[0] : undefined;
    const described = describeConfigMessage((inner ?? issue).message);
    return issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), ...described }))
      : [{ path: formatPath(issue.path), ...described }];
  });
}

/** Validates a complete stored or imported config (headless `--config`, import). */
export function validateIntegrationConfig(input: unknown): ValidationResult<IntegrationConfig> {
  const parsed = integrationConfigSchema.safeParse(input);
  return parsed.success ? { ok: true, config: parsed.data } : { ok: false, problems: toProblems(parsed.error) };
}

/** Validates what the form is about to save (no ID or timestamps needed yet). */
export function validateIntegrationDraft(input: unknown): ValidationResult<IntegrationDraft> {
  const parsed = integrationDraftSchema.safeParse(input);
  return parsed.success ? { ok: true, config: parsed.data } : { ok: false, problems: toProblems(parsed.error) };
}
