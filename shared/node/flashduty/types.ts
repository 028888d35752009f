import { z } from 'zod';

/**
 * Normalised Flashduty shapes. Field names stay as the wire spells them (snake_case) so the
 * engine, the sync log and Flashduty's docs use one vocabulary. Every int64 ID is a decimal
 * string: Flashduty IDs may exceed 2^53 and must survive a round trip digit for digit.
 */

/** Accepts a JSON number or the digit string the lossless parser made of a big one. */
export const int64IdSchema = z
  .union([z.number().int(), z.string().regex(/^-?\d+$/, 'expected an integer id')])
  .transform((v) => String(v));

export const INCIDENT_ID_PATTERN = /^[0-9a-fA-F]{24}$/;
export const incidentIdSchema = z.string().regex(INCIDENT_ID_PATTERN, 'expected a 24-hex incident id');

export const SEVERITIES = ['Critical', 'Warning', 'Info'] as const;
export type FlashdutySeverity = (typeof SEVERITIES)[number];
export const severitySchema = z.enum(SEVERITIES);

export const PROGRESSES = ['Triggered', 'Processing', 'Closed'] as const;
export type FlashdutyProgress = (typeof PROGRESSES)[number];

/** Unix seconds as Flashduty sends incident timestamps; 0 means "not set". */
const unixSeconds = z.number().int().nonnegative();

const personRefSchema = z.object({
  person_id: int64IdSchema,
  person_name: z.string().optional(),
  email: z.string().optional(),
});

export const responderSchema = z.object({
  person_id: int64IdSchema,
  person_name: z.string().optional(),
  email: z.string().optional(),
  /** Unix seconds. */
  assigned_at: unixSeconds.default(0),
  /** Unix seconds; 0 while this responder has not acknowledged. */
  acknowledged_at: unixSeconds.default(0),
});
export type FlashdutyResponder = z.infer<typeof responderSchema>;

export const assignedToSchema = z.object({
  person_ids: z
    .array(int64IdSchema)
    .nullish()
    .transform((v) => v ?? []),
  escalate_rule_id: z.string().optional(),
  escalate_rule_name: z.string().optional(),
  layer_idx: z.number().int().optional(),
  type: z.string().optional(),
  emails: z.array(z.string()).nullish(),
  /** Unix seconds. */
  assigned_at: unixSeconds.optional(),
});

/**
 * An incident as `/incident/info`, `/incident/list` and webhook snapshots carry it. All
 * `*_time`, `*_at` and `snoozed_before` values are Unix SECONDS (webhook `event_time` is the
 * only millisecond value and lives on the event, not here).
 */
export const incidentSchema = z.object({
  incident_id: incidentIdSchema,
  num: z.string().default(''),
  title: z.string(),
  description: z.string().default(''),
  impact: z.string().default(''),
  root_cause: z.string().default(''),
  resolution: z.string().default(''),
  incident_severity: z.enum(['Critical', 'Warning', 'Info', 'Ok']),
  incident_status: z.enum(['Critical', 'Warning', 'Info', 'Ok']).optional(),
  progress: z.enum(PROGRESSES),
  account_id: int64IdSchema.optional(),
  /** "0" for a standalone incident (no channel). */
  channel_id: int64IdSchema.default('0'),
  channel_name: z.string().default(''),
  /** Unix seconds. */
  start_time: unixSeconds.default(0),
  /** Unix seconds. */
  last_time: unixSeconds.default(0),
  /** Unix seconds; all alerts recovered. */
  end_time: unixSeconds.default(0),
  /** Unix seconds; 0 until acknowledged. */
  ack_time: unixSeconds.default(0),
  /** Unix seconds; 0 until closed. */
  close_time: unixSeconds.default(0),
  /** Unix seconds. */
  created_at: unixSeconds.default(0),
  /** Unix seconds. */
  updated_at: unixSeconds.default(0),
  /** Unix seconds; snoozed while this lies in the future, 0 when not snoozed. */
  snoozed_before: unixSeconds.default(0),
  creator_id: int64IdSchema.default('0'),
  closer_id: int64IdSchema.default('0'),
  creator: personRefSchema.nullish(),
  closer: personRefSchema.nullish(),
  dedup_key: z.string().default(''),
  labels: z
    .record(z.string(), z.string())
    .nullish()
    .transform((v) => v ?? {}),
  /** Custom field values keyed by field_name: string, string[] or boolean per field type. */
  fields: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((v) => v ?? {}),
  responders: z
    .array(responderSchema)
    .nullish()
    .transform((v) => v ?? []),
  assigned_to: assignedToSchema.nullish(),
  alert_cnt: z.number().int().default(0),
  group_method: z.string().default(''),
  detail_url: z.string().default(''),
  manual_overrides: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
});
export type FlashdutyIncident = z.infer<typeof incidentSchema>;

export const feedItemSchema = z.object({
  ref_id: z.string(),
  type: z.string(),
  detail: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((v) => v ?? {}),
  creator_id: int64IdSchema.default('0'),
  /** Unix MILLISECONDS (feed items, unlike incidents, use ms). */
  created_at: z.number().int(),
  /** Unix MILLISECONDS. */
  updated_at: z.number().int().optional(),
});
export type FlashdutyFeedItem = z.infer<typeof feedItemSchema>;

export const channelSchema = z.object({
  channel_id: int64IdSchema,
  channel_name: z.string(),
  description: z.string().default(''),
  status: z.string().default('enabled'),
  team_id: int64IdSchema.optional(),
});
export type FlashdutyChannel = z.infer<typeof channelSchema>;

export const teamSchema = z.object({
  team_id: int64IdSchema,
  team_name: z.string(),
  description: z.string().default(''),
  status: z.string().default('enabled'),
  person_ids: z
    .array(int64IdSchema)
    .nullish()
    .transform((v) => v ?? []),
});
export type FlashdutyTeam = z.infer<typeof teamSchema>;

export const memberSchema = z.object({
  member_id: int64IdSchema,
  member_name: z.string(),
  email: z.string().default(''),
  status: z.string().default('enabled'),
});
export type FlashdutyMember = z.infer<typeof memberSchema>;

/** The user an app key acts as; API actions by this key are attributed to `member_id`. */
export const memberInfoSchema = z.object({
  member_id: int64IdSchema,
  member_name: z.string(),
  email: z.string().default(''),
  account_id: int64IdSchema,
  account_name: z.string().default(''),
});
export type FlashdutyMemberInfo = z.infer<typeof memberInfoSchema>;

export const personSchema = z.object({
  person_id: int64IdSchema,
  person_name: z.string(),
  email: z.string().default(''),
  as: z.string().optional(),
  status: z.string().optional(),
});
export type FlashdutyPerson = z.infer<typeof personSchema>;

export const FIELD_TYPES = ['text', 'single_select', 'multi_select', 'checkbox'] as const;

/** A custom field definition; `field_type` decides the shape of its value on incidents. */
export const fieldDefinitionSchema = z.object({
  field_id: z.string(),
  field_name: z.string(),
  display_name: z.string().default(''),
  description: z.string().default(''),
  field_type: z.enum(FIELD_TYPES),
  value_type: z.string().default('string'),
  options: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  default_value: z.unknown().optional(),
  status: z.string().default('enabled'),
});
export type FlashdutyFieldDefinition = z.infer<typeof fieldDefinitionSchema>;

/** One value for `/incident/field/reset`: text/single_select string, multi_select list, checkbox boolean. */
export type FlashdutyFieldValue = string | string[] | boolean;
