import { randomBytes } from 'node:crypto';
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectSdpCloud, testConnections } from '../../../electron/services/connections';
import { createSecretResolver } from '../../../electron/services/secrets';
import { retryDroppedCall } from '../../../electron/services/keychain-calls';
import { createKeychainVault } from '../../../electron/services/vault';
import { ZOHO_TOKEN_SECRET, ZohoTokens } from '../../../electron/services/zoho-tokens';
import { AppError } from '../../../shared/common/errors';
import { startFlashdutySimulator, type FlashdutySimulator } from '../../../simulators/flashduty';
import { startSdpSimulator, type SdpSimulator } from '../../../simulators/sdp';
import { cloudConfig, fastOptions, memoryVault, onpremConfig, trustLocalCertificate, uniqueId } from './harness';

/**
 * The grant-code flow end to end: simulated Zoho accounts server and SDP Cloud over HTTPS, and the
 * real OS keychain (gnome-keyring in CI) under a service name unique to this run.
 */
const SERVICE = `DeskBridge-conn-test-${process.pid}-${randomBytes(4).toString('hex')}`;
const vault = createKeychainVault({ service: SERVICE });
const unavailable = await vault.check().then(
  () => undefined,
  (error: unknown) => (error instanceof Error ? error.message : String(error)),
);
const mustRun = process.env.CI === 'true';

if (unavailable !== undefined && !mustRun)
  console.warn(`Skipping SDP Cloud connect tests on the keychain: no keychain reachable (${unavailable})`);
if (unavailable !== undefined && mustRun) {
  it('CI=true: the keychain must be reachable (start gnome-keyring under dbus-run-session)', () => {
    throw new Error(`Keychain unavailable in CI: ${unavailable}`);
  });
}

let sim: SdpSimulator;
let fd: FlashdutySimulator;
let tls: ReturnType<typeof trustLocalCertificate>;
let creds: { clientId: string; clientSecret: string };

beforeAll(async () => {
  tls = trustLocalCertificate();
  sim = await startSdpSimulator({ edition: 'cloud', tls: { key: tls.key, cert: tls.cert } });
  fd = await startFlashdutySimulator({ rateLimit: false });
  creds = sim.credentials as typeof creds;
});
afterAll(async () => {
  await sim?.close();
  await fd?.close();
  tls?.restore();
  if (unavailable !== undefined) return;
  for (const { account } of await retryDroppedCall(() => findCredentialsAsync(SERVICE)))
    await retryDroppedCall(() => new AsyncEntry(SERVICE, account).deletePassword());
});
afterEach(() => sim.clearFaults());

const config = (over: Partial<Parameters<typeof cloudConfig>[3]> = {}) =>
  cloudConfig(uniqueId('cloud'), sim.origin, fd.baseUrl, { clientId: creds.clientId, ...over });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.skipIf(unavailable !== undefined)('connect SDP Cloud with a grant code, stored in the real keychain', () => {
  const stored = async (id: string) => ({
    refreshToken: await vault.get(id, 'sdp.refreshToken'),
    clientSecret: await vault.get(id, 'sdp.clientSecret'),
  });

  it('a fresh code: refresh token and client secret land in the keychain, and the connection test then passes', async () => {
    const c = config();
    await connectSdpCloud(
      c,
      { clientSecret: creds.clientSecret, grantCode: sim.mintGrantCode() },
      vault,
      fastOptions(),
    );
    const saved = await stored(c.id);
    expect(saved.clientSecret).toBe(creds.clientSecret);
    expect(saved.refreshToken).toMatch(/^1000\./);
    expect(await vault.state(c.id, 'sdp.refreshToken')).toMatchObject({ state: 'set' });

    await vault.set(c.id, 'flashduty.appKey', fd.appKey);
    const report = await testConnections(
      c,
      createSecretResolver(() => vault, {}),
      fastOptions(),
    );
    expect([...report.sdp, ...report.flashduty].filter((x) => !x.ok)).toStrictEqual([]);
    expect(await vault.deleteAll(c.id)).toBe(3);
  });

  it('connect, Test connection and a restarted app share one access token kept in the keychain: Zoho mints once', async () => {
    const c = config();
    const withTokens = (zoho: ZohoTokens) => {
      const base = fastOptions();
      return { ...base, sdp: { ...base.sdp, ...zoho.clientOptions(c) } };
    };
    const app = new ZohoTokens(() => vault);
    sim.clearCalls();
    await connectSdpCloud(
      c,
      { clientSecret: creds.clientSecret, grantCode: sim.mintGrantCode() },
      vault,
      withTokens(app),
    );
    await vault.set(c.id, 'flashduty.appKey', fd.appKey);
    const resolve = createSecretResolver(() => vault, {});
    expect((await testConnections(c, resolve, withTokens(app))).sdp.every((x) => x.ok)).toBe(true);
    const kept = JSON.parse((await vault.get(c.id, ZOHO_TOKEN_SECRET))!) as {
      accessToken: string;
      expiresAt: number;
      mints: number[];
    };
    expect(kept.accessToken).toMatch(/^1000\./);
    expect(kept.mints).toHaveLength(1);

    const restarted = new ZohoTokens(() => vault);
    expect((await testConnections(c, resolve, withTokens(restarted))).sdp.every((x) => x.ok)).toBe(true);
    expect(
      sim
        .calls()
        .filter((x) => x.kind === 'oauth')
        .map((x) => x.grantType),
    ).toStrictEqual(['authorization_code']);
    expect(await vault.deleteAll(c.id)).toBe(4);
  });

  it('reconnecting replaces the stored token with the new one', async () => {
    const c = config();
    await connectSdpCloud(
      c,
      { clientSecret: creds.clientSecret, grantCode: sim.mintGrantCode() },
      vault,
      fastOptions(),
    );
    const first = (await stored(c.id)).refreshToken;
    await connectSdpCloud(
      c,
      { clientSecret: ` ${creds.clientSecret} `, grantCode: sim.mintGrantCode() },
      vault,
      fastOptions(),
    );
    const second = await stored(c.id);
    expect(second.refreshToken).not.toBe(first);
    expect(second.clientSecret).toBe(creds.clientSecret);
    await vault.deleteAll(c.id);
  });

  it('a code used twice: "generate a new code", nothing stored', async () => {
    const code = sim.mintGrantCode();
    const used = config();
    await connectSdpCloud(used, { clientSecret: creds.clientSecret, grantCode: code }, vault, fastOptions());
    await vault.deleteAll(used.id);

    const c = config();
    const error = await failure(
      connectSdpCloud(c, { clientSecret: creds.clientSecret, grantCode: code }, vault, fastOptions()),
    );
    expect(error.code).toBe('sdp.oauth.invalid_code');
    expect(error.message).toBe(
      'The grant code expired or was already used. Generate a new code in the Zoho API console (Self Client → Generate Code; it is valid for up to 10 minutes and works once) and paste it right away. Nothing was stored.',
    );
    expect(await stored(c.id)).toStrictEqual({ refreshToken: null, clientSecret: null });
  });

  it('an expired code: the same advice, nothing stored', async () => {
    const code = sim.mintGrantCode(60_000);
    sim.advanceClock(61_000);
    const c = config();
    const error = await failure(
      connectSdpCloud(c, { clientSecret: creds.clientSecret, grantCode: code }, vault, fastOptions()),
    );
    expect(error.code).toBe('sdp.oauth.invalid_code');
    expect(error.message).toMatch(/valid for up to 10 minutes and works once/);
    expect(await stored(c.id)).toStrictEqual({ refreshToken: null, clientSecret: null });
  });

  it.each([
    ['wrong client ID', () => ({ clientId: '1000.WRONGCLIENT' }), () => creds.clientSecret],
    ['wrong client secret', () => ({}), () => 'not-the-client-secret-0000'],
  ])(
    '%s: names the data centre and its accounts server, nothing stored, the secret not echoed',
    async (_name, over, secret) => {
      const c = config(over());
      const clientSecret = secret();
      const error = await failure(
        connectSdpCloud(c, { clientSecret, grantCode: sim.mintGrantCode() }, vault, fastOptions()),
      );
      expect(error.code).toBe('sdp.oauth.invalid_client');
      expect(error.message).toBe(
        `Zoho's United States (US) data centre, accounts server ${sim.origin} does not recognise this client ID and secret. Check both values in the Zoho API console of that data centre (https://api-console.zoho.com); if the Self Client was created in another data centre, pick that one under Integration → Connection. Nothing was stored.`,
      );
      expect(error.message).not.toContain(clientSecret);
      expect(await stored(c.id)).toStrictEqual({ refreshToken: null, clientSecret: null });
    },
  );

  it('a code without the needed scopes: lists exactly the three scopes, nothing stored', async () => {
    sim.injectFault({ kind: 'forbidden', pathIncludes: '/request_templates' });
    const c = config();
    const error = await failure(
      connectSdpCloud(c, { clientSecret: creds.clientSecret, grantCode: sim.mintGrantCode() }, vault, fastOptions()),
    );
    expect(error.code).toBe('sdp.oauth.scope');
    expect(error.message).toContain(
      'exactly the scopes SDPOnDemand.requests.ALL,SDPOnDemand.setup.READ,SDPOnDemand.custommodule.READ',
    );
    expect(error.message).toMatch(/portal itdesk/);
    expect(await stored(c.id)).toStrictEqual({ refreshToken: null, clientSecret: null });
  });

  it('a wrong portal: SDP does not know it, nothing stored', async () => {
    const c = config({ portal: 'nosuchportal' });
    const error = await failure(
      connectSdpCloud(c, { clientSecret: creds.clientSecret, grantCode: sim.mintGrantCode() }, vault, fastOptions()),
    );
    expect(error.code).toBe('sdp.not_found');
    expect(error.message).toMatch(/Nothing was stored; generate a new grant code/);
    expect(await stored(c.id)).toStrictEqual({ refreshToken: null, clientSecret: null });
  });
});

describe('connect SDP Cloud: refusals and rollback (in-memory vault)', () => {
  it('refuses a config whose secrets come from environment variables, before spending the code', async () => {
    const c = config({ refreshToken: { env: 'ZOHO_REFRESH_TOKEN' } });
    sim.clearCalls();
    const error = await failure(
      connectSdpCloud(c, { clientSecret: creds.clientSecret, grantCode: sim.mintGrantCode() }, memoryVault()),
    );
    expect(error.code).toBe('connections.env_managed');
    expect(error.message).toMatch(/environment variable ZOHO_REFRESH_TOKEN/);
    expect(sim.calls()).toStrictEqual([]);
  });

  it('refuses an on-prem integration', async () => {
    const error = await failure(
      connectSdpCloud(
        onpremConfig(uniqueId('op'), 'https://sdp.example.com:8080', fd.baseUrl),
        { clientSecret: 'x', grantCode: 'y' },
        memoryVault(),
      ),
    );
    expect(error.code).toBe('connections.not_cloud');
  });

  it('an unusable keychain fails first, so the one-time code is not spent', async () => {
    sim.clearCalls();
    const locked = new AppError('vault.unavailable', 'Unlock the keychain.');
    const error = await failure(
      connectSdpCloud(
        config(),
        { clientSecret: creds.clientSecret, grantCode: sim.mintGrantCode() },
        memoryVault({ checkError: locked }),
      ),
    );
    expect(error).toBe(locked);
    expect(sim.calls()).toStrictEqual([]);
  });

  it('when the second secret cannot be stored, the first is rolled back to what it was', async () => {
    const c = config();
    const store = memoryVault({ failSetOf: 'sdp.clientSecret' });
    await store.set(c.id, 'sdp.refreshToken', 'previous-token');
    const error = await failure(
      connectSdpCloud(c, { clientSecret: creds.clientSecret, grantCode: sim.mintGrantCode() }, store, fastOptions()),
    );
    expect(error.code).toBe('vault.failed');
    expect([...store.entries]).toStrictEqual([[`${c.id}/sdp.refreshToken`, 'previous-token']]);
  });

  it('with nothing stored before, a failed second write leaves nothing', async () => {
    const c = config();
    const store = memoryVault({ failSetOf: 'sdp.clientSecret' });
    await failure(
      connectSdpCloud(c, { clientSecret: creds.clientSecret, grantCode: sim.mintGrantCode() }, store, fastOptions()),
    );
    expect(store.entries.size).toBe(0);
  });
});
