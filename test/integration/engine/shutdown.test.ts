import { describe, expect, it } from 'vitest';
import { requestsFor } from '../../helpers/engine-world';
import { until } from '../../helpers/until';
import { startCrashChild } from './crash-process';
import { crashWorld } from './crash-world';

/**
 * SIGTERM while a burst is queued: the engine stops its webhook server and pollers, lets the calls
 * in flight finish (10 s at most), leaves the rest in the outbox and exits; the next start finishes
 * the work without writing anything twice. The SDP simulator answers slowly, so the burst would
 * take well over the deadline to drain: a shutdown that waited for the queue would show.
 */
const INCIDENTS = 300;

const world = crashWorld('deskbridge-shutdown-', {
  id: 'shutdown',
  name: 'Shutdown under a burst',
  direction: 'to_sdp',
  syncComments: false,
  webhooks: true,
});

describe('SIGTERM under a burst', () => {
  it(`exits within the 10 s grace period with ${INCIDENTS} incidents queued, and the next start finishes them, none twice`, async () => {
    const ids = Array.from(
      { length: INCIDENTS },
      (_, k) => world.fd.createIncident({ title: `Burst ${k}`, severity: 'Warning' }).incident_id,
    );
    world.sdp.setLatency(250);
    const child = startCrashChild(world.env);
    await child.line((l) => l.ready === true);
    await until(() => ids.filter((i) => requestsFor(world.sdp, i).length > 0).length >= 10, 'the first ten requests');
    const started = performance.now();
    child.process.kill('SIGTERM');
    const closed = await child.line((l) => typeof l.closedInMs === 'number');
    expect(await child.exited).toBe('exited');
    const exitS = (performance.now() - started) / 1000;
    const doneAtExit = ids.filter((i) => requestsFor(world.sdp, i).length > 0).length;
    // The deadline is 10 s; the margin is for a busy machine starting and stopping processes.
    expect(exitS, `exit took ${exitS.toFixed(1)} s (close ${String(closed?.closedInMs)} ms)`).toBeLessThan(15);
    expect(doneAtExit).toBeLessThan(INCIDENTS);

    world.sdp.setLatency(0);
    const again = startCrashChild(world.env);
    await again.line((l) => l.ready === true);
    while (ids.some((i) => requestsFor(world.sdp, i).length === 0)) {
      if ((await again.line((l) => typeof l.pass === 'number')) === null) break;
    }
    again.process.kill('SIGTERM');
    await again.exited;

    expect(ids.filter((i) => requestsFor(world.sdp, i).length !== 1)).toEqual([]);
  }, 120_000);
});
