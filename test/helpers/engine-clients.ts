import type { ClientOptions } from '../../electron/services/clients';

/**
 * Fast client retries and an SDP rate budget that waits on a virtual clock: tests exercise the
 * paths, not the waiting (the clients' own budgets: SDP 120 calls a minute on-prem, 30 on cloud; Flashduty 50 a
 * second).
 */
export function fastClients(): ClientOptions {
  const virtualClock = () => {
    let skew = 0;
    return { now: () => Date.now() + skew, sleep: async (ms: number) => void (skew += ms) };
  };
  const fd = virtualClock();
  return {
    sdp: { retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, clock: virtualClock() },
    flashduty: { retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, now: fd.now, sleep: fd.sleep },
  };
}
