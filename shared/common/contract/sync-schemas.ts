import { z } from 'zod';
import { SEVERITIES, UDF_TYPES } from '../config';
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
  lastError: z.string().nullable(),
});
export type IncidentRow = z.infer<typeof incidentRowSchema>;

export const pushOutcomeSchema = z.object({
  incidentId: z.string(),
  outcome: z.enum(['created', 'linked', 'updated', 'unchanged', 'skipped', 'failed']),
  requestId: z.string().nullable(),
  message: z.string(),
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

/** Setup steps are codes the renderer words in the chosen language, with their parameters. */
export const SETUP_STEP_CODES = [
  'sdp_cloud_webhook',
  'sdp_cloud_trigger',
  'sdp_polling_backstop',
  'sdp_onprem_webhook',
  'sdp_onprem_trigger',
  'sdp_onprem_no_webhook',
  'fd_incident_webhook',
  'fd_events',
  'fd_custom_action',
] as const;
export const setupStepSchema = z.object({
  step: z.enum(SETUP_STEP_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type SetupStep = z.infer<typeof setupStepSchema>;

export const webhookSetupSchema = z.object({
  webhooksEnabled: z.boolean(),
  /**
   * The shared secret SDP and Flashduty must send. It is DeskBridge's own inbound secret (not a
   * credential for either service), shown so the admin can paste it into their webhook settings.
   */
  secretHeader: z.object({ name: z.string(), value: z.string() }),
  sdp: z.object({
    edition: z.enum(['cloud', 'onprem']),
    url: z.string(),
    method: z.literal('POST'),
    contentType: z.literal('application/json'),
    body: z.string(),
    steps: z.array(setupStepSchema),
    /** The SDP host that cannot reach the URL shown (loopback-only, SDP elsewhere); null when it can. */
    unreachableFrom: z.string().nullable(),
  }),
  flashduty: z.object({
    incidentWebhookUrl: z.string(),
    customActionUrl: z.string(),
    events: z.array(z.string()),
    steps: z.array(setupStepSchema),
  }),
  ingress: z.object({
    mode: z.string(),
    publicBase: z.string(),
    warning: z.string().nullable(),
  }),
  polling: z.object({ flashdutySeconds: z.number(), sdpSeconds: z.number() }),
});
export type WebhookSetup = z.infer<typeof webhookSetupSchema>;

export const outboxItemViewSchema = z.object({
  id: z.number().int(),
  side: sideSchema,
  entityId: z.string(),
  type: z.string(),
  summary: z.string(),
  state: z.enum(['pending', 'failed']),
  attempts: z.number().int(),
  nextTryAt: z.number().int(),
  lastError: z.object({ code: z.string(), message: z.string(), fix: z.string().optional() }).nullable(),
  createdAt: z.number().int(),
});
export type OutboxItemView = z.infer<typeof outboxItemViewSchema>;

export const problemSchema = z.object({ code: z.string(), message: z.string() });

/** How a dry run plans: as the automatic sync would (conditions, channels, direction), or as a manual push. */
export const dryRunModeSchema = z.enum(['automatic', 'manual']);

export const dryRunSchema = z.object({
  mode: dryRunModeSchema,
  /** What was read, as the planner saw it. */
  source: z.record(z.string(), z.unknown()),
  target: z.record(z.string(), z.unknown()).nullable(),
  operations: z.array(z.object({ type: z.string(), summary: z.string(), payload: z.unknown() })),
  problems: z.array(problemSchema),
});
export type DryRun = z.infer<typeof dryRunSchema>;

export const sdpMetadataViewSchema = z.object({
  templates: z.array(
    z.object({ id: z.string(), name: z.string(), isDefault: z.boolean(), mandatoryFields: z.array(z.string()) }),
  ),
  priorities: z.array(z.object({ id: z.string(), name: z.string() })),
  statuses: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      class: z.enum(['open', 'in_progress', 'on_hold', 'completed']),
      inProgress: z.boolean(),
      stopTimer: z.boolean(),
    }),
  ),
  technicians: z.array(z.object({ id: z.string(), name: z.string(), email: z.string().nullable() })),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  udfs: z.array(z.object({ key: z.string(), displayName: z.string(), type: z.enum(UDF_TYPES), isText: z.boolean() })),
  /** Lists SDP would not give (each endpoint loads on its own): which call, why, and what to do. */
  problems: z
    .array(
      z.object({
        list: z.enum(['priorities', 'statuses', 'templates', 'technicians', 'groups', 'udfs']),
        endpoint: z.string(),
        /** What the UI words in the chosen language; `message` and `fix` say the same in English (the log's). */
        reason: z.enum(['forbidden', 'not_found', 'other']),
        /** The Zoho scope a cloud refusal names, when known. */
        scope: z.string().nullable(),
        message: z.string(),
        fix: z.string(),
      }),
    )
    .optional(),
  /**
   * Per Flashduty state, this instance's status of the matching kind (by its flags); used where the table's documented
   * name is missing.
   */
  statusDefaults: z.object({
    Triggered: z.string().nullable(),
    Processing: z.string().nullable(),
    Snoozed: z.string().nullable(),
    Closed: z.string().nullable(),
  }),
});
export type SdpMetadataView = z.infer<typeof sdpMetadataViewSchema>;

export const flashdutyMetadataViewSchema = z.object({
  channels: z.array(z.object({ id: z.string(), name: z.string(), teamId: z.string().nullable() })),
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  fields: z.array(
    z.object({ name: z.string(), displayName: z.string(), type: z.string(), options: z.array(z.string()) }),
  ),
});
export type FlashdutyMetadataView = z.infer<typeof flashdutyMetadataViewSchema>;

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

const uiSettingsFields = {
  language: z.enum(['system', 'en', 'zh-CN']),
  /**
   * The app's webhook port. ngrok and relay routes, and direct routes without a port of their own,
   * are served on it (on loopback, or on the direct route's own address).
   */
  webhookPort: z.number().int().min(0).max(65535),
  /** Sync log retention: entries older than this many days are deleted… */
  logRetentionDays: z.number().int().min(1).max(3650),
  /** …and at most this many (the newest) are kept, so a flood cannot fill the disk. */
  logMaxRows: z.number().int().min(1000).max(10_000_000),
};

export const uiSettingsSchema = z.object({
  language: uiSettingsFields.language.default('system'),
  webhookPort: uiSettingsFields.webhookPort.default(4781),
  logRetentionDays: uiSettingsFields.logRetentionDays.default(30),
  logMaxRows: uiSettingsFields.logMaxRows.default(200_000),
});
/** A change to some settings: no defaults here, or saving one setting would reset the others. */
export const uiSettingsPatchSchema = z.object(uiSettingsFields).partial().strict();
export type UiSettings = z.infer<typeof uiSettingsSchema>;

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
  problems: z.array(z.string()),
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
