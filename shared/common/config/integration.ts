import { z } from 'zod';
import { FLASHDUTY_DEFAULT_API_BASE, flashdutyConnectionSchema, sdpConnectionSchema } from './connection';
import { SECRET_SLOTS } from './required-secrets';
import { DEFAULT_INGRESS_MODE, ingressModeSchema } from './ingress';
import { checkPairLists, pairListSchemas } from './field-pairs';
import { configError } from './messages';
import {
  assigneeMappingSchema,
  customFieldMappingSchema,
  incidentIdMarkerSchema,
  requestIdMarkerSchema,
  requestLinkSchema,
  severityMappingSchema,
} from './mappings';
import { strictObject, WEBHOOK_SECRET_NAME, webhookSecretRefSchema } from './secret-ref';
import { flashdutyToSdpStatusSchema, sdpToFlashdutyStatusSchema, snoozeMinutesSchema } from './status-tables';
import { flashdutyIdSchema, triggerSchema } from './trigger';

export const SYNC_DIRECTIONS = ['to_sdp', 'from_sdp', 'two_way'] as const;
export type SyncDirection = (typeof SYNC_DIRECTIONS)[number];

export const DEFAULT_POLL_INTERVAL_SECONDS = 30;
export const MIN_POLL_INTERVAL_SECONDS = 5;
const MAX_POLL_INTERVAL_SECONDS = 3600;

const integrationId = z
  .string({ error: configError('config.id') })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, configError('config.id'));
const timestamp = (code: 'config.createdAt' | 'config.updatedAt') =>
  z
    .number({ error: configError(code) })
    .int(configError(code))
    .nonnegative(configError(code));

/** Whole seconds between `min` and `max`, each bound with its own reason. */
const seconds = (what: 'poll' | 'commentPoll', min: number, max: number, fallback: number) => {
  const range = { min, max };
  return z
    .number({ error: configError(`config.${what}.seconds`, range) })
    .int(configError(`config.${what}.whole`, range))
    .min(min, configError(`config.${what}.min`, range))
    .max(max, configError(`config.${what}.max`, range))
    .default(fallback);
};

const pollInterval = seconds(
  'poll',
  MIN_POLL_INTERVAL_SECONDS,
  MAX_POLL_INTERVAL_SECONDS,
  DEFAULT_POLL_INTERVAL_SECONDS,
);

export const DEFAULT_COMMENT_POLL_SECONDS = 120;
const MIN_COMMENT_POLL_SECONDS = 30;

/**
 * How often open linked incidents' feeds are checked for new comments (a comment changes no
 * incident field, so the incident list never shows it). Each check reads at most a batch of feeds.
 */
const commentPollInterval = seconds(
  'commentPoll',
  MIN_COMMENT_POLL_SECONDS,
  MAX_POLL_INTERVAL_SECONDS,
  DEFAULT_COMMENT_POLL_SECONDS,
);

const optionalText = (what: 'requestTemplate' | 'requester', max: number) =>
  z
    .string({ error: configError(`config.${what}.text`) })
    .trim()
    .max(max, configError(`config.${what}.tooLong`, { max }))
    .default('');

/** Every field an integration needs, without identity; shared by the stored config and the draft the form saves. */
const integrationFields = {
  name: z
    .string({ error: configError('config.name.required') })
    .trim()
    .min(1, configError('config.name.required'))
    .max(80, configError('config.name.tooLong', { max: 80 })),
  /** Flashduty team that manages the integration; null = no team. */
  managementTeamId: flashdutyIdSchema.nullable().default(null),
  /**
   * True until the admin turns the integration on: it reads metadata, tests connections and
   * dry-runs, but never polls, takes webhooks or writes to either side.
   */
  draft: z.boolean({ error: configError('config.draft.boolean') }).default(false),
  /**
   * False = disabled: nothing is polled, received by webhook or written; enabled again, the pollers catch up from their
   * stored cursors.
   */
  enabled: z.boolean({ error: configError('config.enabled.boolean') }).default(true),
  sdp: sdpConnectionSchema,
  flashduty: flashdutyConnectionSchema.default({
    apiBase: FLASHDUTY_DEFAULT_API_BASE,
    appKey: { secret: SECRET_SLOTS.flashdutyAppKey },
  }),
  direction: z.enum(SYNC_DIRECTIONS, { error: configError('config.direction.enum') }).default('to_sdp'),
  trigger: triggerSchema.default({ mode: 'auto', match: 'all', conditions: [] }),
  /** Flashduty channel IDs the integration applies to; empty = every channel. */
  channels: z
    .array(flashdutyIdSchema)
    .max(500, configError('config.channels.tooMany', { max: 500 }))
    .default([]),
  /** SDP request template name; empty = SDP's default template. */
  requestTemplate: optionalText('requestTemplate', 200),
  /** Requester name or email; needed when the template requires a requester. */
  requester: optionalText('requester', 200),
  severityMapping: severityMappingSchema.default({ source: { kind: 'severity' }, toPriority: {}, toSeverity: {} }),
  customFields: z
    .array(customFieldMappingSchema)
    .max(100, configError('config.customFields.tooMany', { max: 100 }))
    .default([]),
  assignee: assigneeMappingSchema.default({ technicianLabelKey: null, groupLabelKey: null }),
  statusMapping: strictObject({
    sdpToFlashduty: sdpToFlashdutyStatusSchema,
    flashdutyToSdp: flashdutyToSdpStatusSchema,
    snoozeMinutes: snoozeMinutesSchema,
  }).prefault({}),
  /** SDP → Flashduty: where new incidents go and where the request ID is kept on them. */
  fromSdp: strictObject({
    /** Channel for incidents created from SDP requests; null = standalone incident (no channel). */
    channelId: flashdutyIdSchema.nullable().default(null),
    requestIdMarker: requestIdMarkerSchema.default({ kind: 'custom_field', name: 'sdp_request_id' }),
    /** False: SDP → Flashduty only updates linked pairs and never turns a request into a new incident. */
    createIncidents: z.boolean({ error: configError('config.createIncidents.boolean') }).default(true),
    /** SDP fields copied to incident custom fields, a list each (see field-pairs.ts). */
    ...pairListSchemas,
  }).prefault({}),
  /** Flashduty → SDP: where the incident ID is kept on the request. */
  toSdp: strictObject({
    incidentIdMarker: incidentIdMarkerSchema.default({ kind: 'description' }),
    /** The linked request's number and link, written back to the incident (see requestLinkField). */
    requestLink: requestLinkSchema.prefault({}),
  }).prefault({}),
  ingress: strictObject({
    flashdutyPollSeconds: pollInterval,
    sdpPollSeconds: pollInterval,
    commentPollSeconds: commentPollInterval,
    webhooks: z.boolean({ error: configError('config.webhooks.boolean') }).default(false),
    /** Shared secret the webhook senders put in a header; a reference like every other secret. */
    webhookSecret: webhookSecretRefSchema.default({ secret: WEBHOOK_SECRET_NAME }),
    /** How the webhooks reach this computer; polling keeps running whatever the route. */
    mode: ingressModeSchema.default(() => ({ ...DEFAULT_INGRESS_MODE })),
  }).prefault({}),
  /** Flashduty comments ↔ SDP notes. */
  syncComments: z.boolean({ error: configError('config.syncComments.boolean') }).default(true),
};

type FieldsOutput = z.output<z.ZodObject<typeof integrationFields>>;

const { name: _name, sdp: _sdp, ...defaultedFields } = integrationFields;
const defaultsSchema = strictObject(defaultedFields);
/** Every field that has a default, as the schema fills it in: what a new integration starts from. */
export type IntegrationDefaults = z.output<typeof defaultsSchema>;
export function integrationDefaults(): IntegrationDefaults {
  return defaultsSchema.parse({});
}

/** Checks that span fields: each is reported on the field the user has to change. */
function crossCheck(c: FieldsOutput, ctx: z.RefinementCtx): void {
  const udfOwner = new Map<string, number>();
  c.customFields.forEach((m, i) => {
    const prior = udfOwner.get(m.udfKey);
    if (prior !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['customFields', i, 'udfKey'],
        message: configError('config.customFields.udfTwice', { udfKey: m.udfKey, row: prior + 1 }),
      });
    }
    udfOwner.set(m.udfKey, i);
    const marker = c.toSdp.incidentIdMarker;
    if (marker.kind === 'udf' && marker.key === m.udfKey) {
      ctx.addIssue({
        code: 'custom',
        path: ['customFields', i, 'udfKey'],
        message: configError('config.customFields.udfIsIncidentMarker', { udfKey: m.udfKey }),
      });
    }
    const reqMarker = c.fromSdp.requestIdMarker;
    if (reqMarker.kind === 'custom_field' && m.source.kind === 'custom_field' && m.source.name === reqMarker.name) {
      ctx.addIssue({
        code: 'custom',
        path: ['customFields', i, 'source', 'name'],
        message: configError('config.customFields.sourceIsRequestMarker', { field: m.source.name }),
      });
    }
    const linkField = c.toSdp.requestLink.field;
    if (
      c.toSdp.requestLink.enabled &&
      linkField !== null &&
      m.source.kind === 'custom_field' &&
      m.source.name === linkField
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['customFields', i, 'source', 'name'],
        message: configError('config.customFields.sourceIsRequestLink', { field: m.source.name }),
      });
    }
  });
  checkPairLists(c, ctx);
}

export const integrationConfigSchema = strictObject({
  id: integrationId,
  ...integrationFields,
  createdAt: timestamp('config.createdAt'),
  updatedAt: timestamp('config.updatedAt'),
}).superRefine(crossCheck);
export type IntegrationConfig = z.output<typeof integrationConfigSchema>;
/** What a user may write (defaults not yet applied), e.g. in a headless config file. */
export type IntegrationConfigInput = z.input<typeof integrationConfigSchema>;

/** What the form saves: no ID yet for a new integration; timestamps are the store's business. */
export const integrationDraftSchema = strictObject({
  id: integrationId.optional(),
  ...integrationFields,
  createdAt: timestamp('config.createdAt').optional(),
  updatedAt: timestamp('config.updatedAt').optional(),
}).superRefine(crossCheck);
export type IntegrationDraft = z.output<typeof integrationDraftSchema>;
export type IntegrationDraftInput = z.input<typeof integrationDraftSchema>;
