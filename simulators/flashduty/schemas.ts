import { z } from 'zod';

/**
 * Request bodies as the official Flashduty OpenAPI spec defines them, checked against the body
 * decoded by plain JSON.parse so a quoted ID ("123") fails where the spec wants an integer.
 * Objects are open (the spec sets no additionalProperties: false); business rules the spec
 * states only in prose (31-day window, non-empty comment, ...) live in the route handlers.
 */

// zod's .int() stops at 2^53; int64 IDs go beyond, so only wholeness is checked.
const int64 = z.number().refine(Number.isInteger, 'expected an integer');
const uint64 = int64.min(0);
const objectId = z.string().regex(/^[0-9a-fA-F]{24}$/);
const severity = z.enum(['Info', 'Warning', 'Critical']);
const incidentIdBatch = z.array(objectId).min(1).max(100);

export const FEED_TYPES = [
  'i_new',
  'i_assign',
  'i_a_rspd',
  'i_notify',
  'i_storm',
  'i_snooze',
  'i_wake',
  'i_ack',
  'i_unack',
  'i_comm',
  'i_rslv',
  'i_reopen',
  'i_merge',
  'i_r_title',
  'i_r_desc',
  'i_r_impact',
  'i_r_rc',
  'i_r_rsltn',
  'i_r_severity',
  'i_r_field',
  'i_m_flapping',
  'i_m_reply',
  'i_custom',
  'i_wr_create',
  'i_wr_delete',
  'i_auto_refresh',
  'a_merge',
] as const;

export const requestSchemas = {
  '/incident/list': z.object({
    start_time: int64,
    end_time: int64,
    asc: z.boolean().optional(),
    is_snoozed: z.boolean().optional(),
    is_my_team: z.boolean().optional(),
    is_my_channel: z.boolean().optional(),
    ever_muted: z.boolean().optional(),
    is_rare: z.boolean().optional(),
    progress: z.string().optional(),
    query: z.string().optional(),
    incident_severity: z.string().optional(),
    channel_ids: z.array(int64).optional(),
    team_ids: z.array(int64).optional(),
    responder_ids: z.array(int64).optional(),
    acker_ids: z.array(int64).optional(),
    creator_ids: z.array(int64).optional(),
    closer_ids: z.array(int64).optional(),
    incident_ids: z.array(z.string()).optional(),
    nums: z.array(z.string()).optional(),
    p: int64.min(0).optional(),
    limit: int64.min(0).max(100).optional(),
    search_after_ctx: z.string().optional(),
  }),
  '/incident/info': z.object({ incident_id: objectId }),
  '/incident/list-by-ids': z.object({ incident_ids: z.array(objectId) }),
  '/incident/create': z.object({
    incident_severity: severity,
    title: z.string().max(512).optional(),
    description: z.string().max(1024).optional(),
    channel_id: int64.optional(),
    assigned_to: z
      .object({
        person_ids: z.array(int64).min(1).max(100).optional(),
        escalate_rule_id: objectId.optional(),
        layer_idx: z.number().int().optional(),
        type: z.string().optional(),
        emails: z.array(z.email()).min(1).max(100).optional(),
        notify: z
          .object({
            follow_preference: z.boolean().optional(),
            personal_channels: z.array(z.string()).optional(),
            template_id: objectId.optional(),
          })
          .optional(),
      })
      .optional(),
  }),
  '/incident/ack': z.object({ incident_ids: incidentIdBatch }),
  '/incident/unack': z.object({ incident_ids: incidentIdBatch }),
  '/incident/wake': z.object({ incident_ids: incidentIdBatch }),
  '/incident/resolve': z.object({
    incident_ids: incidentIdBatch,
    root_cause: z.string().max(1024).optional(),
    resolution: z.string().max(1024).optional(),
  }),
  '/incident/reopen': z.object({ incident_ids: incidentIdBatch, reason: z.string().max(1024).optional() }),
  '/incident/snooze': z.object({ incident_ids: z.array(objectId).max(100), minutes: int64.gt(0).max(1440) }),
  '/incident/reset': z.object({
    incident_id: objectId,
    title: z.string().min(3).max(200).optional(),
    description: z.string().min(3).max(6144).optional(),
    impact: z.string().min(3).max(6144).optional(),
    root_cause: z.string().min(3).max(6144).optional(),
    resolution: z.string().min(3).max(6144).optional(),
    incident_severity: severity.optional(),
  }),
  '/incident/field/reset': z.object({
    incident_id: objectId,
    field_name: z.string(),
    field_value: z.unknown().optional(),
  }),
  '/incident/comment': z.object({
    incident_ids: incidentIdBatch,
    comment: z.string().max(1024).optional(),
    mute_reply: z.boolean().optional(),
  }),
  '/incident/feed': z.object({
    incident_id: objectId,
    p: int64.min(1).optional(),
    limit: int64.min(1).max(100).optional(),
    asc: z.boolean().optional(),
    types: z.array(z.enum(FEED_TYPES)).optional(),
  }),
  '/channel/list': z.object({
    p: z.number().int().min(1).optional(),
    limit: z.number().int().min(1).max(100).optional(),
    orderby: z.enum(['ranking', 'created_at', 'updated_at', 'channel_name', 'last_incident_at']).optional(),
    asc: z.boolean().optional(),
    is_my_managed: z.boolean().optional(),
    is_my_starred: z.boolean().optional(),
    is_brief: z.boolean().optional(),
    is_my_team: z.boolean().optional(),
    team_ids: z.array(int64).optional(),
    query: z.string().optional(),
    channel_ids: z.array(int64).optional(),
    channel_name: z.string().optional(),
  }),
  '/team/list': z.object({
    p: z.number().int().min(1).optional(),
    limit: z.number().int().min(1).max(100).optional(),
    orderby: z.enum(['created_at', 'updated_at', 'team_name']).optional(),
    asc: z.boolean().optional(),
    person_id: uint64.optional(),
    query: z.string().optional(),
  }),
  '/member/list': z.object({
    role_id: uint64.optional(),
    p: z.number().int().min(1).optional(),
    limit: z.number().int().min(1).max(100).optional(),
    orderby: z.enum(['created_at', 'updated_at']).optional(),
    asc: z.boolean().optional(),
    query: z.string().optional(),
  }),
  '/member/info': z.object({}),
  '/person/infos': z.object({ person_ids: z.array(uint64) }),
  // Only in the legacy spec; the Go SDK sends `{}`, newer deployments add filters.
  '/field/list': z.object({
    query: z.string().optional(),
    orderby: z.string().optional(),
    asc: z.boolean().optional(),
  }),
} as const;

export type SimRoute = keyof typeof requestSchemas;
export const SIM_ROUTES = Object.keys(requestSchemas) as SimRoute[];

/** "incident_ids.0" style location of the first problem, for InvalidParameter messages. */
export function firstIssue(error: z.ZodError): { parameter: string; problem: string } {
  const issue = error.issues[0];
  return { parameter: issue?.path.join('.') || 'body', problem: issue?.message ?? 'invalid' };
}
