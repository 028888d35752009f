import { SECRET_SLOTS, type IntegrationConfig } from '../../shared/common/config';
import type { ConnectionCheck, ConnectionReport } from '../../shared/common/contract/sync-schemas';
import { isAppError } from '../../shared/common/errors';
import {
  createFlashdutyClient,
  type FlashdutyClient,
  type FlashdutyClientOptions,
} from '../../shared/node/flashduty/client';
import { redactText } from '../../shared/node/net/redact';
import { createSdpClient, type SdpClient, type SdpClientOptions } from '../../shared/node/sdp/client';
import { SDP_CLOUD_SCOPES } from '../../shared/node/sdp/scopes';
import { sdpSettings } from './clients';
import { isCredentialFailure, type CredentialFailure } from './connection-health';
import { requireSecret, type SecretResolver } from './secrets';

export { SDP_CLOUD_SCOPES };

export interface ConnectionTestOptions {
  sdp?: SdpClientOptions;
  flashduty?: FlashdutyClientOptions;
  /** For the incident-read window; defaults to the real clock. */
  now?: () => number;
  /**
   * Called when a side could not sign in because a stored secret was rejected or is missing, so
   * the caller can mark that secret invalid (`vault.markInvalid`) without parsing messages.
   */
  onCredentialFailure?: (failure: CredentialFailure) => void;
}

/**
 * An incident ID no Flashduty account can hold: incident IDs are ObjectIDs that start with their
 * creation time, and this one's time is 1970. Flashduty checks the key's role before the target,
 * so an ack of it answers AccessDenied (403) without "Incidents Manage", and ResourceNotFound (or
 * a no-op success) with it.
 */
export const FLASHDUTY_PROBE_INCIDENT_ID = '000000000000000000000000';

type Outcome = { ok: true; message: string } | { ok: false; error: unknown };

interface CheckSpec {
  id: string;
  label: string;
}

const SDP = {
  connect: { id: 'sdp.connect', label: 'Reach ServiceDesk Plus and sign in' },
  templates: { id: 'sdp.templates', label: 'Read request templates' },
  priorities: { id: 'sdp.priorities', label: 'Read priorities' },
  statuses: { id: 'sdp.statuses', label: 'Read statuses' },
  technicians: { id: 'sdp.technicians', label: 'Read technicians' },
  groups: { id: 'sdp.groups', label: 'Read support groups' },
  users: { id: 'sdp.users', label: 'Read requesters' },
  metainfo: { id: 'sdp.metainfo', label: 'Read custom fields (request metainfo)' },
  read: { id: 'sdp.requests.read', label: 'Read requests' },
  write: { id: 'sdp.requests.write', label: 'Create and update requests' },
} satisfies Record<string, CheckSpec>;

const FLASHDUTY = {
  connect: { id: 'flashduty.connect', label: 'Reach Flashduty and identify the app key' },
  read: { id: 'flashduty.incidents.read', label: 'Read incidents' },
  manage: { id: 'flashduty.incidents.manage', label: 'Manage incidents' },
  channels: { id: 'flashduty.channels.read', label: 'Read channels' },
} satisfies Record<string, CheckSpec>;

/** Keeps every message free of the secrets this test resolved, whatever an upstream error said. */
class Scrubber {
  private readonly secrets: string[] = [];
  add(value: string): string {
    this.secrets.push(value);
    return value;
  }
  text(value: string): string {
    return redactText(value, this.secrets);
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function errorCode(error: unknown): string | undefined {
  return isAppError(error) ? error.code : undefined;
}

function notRun(spec: CheckSpec, blocker: CheckSpec): ConnectionCheck {
  return { ...spec, ok: false, message: `Not run: "${blocker.label}" failed first.` };
}

type Platform = IntegrationConfig['sdp']['platform'];

function sdpFix(error: unknown, platform: Platform, permission: string): string | undefined {
  const scopes = `Generate a new grant code with the scopes ${SDP_CLOUD_SCOPES.join(',')} and connect again.`;
  const scope = isAppError(error) && typeof error.details?.scope === 'string' ? error.details.scope : undefined;
  switch (errorCode(error)) {
    case 'secrets.missing':
      return platform === 'cloud'
        ? 'Connect SDP Cloud: enter the client secret and a new grant code.'
        : 'Enter the SDP API key under Integration → Connection.';
    case 'sdp.auth':
      return platform === 'cloud'
        ? `Reconnect SDP Cloud. ${scopes}`
        : 'Generate a new API key in ServiceDesk Plus (Admin → Technicians → API key) and enter it under Integration → Connection.';
    case 'sdp.forbidden':
      return platform === 'cloud'
        ? `The token lacks ${scope === undefined ? 'a scope' : `the scope ${scope}`} needed to ${permission}. ${scopes}`
        : `Give the technician who owns the API key a role that may ${permission} in ServiceDesk Plus (Admin → Roles), or use another technician's key.`;
    case 'sdp.network':
      return 'Check the SDP address and that this computer can reach it (VPN, proxy, firewall).';
    case 'sdp.tls':
      return 'Set the private CA file or the pinned certificate fingerprint under Integration → Connection → TLS.';
    case 'sdp.not_found':
    case 'sdp.bad_response':
      return platform === 'cloud'
        ? 'Check the data centre, API domain and portal name under Integration → Connection.'
        : 'Check the SDP address (http(s)://host:port, no path) and the portal ID under Integration → Connection.';
    case 'sdp.oauth.rate_limited':
      return 'Test again after the time above; sync resumes on its own. If this recurs, another app may be minting tokens with the same refresh token: give DeskBridge a grant code of its own.';
    case 'sdp.license':
      return 'Ask your ServiceDesk Plus administrator about the licence: it does not allow this API.';
    default:
      return undefined;
  }
}

function flashdutyFix(error: unknown): string | undefined {
  switch (errorCode(error)) {
    case 'secrets.missing':
    case 'flashduty.unauthorized':
      return 'Create an APP key in Flashduty (Account Settings → APP Key) and enter it under Integration → Connection.';
    case 'flashduty.access_denied':
      return 'Grant the key owner the needed permission in Flashduty (Account Settings → Roles), or use a key of a user who has it.';
    case 'flashduty.network':
    case 'flashduty.route_not_found':
      return 'Check the Flashduty API address (https://api.flashcat.cloud unless you run a private deployment) and that this computer can reach it.';
    case 'flashduty.locked':
      return 'Wait a while, then test again; check that the key is the right one.';
    default:
      return undefined;
  }
}

function toCheck(
  spec: CheckSpec,
  outcome: Outcome,
  scrub: Scrubber,
  fixFor: (error: unknown) => string | undefined,
): ConnectionCheck {
  if (outcome.ok) return { ...spec, ok: true, message: outcome.message };
  const fix = fixFor(outcome.error);
  return {
    ...spec,
    ok: false,
    message: scrub.text(errorMessage(outcome.error)),
    ...(fix === undefined ? {} : { fix: scrub.text(fix) }),
  };
}

async function attempt(run: () => Promise<string>): Promise<Outcome> {
  try {
    return { ok: true, message: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function reportCredentialFailure(error: unknown, config: IntegrationConfig, options: ConnectionTestOptions): void {
  const failure = options.onCredentialFailure ? isCredentialFailure(error, config) : null;
  if (failure) options.onCredentialFailure!(failure);
}

/**
 * Whether an SDP error on the first call means "could not get in at all" (so the remaining checks
 * would only repeat it) rather than "got in, but this one thing is not allowed".
 */
function blocksSdp(error: unknown): boolean {
  const code = errorCode(error);
  return code !== 'sdp.forbidden' && code !== 'sdp.license';
}

async function checkSdp(
  config: IntegrationConfig,
  resolve: SecretResolver,
  options: ConnectionTestOptions,
  scrub: Scrubber,
): Promise<ConnectionCheck[]> {
  const platform = config.sdp.platform;
  const fix = (permission: string) => (error: unknown) => sdpFix(error, platform, permission);
  const rest = [
    SDP.templates,
    SDP.priorities,
    SDP.statuses,
    SDP.technicians,
    SDP.groups,
    SDP.users,
    SDP.metainfo,
    SDP.read,
    SDP.write,
  ];
  const failConnect = (error: unknown): ConnectionCheck[] => {
    reportCredentialFailure(error, config, options);
    return [
      toCheck(SDP.connect, { ok: false, error }, scrub, fix('use the API')),
      ...rest.map((spec) => notRun(spec, SDP.connect)),
    ];
  };

  let client: SdpClient;
  try {
    const settings = await sdpSettings(config, resolve);
    if (settings.edition === 'cloud') {
      scrub.add(settings.clientSecret);
      scrub.add(settings.refreshToken);
    } else {
      scrub.add(settings.apiKey);
    }
    client = createSdpClient(settings, options.sdp);
  } catch (error) {
    return failConnect(error);
  }

  const templates = await attempt(async () => count((await client.listTemplates()).length, 'template', 'templates'));
  if (!templates.ok && blocksSdp(templates.error)) return failConnect(templates.error);
  const where = platform === 'cloud' ? `portal ${config.sdp.portal} on ${config.sdp.apiDomain}` : config.sdp.endpoint;
  const checks: ConnectionCheck[] = [
    { ...SDP.connect, ok: true, message: `Signed in to ServiceDesk Plus (${where}).` },
    toCheck(SDP.templates, templates, scrub, fix('read request templates')),
  ];
  // Every endpoint sync reads, one check each, so a missing scope or role shows here rather than
  // as a dropdown that stays empty or a sync that fails later.
  const reads: [CheckSpec, string, () => Promise<string>][] = [
    [
      SDP.priorities,
      'read priorities',
      async () => count((await client.listPriorities()).length, 'priority', 'priorities'),
    ],
    [SDP.statuses, 'read statuses', async () => count((await client.listStatuses()).length, 'status', 'statuses')],
    [
      SDP.technicians,
      'read technicians',
      async () => count((await client.listTechnicians()).length, 'technician', 'technicians'),
    ],
    [
      SDP.groups,
      'read support groups',
      async () => count((await client.listGroups()).length, 'support group', 'support groups'),
    ],
    [SDP.users, 'read requesters', async () => count((await client.listUsers()).length, 'requester', 'requesters')],
    [
      SDP.metainfo,
      'read request fields',
      async () => count((await client.getRequestMetainfo()).length, 'custom field', 'custom fields'),
    ],
    [
      SDP.read,
      'read requests',
      async () => {
        await client.listRequests({ rowCount: 1 });
        return 'Allowed to read requests.';
      },
    ],
  ];
  for (const [spec, permission, run] of reads) checks.push(toCheck(spec, await attempt(run), scrub, fix(permission)));
  // SDP documents no side-effect-free way to prove a right to create or edit: both are confirmed by
  // the first synced request, which fails with the reason and fix if the role or scope is missing.
  checks.push({
    ...SDP.write,
    ok: true,
    pending: true,
    message:
      'Confirmed by the first synced request: ServiceDesk Plus has no call that tests this without changing anything.',
  });
  return checks;
}

interface FlashdutyResult {
  checks: ConnectionCheck[];
  account: ConnectionReport['flashdutyAccount'];
}

async function checkFlashduty(
  config: IntegrationConfig,
  resolve: SecretResolver,
  options: ConnectionTestOptions,
  scrub: Scrubber,
): Promise<FlashdutyResult> {
  const rest = [FLASHDUTY.read, FLASHDUTY.manage, FLASHDUTY.channels];
  const failConnect = (error: unknown): FlashdutyResult => {
    reportCredentialFailure(error, config, options);
    return {
      checks: [
        toCheck(FLASHDUTY.connect, { ok: false, error }, scrub, flashdutyFix),
        ...rest.map((spec) => notRun(spec, FLASHDUTY.connect)),
      ],
      account: null,
    };
  };

  let client: FlashdutyClient;
  let account: NonNullable<ConnectionReport['flashdutyAccount']>;
  let connectMessage: string;
  try {
    const appKey = scrub.add(await requireSecret(resolve, config, SECRET_SLOTS.flashdutyAppKey));
    client = createFlashdutyClient({ baseUrl: config.flashduty.apiBase, appKey }, options.flashduty);
    const me = await client.memberInfo();
    account = { name: me.member_name, email: me.email === '' ? null : me.email };
    const who = account.email === null ? account.name : `${account.name} <${account.email}>`;
    connectMessage = `The app key belongs to ${who}${me.account_name === '' ? '' : ` in the Flashduty account "${me.account_name}"`}.`;
  } catch (error) {
    return failConnect(error);
  }

  const nowSec = Math.floor((options.now ?? Date.now)() / 1000);
  const checks: ConnectionCheck[] = [{ ...FLASHDUTY.connect, ok: true, message: connectMessage }];
  checks.push(
    toCheck(
      FLASHDUTY.read,
      await attempt(async () => {
        await client.listIncidentsPage({ startTime: nowSec - 3600, endTime: nowSec, limit: 1 });
        return 'Allowed to read incidents.';
      }),
      scrub,
      flashdutyFix,
    ),
  );
  checks.push(
    toCheck(
      FLASHDUTY.manage,
      await attempt(async () => {
        try {
          await client.ack([FLASHDUTY_PROBE_INCIDENT_ID]);
        } catch (error) {
          if (errorCode(error) !== 'flashduty.not_found') throw error;
        }
        return 'Allowed to manage incidents (checked by acknowledging an incident that cannot exist; nothing changed).';
      }),
      scrub,
      flashdutyFix,
    ),
  );
  checks.push(
    toCheck(
      FLASHDUTY.channels,
      await attempt(async () => count((await client.listChannels()).length, 'channel', 'channels')),
      scrub,
      flashdutyFix,
    ),
  );
  return { checks, account };
}

/**
 * Reaches both APIs with the integration's stored credentials and checks every permission sync
 * needs, without creating or changing anything. The first check of each side is "could we get in
 * at all"; when it fails, the side's other checks are listed as not run rather than left out.
 * Never throws for a remote or secret problem: those are failed checks.
 */
export async function testConnections(
  config: IntegrationConfig,
  resolve: SecretResolver,
  options: ConnectionTestOptions = {},
): Promise<ConnectionReport> {
  const scrub = new Scrubber();
  const [sdp, flashduty] = await Promise.all([
    checkSdp(config, resolve, options, scrub),
    checkFlashduty(config, resolve, options, scrub),
  ]);
  return { sdp, flashduty: flashduty.checks, flashdutyAccount: flashduty.account };
}
