import { afterEach, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { requestsFor } from '../../helpers/engine-world';

let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/**
 * Backoff for the growing-attempts test: 10 s doubling up to 100 s, on the engine clock the test
 * advances itself, so a slow pass on a loaded machine never makes a row due early.
 */
const BASE_DELAY_MS = 10_000;
const MAX_DELAY_MS = 100_000;

const createCalls = (x: EngineHarness) =>
  x.sdp.calls().filter((c) => c.kind === 'api' && c.method === 'POST' && /\/requests$/.test(c.path));
const creates = (x: EngineHarness): number => createCalls(x).length;

/** When the engine last logged "will retry": the row's delay is counted from then. */
async function lastRetryAt(x: EngineHarness, integrationId: string): Promise<number> {
  const { entries } = await x.call('log.query', { integrationId, levels: ['warn'], limit: 50 });
  return entries.find((e) => e.message.code === 'op.will_retry')!.at;
}

describe('a write that keeps failing', () => {
  it('keeps one outbox row whose attempts and next try grow, then creates exactly once when SDP recovers', async () => {
    const x = (h = await startEngineHarness({ retry: { baseDelayMs: BASE_DELAY_MS, maxDelayMs: MAX_DELAY_MS } }));
    const id = await x.save({ direction: 'to_sdp' });
    x.sdp.injectFault({ kind: 'http503', times: 1_000, method: 'POST', pathIncludes: '/requests' });
    const incident = x.fd.createIncident({ title: 'Core switch unreachable', severity: 'Critical' }).incident_id;
    const pending = async () => (await x.call('outbox.list', { integrationId: id, state: 'pending' })).items;

    const seen: { attempts: number; nextTryAt: number; delay: number }[] = [];
    for (let round = 0; round < 6; round++) {
      // A poll sees the incident again: it must not retry before the row is due.
      const before = creates(x);
      await x.settle(id);
      const rows = await pending();
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      if (round > 0) expect(creates(x)).toBe(before);
      seen.push({
        attempts: row.attempts,
        nextTryAt: row.nextTryAt,
        delay: row.nextTryAt - (await lastRetryAt(x, id)),
      });
      // Due now: the retry scan runs it once more.
      x.advanceEngineClock(row.nextTryAt - x.core.engine.now() + 1);
      x.core.engine.runtime(id)!.runner.resumeDue();
      await x.core.engine.idle();
    }
    expect(seen.map((s) => s.attempts)).toEqual([1, 2, 3, 4, 5, 6]);
    for (let k = 1; k < seen.length; k++) expect(seen[k]!.nextTryAt).toBeGreaterThan(seen[k - 1]!.nextTryAt);
    // Jittered, never above min(max, base · 2^(attempts − 1)): the configured maximum applies.
    for (const s of seen)
      expect(s.delay).toBeLessThanOrEqual(Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (s.attempts - 1)));
    expect(Math.max(...seen.map((s) => s.delay))).toBeGreaterThan(BASE_DELAY_MS);

    x.sdp.clearFaults();
    x.advanceEngineClock(MAX_DELAY_MS + 1);
    x.core.engine.runtime(id)!.runner.resumeDue();
    await x.core.engine.idle();
    await x.converge(id);

    expect(requestsFor(x.sdp, incident)).toHaveLength(1);
    expect(createCalls(x).filter((c) => c.status >= 200 && c.status < 300)).toHaveLength(1);
    expect(await pending()).toEqual([]);
  });

  it('waits as long as Retry-After says, up to the maximum delay', async () => {
    const x = (h = await startEngineHarness());
    const id = await x.save({ direction: 'to_sdp' });
    // Three: the client's own retries (three attempts in tests) give up, and the outbox keeps the operation.
    x.sdp.injectFault({ kind: 'rate429', times: 3, method: 'POST', pathIncludes: '/requests', retryAfterSec: 0.15 });
    x.fd.createIncident({ title: 'Backup job failed', severity: 'Warning' });
    await x.settle(id);
    const [row] = (await x.call('outbox.list', { integrationId: id, state: 'pending' })).items;
    expect(row!.attempts).toBe(1);
    // 150 ms, not the 10–20 ms its first backoff would be (the log entry comes a moment after the row).
    const delay = row!.nextTryAt - (await lastRetryAt(x, id));
    expect(delay).toBeGreaterThan(100);
    expect(delay).toBeLessThanOrEqual(150);
  });
});
