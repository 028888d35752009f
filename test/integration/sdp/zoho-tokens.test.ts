import { afterEach, describe, expect, it } from 'vitest';
import { createSdpClient, exchangeGrantCode, type SdpCloudSettings } from '../../../shared/node/sdp/client';
import {
  ZOHO_MINT_WINDOW_MS,
  ZohoTokenRegistry,
  type ZohoTokenState,
  type ZohoTokenStore,
} from '../../../shared/node/sdp/oauth';
import { startSdpSimulator, type SdpSimulator } from '../../../simulators/sdp';
import { FAST_RETRY, expectSdpError, fakeClock, refreshCalls } from './harness';

type CloudCreds = { accountsServer: string; clientId: string; clientSecret: string };

function memoryStore(): ZohoTokenStore & { state: ZohoTokenState | null; saves: number } {
  const store = {
    state: null as ZohoTokenState | null,
    saves: 0,
    load: async () => store.state,
    save: async (s: ZohoTokenState) => {
      store.state = structuredClone(s);
      store.saves += 1;
    },
  };
  return store;
}

describe('one Zoho token cache per refresh token', () => {
  let sim: SdpSimulator;
  afterEach(async () => {
    await sim?.close();
  });

  async function connect(): Promise<{
    settings: SdpCloudSettings;
    grant: Awaited<ReturnType<typeof exchangeGrantCode>>;
  }> {
    sim = await startSdpSimulator({ edition: 'cloud' });
    const c = sim.credentials as CloudCreds;
    const grant = await exchangeGrantCode({ ...c, code: sim.mintGrantCode() });
    sim.clearCalls();
    const settings: SdpCloudSettings = {
      edition: 'cloud',
      apiBaseUrl: sim.baseUrl,
      accountsServer: c.accountsServer,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      refreshToken: grant.refreshToken,
      rateLimitPerMin: 10_000,
    };
    return { settings, grant };
  }

  it('the exchange token is used first, and the 11th mint in 10 minutes is refused here with the time it frees up; Zoho never sees it', async () => {
    const { settings, grant } = await connect();
    const clock = fakeClock();
    const client = createSdpClient(settings, {
      retry: { ...FAST_RETRY, maxAttempts: 1 },
      clock,
      initialToken: { accessToken: grant.accessToken, expiresInSec: grant.expiresInSec },
    });
    await client.listPriorities();
    expect(refreshCalls(sim)).toHaveLength(0);
    for (let i = 0; i < 9; i++) {
      sim.expireTokens();
      await client.listPriorities();
    }
    expect(refreshCalls(sim).map((c) => c.status)).toStrictEqual(Array(9).fill(200));
    sim.expireTokens();
    const err = await expectSdpError(client.listPriorities());
    const freeAt = new Date(clock.now() + ZOHO_MINT_WINDOW_MS).toISOString().slice(11, 16);
    expect(err).toMatchObject({ code: 'sdp.oauth.rate_limited', retryable: true });
    expect(err.message).toMatch(/already minted 10 Zoho access tokens for this refresh token in the last 10 minutes/);
    expect(err.message).toContain(`can be minted at ${freeAt}`);
    expect(refreshCalls(sim)).toHaveLength(9);

    clock.advance(ZOHO_MINT_WINDOW_MS + 1000);
    sim.advanceClock(ZOHO_MINT_WINDOW_MS + 1000);
    expect((await client.listPriorities()).length).toBe(4);
    expect(refreshCalls(sim)).toHaveLength(10);
  });

  it('clients built on one registry (runtime, Test connection, metadata) share one token: one mint for all', async () => {
    const { settings } = await connect();
    const tokens = new ZohoTokenRegistry();
    const clients = Array.from({ length: 3 }, () =>
      createSdpClient(settings, { retry: FAST_RETRY, clock: fakeClock(), tokens }),
    );
    await Promise.all(clients.map((c) => c.listPriorities()));
    await Promise.all(clients.map((c) => c.listTemplates()));
    expect(refreshCalls(sim)).toHaveLength(1);
  });

  it('a restart reuses the stored access token and remembers recent mints; a new refresh token ignores them', async () => {
    const { settings } = await connect();
    const store = memoryStore();
    const first = createSdpClient(settings, {
      retry: FAST_RETRY,
      clock: fakeClock(),
      tokens: new ZohoTokenRegistry(),
      tokenStore: store,
    });
    await first.listPriorities();
    expect(refreshCalls(sim)).toHaveLength(1);
    expect(store.state).toMatchObject({
      accessToken: expect.stringMatching(/^1000\./) as unknown as string,
      mints: [expect.any(Number) as unknown as number],
    });

    const afterRestart = createSdpClient(settings, {
      retry: FAST_RETRY,
      clock: fakeClock(),
      tokens: new ZohoTokenRegistry(),
      tokenStore: store,
    });
    await afterRestart.listTemplates();
    expect(refreshCalls(sim)).toHaveLength(1);

    const c = sim.credentials as CloudCreds;
    const other = await exchangeGrantCode({ ...c, code: sim.mintGrantCode() });
    sim.clearCalls();
    const reconnected = createSdpClient(
      { ...settings, refreshToken: other.refreshToken },
      { retry: FAST_RETRY, clock: fakeClock(), tokens: new ZohoTokenRegistry(), tokenStore: store },
    );
    await reconnected.listTemplates();
    expect(refreshCalls(sim)).toHaveLength(1);
    expect(store.state?.mints).toHaveLength(1);
  });

  it('a stored token that expired is not used', async () => {
    const { settings } = await connect();
    const store = memoryStore();
    const clock = fakeClock();
    await createSdpClient(settings, {
      retry: FAST_RETRY,
      clock,
      tokens: new ZohoTokenRegistry(),
      tokenStore: store,
    }).listPriorities();
    clock.advance(3600_000);
    sim.advanceClock(3600_000);
    await createSdpClient(settings, {
      retry: FAST_RETRY,
      clock,
      tokens: new ZohoTokenRegistry(),
      tokenStore: store,
    }).listPriorities();
    expect(refreshCalls(sim).map((c) => c.status)).toStrictEqual([200, 200]);
  });
});
