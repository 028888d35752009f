import { SECRET_SLOTS, type IntegrationConfig } from '../../shared/common/config';
import { CHECK_IDS, type CheckId, type ConnectionCheck, type ConnectionReport } from '../../shared/common/contract';
import { isAppError } from '../../shared/common/errors';
import {
  createFlashdutyClient,
  type FlashdutyClient,
  type FlashdutyClientOptions,
} from '../../shared/node/flashduty/client';
import { createSdpClient, type SdpClient, type SdpClientOptions } from '../../shared/node/sdp/client';
import { SDP_CLOUD_SCOPES } from '../../shared/node/sdp/scopes';
import { attempt, notRun, passed, Scrubber, toCheck, type Outcome } from './check-outcomes';
import { sdpSettings } from './clients';
import { flashdutyFix, sdpFix } from './connection-fixes';
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

const errorCode = (error: unknown): string | undefined => (isAppError(error) ? error.code : undefined);

const counted = async (list: Promise<readonly unknown[]>): Promise<Outcome> =>
  passed('counted', { n: (await list).length });

function reportCredentialFailure(error: unknown, config: IntegrationConfig, options: ConnectionTestOptions): void {
  const failure = options.onCredentialFailure ? isCredentialFailure(error, config) : null;
  if (failure) options.onCredentialFailure!(failure);
}

/** The first check failed: it says why, and every other check of that side is listed as not run. */
function failFirst(
  ids: readonly CheckId[],
  error: unknown,
  scrub: Scrubber,
  fixFor: Parameters<typeof toCheck>[3],
): ConnectionCheck[] {
  const [first, ...rest] = ids as [CheckId, ...CheckId[]];
  return [toCheck(first, { ok: false, error }, scrub, fixFor), ...rest.map((id) => notRun(id, first))];
}

/**
 * Whether an SDP error on the first call means "could not get in at all" (so the remaining checks
 * would only repeat it) rather than "got in, but this one thing is not allowed".
 */
function blocksSdp(error: unknown): boolean {
  const code = errorCode(error);
  return code !== 'sdp.forbidden' && code !== 'sdp.license';
}

const SDP_IDS = CHECK_IDS.filter((id) => id.startsWith('sdp.'));

/** Every endpoint sync reads, one check each, so a missing scope or role shows here rather than later. */
function sdpReads(client: SdpClient): [CheckId, () => Promise<Outcome>][] {
  return [
    ['sdp.priorities', () => counted(client.listPriorities())],
    ['sdp.statuses', () => counted(client.listStatuses())],
    ['sdp.technicians', () => counted(client.listTechnicians())],
    ['sdp.groups', () => counted(client.listGroups())],
    ['sdp.users', () => counted(client.listUsers())],
    ['sdp.metainfo', () => counted(client.getRequestMetainfo())],
    ['sdp.requests.read', async () => (await client.listRequests({ rowCount: 1 }), passed('allowed'))],
  ];
}

async function sdpClient(
  config: IntegrationConfig,
  resolve: SecretResolver,
  options: ConnectionTestOptions,
  scrub: Scrubber,
) {
  const settings = await sdpSettings(config, resolve);
  if (settings.edition === 'cloud') {
    scrub.add(settings.clientSecret);
    scrub.add(settings.refreshToken);
  } else {
    scrub.add(settings.apiKey);
  }
  return createSdpClient(settings, options.sdp);
}

async function checkSdp(
  config: IntegrationConfig,
  resolve: SecretResolver,
  options: ConnectionTestOptions,
  scrub: Scrubber,
): Promise<ConnectionCheck[]> {
  const { sdp } = config;
  const fix = (error: unknown) => sdpFix(error, sdp.platform);
  const failConnect = (error: unknown): ConnectionCheck[] => {
    reportCredentialFailure(error, config, options);
    return failFirst(SDP_IDS, error, scrub, fix);
  };
  let client: SdpClient;
  try {
    client = await sdpClient(config, resolve, options, scrub);
  } catch (error) {
    return failConnect(error);
  }
  const templates = await attempt(() => counted(client.listTemplates()));
  if (!templates.ok && blocksSdp(templates.error)) return failConnect(templates.error);
  const signedIn =
    sdp.platform === 'cloud'
      ? passed('signed_in_cloud', { portal: sdp.portal, apiDomain: sdp.apiDomain })
      : passed('signed_in_onprem', { endpoint: sdp.endpoint });
  const checks = [toCheck('sdp.connect', signedIn, scrub, fix), toCheck('sdp.templates', templates, scrub, fix)];
  for (const [id, run] of sdpReads(client)) checks.push(toCheck(id, await attempt(run), scrub, fix));
  // SDP documents no side-effect-free way to prove a right to create or edit: both are confirmed by
  // the first synced request, which fails with the reason and fix if the role or scope is missing.
  checks.push({
    id: 'sdp.requests.write',
    ok: true,
    pending: true,
    result: { code: 'first_sync_confirms', params: {} },
  });
  return checks;
}

interface FlashdutyResult {
  checks: ConnectionCheck[];
  account: ConnectionReport['flashdutyAccount'];
}

const FLASHDUTY_IDS = CHECK_IDS.filter((id) => id.startsWith('flashduty.'));

/** The checks after sign-in: read a recent page, prove "Incidents Manage" without a change, list channels. */
function flashdutyReads(client: FlashdutyClient, nowSec: number): [CheckId, () => Promise<Outcome>][] {
  return [
    [
      'flashduty.incidents.read',
      async () => {
        await client.listIncidentsPage({ startTime: nowSec - 3600, endTime: nowSec, limit: 1 });
        return passed('allowed');
      },
    ],
    [
      'flashduty.incidents.manage',
      async () => {
        try {
          await client.ack([FLASHDUTY_PROBE_INCIDENT_ID]);
        } catch (error) {
          if (errorCode(error) !== 'flashduty.not_found') throw error;
        }
        return passed('manage_probed');
      },
    ],
    ['flashduty.channels.read', () => counted(client.listChannels())],
  ];
}

async function checkFlashduty(
  config: IntegrationConfig,
  resolve: SecretResolver,
  options: ConnectionTestOptions,
  scrub: Scrubber,
): Promise<FlashdutyResult> {
  let client: FlashdutyClient;
  let account: NonNullable<ConnectionReport['flashdutyAccount']>;
  let owner: Outcome;
  try {
    const appKey = scrub.add(await requireSecret(resolve, config, SECRET_SLOTS.flashdutyAppKey));
    client = createFlashdutyClient({ baseUrl: config.flashduty.apiBase, appKey }, options.flashduty);
    const me = await client.memberInfo();
    account = { name: me.member_name, email: me.email === '' ? null : me.email };
    const who = account.email === null ? account.name : `${account.name} <${account.email}>`;
    owner =
      me.account_name === ''
        ? passed('key_owner', { who })
        : passed('key_owner_in_account', { who, account: me.account_name });
  } catch (error) {
    reportCredentialFailure(error, config, options);
    return { checks: failFirst(FLASHDUTY_IDS, error, scrub, flashdutyFix), account: null };
  }
  const nowSec = Math.floor((options.now ?? Date.now)() / 1000);
  const checks = [toCheck('flashduty.connect', owner, scrub, flashdutyFix)];
  for (const [id, run] of flashdutyReads(client, nowSec))
    checks.push(toCheck(id, await attempt(run), scrub, flashdutyFix));
  return { checks, account };
}

/**
 * Reaches both APIs with the integration's stored credentials and checks every permission sync
 * needs, without creating or changing anything. The first check of each side is "could we get in
 * at all"; when it fails, the side's other checks are listed as not run rather than left out.
 * Never throws for a remote or secret problem: those are failed checks, each a code with its
 * parameters (and the fix as a code) for the renderer to word.
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
