import { z } from 'zod';
import { configError } from './messages';
import { strictObject } from './secret-ref';

export const SEVERITIES = ['Critical', 'Warning', 'Info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severitySchema = z.enum(SEVERITIES, { error: configError('config.severity.enum') });

/** Flashduty IDs are int64; kept as digit strings so 64-bit values survive JSON and JavaScript numbers. */
export const flashdutyIdSchema = z
  .union([z.string(), z.number()], { error: configError('config.flashdutyId.text') })
  .transform((v) => String(v).trim())
  .refine((v) => /^\d{1,20}$/.test(v), configError('config.flashdutyId.format'));

export const labelKeySchema = z
  .string({ error: configError('config.labelKey.required') })
  .trim()
  .min(1, configError('config.labelKey.required'))
  .max(200, configError('config.labelKey.tooLong', { max: 200 }));
const text = (what: 'labelContains' | 'titleContains') =>
  z
    .string({ error: configError(`config.${what}.required`) })
    .min(1, configError(`config.${what}.required`))
    .max(1000, configError(`config.${what}.tooLong`, { max: 1000 }));

/**
 * Regex flags we accept: case-insensitive, multi-line, dot-all, unicode. Anything stateful (g, y) would make matching
 * order-dependent.
 */
const REGEX_FLAGS = /^[imsu]*$/;

function regexProblem(pattern: string, flags: string): string | null {
  if (!REGEX_FLAGS.test(flags)) return configError('config.regex.flags');
  try {
    new RegExp(pattern, flags);
    return null;
  } catch (err) {
    return configError('config.regex.invalid', { error: err instanceof Error ? err.message : String(err) });
  }
}

export const conditionSchema = z.discriminatedUnion(
  'kind',
  [
    strictObject({
      kind: z.literal('severity_in'),
      severities: z.array(severitySchema).min(1, configError('config.severities.required')),
    }),
    strictObject({
      kind: z.literal('channel_in'),
      channelIds: z.array(flashdutyIdSchema).min(1, configError('config.channelIds.required')),
    }),
    strictObject({
      kind: z.literal('label_equals'),
      key: labelKeySchema,
      value: z.string({ error: configError('config.labelValue.text') }),
    }),
    strictObject({ kind: z.literal('label_contains'), key: labelKeySchema, value: text('labelContains') }),
    strictObject({
      kind: z.literal('label_matches'),
      key: labelKeySchema,
      pattern: z
        .string({ error: configError('config.pattern.required') })
        .min(1, configError('config.pattern.required'))
        .max(1000, configError('config.pattern.tooLong', { max: 1000 })),
      flags: z.string().default(''),
    }).superRefine((c, ctx) => {
      const problem = regexProblem(c.pattern, c.flags);
      if (problem !== null) ctx.addIssue({ code: 'custom', path: ['pattern'], message: problem });
    }),
    strictObject({ kind: z.literal('label_exists'), key: labelKeySchema }),
    strictObject({ kind: z.literal('title_contains'), value: text('titleContains') }),
  ],
  { error: configError('config.condition.enum') },
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
      match: z.enum(['all', 'any'], { error: configError('config.match.enum') }).default('all'),
      conditions: z
        .array(conditionSchema)
        .max(50, configError('config.conditions.tooMany', { max: 50 }))
        .default([]),
    }),
    strictObject({ mode: z.literal('manual') }),
  ],
  { error: configError('config.triggerMode.enum') },
);
export type Trigger = z.infer<typeof triggerSchema>;
