import { z } from 'zod';
import { failureSchema, messageSchema } from './message';

/** Integration IDs are ours (random, URL-safe), so a tight pattern rejects path tricks early. */
export const integrationIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Integration ID must be 1–64 letters, digits, "-" or "_".');

export const appInfoSchema = z.object({
  name: z.literal('DeskBridge'),
  version: z.string(),
  mode: z.enum(['desktop', 'headless']),
  demo: z.boolean(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const integrationStateSchema = z.enum([
  'draft',
  'syncing',
  'idle',
  'failing',
  'unreachable',
  'paused',
  'needs_attention',
  'disabled',
]);
export type IntegrationState = z.infer<typeof integrationStateSchema>;

/** How webhooks reach this integration: the tunnel or relay state, or the local server. */
export const ingressStatusSchema = z.object({
  mode: z.enum(['direct', 'ngrok', 'relay']),
  state: z.enum(['off', 'connected', 'reconnecting', 'down']),
  url: z.string().nullable(),
  message: messageSchema.nullable(),
});
export type IngressStatus = z.infer<typeof ingressStatusSchema>;

/** What the engine knows about one integration right now: enough for the list, the tray and the header. */
export const integrationHealthSchema = z.object({
  id: integrationIdSchema,
  name: z.string(),
  state: integrationStateSchema,
  queued: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  lastSyncAt: z.number().int().nullable(),
  lastError: messageSchema.nullable(),
  /** Since when an API has not answered (state `unreachable`); null while both answer. */
  unreachableSince: z.number().int().nullable().default(null),
  ingress: ingressStatusSchema.nullable().default(null),
});
export type IntegrationHealth = z.infer<typeof integrationHealthSchema>;

export const engineStatusSchema = z.object({
  paused: z.boolean(),
  integrations: z.array(integrationHealthSchema),
});
export type EngineStatus = z.infer<typeof engineStatusSchema>;

export const integrationSummarySchema = integrationHealthSchema.extend({
  platform: z.enum(['cloud', 'onprem']),
  direction: z.enum(['to_sdp', 'from_sdp', 'two_way']),
  triggerMode: z.enum(['auto', 'manual']),
  enabled: z.boolean(),
});
export type IntegrationSummary = z.infer<typeof integrationSummarySchema>;

export const logLevelSchema = z.enum(['info', 'warn', 'error']);
export type LogLevel = z.infer<typeof logLevelSchema>;

/** One line of the sync log: every write and every skip, pushed live and queryable later. */
export const logEntrySchema = z.object({
  id: z.string(),
  at: z.number().int(),
  level: logLevelSchema,
  integrationId: z.string().nullable(),
  direction: z.enum(['to_sdp', 'from_sdp']).nullable(),
  incidentId: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  message: messageSchema,
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })).default([]),
  apiRequestIds: z.array(z.string()).default([]),
  error: failureSchema.nullable().default(null),
});
export type LogEntry = z.infer<typeof logEntrySchema>;
