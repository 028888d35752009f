/**
 * The sync's own views: incidents and pushes, the sync log and links, the outbox, dry runs and the go-live
 * preview; with them, for now, the secret and connection-test views. Webhook setup, metadata and settings views
 * have files of their own.
 */
import { z } from 'zod';
import { SEVERITIES } from '../config';
import { failureSchema, messageSchema } from './message';
import { integrationIdSchema, logEntrySchema } from './schemas';

/** Flashduty incident IDs are 24 hex digits; SDP request IDs are digits (18 on Cloud). */
export const incidentIdSchema = z.string().regex(/^[0-9a-f]{24}$/, 'Incident ID: 24 hex digits.');
export const requestIdSchema = z.string().regex(/^\d{1,20}$/, 'Request ID: digits only.');
export const sideSchema = z.enum(['flashduty', 'sdp']);
export const progressSchema = z.enum(['Triggered', 'Processing', 'Closed']);
export const severityViewSchema = z.enum(SEVERITIES);

export const incidentRowSchema = z.object({
  id: incidentIdSchema,
  num: z.string(),
  title: z.string(),
  severity: severityViewSchema,
  progress: progressSchema,
  snoozed: z.boolean(),
  channelId: z.string(),
  channelName: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** The SDP request this incident is linked to, if any. */
  requestId: z.string().nullable(),
  /** Where people open the incident in Flashduty, and its linked request in SDP. */
  url: z.string().nullable(),
  requestUrl: z.string().nullable(),
  /** A parked (permanently failed) operation for this incident, if any. */
  lastError: messageSchema.nullable(),
});
export type IncidentRow = z.infer<typeof incidentRowSchema>;

export const pushOutcomeSchema = z.object({
  incidentId: z.string(),
  outcome: z.enum(['created', 'linked', 'updated', 'unchanged', 'skipped', 'failed']),
  requestId: z.string().nullable(),
  message: messageSchema,
});
export type PushOutcome = z.infer<typeof pushOutcomeSchema>;

export const logQuerySchema = z
  .object({
    integrationId: integrationIdSchema.optional(),
    incidentId: z.string().max(64).optional(),
    requestId: z.string().max(64).optional(),
    direction: z.enum(['to_sdp', 'from_sdp']).optional(),
    levels: z.array(z.enum(['info', 'warn', 'error'])).optional(),
    text: z.string().max(200).optional(),
    from: z.number().int().optional(),
    to: z.number().int().optional(),
    /** Paging backwards: entries older than this entry ID. */
    before: z.string().regex(/^\d+$/).optional(),
    limit: z.number().int().min(1).max(5000).default(500),
  })
  .strict();

export const linkViewSchema = z.object({
  incidentId: z.string(),
  requestId: z.string(),
  updatedAt: z.number().int(),
  /** Field values as last agreed with each side (what the echo guard compares against). */
  sdp: z.record(z.string(), z.string().nullable()),
  flashduty: z.record(z.string(), z.string().nullable()),
});

export const outboxItemViewSchema = z.object({
  id: z.number().int(),
  side: sideSchema,
  entityId: z.string(),
  type: z.string(),
  summary: messageSchema,
  state: z.enum(['pending', 'failed']),
  attempts: z.number().int(),
  nextTryAt: z.number().int(),
  lastError: failureSchema.nullable(),
  createdAt: z.number().int(),
});
export type OutboxItemView = z.infer<typeof outboxItemViewSchema>;

export const problemSchema = z.object({ code: z.string(), message: messageSchema });

/** How a dry run plans: as the automatic sync would (conditions, channels, direction), or as a manual push. */
export const dryRunModeSchema = z.enum(['automatic', 'manual']);

export const dryRunSchema = z.object({
  mode: dryRunModeSchema,
  /** What was read, as the planner saw it. */
  source: z.record(z.string(), z.unknown()),
  target: z.record(z.string(), z.unknown()).nullable(),
  operations: z.array(z.object({ type: z.string(), summary: messageSchema, payload: z.unknown() })),
  problems: z.array(problemSchema),
});
export type DryRun = z.infer<typeof dryRunSchema>;

export const secretNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'Secret name: letters, digits, ".", "_" or "-".');
export const secretStateSchema = z.object({
  name: z.string(),
  state: z.enum(['set', 'missing', 'invalid', 'expiring']),
  /** At most the last 4 characters, for recognising which key is stored; absent for short secrets. */
  last4: z.string().max(4).optional(),
});
export type SecretStateView = z.infer<typeof secretStateSchema>;

export const pushProgressSchema = z.object({
  integrationId: integrationIdSchema,
  done: z.number().int(),
  total: z.number().int(),
  last: pushOutcomeSchema.nullable(),
});

export const rebuildProgressSchema = z.object({
  integrationId: integrationIdSchema,
  phase: z.enum(['sdp', 'flashduty', 'done']),
  scanned: z.number().int(),
  linked: z.number().int(),
});
export const rebuildResultSchema = z.object({ scanned: z.number().int(), linked: z.number().int() });

export const logPageSchema = z.object({ entries: z.array(logEntrySchema), hasMore: z.boolean() });

/** What one side's first sync would do once the integration is turned on. */
const firstSyncSideSchema = z.object({
  /**
   * Records the first poll lists (Flashduty: incidents in the look-back window; SDP: requests changed since the
   * integration was created).
   */
  considered: z.number().int().nonnegative(),
  /** Of those, how many the planner would create on the other side. */
  creates: z.number().int().nonnegative(),
  /** How many would be parked as failed, with the first distinct reasons. */
  fails: z.number().int().nonnegative(),
  problems: z.array(messageSchema),
  /** True when the list was cut at the preview's limit: the counts are a lower bound. */
  truncated: z.boolean(),
});

/** The summary an admin confirms before a draft goes live. */
export const goLivePreviewSchema = z.object({
  direction: z.enum(['to_sdp', 'from_sdp', 'two_way']),
  triggerMode: z.enum(['auto', 'manual']),
  conditions: z.number().int().nonnegative(),
  /** The channels in scope by name (ID when the name is unknown); empty = every channel. */
  channels: z.array(z.string()),
  webhooks: z.boolean(),
  toSdp: firstSyncSideSchema.nullable(),
  fromSdp: firstSyncSideSchema.nullable(),
});
export type GoLivePreview = z.infer<typeof goLivePreviewSchema>;
