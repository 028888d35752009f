import { z } from 'zod';

/**
 * A user-facing message as it crosses the contract: a code and its parameters, worded by the
 * renderer in the chosen language. Free text from SDP or Flashduty travels as a parameter and is
 * shown quoted, never as the sentence itself.
 */
export const messageParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type MessageParams = z.infer<typeof messageParamsSchema>;
/** A check's result: flat parameters only (the general, nestable Message is in message.ts). */
const checkResultSchema = z.object({ code: z.string(), params: messageParamsSchema });

/** Every Test connection check, in the order it runs; the renderer names each by its ID. */
export const CHECK_IDS = [
  'sdp.connect',
  'sdp.templates',
  'sdp.priorities',
  'sdp.statuses',
  'sdp.technicians',
  'sdp.groups',
  'sdp.users',
  'sdp.metainfo',
  'sdp.requests.read',
  'sdp.requests.write',
  'flashduty.connect',
  'flashduty.incidents.read',
  'flashduty.incidents.manage',
  'flashduty.channels.read',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** What a check found when it did not fail with an error. */
export const CHECK_RESULT_CODES = [
  'signed_in_cloud',
  'signed_in_onprem',
  'counted',
  'allowed',
  'manage_probed',
  'first_sync_confirms',
  'not_run',
  'key_owner',
  'key_owner_in_account',
] as const;

/** What to do about a failed check; the renderer words each, naming the check where it says "this". */
export const CHECK_FIX_CODES = [
  'sdp_connect_cloud',
  'sdp_enter_api_key',
  'sdp_reconnect_cloud',
  'sdp_new_api_key',
  'sdp_scope',
  'sdp_scope_named',
  'sdp_role',
  'sdp_network',
  'sdp_tls',
  'sdp_address_cloud',
  'sdp_address_onprem',
  'sdp_mint_wait',
  'sdp_license',
  'fd_app_key',
  'fd_role',
  'fd_address',
  'fd_locked',
] as const;
export type CheckFixCode = (typeof CHECK_FIX_CODES)[number];

export const connectionCheckSchema = z.object({
  id: z.enum(CHECK_IDS),
  ok: z.boolean(),
  /**
   * Passed: a result code (`CHECK_RESULT_CODES`). Failed: the error's code (`sdp.forbidden`, …) with
   * its details as parameters, worded like any other error the UI shows.
   */
  result: checkResultSchema,
  /** The failure in English, shown only where the renderer does not know the error's code. */
  fallback: z.string().optional(),
  fix: z.object({ code: z.enum(CHECK_FIX_CODES), params: messageParamsSchema }).optional(),
  /** Not testable without side effects: the first sync confirms it (shown apart from passed checks). */
  pending: z.boolean().optional(),
});
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>;

export const connectionReportSchema = z.object({
  sdp: z.array(connectionCheckSchema),
  flashduty: z.array(connectionCheckSchema),
  /** Whose Flashduty key this is, from member/info. */
  flashdutyAccount: z.object({ name: z.string(), email: z.string().nullable() }).nullable(),
});
export type ConnectionReport = z.infer<typeof connectionReportSchema>;
