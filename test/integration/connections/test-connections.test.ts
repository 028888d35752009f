import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createIntegrationClients } from '../../../electron/services/clients';
import { isCredentialFailure, testConnections } from '../../../electron/services/connections';
import type { ConnectionReport } from '../../../shared/common/contract';
import { exchangeGrantCode } from '../../../shared/node/sdp/client';
import { ZohoTokenRegistry, refreshTokenOwner } from '../../../shared/node/sdp/oauth';
import { startFlashdutySimulator, type FlashdutySimulator } from '../../../simulators/flashduty';
import { startSdpSimulator, type SdpSimulator } from '../../../simulators/sdp';
import {
  cloudConfig,
  deadOrigin,
  fastOptions,
  mapResolver,
  onpremConfig,
  textOf,
  trustLocalCertificate,
  uniqueId,
} from './harness';

const SDP_IDS = [
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
];
const FD_IDS = [
  'flashduty.connect',
  'flashduty.incidents.read',
  'flashduty.incidents.manage',
  'flashduty.channels.read',
];

const check = (report: ConnectionReport, id: string) => {
  const found = [...report.sdp, ...report.flashduty].find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
};
const failing = (checks: ConnectionReport['sdp']) => checks.filter((c) => !c.ok).map((c) => c.id);

let fd: FlashdutySimulator;
let onprem: SdpSimulator;
let apiKey: string;

beforeAll(async () => {
  fd = await startFlashdutySimulator({ rateLimit: false });
  onprem = await startSdpSimulator({ edition: 'onprem' });
  apiKey = (onprem.credentials as { apiKey: string }).apiKey;
});
afterAll(async () => {
  await onprem?.close();
  await fd?.close();
});
afterEach(() => {
  onprem.clearFaults();
});

const good = () => mapResolver({ 'sdp.apiKey': apiKey, 'flashduty.appKey': fd.appKey });
const onpremCfg = () => onpremConfig(uniqueId('conn'), onprem.origin, fd.baseUrl);

describe('on-prem SDP and Flashduty', () => {
  it('good keys: every check of both sides passes, in order, and the Flashduty key owner is named', async () => {
    const report = await testConnections(onpremCfg(), good(), fastOptions());
    expect(report.sdp.map((c) => c.id)).toStrictEqual(SDP_IDS);
    expect(report.flashduty.map((c) => c.id)).toStrictEqual(FD_IDS);
    expect(failing(report.sdp)).toStrictEqual([]);
    expect(failing(report.flashduty)).toStrictEqual([]);
    expect(report.flashdutyAccount).toStrictEqual({ name: 'Alice', email: 'alice@example.com' });
    expect(check(report, 'flashduty.connect').result).toStrictEqual({
      code: 'key_owner_in_account',
      params: { who: 'Alice <alice@example.com>', account: expect.any(String) as unknown as string },
    });
    expect(check(report, 'sdp.priorities').result).toStrictEqual({ code: 'counted', params: { n: 4 } });
    expect(check(report, 'sdp.requests.read').result.code).toBe('allowed');
    expect(check(report, 'flashduty.incidents.manage').result.code).toBe('manage_probed');
  });

  it('creates and changes nothing on either side: SDP gets only reads, Flashduty one ack of an ID that cannot exist', async () => {
    const requestsBefore = JSON.stringify(onprem.listRequests());
    const incidentsBefore = JSON.stringify(fd.incidents());
    onprem.clearCalls();
    fd.clearCalls();
    await testConnections(onpremCfg(), good(), fastOptions());
    expect(JSON.stringify(onprem.listRequests())).toBe(requestsBefore);
    expect(JSON.stringify(fd.incidents())).toBe(incidentsBefore);
    const writes = onprem.calls().filter((c) => c.method !== 'GET');
    expect(writes).toStrictEqual([]);
    expect(new Set(onprem.calls().map((c) => c.path))).toStrictEqual(
      new Set([
        '/api/v3/request_templates',
        '/api/v3/priorities',
        '/api/v3/statuses',
        '/api/v3/technicians',
        '/api/v3/support_groups',
        '/api/v3/requesters',
        '/api/v3/requests/_metainfo',
        '/api/v3/requests',
      ]),
    );
    const fdWrites = fd.calls().filter((c) => c.path === '/incident/ack');
    expect(fdWrites.map((c) => [c.status, c.fdCode])).toStrictEqual([[400, 'ResourceNotFound']]);
  });

  it('bad SDP key: the first check fails with reason and fix, the rest are listed as not run, the key is never echoed', async () => {
    const wrongKey = 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE';
    const report = await testConnections(
      onpremCfg(),
      mapResolver({ 'sdp.apiKey': wrongKey, 'flashduty.appKey': fd.appKey }),
      fastOptions(),
    );
    const connect = check(report, 'sdp.connect');
    expect(connect.ok).toBe(false);
    expect(connect.result).toMatchObject({ code: 'sdp.auth', params: { edition: 'onprem', httpStatus: 401 } });
    expect(connect.fallback).toMatch(/rejected the API key/);
    expect(connect.fix).toStrictEqual({ code: 'sdp_new_api_key', params: {} });
    for (const id of SDP_IDS.slice(1))
      expect(check(report, id)).toMatchObject({
        ok: false,
        result: { code: 'not_run', params: { blocker: 'sdp.connect' } },
        fallback: 'Not run: "Reach ServiceDesk Plus and sign in" failed first.',
      });
    expect(failing(report.flashduty)).toStrictEqual([]);
    expect(textOf(report)).not.toContain(wrongKey);
    expect(textOf(report)).not.toContain(fd.appKey);
  });

  it('rejected keys are handed to onCredentialFailure with their slots, so the caller can mark them invalid', async () => {
    const failures: string[] = [];
    await testConnections(
      onpremCfg(),
      mapResolver({ 'sdp.apiKey': 'BAD-KEY-0000', 'flashduty.appKey': 'bad-app-key-0000' }),
      {
        ...fastOptions(),
        onCredentialFailure: (f) => failures.push(f.secretSlot),
      },
    );
    expect(failures.sort()).toStrictEqual(['flashduty.appKey', 'sdp.apiKey']);
    const none: string[] = [];
    await testConnections(onpremCfg(), good(), {
      ...fastOptions(),
      onCredentialFailure: (f) => none.push(f.secretSlot),
    });
    expect(none).toStrictEqual([]);
  });

  it('missing SDP key: says which secret and where to enter it', async () => {
    const report = await testConnections(onpremCfg(), mapResolver({ 'flashduty.appKey': fd.appKey }), fastOptions());
    expect(check(report, 'sdp.connect')).toMatchObject({
      ok: false,
      result: { code: 'secrets.missing', params: { secret: 'sdp.apiKey', slot: 'sdp.apiKey' } },
      fallback: 'The SDP API key is not set. Enter it under Integration → Connection.',
      fix: { code: 'sdp_enter_api_key', params: {} },
    });
    expect(report.sdp.slice(1).every((c) => !c.ok && c.result.code === 'not_run')).toBe(true);
  });

  it('unreachable SDP host: the first check names the network problem', async () => {
    const config = onpremConfig(uniqueId('conn'), await deadOrigin(), fd.baseUrl);
    const report = await testConnections(config, good(), fastOptions());
    const connect = check(report, 'sdp.connect');
    expect(connect.ok).toBe(false);
    expect(connect.result).toMatchObject({ code: 'sdp.network', params: { networkCode: 'ECONNREFUSED' } });
    expect(connect.fix?.code).toBe('sdp_network');
    expect(report.sdp.slice(1).every((c) => c.result.code === 'not_run')).toBe(true);
  });

  it('creating and editing is not probed with an undocumented call: it is left to the first sync, and says so', async () => {
    const report = await testConnections(onpremCfg(), good(), fastOptions());
    expect(check(report, 'sdp.requests.write')).toStrictEqual({
      id: 'sdp.requests.write',
      ok: true,
      pending: true,
      result: { code: 'first_sync_confirms', params: {} },
    });
  });

  it('a technician who may not read requesters: only that check fails, naming the role fix; sync-relevant reads still run', async () => {
    onprem.injectFault({ kind: 'forbidden', method: 'GET', pathIncludes: '/requesters' });
    const report = await testConnections(onpremCfg(), good(), fastOptions());
    expect(failing(report.sdp)).toStrictEqual(['sdp.users']);
    expect(check(report, 'sdp.users').result.code).toBe('sdp.forbidden');
    expect(check(report, 'sdp.users').fix).toStrictEqual({ code: 'sdp_role', params: {} });
  });

  it('a technician who may not read templates: signed in, templates check fails, the others still run', async () => {
    onprem.injectFault({ kind: 'forbidden', method: 'GET', pathIncludes: '/request_templates' });
    const report = await testConnections(onpremCfg(), good(), fastOptions());
    expect(failing(report.sdp)).toStrictEqual(['sdp.templates']);
    expect(check(report, 'sdp.connect').ok).toBe(true);
    expect(check(report, 'sdp.templates').fix?.code).toBe('sdp_role');
  });

  it('read-only Flashduty key: only "Manage incidents" fails, naming the missing permission', async () => {
    const report = await testConnections(
      onpremCfg(),
      mapResolver({ 'sdp.apiKey': apiKey, 'flashduty.appKey': fd.readOnlyAppKey }),
      fastOptions(),
    );
    expect(failing(report.flashduty)).toStrictEqual(['flashduty.incidents.manage']);
    const manage = check(report, 'flashduty.incidents.manage');
    expect(manage.result).toMatchObject({
      code: 'flashduty.access_denied',
      params: { permission: 'Incidents Manage', path: '/incident/ack' },
    });
    expect(manage.fallback).toMatch(/lacks the "Incidents Manage" permission/);
    expect(manage.fix?.code).toBe('fd_role');
    expect(report.flashdutyAccount).toStrictEqual({ name: 'Bob', email: 'bob@example.com' });
  });

  it('bad Flashduty key: the first check fails, the rest are not run, no account is shown, the key is never echoed', async () => {
    const wrong = 'f'.repeat(32);
    const report = await testConnections(
      onpremCfg(),
      mapResolver({ 'sdp.apiKey': apiKey, 'flashduty.appKey': wrong }),
      fastOptions(),
    );
    expect(check(report, 'flashduty.connect')).toMatchObject({
      ok: false,
      result: { code: 'flashduty.unauthorized' },
      fallback: expect.stringMatching(/rejected the app key/) as unknown as string,
    });
    expect(check(report, 'flashduty.connect').fix?.code).toBe('fd_app_key');
    expect(
      report.flashduty
        .slice(1)
        .every((c) => !c.ok && c.result.code === 'not_run' && c.result.params.blocker === 'flashduty.connect'),
    ).toBe(true);
    expect(report.flashdutyAccount).toBeNull();
    expect(failing(report.sdp)).toStrictEqual([]);
    expect(textOf(report)).not.toContain(wrong);
  });

  it('unreachable Flashduty: the first check says so', async () => {
    const config = onpremConfig(uniqueId('conn'), onprem.origin, await deadOrigin());
    const report = await testConnections(config, good(), fastOptions());
    expect(check(report, 'flashduty.connect').result).toMatchObject({
      code: 'flashduty.network',
      params: { host: new URL(config.flashduty.apiBase).host },
    });
    expect(check(report, 'flashduty.connect').fallback).toMatch(/Could not reach Flashduty/);
    expect(check(report, 'flashduty.connect').fix?.code).toBe('fd_address');
  });

  it('a rejected key is a credential failure the engine parks the integration on', async () => {
    const config = onpremCfg();
    const clients = await createIntegrationClients(
      config,
      mapResolver({ 'sdp.apiKey': 'BAD-KEY-0000', 'flashduty.appKey': 'bad-app-key-0000' }),
      fastOptions(),
    );
    const sdpError = await clients.sdp.listPriorities().catch((e: unknown) => e);
    const fdError = await clients.flashduty.memberInfo().catch((e: unknown) => e);
    expect(isCredentialFailure(sdpError, config)).toMatchObject({ secretSlot: 'sdp.apiKey' });
    expect(isCredentialFailure(fdError, config)).toMatchObject({ secretSlot: 'flashduty.appKey' });
  });
});

describe('SDP Cloud', () => {
  let cloud: SdpSimulator;
  let tls: ReturnType<typeof trustLocalCertificate>;
  let creds: { accountsServer: string; clientId: string; clientSecret: string };

  beforeAll(async () => {
    tls = trustLocalCertificate();
    cloud = await startSdpSimulator({ edition: 'cloud', tls: { key: tls.key, cert: tls.cert } });
    creds = cloud.credentials as typeof creds;
  });
  afterAll(async () => {
    await cloud?.close();
    tls?.restore();
  });

  async function connected(): Promise<{ refreshToken: string }> {
    const grant = await exchangeGrantCode({
      accountsServer: cloud.origin,
      clientId: creds.clientId,
      clientSecret: creds.clientSecret,
      code: cloud.mintGrantCode(),
    });
    return { refreshToken: grant.refreshToken };
  }

  it('a working refresh token passes every check', async () => {
    const { refreshToken } = await connected();
    const config = cloudConfig(uniqueId('cloud'), cloud.origin, fd.baseUrl, { clientId: creds.clientId });
    const report = await testConnections(
      config,
      mapResolver({
        'sdp.clientSecret': creds.clientSecret,
        'sdp.refreshToken': refreshToken,
        'flashduty.appKey': fd.appKey,
      }),
      fastOptions(),
    );
    expect(failing(report.sdp)).toStrictEqual([]);
    expect(check(report, 'sdp.connect').result).toStrictEqual({
      code: 'signed_in_cloud',
      params: { portal: 'itdesk', apiDomain: new URL(cloud.origin).host },
    });
  });

  it('a token without a needed scope: the check fails and the fix lists exactly the three scopes', async () => {
    const { refreshToken } = await connected();
    cloud.injectFault({ kind: 'forbidden', pathIncludes: '/_metainfo' });
    const config = cloudConfig(uniqueId('cloud'), cloud.origin, fd.baseUrl, { clientId: creds.clientId });
    const report = await testConnections(
      config,
      mapResolver({
        'sdp.clientSecret': creds.clientSecret,
        'sdp.refreshToken': refreshToken,
        'flashduty.appKey': fd.appKey,
      }),
      fastOptions(),
    );
    expect(failing(report.sdp)).toStrictEqual(['sdp.metainfo']);
    expect(check(report, 'sdp.metainfo').fix).toStrictEqual({
      code: 'sdp_scope',
      params: {
        scopes: 'SDPOnDemand.requests.ALL,SDPOnDemand.setup.READ,SDPOnDemand.custommodule.READ,SDPOnDemand.users.READ',
      },
    });
  });

  it('a grant code without SDPOnDemand.users.READ: technicians and requesters fail naming that scope, everything else passes, one extra mint at most', async () => {
    const grant = await exchangeGrantCode({
      accountsServer: cloud.origin,
      clientId: creds.clientId,
      clientSecret: creds.clientSecret,
      code: cloud.mintGrantCode(undefined, [
        'SDPOnDemand.requests.ALL',
        'SDPOnDemand.setup.READ',
        'SDPOnDemand.custommodule.READ',
      ]),
    });
    const config = cloudConfig(uniqueId('cloud'), cloud.origin, fd.baseUrl, { clientId: creds.clientId });
    cloud.clearCalls();
    const report = await testConnections(
      config,
      mapResolver({
        'sdp.clientSecret': creds.clientSecret,
        'sdp.refreshToken': grant.refreshToken,
        'flashduty.appKey': fd.appKey,
      }),
      fastOptions(),
    );
    expect(failing(report.sdp)).toStrictEqual(['sdp.technicians', 'sdp.users']);
    for (const id of ['sdp.technicians', 'sdp.users']) {
      expect(check(report, id).result).toMatchObject({
        code: 'sdp.forbidden',
        params: { scope: 'SDPOnDemand.users.READ' },
      });
      expect(check(report, id).fix).toMatchObject({
        code: 'sdp_scope_named',
        params: { scope: 'SDPOnDemand.users.READ', scopes: expect.stringContaining('SDPOnDemand.users.READ') },
      });
    }
    // One mint to start, one to tell "dead token" from "missing scope"; the second refusal costs none.
    expect(cloud.calls().filter((c) => c.kind === 'oauth')).toHaveLength(2);
  });

  it('ten tokens minted in the last 10 minutes (kept across a restart): no eleventh is asked for; the check says when minting frees up', async () => {
    const { refreshToken } = await connected();
    const config = cloudConfig(uniqueId('cloud'), cloud.origin, fd.baseUrl, { clientId: creds.clientId });
    const base = fastOptions();
    const now = base.sdp!.clock!.now();
    const tokenStore = {
      load: async () => ({
        owner: refreshTokenOwner(refreshToken),
        accessToken: null,
        expiresAt: 0,
        mints: Array.from({ length: 10 }, (_, i) => now - 60_000 + i),
        lackingScopes: [],
      }),
      save: async () => undefined,
    };
    cloud.clearCalls();
    const report = await testConnections(
      config,
      mapResolver({
        'sdp.clientSecret': creds.clientSecret,
        'sdp.refreshToken': refreshToken,
        'flashduty.appKey': fd.appKey,
      }),
      {
        ...base,
        sdp: {
          ...base.sdp,
          retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
          tokens: new ZohoTokenRegistry(),
          tokenStore,
        },
      },
    );
    expect(check(report, 'sdp.connect').result).toStrictEqual({
      code: 'sdp.oauth.rate_limited',
      params: { freeAt: now - 60_000 + 10 * 60_000 },
    });
    expect(check(report, 'sdp.connect').fallback).toMatch(/\(in about 9 min\)/);
    expect(check(report, 'sdp.connect').fix?.code).toBe('sdp_mint_wait');
    expect(cloud.calls().filter((c) => c.kind === 'oauth')).toStrictEqual([]);
  });

  it('a revoked refresh token: the first check says reconnect, and the engine sees a credential failure on sdp.refreshToken', async () => {
    const { refreshToken } = await connected();
    const config = cloudConfig(uniqueId('cloud'), cloud.origin, fd.baseUrl, { clientId: creds.clientId });
    const resolver = mapResolver({
      'sdp.clientSecret': creds.clientSecret,
      'sdp.refreshToken': refreshToken,
      'flashduty.appKey': fd.appKey,
    });
    const clients = await createIntegrationClients(config, resolver, fastOptions());
    expect((await clients.sdp.listPriorities()).length).toBe(4);

    cloud.revokeRefreshTokens();
    cloud.expireTokens();
    const error = await clients.sdp.listPriorities().catch((e: unknown) => e);
    expect(isCredentialFailure(error, config)).toStrictEqual({
      secretSlot: 'sdp.refreshToken',
      message:
        'The stored Zoho refresh token was revoked or is invalid. Generate a new grant code in the Zoho API console and reconnect.',
    });

    const report = await testConnections(config, resolver, fastOptions());
    expect(check(report, 'sdp.connect')).toMatchObject({
      ok: false,
      result: { code: 'sdp.auth', params: { zohoError: 'invalid_code' } },
      fallback: expect.stringMatching(/revoked/) as unknown as string,
    });
    expect(check(report, 'sdp.connect').fix?.code).toBe('sdp_reconnect_cloud');
    expect(textOf(report)).not.toContain(refreshToken);
    expect(textOf(report)).not.toContain(creds.clientSecret);
  });
});
