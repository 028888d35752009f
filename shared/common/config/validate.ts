import type { z } from 'zod';
import {
  integrationConfigSchema,
  integrationDraftSchema,
  type IntegrationConfig,
  type IntegrationDraft,
} from './integration';

export interface ConfigProblem {
  /** Dotted path of the offending field, e.g. `customFields[0].udfType`; "" for the whole config. */
  path: string;
  message: string;
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
function toProblems(error: z.ZodError): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ path: formatPath([...issue.path, key]), message: issue.message });
    } else {
      problems.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return problems;
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
