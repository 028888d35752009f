import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from '../../shared/node/net/backoff';
import { crashChildSetup, startCrashChild } from '../integration/engine/crash-process';
import { startFlashdutySimulator } from '../../simulators/flashduty/index';
import { FLASHDUTY_GUIDE_STATUSES, startSdpSimulator } from '../../simulators/sdp/index';
import type { BenchLine } from './headless';

const INCIDENTS = 300;
/** A slow SDP (each call answered after this long), so the burst is far from drained when SIGTERM comes. */
const SDP_LATENCY_MS = 250;

/**
 * Seconds from SIGTERM to exit while a burst of new incidents is queued: the engine as a headless
 * process runs it (its own process, fast client budgets), killed once ten requests exist. The
 * deadline for calls in flight is 10 s; queued work stays in the outbox.
 */
export async function benchShutdown(): Promise<BenchLine[]> {
  const [sdp, fd] = await Promise.all([
    startSdpSimulator({ edition: 'onprem', addStatuses: FLASHDUTY_GUIDE_STATUSES }),
    startFlashdutySimulator({ rateLimit: false }),
  ]);
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbridge-bench-shutdown-'));
  try {
    const { env } = crashChildSetup({ sdp, fd }, dataDir, {
      id: 'bench-shutdown',
      name: 'Shutdown bench',
      direction: 'to_sdp',
      syncComments: false,
      webhooks: true,
    });
    for (let k = 0; k < INCIDENTS; k++) fd.createIncident({ title: `Bench burst ${k}`, severity: 'Warning' });
    sdp.setLatency(SDP_LATENCY_MS);
    const child = startCrashChild(env);
    await child.line((l) => l.ready === true);
    while (sdp.listRequests().length < 10) await sleep(20);
    const started = performance.now();
    child.process.kill('SIGTERM');
    await child.exited;
    return [
      {
        name: 'sigterm_exit_s_under_burst',
        value: Number(((performance.now() - started) / 1000).toFixed(2)),
        unit: 's',
      },
    ];
  } finally {
    await Promise.all([sdp.close(), fd.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
