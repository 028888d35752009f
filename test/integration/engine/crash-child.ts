import { integrationConfigSchema } from '../../../shared/config';
import { createAppCore } from '../../../electron/services/app-core';
import { fastClients } from '../../helpers/engine-clients';

/**
 * The engine as a headless process would run it, for the crash test: one integration from
 * CRASH_CONFIG, state in CRASH_DATA_DIR, secrets from the environment. It polls in a loop until
 * killed and prints one JSON line per pass, so the parent can kill it at any point of the work.
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
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
const runtime = core.engine.runtime(config.id);
if (runtime === undefined) throw new Error(`integration ${config.id} did not start`);
for (let pass = 1; ; pass++) {
  await runtime.pollOnce();
  await core.engine.idle();
  runtime.runner.resumeDue();
  await core.engine.idle();
  process.stdout.write(`${JSON.stringify({ pass })}\n`);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
