import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { SECRET_HEADER } from '../../electron/ingress/webhook-server';
import { createAppCore } from '../../electron/services/app-core';
import type { BenchLine } from './headless';
import { startSimProcess } from './sim-process';

const BURST = 2000;
const FORGED = 20_000;
const FORGED_CONCURRENCY = 100;

/** A clock that jumps ahead on each reading, so the clients' rate budgets never hold the burst back (see engine.ts). */
function budgetFreeClock(): () => number {
  let skew = 0;
  return () => Date.now() + (skew += 61_000);
}

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
  const sims = await startSimProcess();
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbridge-bench-storage-'));
  const env = { SDP_KEY: sims.sdp.apiKey, FD_KEY: sims.flashduty.appKey, DESKBRIDGE_WEBHOOK_SECRET: 'webhook-secret-for-bench-0123456789' };
  const core = await createAppCore({
    mode: 'headless',
    dataDir,
    demo: false,
    settingsBackend: { store: { ui: { webhookPort: 0 } } },
    env,
    clientOptions: { sdp: { clock: { now: budgetFreeClock(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) } }, flashduty: { now: budgetFreeClock() } },
    vault: () => {
      throw new Error('the bench takes secrets from the environment only');
    },
  });
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const result = await core.dispatcher.dispatch(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as MethodOutput<M>;
  };
  try {
    await core.engine.webhookServer();
    const config = await call('integrations.save', {
      config: {
        name: 'Bench storage',
        direction: 'two_way',
        sdp: { platform: 'onprem', endpoint: sims.sdp.origin, apiKey: { env: 'SDP_KEY' } },
        flashduty: { apiBase: sims.flashduty.baseUrl, appKey: { env: 'FD_KEY' } },
        ingress: { webhooks: true, webhookSecret: { env: 'DESKBRIDGE_WEBHOOK_SECRET' }, flashdutyPollSeconds: 3600, sdpPollSeconds: 3600 },
      },
    });
    const runtime = core.engine.runtime(config.id)!;
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
          const response = await fetch(setup.sdp.url, { method: 'POST', headers: { [SECRET_HEADER]: `forged-${sent + i}` }, body: '{"request_id":"1"}' });
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
    await core.close();
    await sims.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
