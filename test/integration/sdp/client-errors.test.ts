import { afterEach, describe, expect, it } from 'vitest';
import { createSdpClient } from '../../../shared/node/sdp/client';
import { startSdpSimulator, type SimFault } from '../../../simulators/sdp';
import { FAST_RETRY, apiCalls, expectSdpError, fakeClock, startPair, type Pair } from './harness';

const EDITIONS = ['cloud', 'onprem'] as const;

describe.each(EDITIONS)('SDP client errors against the %s simulator', (edition) => {
  let pair: Pair;
  afterEach(async () => {
    await pair?.sim.close();
  });

  it('an unknown priority is sdp.invalid_value naming the field, not retried', async () => {
    pair = await startPair(edition);
    const err = await expectSdpError(pair.client.createRequest({ subject: 'x', priority: { name: 'Apocalyptic' } }));
    expect(err).toMatchObject({
      code: 'sdp.invalid_value',
      httpStatus: 400,
      sdpStatusCode: 4001,
      fields: ['priority'],
      retryable: false,
    });
    expect(err.message).toContain('"priority"');
    expect(apiCalls(pair.sim)).toHaveLength(1);
  });

  it.each([
    ['status', { status: { name: 'Nope' } }],
    ['technician', { technician: { email_id: 'ghost@example.com' } }],
    ['group', { group: { name: 'Nope' } }],
    ['template', { template: { name: 'Nope' } }],
  ])('an unknown %s name is 4001 naming that field', async (field, extra) => {
    pair = await startPair(edition);
    const err = await expectSdpError(pair.client.createRequest({ subject: 'x', ...extra }));
    expect(err).toMatchObject({ code: 'sdp.invalid_value', fields: [field] });
  });

  it("a template's missing mandatory field is sdp.mandatory_missing with the field", async () => {
    pair = await startPair(edition);
    const err = await expectSdpError(
      pair.client.createRequest({ subject: 'x', template: { name: 'Incident with requester' } }),
    );
    expect(err).toMatchObject({
      code: 'sdp.mandatory_missing',
      sdpStatusCode: 4012,
      fields: ['requester'],
      retryable: false,
    });
    expect(err.message).toMatch(/requires "requester"/);
  });

  it('a missing request is sdp.not_found, not retried', async () => {
    pair = await startPair(edition);
    const err = await expectSdpError(pair.client.getRequest('999999'));
    expect(err).toMatchObject({ code: 'sdp.not_found', httpStatus: 404, sdpStatusCode: 4007, retryable: false });
    expect(apiCalls(pair.sim)).toHaveLength(1);
  });

  it('bad input is refused before any call', async () => {
    pair = await startPair(edition);
    const bogus = { subject: 'x', colour: 'red' } as unknown as Parameters<Pair['client']['createRequest']>[0];
    expect(await expectSdpError(pair.client.createRequest(bogus))).toMatchObject({ code: 'sdp.invalid_input' });
    expect(await expectSdpError(pair.client.getRequest('../etc'))).toMatchObject({
      code: 'sdp.invalid_input',
      fields: ['id'],
    });
    expect(await expectSdpError(pair.client.listRequests({ rowCount: 101 }))).toMatchObject({
      code: 'sdp.invalid_input',
    });
    expect(apiCalls(pair.sim)).toHaveLength(0);
  });

  // [fault, error code, retried?, Retry-After seconds]
  const FAULTS: [SimFault['kind'], string, boolean, number?][] = [
    ['http500', 'sdp.server', true],
    ['http502', 'sdp.server', true],
    ['http503', 'sdp.server', true, 7],
    ['rate429', 'sdp.rate_limited', true, 3],
    ['rate4015', 'sdp.rate_limited', true],
    ['urlBlocked', 'sdp.rate_limited', true],
    ['dropConnection', 'sdp.network', true],
    ['htmlPage', 'sdp.bad_response', false],
    ['truncatedBody', 'sdp.bad_response', false],
  ];

  it.each(FAULTS)('a %s fault: %s, retried=%s', async (kind, code, retried, retryAfterSec) => {
    pair = await startPair(edition);
    pair.sim.injectFault({
      kind,
      pathIncludes: '/priorities',
      ...(retryAfterSec === undefined ? {} : { retryAfterSec }),
    });
    if (retried) {
      expect((await pair.client.listPriorities()).length).toBe(4);
      expect(apiCalls(pair.sim).map((c) => c.fault ?? 'ok')).toEqual([kind, 'ok']);
      if (retryAfterSec !== undefined) expect(pair.clock.sleeps).toContain(retryAfterSec * 1000);
    } else {
      const err = await expectSdpError(pair.client.listPriorities());
      expect(err.code).toBe(code);
      expect(err.message).toMatch(/proxy or login page|cut off/);
      expect(apiCalls(pair.sim)).toHaveLength(1);
    }
  });

  it.each(FAULTS.filter(([, , retried]) => retried))(
    'a persistent %s gives up after maxAttempts with %s',
    async (kind, code) => {
      pair = await startPair(edition);
      pair.sim.injectFault({ kind, times: 50 });
      const err = await expectSdpError(pair.client.getRequest('1'));
      expect(err.code).toBe(code);
      expect(err.retryable).toBe(true);
      expect(apiCalls(pair.sim)).toHaveLength(FAST_RETRY.maxAttempts);
    },
  );

  it('a dropped connection on create is not repeated (it may have been created)', async () => {
    pair = await startPair(edition);
    pair.sim.injectFault({ kind: 'dropConnection', method: 'POST' });
    const err = await expectSdpError(pair.client.createRequest({ subject: 'once' }));
    expect(err).toMatchObject({ code: 'sdp.network', retryable: false });
    expect(err.message).toMatch(/may or may not have taken effect/);
    expect(apiCalls(pair.sim)).toHaveLength(1);
  });

  it('a 5xx rate of 1 fails every call: bounded attempts, then sdp.server', async () => {
    pair = await startPair(edition);
    pair.sim.setServerErrorRate(1);
    expect(await expectSdpError(pair.client.listPriorities())).toMatchObject({ code: 'sdp.server', httpStatus: 503 });
    expect(apiCalls(pair.sim).map((c) => c.fault)).toEqual(Array(FAST_RETRY.maxAttempts).fill('http503'));
    pair.sim.setServerErrorRate(0);
    expect((await pair.client.listPriorities()).length).toBe(4);
  });

  it('latency beyond the client timeout is a retried sdp.network error', async () => {
    let retries = 0;
    pair = await startPair(edition, { client: { timeoutMs: 20, onRetry: () => (retries += 1) } });
    pair.sim.setLatency(300);
    expect(await expectSdpError(pair.client.listPriorities())).toMatchObject({ code: 'sdp.network', retryable: true });
    expect(retries).toBe(FAST_RETRY.maxAttempts - 1);
    pair.sim.setLatency(0);
  });

  it('spreads calls with the rate budget', async () => {
    pair = await startPair(edition, { settings: { rateLimitPerMin: 2 } });
    for (let i = 0; i < 3; i++) await pair.client.listPriorities();
    expect(pair.clock.sleeps).toHaveLength(1);
    expect(pair.clock.sleeps[0]).toBeGreaterThan(59_000);
  });

  it('an unreachable server is sdp.network, retried up to maxAttempts', async () => {
    const sim = await startSdpSimulator({ edition });
    const base = sim.baseUrl;
    await sim.close();
    pair = await startPair(edition);
    const settings = { ...pair.settings, apiBaseUrl: base };
    let attempts = 0;
    const client = createSdpClient(settings, { retry: FAST_RETRY, clock: fakeClock(), onRetry: () => (attempts += 1) });
    const err = await expectSdpError(client.listPriorities());
    expect(err).toMatchObject({ code: 'sdp.network', retryable: true });
    expect(err.message).toContain('Check the API endpoint');
    expect(attempts).toBe(FAST_RETRY.maxAttempts - 1);
  });
});

describe('on-prem API key', () => {
  let pair: Pair;
  afterEach(async () => {
    await pair?.sim.close();
  });

  it('a wrong key is sdp.auth, not retried, and the key never appears in the error', async () => {
    pair = await startPair('onprem', { settings: { apiKey: 'WRONG-KEY-1234' } });
    const err = await expectSdpError(pair.client.listPriorities());
    expect(err).toMatchObject({ code: 'sdp.auth', httpStatus: 401, sdpStatusCode: 4022, retryable: false });
    expect(err.message).toMatch(/API key/);
    expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain('WRONG-KEY-1234');
    expect(apiCalls(pair.sim)).toHaveLength(1);
  });
});
