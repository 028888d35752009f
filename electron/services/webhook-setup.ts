import { networkInterfaces, hostname } from 'node:os';
import type { IntegrationConfig } from '../../shared/common/config';
import type { SetupStep } from '../../shared/common/contract';

/**
 * Incident webhook events DeskBridge acts on: each changes a field it syncs. Flashduty's other
 * types carry nothing it maps (assignment, impact, storms, merges; `i_custom` arrives on the
 * custom-action URL), so subscribing to them would only cost deliveries.
 */
export const FLASHDUTY_SYNC_EVENTS = [
  'i_new', // a new incident: create the request
  'i_ack', // Processing
  'i_unack', // back to Triggered
  'i_snooze', // Snoozed (On Hold)
  'i_wake', // snooze over
  'i_rslv', // Closed
  'i_reopen', // open again
  'i_comm', // a comment: a note
  'i_r_title', // subject
  'i_r_desc', // description
  'i_r_severity', // priority
  'i_r_field', // custom fields mapped to SDP fields
  'i_r_rc', // root cause, part of the resolution
  'i_r_rsltn', // resolution
] as const;

/**
 * The steps in SDP for the configured edition, as codes the UI words in the chosen language.
 * Cloud: Setup → Automation → Custom Actions → Webhooks, then Triggers (Flashduty's SDP sync guide).
 * On-prem: Admin → Automation → Custom Triggers (SDP on-prem help, "Custom Triggers"); a webhook
 * action exists where the build has Admin → Integrations → Webhooks (ServiceDesk Plus MSP's admin
 * guide, manageengine.com/products/service-desk-msp/help/adminguide/integrations/webhooks.html);
 * where no build offers one, polling carries the changes and there is nothing to set up in SDP.
 */
export function sdpSetupSteps(config: IntegrationConfig): SetupStep[] {
  const poll = { seconds: config.ingress.sdpPollSeconds };
  return config.sdp.platform === 'cloud'
    ? [
        { step: 'sdp_cloud_webhook', params: {} },
        { step: 'sdp_cloud_trigger', params: {} },
        { step: 'sdp_polling_backstop', params: poll },
      ]
    : [
        { step: 'sdp_onprem_webhook', params: {} },
        { step: 'sdp_onprem_trigger', params: {} },
        { step: 'sdp_onprem_no_webhook', params: poll },
      ];
}

export function flashdutySetupSteps(): SetupStep[] {
  return [
    { step: 'fd_incident_webhook', params: {} },
    { step: 'fd_events', params: { count: FLASHDUTY_SYNC_EVENTS.length } },
    { step: 'fd_custom_action', params: {} },
  ];
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|\[::1\])$/i;

/** This machine's names and addresses: an on-prem SDP on one of them reaches a loopback URL. */
export function localHostNames(): Set<string> {
  const names = new Set<string>([hostname().toLowerCase(), 'localhost']);
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(a.address.toLowerCase());
  return names;
}

/**
 * The SDP host that cannot reach `url`, or null: a loopback URL only works for an SDP on this
 * machine, which SDP Cloud never is and an on-prem server on another host is not.
 */
export function unreachableFrom(
  config: IntegrationConfig,
  url: string,
  local: ReadonlySet<string> = localHostNames(),
): string | null {
  if (url === '') return null;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  if (!LOOPBACK.test(host)) return null;
  if (config.sdp.platform === 'cloud') return config.sdp.apiDomain;
  const sdpHost = new URL(config.sdp.endpoint).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return LOOPBACK.test(sdpHost) || local.has(sdpHost) ? null : sdpHost;
}
