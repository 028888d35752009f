import type { IncomingMessage } from 'node:http';
import { loadavg } from 'node:os';
import { sleep } from '../../shared/node/net/backoff';
import { SECRET_HEADER } from '../../electron/ingress/webhook-server';
import { BENCH_WEBHOOK_SECRET, startBenchDesk } from './desk';
import type { BenchLine } from './headless';
import { EngineProbe, percentile } from './instrument';

/** Incidents of the idle desk: fewer than one Flashduty list page. */
const SMALL_DESK = 50;
const NEW_INCIDENTS = 1000;
/** A little more than the pollers' overlap (5 s on either side). */
const OVERLAP_WAIT_MS = 5_500;
const PHASE_TIMEOUT_MS = 60_000;
const EDITS = 300;
/** Per webhook endpoint the server allows 20/s sustained; edits alternate between two endpoints. */
const EDITS_PER_SECOND = 30;

/** A phase that does not finish in time fails the bench with what is still pending, rather than hanging it. */
async function settled<T>(promise: Promise<T>, pending: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`bench phase did not finish within ${PHASE_TIMEOUT_MS / 1000} s: ${pending()}`)),
      PHASE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface Arrival {
  entityId: string;
  at: number;
}

/** Records when each webhook reached DeskBridge's server, and which entity it named. */
function watchArrivals(req: IncomingMessage, arrivals: Arrival[]): void {
  const at = performance.now();
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        request_id?: unknown;
        incident?: { incident_id?: unknown };
      };
      const id = body.incident?.incident_id ?? body.request_id;
      if (id !== undefined) arrivals.push({ entityId: String(id), at });
    } catch {
      // Not ours to judge: the server answers bad bodies itself.
    }
  });
}

/**
 * The engine against both simulators (in their own process): an idle poll of a small desk, a burst
 * of new incidents found by one poll, paced human edits on both sides arriving by webhook, and an
 * idle poll once the window holds all of those incidents.
 */
export async function benchEngine(): Promise<BenchLine[]> {
  const desk = await startBenchDesk('Bench');
  const { sims, core, server, config, runtime, call } = desk;
  try {
    const probe = new EngineProbe();
    probe.wrapClients(runtime.requireClients());
    probe.wrapRunner(runtime.runner);
    // The scheduled first poll (after 1 s) fills the metadata cache; wait it out so it is not timed.
    await sleep(1_500);
    const cycle = (): Promise<void> =>
      settled(
        runtime.pollOnce().then(() => core.engine.idle()),
        () => `a poll cycle is still running; the runner has ${runtime.runner.queued} entities queued`,
      );
    await cycle();

    // Idle: a small desk whose changes are all handled. The pollers re-list what changed within
    // their overlap of the previous poll, so the counted cycle comes once that has passed.
    const idlePollCalls = async (): Promise<number> => {
      await sleep(OVERLAP_WAIT_MS);
      await cycle();
      await sims.clearCalls();
      await cycle();
      const calls = await sims.callCounts();
      return calls.sdp + calls.flashduty;
    };
    await sims.createIncidents(SMALL_DESK, 'Bench desk');
    await cycle();
    const idleCalls = await idlePollCalls();

    // A burst of new incidents, found by one poll and synced to SDP.
    const incidentIds = await sims.createIncidents(NEW_INCIDENTS, 'Bench burst');
    await sims.clearCalls();
    const load = loadavg()[0]!;
    const started = performance.now();
    const cpu = { engine: process.cpuUsage(), sims: sims.cpuMs() };
    await cycle();
    const burstMs = performance.now() - started;
    const burstSeconds = burstMs / 1000;
    const engineCpu = process.cpuUsage(cpu.engine);
    const engineCpuMs = (engineCpu.user + engineCpu.system) / 1000;
    const simsCpuMs = sims.cpuMs() - cpu.sims;
    const burstCalls = await sims.callCounts();
    const created = await sims.requestCount();
    if (created !== SMALL_DESK + NEW_INCIDENTS)
      throw new Error(`expected ${SMALL_DESK + NEW_INCIDENTS} requests in SDP, found ${created}`);

    // What the burst costs afterwards: the SDP poller lists the requests we created (two-way), and
    // the Flashduty poller lists the incidents again while they are within its overlap.
    await sims.clearCalls();
    await cycle();
    await sleep(OVERLAP_WAIT_MS);
    await cycle();
    const followUpCalls = await sims.callCounts();

    // Paced human edits, half in Flashduty (its webhook delivered by the simulator), half in SDP
    // (its webhook posted here, as SDP's custom trigger would).
    const setup = await call('integrations.webhookSetup', { id: config.id });
    const headers = { [SECRET_HEADER]: BENCH_WEBHOOK_SECRET, 'content-type': 'application/json' };
    await sims.subscribe(setup.flashduty.incidentWebhookUrl, headers);
    const arrivals: Arrival[] = [];
    server.server.prependListener('request', (req: IncomingMessage) => watchArrivals(req, arrivals));
    const pairs = await Promise.all(
      incidentIds.slice(0, EDITS / 2).map(async (incidentId) => {
        const { link } = await call('links.get', { integrationId: config.id, incidentId });
        return { incidentId, requestId: link!.requestId };
      }),
    );
    probe.passes.length = 0;
    probe.calls.length = 0;
    const edits: Promise<unknown>[] = [];
    for (let i = 0; i < EDITS; i++) {
      const pair = pairs[Math.floor(i / 2)]!;
      if (i % 2 === 0) {
        edits.push(sims.resetTitle(pair.incidentId, `Edited in Flashduty ${i}`));
      } else {
        edits.push(
          sims.updateSubject(pair.requestId, `Edited in SDP ${i}`).then(() =>
            fetch(setup.sdp.url, {
              method: 'POST',
              headers,
              body: JSON.stringify({ request_id: pair.requestId, subject: `Edited in SDP ${i}` }),
            }),
          ),
        );
      }
      await sleep(1000 / EDITS_PER_SECOND);
    }
    await Promise.all(edits);
    await sleep(500);
    await settled(core.engine.idle(), () => `runner still has ${runtime.runner.queued} entities queued`);
    const idleCallsLarge = await idlePollCalls();

    const latencies = arrivals.flatMap((a) => {
      const first = probe.calls.find((c) => c.entityId === a.entityId && c.at >= a.at);
      return first ? [first.at - a.at] : [];
    });
    if (latencies.length < EDITS * 0.9)
      throw new Error(`only ${latencies.length} of ${EDITS} webhooks led to an API call`);
    const overheads = probe.passes.map((p) => p.wallMs - p.apiMs);
    const round = (n: number, digits: number) => Number(n.toFixed(digits));
    return [
      // Other work on this shared machine takes cores from both processes: read the rate with it.
      { name: 'burst_load_average_1m', value: round(load, 2), unit: 'runnable' },
      { name: 'sync_new_incidents_per_s', value: round(NEW_INCIDENTS / burstSeconds, 1), unit: 'incidents/s' },
      // Whether the engine or the simulators set the pace: each has a core, so near 100% is the limit.
      { name: 'burst_engine_cpu_share', value: round((100 * engineCpuMs) / burstMs, 0), unit: '%' },
      { name: 'burst_simulators_cpu_share', value: round((100 * simsCpuMs) / burstMs, 0), unit: '%' },
      // Load-independent: CPU per new incident; one core's capacity is 1000 divided by it.
      { name: 'engine_cpu_per_new_incident', value: round(engineCpuMs / NEW_INCIDENTS, 2), unit: 'ms' },
      { name: 'simulators_cpu_per_new_incident', value: round(simsCpuMs / NEW_INCIDENTS, 2), unit: 'ms' },
      {
        name: 'api_calls_per_new_incident',
        value: round((burstCalls.sdp + burstCalls.flashduty) / NEW_INCIDENTS, 2),
        unit: 'calls',
      },
      // A first attempt creates directly (no marker search): the create, and the burst's one SDP list.
      { name: 'sdp_calls_per_new_incident', value: round(burstCalls.sdp / NEW_INCIDENTS, 2), unit: 'calls' },
      {
        name: 'followup_poll_calls_per_new_incident',
        value: round((followUpCalls.sdp + followUpCalls.flashduty - 2 * idleCallsLarge) / NEW_INCIDENTS, 2),
        unit: 'calls',
      },
      { name: 'idle_poll_calls_per_cycle', value: idleCalls, unit: 'calls' },
      {
        name: `idle_poll_calls_per_cycle_${SMALL_DESK + NEW_INCIDENTS}_incidents`,
        value: idleCallsLarge,
        unit: 'calls',
      },
      { name: 'engine_overhead_p50', value: round(percentile(overheads, 50), 2), unit: 'ms' },
      { name: 'engine_overhead_p99', value: round(percentile(overheads, 99), 2), unit: 'ms' },
      { name: 'webhook_to_first_call_p50', value: round(percentile(latencies, 50), 2), unit: 'ms' },
      { name: 'webhook_to_first_call_p99', value: round(percentile(latencies, 99), 2), unit: 'ms' },
    ];
  } finally {
    await desk.close();
  }
}
