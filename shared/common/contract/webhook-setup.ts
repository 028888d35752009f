import { z } from 'zod';
import { messageSchema } from './message';

/** What the setup helper shows: where each side sends its webhooks, the secret header and the steps. */
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
    warning: messageSchema.nullable(),
  }),
  polling: z.object({ flashdutySeconds: z.number(), sdpSeconds: z.number() }),
});
export type WebhookSetup = z.infer<typeof webhookSetupSchema>;
