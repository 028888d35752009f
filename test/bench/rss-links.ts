import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/services/database';
import { createSqliteStore } from '../../electron/services/sqlite-store';
import { applyRecords } from '../../shared/node/sync/link-records';
import { sleep } from '../../shared/node/net/backoff';
import { startServe } from '../helpers/headless';
import { startFlashdutySimulator } from '../../simulators/flashduty/index';
import { FLASHDUTY_GUIDE_STATUSES, startSdpSimulator } from '../../simulators/sdp/index';
import type { BenchLine } from './headless';

const LINKS = 100_000;
const INTEGRATION_ID = 'bench-rss';

function rssMb(pid: number): number {
  const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

/** Writes LINKS links through the real schema and store, as a long-running install would hold them. */
function seedLinks(dataDir: string): void {
  const db = openDatabase(join(dataDir, 'sync.db'));
  const store = createSqliteStore(db);
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < LINKS; i++) {
      const incidentId = (0x6b00000000000000n + BigInt(i)).toString(16).padStart(24, '0');
      const records = {
        sdp: {
          subject: `Disk usage above 90% on db-${i}`,
          description: `Incident ${i} from the bench seed`,
          status: 'Open',
          priority: 'High',
        },
        flashduty: { title: `Disk usage above 90% on db-${i}`, progress: 'Triggered', severity: 'Critical' },
      };
      store.saveLink(
        applyRecords(null, { integrationId: INTEGRATION_ID, incidentId, requestId: String(100_000 + i) }, records, now),
      );
    }
  })();
  store.close();
}

/**
 * Resident memory of a headless server whose sync database holds 100,000 links, once it is ready
 * and has run a poll cycle of both sides against the simulators.
 */
export async function benchRssLinks(): Promise<BenchLine[]> {
  const [sdp, fd] = await Promise.all([
    startSdpSimulator({ edition: 'onprem', addStatuses: FLASHDUTY_GUIDE_STATUSES }),
    startFlashdutySimulator({ rateLimit: false }),
  ]);
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbridge-bench-rss-'));
  try {
    seedLinks(dataDir);
    const configFile = join(dataDir, 'integrations.json');
    writeFileSync(
      configFile,
      JSON.stringify([
        {
          id: INTEGRATION_ID,
          name: 'Bench RSS',
          direction: 'two_way',
          sdp: { platform: 'onprem', endpoint: sdp.origin, apiKey: { env: 'BENCH_SDP_KEY' } },
          flashduty: { apiBase: fd.baseUrl, appKey: { env: 'BENCH_FD_KEY' } },
        },
      ]),
    );
    for (let i = 0; i < 20; i++) fd.createIncident({ title: `Bench RSS incident ${i}`, severity: 'Warning' });
    const serve = await startServe(['--data-dir', dataDir, '--config', configFile], {
      ...process.env,
      BENCH_SDP_KEY: (sdp.credentials as { apiKey: string }).apiKey,
      BENCH_FD_KEY: fd.appKey,
    });
    try {
      // The first poll starts a second after start-up; wait until both sides were listed and the
      // new incidents reached SDP, then give the engine a moment to settle.
      const deadline = Date.now() + 30_000;
      const polled = () =>
        fd.calls().some((c) => c.path === '/incident/list') &&
        sdp.calls().some((c) => c.method === 'GET' && /\/requests$/.test(c.path));
      while (!(polled() && sdp.listRequests().length >= 20)) {
        if (Date.now() > deadline) throw new Error(`no poll cycle within 30 s; stderr: ${serve.stderr.join('\n')}`);
        await sleep(100);
      }
      await sleep(1_000);
      return [{ name: 'rss_100k_links', value: Number(rssMb(serve.child.pid!).toFixed(1)), unit: 'MB' }];
    } finally {
      await serve.stop();
    }
  } finally {
    await Promise.all([sdp.close(), fd.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
