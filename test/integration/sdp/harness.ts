import {
  createSdpClient,
  exchangeGrantCode,
  type SdpClient,
  type SdpClientOptions,
  type SdpClientSettings,
} from '../../../shared/node/sdp/client';
import { SdpError } from '../../../shared/node/sdp/errors';
import { startSdpSimulator, type SdpSimulator, type SdpSimulatorOptions } from '../../../simulators/sdp';

/** A clock whose sleep advances time instantly, so backoff and rate budgets cost no wall time. */
export interface FakeClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  advance: (ms: number) => void;
  sleeps: number[];
}

export function fakeClock(start = Date.now()): FakeClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    advance: (ms) => {
      t += ms;
    },
    sleeps,
  };
}

export const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 60_000 };

export interface Pair {
  sim: SdpSimulator;
  client: SdpClient;
  clock: FakeClock;
  settings: SdpClientSettings;
}

/** Starts a simulator and a client wired to it (cloud: after a real grant-code exchange). */
export async function startPair(
  edition: 'cloud' | 'onprem',
  opts: {
    sim?: Partial<SdpSimulatorOptions>;
    settings?: Partial<SdpClientSettings>;
    client?: SdpClientOptions;
  } = {},
): Promise<Pair> {
  const sim = await startSdpSimulator({ edition, ...opts.sim });
  const clock = fakeClock();
  let settings: SdpClientSettings;
  const c = sim.credentials;
  if ('apiKey' in c) {
    settings = {
      edition: 'onprem',
      apiBaseUrl: sim.baseUrl,
      apiKey: c.apiKey,
      rateLimitPerMin: 10_000,
      ...opts.settings,
    } as SdpClientSettings;
  } else {
    const grant = await exchangeGrantCode({
      accountsServer: c.accountsServer,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      code: c.grantCode,
    });
    settings = {
      edition: 'cloud',
      apiBaseUrl: sim.baseUrl,
      accountsServer: c.accountsServer,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      refreshToken: grant.refreshToken,
      rateLimitPerMin: 10_000,
      ...opts.settings,
    } as SdpClientSettings;
  }
  const client = createSdpClient(settings, { retry: FAST_RETRY, clock, random: () => 0.5, ...opts.client });
  sim.clearCalls();
  return { sim, client, clock, settings };
}

export function apiCalls(sim: SdpSimulator): ReturnType<SdpSimulator['calls']> {
  return sim.calls().filter((c) => c.kind === 'api');
}

export function refreshCalls(sim: SdpSimulator): ReturnType<SdpSimulator['calls']> {
  return sim.calls().filter((c) => c.kind === 'oauth' && c.grantType === 'refresh_token');
}

export async function expectSdpError(promise: Promise<unknown>): Promise<SdpError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SdpError) return error;
    throw error;
  }
  throw new Error('expected an SdpError, but the call succeeded');
}
