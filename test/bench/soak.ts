import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECRET_HEADER } from '../../electron/ingress/webhook-server';
import { postContract, startServe } from '../helpers/headless';
import type { BenchLine } from './headless';
import { startSimProcess } from './sim-process';

const SAMPLE_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rssMb(pid: number): number {
  const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

/** Least-squares slope of y over x. */
function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/**
 * A long run of demo-like activity against the built headless server (the simulators in their own
 * process, so only DeskBridge's memory is measured): a new incident every 2 s, a title edit in
 * Flashduty every 6 s (by webhook) and a subject edit in SDP every 10 s (by poll), with a UI's
 * event stream open throughout. Prints the resident-memory trend after a warm-up.
 * DESKBRIDGE_SOAK_MINUTES sets the length (default 120); `npm run bench` is never run by CI.
 */
export async function benchSoak(): Promise<BenchLine[]> {
  const minutes = Number(process.env.DESKBRIDGE_SOAK_MINUTES ?? 120);
  if (!(minutes > 0))
    throw new Error(
      `DESKBRIDGE_SOAK_MINUTES must be a positive number of minutes, not "${process.env.DESKBRIDGE_SOAK_MINUTES}"`,
    );
  const sims = await startSimProcess();
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbridge-bench-soak-'));
  const secret = 'webhook-secret-for-soak-0123456789';
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ ui: { webhookPort: 0 } }));
  const configFile = join(dataDir, 'integrations.json');
  writeFileSync(
    configFile,
    JSON.stringify([
      {
        id: 'soak',
        name: 'Soak',
        direction: 'two_way',
        sdp: { platform: 'onprem', endpoint: sims.sdp.origin, apiKey: { env: 'SOAK_SDP_KEY' } },
        flashduty: { apiBase: sims.flashduty.baseUrl, appKey: { env: 'SOAK_FD_KEY' } },
        ingress: {
          webhooks: true,
          webhookSecret: { env: 'DESKBRIDGE_WEBHOOK_SECRET' },
          flashdutyPollSeconds: 30,
          sdpPollSeconds: 30,
        },
      },
    ]),
  );
  const serve = await startServe(['--data-dir', dataDir, '--config', configFile], {
    ...process.env,
    SOAK_SDP_KEY: sims.sdp.apiKey,
    SOAK_FD_KEY: sims.flashduty.appKey,
    DESKBRIDGE_WEBHOOK_SECRET: secret,
  });
  const api = async <T>(method: string, input: unknown): Promise<T> => {
    const response = await postContract(serve, method, input);
    const body = (await response.json()) as { result: T };
    return body.result;
  };
  const events = new AbortController();
  try {
    const setup = await api<{ flashduty: { incidentWebhookUrl: string } }>('integrations.webhookSetup', { id: 'soak' });
    await sims.subscribe(setup.flashduty.incidentWebhookUrl, { [SECRET_HEADER]: secret });
    // A UI's live stream, read and thrown away, for the whole run.
    void fetch(`${serve.origin}/api/events`, {
      headers: { authorization: `Bearer ${serve.token}` },
      signal: events.signal,
    })
      .then(async (response) => {
        for await (const chunk of response.body!) void chunk;
      })
      .catch(() => undefined);

    const incidents: string[] = [];
    const started = Date.now();
    const end = started + minutes * 60_000;
    const warmUpEnd = started + Math.min(10 * 60_000, (minutes * 60_000) / 5);
    const samples: { x: number; y: number }[] = [];
    let nextSample = started;
    for (let tick = 0; Date.now() < end; tick++) {
      incidents.push(...(await sims.createIncidents(1, `Soak ${tick}`)));
      if (tick % 3 === 0 && incidents.length > 1)
        await sims.resetTitle(incidents[tick % incidents.length]!, `Soak edit ${tick}`);
      if (tick % 5 === 0 && incidents.length > 10) {
        const { link } = await api<{ link: { requestId: string } | null }>('links.get', {
          integrationId: 'soak',
          incidentId: incidents[(tick * 7) % (incidents.length - 5)],
        });
        if (link) await sims.updateSubject(link.requestId, `Soak subject ${tick}`);
      }
      if (tick % 100 === 0) await sims.clearCalls();
      if (Date.now() >= nextSample) {
        if (Date.now() >= warmUpEnd)
          samples.push({ x: (Date.now() - started) / 3_600_000, y: rssMb(serve.child.pid!) });
        nextSample += SAMPLE_MS;
      }
      await sleep(2_000);
    }
    if (samples.length < 3)
      throw new Error('the soak was too short to measure a trend; give DESKBRIDGE_SOAK_MINUTES at least 2');
    return [
      { name: 'soak_minutes', value: minutes, unit: 'min' },
      { name: 'soak_incidents', value: incidents.length, unit: 'incidents' },
      { name: 'rss_soak_after_warmup', value: Number(samples[0]!.y.toFixed(1)), unit: 'MB' },
      { name: 'rss_soak_end', value: Number(samples.at(-1)!.y.toFixed(1)), unit: 'MB' },
      { name: 'rss_growth_mb_per_hour', value: Number(slope(samples).toFixed(2)), unit: 'MB/h' },
    ];
  } finally {
    events.abort();
    await serve.stop();
    await sims.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
