import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IntegrationConfig } from '../../shared/common/config';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/common/contract';
import { sleep } from '../../shared/node/net/backoff';
import { createAppCore, type AppCore } from '../../electron/services/app-core';
import type { IntegrationRuntime } from '../../electron/services/integration-runtime';
import { startSimProcess, type SimProcess } from './sim-process';

/**
 * A clock that jumps a minute ahead on every reading, so the clients' rate budgets (the vendors'
 * published limits: SDP on-prem 120/min, Flashduty 50/s) never hold a call back. The bench measures
 * what the engine can do; against the real services the budgets, not the engine, set the pace.
 */
function budgetFreeClock(): () => number {
  let skew = 0;
  return () => Date.now() + (skew += 61_000);
}

/** The inbound webhook secret the desk's integration checks (a bench plays both senders). */
export const BENCH_WEBHOOK_SECRET = 'webhook-secret-for-bench-0123456789';

/**
 * One two-way integration with webhooks on, in a headless app core of its own, against the simulators in their own
 * process.
 */
export interface BenchDesk {
  sims: SimProcess;
  dataDir: string;
  core: AppCore;
  server: Awaited<ReturnType<AppCore['engine']['webhookServer']>>;
  config: IntegrationConfig;
  runtime: IntegrationRuntime;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  close(): Promise<void>;
}

export async function startBenchDesk(name: string): Promise<BenchDesk> {
  const sims = await startSimProcess();
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbridge-bench-'));
  const core = await createAppCore({
    mode: 'headless',
    dataDir,
    demo: false,
    settingsBackend: { store: { ui: { webhookPort: 0 } } },
    env: { SDP_KEY: sims.sdp.apiKey, FD_KEY: sims.flashduty.appKey, DESKBRIDGE_WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET },
    clientOptions: { sdp: { clock: { now: budgetFreeClock(), sleep } }, flashduty: { now: budgetFreeClock() } },
    vault: () => {
      throw new Error('the bench takes secrets from the environment only');
    },
  });
  const close = async (): Promise<void> => {
    await core.close();
    await sims.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const result = await core.dispatcher.dispatch(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as MethodOutput<M>;
  };
  try {
    const server = await core.engine.webhookServer();
    const config = await call('integrations.save', {
      config: {
        name,
        direction: 'two_way',
        sdp: { platform: 'onprem', endpoint: sims.sdp.origin, apiKey: { env: 'SDP_KEY' } },
        flashduty: { apiBase: sims.flashduty.baseUrl, appKey: { env: 'FD_KEY' } },
        ingress: {
          webhooks: true,
          webhookSecret: { env: 'DESKBRIDGE_WEBHOOK_SECRET' },
          flashdutyPollSeconds: 3600,
          sdpPollSeconds: 3600,
        },
      },
    });
    return { sims, dataDir, core, server, config, runtime: core.engine.runtime(config.id)!, call, close };
  } catch (error) {
    await close();
    throw error;
  }
}
