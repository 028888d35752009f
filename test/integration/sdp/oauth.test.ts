import { afterEach, describe, expect, it } from 'vitest';
import { createSdpClient, exchangeGrantCode } from '../../../shared/node/sdp/client';
import { startSdpSimulator, type SdpSimulator } from '../../../simulators/sdp';
import { FAST_RETRY, apiCalls, expectSdpError, fakeClock, refreshCalls, startPair, type Pair } from './harness';

type CloudCreds = { accountsServer: string; clientId: string; clientSecret: string; grantCode: string };

describe('Zoho grant-code exchange', () => {
  let sim: SdpSimulator;
  afterEach(async () => {
    await sim?.close();
  });

  it('trades a grant code for a refresh token, and a reused code is invalid_code', async () => {
    sim = await startSdpSimulator({ edition: 'cloud' });
    const c = sim.credentials as CloudCreds;
    const input = {
      accountsServer: c.accountsServer,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      code: c.grantCode,
    };
    const first = await exchangeGrantCode(input);
    expect(first.refreshToken).toMatch(/^1000\./);
    expect(first.accessToken).toMatch(/^1000\./);
    expect(first.expiresInSec).toBe(3600);
    expect(first.apiDomain).toBe('https://www.zohoapis.com');
    const err = await expectSdpError(exchangeGrantCode(input));
    expect(err.code).toBe('sdp.oauth.invalid_code');
    expect(err.message).toMatch(/expired or was already used/);
    expect(err.message).toMatch(/10 minutes/);
    expect(err.message).not.toContain(c.grantCode);
  });

  it('an expired grant code is invalid_code', async () => {
    sim = await startSdpSimulator({ edition: 'cloud' });
    const c = sim.credentials as CloudCreds;
    const code = sim.mintGrantCode(60_000);
    sim.advanceClock(61_000);
    const err = await expectSdpError(exchangeGrantCode({ ...c, code }));
    expect(err.code).toBe('sdp.oauth.invalid_code');
  });

  it.each([
    ['client ID', { clientId: '1000.WRONG' }],
    ['client secret', { clientSecret: 'wrong' }],
  ])('a wrong %s is invalid_client, pointing at the data centre too', async (_what, wrong) => {
    sim = await startSdpSimulator({ edition: 'cloud' });
    const c = sim.credentials as CloudCreds;
    const err = await expectSdpError(exchangeGrantCode({ ...c, code: c.grantCode, ...wrong }));
    expect(err.code).toBe('sdp.oauth.invalid_client');
    expect(err.message).toMatch(/data centre/);
  });

  it('a non-Zoho answer from the accounts server is a clear bad_response', async () => {
    sim = await startSdpSimulator({ edition: 'cloud' });
    const c = sim.credentials as CloudCreds;
    sim.injectFault({ kind: 'htmlPage', target: 'accounts' });
    const err = await expectSdpError(exchangeGrantCode({ ...c, code: c.grantCode }));
    expect(err.code).toBe('sdp.bad_response');
    expect(err.message).toMatch(/accounts server/);
  });
});

describe('access tokens', () => {
  let pair: Pair;
  afterEach(async () => {
    await pair?.sim.close();
  });

  it('caches the access token across calls', async () => {
    pair = await startPair('cloud');
    for (let i = 0; i < 5; i++) await pair.client.listPriorities();
    expect(refreshCalls(pair.sim)).toHaveLength(1);
  });

  it('50 concurrent calls cause exactly one refresh', async () => {
    pair = await startPair('cloud');
    const results = await Promise.all(Array.from({ length: 50 }, () => pair.client.listPriorities()));
    expect(results).toHaveLength(50);
    expect(refreshCalls(pair.sim)).toHaveLength(1);
  });

  it('50 concurrent calls after the token died: one refresh, every call retried once', async () => {
    pair = await startPair('cloud');
    await pair.client.listPriorities();
    pair.sim.expireTokens();
    pair.sim.clearCalls();
    await Promise.all(Array.from({ length: 50 }, () => pair.client.listPriorities()));
    expect(refreshCalls(pair.sim)).toHaveLength(1);
    const api = apiCalls(pair.sim);
    expect(api.filter((c) => c.status === 401)).toHaveLength(50);
    expect(api.filter((c) => c.status === 200)).toHaveLength(50);
  });

  it('a 401 triggers one refresh and one retry', async () => {
    pair = await startPair('cloud');
    const r = await pair.client.createRequest({ subject: 'before expiry' });
    pair.sim.expireTokens();
    pair.sim.clearCalls();
    expect((await pair.client.getRequest(r.id)).subject).toBe('before expiry');
    expect(pair.sim.calls().map((c) => `${c.kind}:${c.status}`)).toEqual(['api:401', 'oauth:200', 'api:200']);
  });

  it('a 401 that survives a fresh token is the missing scope of that call, and the next such call costs no mint', async () => {
    pair = await startPair('cloud');
    await pair.client.listPriorities();
    pair.sim.clearCalls();
    pair.sim.injectFault({ kind: 'unauthorized', times: 3, pathIncludes: '/priorities' });
    const err = await expectSdpError(pair.client.listPriorities());
    expect(err).toMatchObject({
      code: 'sdp.forbidden',
      httpStatus: 401,
      retryable: false,
      details: { scope: 'SDPOnDemand.setup.READ' },
    });
    expect(err.message).toMatch(/GET \/priorities .* lacks the scope SDPOnDemand\.setup\.READ/);
    expect(pair.sim.calls().map((c) => `${c.kind}:${c.status}`)).toEqual(['api:401', 'oauth:200', 'api:401']);
    pair.sim.clearCalls();
    await expectSdpError(pair.client.listPriorities());
    expect(pair.sim.calls().map((c) => `${c.kind}:${c.status}`)).toEqual(['api:401']);
    // Other scopes are unaffected.
    expect((await pair.client.listTemplates()).length).toBeGreaterThan(0);
    // An hour on, it is asked again (the same 401 comes when the user lost the portal, fixable
    // without reconnecting): one mint, then the answer is remembered again.
    pair.clock.advance(3600_000);
    pair.sim.advanceClock(3600_000);
    pair.sim.clearCalls();
    pair.sim.injectFault({ kind: 'unauthorized', times: 2, pathIncludes: '/priorities' });
    await expectSdpError(pair.client.listPriorities());
    expect(pair.sim.calls().map((c) => `${c.kind}:${c.status}`)).toEqual([
      'oauth:200',
      'api:401',
      'oauth:200',
      'api:401',
    ]);
  });

  it('refreshes ahead of expires_in without waiting for a 401', async () => {
    pair = await startPair('cloud');
    await pair.client.listPriorities();
    pair.clock.advance(3600_000 - 59_000);
    pair.sim.advanceClock(3600_000 - 59_000);
    await pair.client.listPriorities();
    expect(refreshCalls(pair.sim)).toHaveLength(2);
    expect(apiCalls(pair.sim).every((c) => c.status === 200)).toBe(true);
  });

  it('a revoked refresh token is sdp.auth, not retried', async () => {
    pair = await startPair('cloud');
    pair.sim.revokeRefreshTokens();
    const err = await expectSdpError(pair.client.listPriorities());
    expect(err).toMatchObject({ code: 'sdp.auth', retryable: false });
    expect(err.message).toMatch(/reconnect/);
    expect(refreshCalls(pair.sim)).toHaveLength(1);
    expect(apiCalls(pair.sim)).toHaveLength(0);
  });

  it("past Zoho's 10 tokens per 10 minutes the client backs off instead of hammering", async () => {
    pair = await startPair('cloud', { client: { retry: { ...FAST_RETRY, maxAttempts: 2 } } });
    // The grant-code exchange minted one token; nine refreshes use up the window.
    for (let i = 0; i < 9; i++) {
      pair.sim.expireTokens();
      await pair.client.listPriorities();
    }
    pair.sim.expireTokens();
    const err = await expectSdpError(pair.client.listPriorities());
    expect(err).toMatchObject({ code: 'sdp.oauth.rate_limited', retryable: true });
    const denied = refreshCalls(pair.sim).filter((c) => c.status !== 200);
    expect(denied).toHaveLength(1);
  });

  it('a refresh that meets a network failure is retried', async () => {
    pair = await startPair('cloud');
    pair.sim.injectFault({ kind: 'dropConnection', target: 'accounts' });
    expect((await pair.client.listPriorities()).length).toBe(4);
    expect(refreshCalls(pair.sim).map((c) => c.fault ?? 'ok')).toEqual(['dropConnection', 'ok']);
  });

  it('a wrong client secret at refresh time is sdp.auth (needs a human)', async () => {
    pair = await startPair('cloud');
    const client = createSdpClient({ ...pair.settings, clientSecret: 'rotated' } as typeof pair.settings, {
      retry: FAST_RETRY,
      clock: fakeClock(),
    });
    const err = await expectSdpError(client.listPriorities());
    expect(err.code).toBe('sdp.auth');
    expect(err.message).toMatch(/client ID\/secret/);
    expect(err.message).not.toContain('rotated');
  });
});
