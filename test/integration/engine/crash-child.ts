import { createInterface } from 'node:readline';
import { integrationConfigSchema } from '../../../shared/common/config';
import { onWriteBoundary, type WriteBoundary } from '../../../shared/node/sync/write-boundary';
import { createAppCore } from '../../../electron/services/app-core';
import { fastClients } from '../../helpers/engine-clients';

/**
 * The engine as a headless process would run it, for the crash tests: one integration from
 * CRASH_CONFIG, state in CRASH_DATA_DIR, secrets from the environment. It prints one JSON line per
 * pass (poll both sides, run the queue, run due retries). By default it passes in a loop until
 * killed; CRASH_AT=<boundary>#<n> makes it SIGKILL itself the n-th time any pass reaches that
 * write boundary. With CRASH_STEPPED=1 it passes once per
 * `pass` line on stdin, and an `arm <boundary> <entityId>` line makes it SIGKILL itself the next
 * time that entity's pass reaches that write boundary: a crash at a named point, not a moment.
 * A `push <incidentId>` line pushes that incident, as the admin's Push does, and prints its outcome.
 */
const dataDir = process.env.CRASH_DATA_DIR;
const raw = process.env.CRASH_CONFIG;
if (dataDir === undefined || raw === undefined) throw new Error('CRASH_DATA_DIR and CRASH_CONFIG are required');
const config = integrationConfigSchema.parse(JSON.parse(raw));

const core = await createAppCore({
  mode: 'headless',
  dataDir,
  demo: false,
  settingsBackend: { store: { integrations: [config], ui: { webhookPort: 0 } } },
  env: process.env,
  clientOptions: fastClients(),
  retry: { baseDelayMs: 5, maxDelayMs: 50 },
  vault: () => {
    throw new Error('the crash child takes secrets from the environment only');
  },
});
const runtime = core.engine.runtime(config.id);
if (runtime === undefined) throw new Error(`integration ${config.id} did not start`);

let passes = 0;
async function passOnce(): Promise<void> {
  await runtime!.pollOnce();
  await core.engine.idle();
  runtime!.runner.resumeDue();
  await core.engine.idle();
  process.stdout.write(`${JSON.stringify({ pass: ++passes })}\n`);
}
let pass = passOnce;

if (process.env.CRASH_STEPPED === '1') {
  // Only the parent's passes poll: the runtime's own first poll would see an edit before the kill is armed.
  const poll = runtime.pollOnce.bind(runtime);
  let polling = false;
  runtime.pollOnce = async (sides) => {
    if (polling) await poll(sides);
  };
  pass = async () => {
    polling = true;
    try {
      await passOnce();
    } finally {
      polling = false;
    }
  };
  let armed: { boundary: WriteBoundary; entityId: string } | null = null;
  onWriteBoundary(({ boundary, entityId }) => {
    if (armed !== null && armed.boundary === boundary && armed.entityId === entityId)
      process.kill(process.pid, 'SIGKILL');
  });
  const lines = createInterface({ input: process.stdin });
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  for await (const line of lines) {
    const [command, ...args] = line.trim().split(' ');
    if (command === 'arm') armed = { boundary: args[0] as WriteBoundary, entityId: args[1]! };
    else if (command === 'pass') await pass();
    else if (command === 'push')
      process.stdout.write(`${JSON.stringify({ pushed: await runtime.push([args[0]!]) })}\n`);
  }
} else {
  // SIGTERM shuts down as headless mode does (its HTTP transport aside): the parent times it.
  let stopping = false;
  process.on('SIGTERM', () => {
    stopping = true;
    const started = performance.now();
    void core.close().then(() => {
      process.stdout.write(`${JSON.stringify({ closedInMs: Math.round(performance.now() - started) })}\n`);
      process.exit(0);
    });
  });
  // CRASH_AT=<boundary>#<n>: SIGKILL at the n-th time any pass reaches that boundary.
  const [boundary, nth] = (process.env.CRASH_AT ?? '').split('#');
  let left = Number(nth);
  if (boundary !== undefined && boundary !== '' && left >= 1) {
    onWriteBoundary((context) => {
      if (context.boundary === boundary && --left === 0) process.kill(process.pid, 'SIGKILL');
    });
  }
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  while (!stopping) {
    try {
      await pass();
    } catch (error) {
      // A pass cut short by the shutdown closing the database.
      if (!stopping) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
