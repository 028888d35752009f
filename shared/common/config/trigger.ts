import { z } from 'zod';
import { strictObject } from './secret-ref';

export const SEVERITIES = ['Critical', 'Warning', 'Info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severitySchema = z.enum(SEVERITIES, { error: 'Severity must be Critical, Warning or Info.' });

/** Flashduty IDs are int64; kept as digit strings so 64-bit values survive JSON and JavaScript numbers. */
export const flashdutyIdSchema = z
  .union([z.string(), z.number()], { error: 'Enter a Flashduty ID (digits).' })
  .transform((v) => String(v).trim())
  .refine((v) => /^\d{1,20}$/.test(v), 'A Flashduty ID is digits only, e.g. 2551105804131.');

const labelKey = z
  .string({ error: 'Label key: enter the label name, e.g. service.' })
  .trim()
  .min(1, 'Label key: enter the label name, e.g. service.')
  .max(200, 'Label key is too long (200 characters at most).');
const text = (what: string) =>
  z
    .string({ error: `${what}: enter the text to look for.` })
    .min(1, `${what}: enter the text to look for.`)
    .max(1000, `${what} is too long (1000 characters at most).`);

/**
 * Regex flags we accept: case-insensitive, multi-line, dot-all, unicode. Anything stateful (g, y) would make matching
 * order-dependent.
 */
const REGEX_FLAGS = /^[imsu]*$/;

function regexProblem(pattern: string, flags: string): string | null {
  if (!REGEX_FLAGS.test(flags)) return 'Regex flags may only be i, m, s or u.';
  try {
    new RegExp(pattern, flags);
    return null;
  } catch (err) {
    return `Not a valid regular expression: ${err instanceof Error ? err.message : String(err)}.`;
  }
}

export const conditionSchema = z.discriminatedUnion(
  'kind',
  [
    strictObject({
      kind: z.literal('severity_in'),
      severities: z.array(severitySchema).min(1, 'Severity condition: pick at least one severity.'),
    }),
    strictObject({
      kind: z.literal('channel_in'),
      channelIds: z.array(flashdutyIdSchema).min(1, 'Channel condition: pick at least one channel.'),
    }),
    strictObject({
      kind: z.literal('label_equals'),
      key: labelKey,
      value: z.string({ error: 'Label value: enter the exact value.' }),
    }),
    strictObject({ kind: z.literal('label_contains'), key: labelKey, value: text('Label contains') }),
    strictObject({
      kind: z.literal('label_matches'),
      key: labelKey,
      pattern: z
        .string({ error: 'Label pattern: enter a regular expression.' })
        .min(1, 'Label pattern: enter a regular expression.')
        .max(1000, 'Label pattern is too long (1000 characters at most).'),
      flags: z.string().default(''),
    }).superRefine((c, ctx) => {
      const problem = regexProblem(c.pattern, c.flags);
      if (problem !== null) ctx.addIssue({ code: 'custom', path: ['pattern'], message: problem });
    }),
    strictObject({ kind: z.literal('label_exists'), key: labelKey }),
    strictObject({ kind: z.literal('title_contains'), value: text('Title contains') }),
  ],
  {
    error:
      'Condition kind must be one of severity_in, channel_in, label_equals, label_contains, label_matches, label_exists, title_contains.',
  },
);
export type Condition = z.infer<typeof conditionSchema>;

/**
 * Trigger mode decides when a Flashduty incident gets an SDP request: automatically when the
 * conditions hold (no conditions = every incident in the channels), or only when someone pushes it.
 */
export const triggerSchema = z.discriminatedUnion(
  'mode',
  [
    strictObject({
      mode: z.literal('auto'),
      match: z
        .enum(['all', 'any'], { error: 'Match must be "all" (every condition) or "any" (at least one).' })
        .default('all'),
      conditions: z.array(conditionSchema).max(50, 'At most 50 conditions.').default([]),
    }),
    strictObject({ mode: z.literal('manual') }),
  ],
  { error: 'Trigger mode must be "auto" or "manual".' },
);
export type Trigger = z.infer<typeof triggerSchema>;
