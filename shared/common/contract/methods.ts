import { z } from 'zod';
import { integrationConfigSchema, integrationDraftSchema } from '../config';
import { method } from './define';
import {
  appInfoSchema,
  engineStatusSchema,
  integrationIdSchema,
  integrationSummarySchema,
  logEntrySchema,
} from './schemas';
import { connectionReportSchema } from './messages';
import {
  dryRunModeSchema,
  dryRunSchema,
  goLivePreviewSchema,
  incidentIdSchema,
  incidentRowSchema,
  linkViewSchema,
  logPageSchema,
  logQuerySchema,
  outboxItemViewSchema,
  progressSchema,
  pushOutcomeSchema,
  rebuildResultSchema,
  requestIdSchema,
  secretNameSchema,
  secretStateSchema,
  severityViewSchema,
  sideSchema,
} from './sync-schemas';
import { flashdutyMetadataViewSchema, sdpMetadataViewSchema } from './metadata';
import { uiSettingsPatchSchema, uiSettingsSchema } from './ui-settings';
import { webhookSetupSchema } from './webhook-setup';

const none = z.object({}).strict();

/**
 * Every call the UI can make to the main process (desktop) or the headless server. Both
 * transports serve exactly this map through one dispatcher; later features add entries here.
 */
export const methods = {
  'app.info': method(none, appInfoSchema, 'Version, mode (desktop or headless) and the data directory.'),

  'integrations.list': method(none, z.array(integrationSummarySchema), 'Every integration with its sync state.'),
  'integrations.get': method(
    z.object({ id: integrationIdSchema }).strict(),
    integrationConfigSchema,
    'One integration’s full configuration.',
  ),
  'integrations.save': method(
    z.object({ config: integrationDraftSchema }).strict(),
    integrationConfigSchema,
    'Creates (no id) or replaces (with id) an integration; returns what was stored.',
  ),
  'integrations.goLivePreview': method(
    z.object({ id: integrationIdSchema }).strict(),
    goLivePreviewSchema,
    'What turning a draft on would do: its scope, and what the first sync would create on each side. Writes nothing.',
  ),
  'integrations.goLive': method(
    z.object({ id: integrationIdSchema }).strict(),
    integrationConfigSchema,
    'Turns a draft on: it starts polling, taking webhooks and writing.',
  ),
  'integrations.delete': method(
    z.object({ id: integrationIdSchema }).strict(),
    z.object({ deleted: z.boolean() }),
    'Removes an integration and its stored secrets.',
  ),

  'engine.status': method(none, engineStatusSchema, 'Whether sync runs, and each integration’s health.'),
  'engine.pause': method(
    z.object({ integrationId: integrationIdSchema.optional() }).strict(),
    engineStatusSchema,
    'Pauses one integration, or all when no ID is given. Changes keep queueing while paused.',
  ),
  'engine.resume': method(
    z.object({ integrationId: integrationIdSchema.optional() }).strict(),
    engineStatusSchema,
    'Resumes one integration, or all when no ID is given.',
  ),

  'integrations.webhookSetup': method(
    z.object({ id: integrationIdSchema }).strict(),
    webhookSetupSchema,
    'Everything to paste into SDP and Flashduty so their webhooks reach DeskBridge.',
  ),

  'incidents.list': method(
    z
      .object({
        integrationId: integrationIdSchema,
        channelIds: z
          .array(z.string().regex(/^\d{1,20}$/))
          .max(500)
          .optional(),
        progress: z.array(progressSchema).optional(),
        severities: z.array(severityViewSchema).optional(),
        since: z.number().int().optional(),
        until: z.number().int().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    z.object({ incidents: z.array(incidentRowSchema) }),
    'Recent Flashduty incidents with the SDP request each is linked to.',
  ),
  'incidents.get': method(
    z.object({ integrationId: integrationIdSchema, incidentId: incidentIdSchema }).strict(),
    z.object({ id: z.string(), num: z.string(), title: z.string(), url: z.string().nullable() }),
    'One Flashduty incident’s short number, title and link, to name it next to its ID.',
  ),
  'incidents.push': method(
    z.object({ integrationId: integrationIdSchema, incidentIds: z.array(incidentIdSchema).min(1).max(500) }).strict(),
    z.object({ results: z.array(pushOutcomeSchema) }),
    'Pushes incidents to SDP now, whatever the trigger conditions; one outcome per incident.',
  ),

  'log.query': method(logQuerySchema, logPageSchema, 'Sync log entries, newest first, filtered.'),
  'links.get': method(
    z
      .object({
        integrationId: integrationIdSchema,
        incidentId: incidentIdSchema.optional(),
        requestId: requestIdSchema.optional(),
      })
      .strict()
      .refine(
        (v) => (v.incidentId === undefined) !== (v.requestId === undefined),
        'Give either incidentId or requestId.',
      ),
    z.object({ link: linkViewSchema.nullable(), trail: z.array(logEntrySchema) }),
    'The link of one incident or request, and every sync of it in order.',
  ),
  'links.rebuild': method(
    z.object({ integrationId: integrationIdSchema }).strict(),
    rebuildResultSchema,
    'Links unlinked pairs again from the markers both sides carry (after a lost or damaged sync database); creates nothing. Progress comes as links.rebuildProgress events.',
  ),

  'outbox.list': method(
    z.object({ integrationId: integrationIdSchema, state: z.enum(['pending', 'failed']).optional() }).strict(),
    z.object({ items: z.array(outboxItemViewSchema) }),
    'Operations waiting to run or parked as failed.',
  ),
  'outbox.retry': method(
    z
      .object({
        integrationId: integrationIdSchema,
        ids: z.array(z.number().int()).max(10_000).optional(),
        /** A sync log entry: retries the parked operations of the incident and request it names. */
        logEntryId: z
          .string()
          .regex(/^\d{1,18}$/)
          .optional(),
      })
      .strict()
      .refine((v) => v.ids === undefined || v.logEntryId === undefined, 'Give ids or logEntryId, not both.'),
    z.object({ requeued: z.number().int() }),
    'Retries failed operations: the given ones, those of the entity a sync log entry names, or all of the integration.',
  ),

  'sync.dryRun': method(
    z
      .object({
        integrationId: integrationIdSchema,
        side: sideSchema,
        id: z.string().min(1).max(64),
        mode: dryRunModeSchema.default('automatic'),
      })
      .strict()
      .refine((v) => (v.side === 'flashduty' ? incidentIdSchema : requestIdSchema).safeParse(v.id).success, {
        path: ['id'],
        message: 'For a Flashduty incident enter its ID (24 hex digits); for an SDP request, its ID (digits only).',
      }),
    dryRunSchema,
    'What syncing one incident or request would send (as the automatic sync, or as a manual push), checked against live metadata, without writing.',
  ),

  'metadata.sdp': method(
    z.object({ integrationId: integrationIdSchema }).strict(),
    sdpMetadataViewSchema,
    'SDP templates, priorities, statuses, technicians, groups and fields.',
  ),
  'metadata.requesters': method(
    z.object({ integrationId: integrationIdSchema, search: z.string().trim().max(200) }).strict(),
    z.object({ requesters: z.array(z.object({ name: z.string(), email: z.string().nullable() })) }),
    'SDP requesters whose name or email contains the search text (at most 20), for the requester picker.',
  ),
  'metadata.flashduty': method(
    z.object({ integrationId: integrationIdSchema }).strict(),
    flashdutyMetadataViewSchema,
    'Flashduty channels, teams and custom fields.',
  ),

  'secrets.state': method(
    z.object({ integrationId: integrationIdSchema }).strict(),
    z.object({ secrets: z.array(secretStateSchema) }),
    'Which secrets the integration needs and whether each is stored. Never the values.',
  ),
  'secrets.set': method(
    z
      .object({
        integrationId: integrationIdSchema,
        name: secretNameSchema,
        value: z.string().min(1, 'Enter the secret.').max(8192),
      })
      .strict(),
    secretStateSchema,
    'Stores or replaces a secret in the OS keychain.',
  ),
  'secrets.delete': method(
    z.object({ integrationId: integrationIdSchema, name: secretNameSchema }).strict(),
    secretStateSchema,
    'Removes a secret from the OS keychain.',
  ),
  'connections.connectSdpCloud': method(
    z
      .object({
        integrationId: integrationIdSchema,
        clientSecret: z.string().min(1, 'Enter the client secret.').max(500),
        grantCode: z.string().min(1, 'Enter the grant code.').max(500),
      })
      .strict(),
    z.object({ connected: z.literal(true) }),
    'Exchanges a Zoho grant code and stores the refresh token and client secret in the keychain.',
  ),
  'connections.test': method(
    z.object({ integrationId: integrationIdSchema }).strict(),
    connectionReportSchema,
    'Reaches both APIs and checks every permission the integration needs.',
  ),

  'config.export': method(
    z.object({ ids: z.array(integrationIdSchema).optional() }).strict(),
    z.object({ json: z.string(), count: z.number().int() }),
    'Integrations as JSON, without secrets.',
  ),
  'config.importPreview': method(
    z.object({ json: z.string().max(5 * 1024 * 1024) }).strict(),
    z.object({
      integrations: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          replaces: z.boolean(),
          changes: z.array(z.object({ path: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
        }),
      ),
    }),
    'What importing the JSON would add, and field by field what it would change in integrations it replaces. Writes nothing.',
  ),
  'config.import': method(
    z.object({ json: z.string().max(5 * 1024 * 1024), replace: z.boolean().default(false) }).strict(),
    z.object({ imported: z.array(z.object({ id: z.string(), name: z.string() })) }),
    'Adds integrations from exported JSON, after validating every field; replaces existing ones only with replace: true.',
  ),

  'settings.get': method(none, uiSettingsSchema, 'App-wide preferences.'),
  'settings.set': method(uiSettingsPatchSchema, uiSettingsSchema, 'Changes app-wide preferences.'),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
/** What a handler receives: the input after the schema applied its defaults. */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
