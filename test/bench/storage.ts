import { statSync } from 'node:fs';
import { join } from 'node:path';
import { SECRET_HEADER } from '../../electron/ingress/webhook-server';
import { startBenchDesk } from './desk';
import type { BenchLine } from './headless';

const BURST = 2000;
const FORGED = 20_000;
const FORGED_CONCURRENCY = 100;

function walMb(dataDir: string): number {
  try {
    return statSync(join(dataDir, 'sync.db-wal')).size / 1e6;
  } catch {
    return 0;
  }
}

/**
 * Disk under load: a burst of new incidents synced two-way (every pass writes the log), then a
 * flood of forged webhook calls. The WAL must stay near SQLite's automatic checkpoint size, and
 * forged calls must not each become a log row.
 */
export async function benchStorage(): Promise<BenchLine[]> {
  const desk = await startBenchDesk('Bench storage');
  const { sims, core, dataDir, config, runtime, call } = desk;
  try {
    await sims.createIncidents(BURST, 'Storage burst');
    // Two cycles: the creates, then the SDP poller's pass over the requests it made.
    for (let i = 0; i < 2; i++) {
      await runtime.pollOnce();
      await core.engine.idle();
    }
    const afterBurst = walMb(dataDir);

    const setup = await call('integrations.webhookSetup', { id: config.id });
    const before = (await call('log.query', { limit: 5000 })).entries.length;
    for (let sent = 0; sent < FORGED; sent += FORGED_CONCURRENCY) {
      await Promise.all(
        Array.from({ length: FORGED_CONCURRENCY }, async (_, i) => {
          const response = await fetch(setup.sdp.url, {
            method: 'POST',
            headers: { [SECRET_HEADER]: `forged-${sent + i}` },
            body: '{"request_id":"1"}',
          });
          await response.arrayBuffer();
        }),
      );
    }
    const forgedRows = (await call('log.query', { limit: 5000 })).entries.length - before;
    const afterFlood = walMb(dataDir);
    await core.maintenance.run();
    const afterCheckpoint = walMb(dataDir);
    const round = (n: number) => Number(n.toFixed(2));
    return [
      { name: 'wal_mb_after_burst', value: round(Math.max(afterBurst, afterFlood)), unit: 'MB' },
      { name: 'wal_mb_after_checkpoint', value: round(afterCheckpoint), unit: 'MB' },
      { name: `log_rows_per_${FORGED}_forged_webhooks`, value: forgedRows, unit: 'rows' },
    ];
  } finally {
    await desk.close();
  }
}
