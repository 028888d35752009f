import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_PER_MIN } from '../../../shared/node/sdp/client';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { fastClients } from '../../helpers/engine-clients';
import { requestsFor } from '../../helpers/engine-world';
import { until } from '../../helpers/until';

let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('shutdown while calls wait for the SDP rate budget', () => {
  it('ends the waits at once: stopping returns without the grace period, the unsent work stays pending, nothing is logged as an error', async () => {
    // The budget's waits never end on their own here: only the shutdown can end them. Were stop()
    // to wait for them, it would never return (it is given no deadline) and the test would time out.
    const stalled = { now: () => Date.now(), sleep: () => new Promise<void>(() => undefined) };
    const x = (h = await startEngineHarness({
      clientOptions: {
        ...fastClients(),
        sdp: { retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, clock: stalled },
      },
    }));
    const id = await x.save({ direction: 'to_sdp' });
    const budget = DEFAULT_RATE_PER_MIN.onprem;
    const ids = Array.from(
      { length: budget + 20 },
      (_, k) => x.fd.createIncident({ title: `Budget ${k}`, severity: 'Warning' }).incident_id,
    );
    const runtime = x.core.engine.runtime(id)!;
    void runtime.pollOnce();
    await until(
      () => x.sdp.calls().filter((c) => c.kind === 'api').length >= budget && runtime.runner.queued > 0,
      'the SDP budget spent with work still queued',
    );

    await x.core.engine.stop(Number.POSITIVE_INFINITY);

    const unsent = ids.filter((i) => requestsFor(x.sdp, i).length === 0);
    expect(unsent.length).toBeGreaterThan(0);
    const pending = new Set(
      (await x.call('outbox.list', { integrationId: id, state: 'pending' })).items.map((i) => i.entityId),
    );
    expect(unsent.filter((i) => !pending.has(i))).toEqual([]);
    expect((await x.call('outbox.list', { integrationId: id, state: 'failed' })).items).toEqual([]);
    expect((await x.call('log.query', { integrationId: id, levels: ['error'] })).entries.map((e) => e.message)).toEqual(
      [],
    );
  });
});
