import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IntegrationDraftInput } from '../../shared/common/config';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/common/contract';
import { createAppCore, type AppCore } from '../../electron/services/app-core';
import { startFlashdutySimulator, type FlashdutySimulator } from '../../simulators/flashduty/index';
import { FLASHDUTY_GUIDE_STATUSES, startSdpSimulator, type SdpSimulator } from '../../simulators/sdp/index';
import { memoryVault, trustLocalCertificate } from '../integration/connections/harness';
import type { ClientOptions } from '../../electron/services/clients';
import { fastClients } from './engine-clients';

export const WEBHOOK_SECRET = 'webhook-secret-for-tests-0123456789';

export interface EngineHarnessOptions {
  dataDir?: string;
  /** SDP Cloud (OAuth over HTTPS) instead of on-prem; `save` connects it with a grant code, as the admin would. */
  edition?: 'onprem' | 'cloud';
  /** Seed of both simulators' 5xx draws. */
  seed?: number;
  /**
   * On-prem statuses: `guide` (default) adds those Flashduty's SDP guide maps (In Progress, On Hold, …),
   * as an admin following that guide does; `defaults` keeps only on-prem's four (Open, Onhold, Resolved, Closed).
   */
  sdpStatuses?: 'guide' | 'defaults';
  /** The engine's client options; default fastClients() (budgets and retries on a virtual clock). */
  clientOptions?: ClientOptions;
  /** The outbox's backoff; default 20 ms doubling to 200 ms, so deferred writes come due within a test. */
  retry?: { baseDelayMs: number; maxDelayMs: number };
}

export interface EngineHarness {
  /** Moves the engine's clock forward (e.g. past the pollers' overlap window) without waiting. */
  advanceEngineClock(ms: number): void;
  sdp: SdpSimulator;
  fd: FlashdutySimulator;
  core: AppCore;
  dataDir: string;
  /** Secrets by environment-variable name, read once at start (as the app does). */
  env: Record<string, string>;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** An integration against both simulators (on-prem or cloud, as started), secrets from environment variables. */
  draft(patch?: Partial<IntegrationDraftInput>): IntegrationDraftInput;
  /** Saves a draft (and connects SDP Cloud) and returns its ID. */
  save(patch?: Partial<IntegrationDraftInput>): Promise<string>;
  /**
   * SDP Cloud: the admin's Connect step with a fresh grant code (stores a new refresh token, restarts the integration).
   */
  connectCloud(id: string): Promise<void>;
  /** One poll of both sides, then waits until every queued change has run. */
  settle(id: string): Promise<void>;
  /** Polls until nothing changes any more (follow-up passes, e.g. comments after a create). */
  converge(id: string, rounds?: number): Promise<void>;
  /** Points both simulators' webhooks at the engine's webhook server, as the setup screen tells the admin. */
  wireWebhooks(id: string): Promise<{ sdpUrl: string; flashdutyUrl: string; header: { name: string; value: string } }>;
  close(): Promise<void>;
}

/** Both simulators plus a real app core (real SQLite, real engine) in one process. */
export async function startEngineHarness(options: EngineHarnessOptions = {}): Promise<EngineHarness> {
  const edition = options.edition ?? 'onprem';
  const tls = edition === 'cloud' ? trustLocalCertificate() : null;
  const seed = options.seed ?? 1;
  const [sdp, fd] = await Promise.all([
    startSdpSimulator({
      edition,
      seed,
      ...(tls ? { tls: { key: tls.key, cert: tls.cert } } : {}),
      ...(edition === 'onprem' && (options.sdpStatuses ?? 'guide') === 'guide'
        ? { addStatuses: FLASHDUTY_GUIDE_STATUSES }
        : {}),
    }),
    startFlashdutySimulator({ rateLimit: false, seed }),
  ]);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'deskbridge-engine-'));
  // FD_KEY_WRONG: a key Flashduty refuses, as after the admin revoked it.
  const env: Record<string, string> = {
    FD_KEY: fd.appKey,
    FD_KEY_WRONG: 'fdsim0revoked0key000000000000000',
    DESKBRIDGE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
  if ('apiKey' in sdp.credentials) env.SDP_KEY = sdp.credentials.apiKey;
  // The cloud client secret and refresh token live in the (in-memory) keychain, as the Connect flow leaves them.
  const vault = memoryVault();
  let clockOffset = 0;
  const core = await createAppCore({
    now: () => Date.now() + clockOffset,
    mode: 'headless',
    dataDir,
    demo: false,
    // Port 0: test files run in parallel, each with its own webhook server.
    settingsBackend: { store: { ui: { webhookPort: 0 } } },
    env,
    clientOptions: options.clientOptions ?? fastClients(),
    retry: options.retry ?? { baseDelayMs: 20, maxDelayMs: 200 },
    vault: () => vault,
  });
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const result = await core.dispatcher.dispatch(method, input);
    if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.message}`), { error: result.error });
    return result.value as MethodOutput<M>;
  };
  const sdpConnection = (): IntegrationDraftInput['sdp'] => {
    if (edition === 'onprem') return { platform: 'onprem', endpoint: sdp.origin, apiKey: { env: 'SDP_KEY' } };
    const c = sdp.credentials as { clientId: string };
    return {
      platform: 'cloud',
      dataCenter: 'US',
      apiDomain: new URL(sdp.origin).host,
      accountsServer: sdp.origin,
      portal: sdp.portal,
      clientId: c.clientId,
    };
  };
  const draft = (patch: Partial<IntegrationDraftInput> = {}): IntegrationDraftInput => ({
    name: 'Test integration',
    sdp: sdpConnection(),
    flashduty: { apiBase: fd.baseUrl, appKey: { env: 'FD_KEY' } },
    ingress: { webhookSecret: { env: 'DESKBRIDGE_WEBHOOK_SECRET' }, flashdutyPollSeconds: 3600, sdpPollSeconds: 3600 },
    ...patch,
  });
  const connectCloud = async (id: string): Promise<void> => {
    const c = sdp.credentials as { clientSecret: string };
    await call('connections.connectSdpCloud', {
      integrationId: id,
      clientSecret: c.clientSecret,
      grantCode: sdp.mintGrantCode(),
    });
  };
  const settle = async (id: string): Promise<void> => {
    const runtime = core.engine.runtime(id)!;
    await runtime.pollOnce();
    await core.engine.idle();
    // Retries the engine deferred (5xx, 429) are due after a few ms here; its own timer runs every 5 s.
    runtime.runner.resumeDue();
    await core.engine.idle();
  };
  return {
    advanceEngineClock: (ms) => {
      clockOffset += ms;
    },
    sdp,
    fd,
    core,
    dataDir,
    env,
    call,
    draft,
    save: async (patch) => {
      const { id } = await call('integrations.save', { config: draft(patch) });
      if (edition === 'cloud') await connectCloud(id);
      return id;
    },
    connectCloud,
    settle,
    converge: async (id, rounds = 4) => {
      for (let i = 0; i < rounds; i++) await settle(id);
    },
    wireWebhooks: async (id) => {
      const setup = await call('integrations.webhookSetup', { id });
      const header = setup.secretHeader;
      const hook = sdp.registerWebhook({
        name: 'DeskBridge',
        url: setup.sdp.url,
        headers: { [header.name]: header.value },
        body: setup.sdp.body,
      });
      sdp.registerTrigger({ name: 'DeskBridge', webhookId: hook.id, on: ['create', 'edit'] });
      fd.subscribe({ url: setup.flashduty.incidentWebhookUrl, headers: { [header.name]: header.value } });
      return { sdpUrl: setup.sdp.url, flashdutyUrl: setup.flashduty.incidentWebhookUrl, header };
    },
    close: async () => {
      await core.close();
      await Promise.all([sdp.close(), fd.close()]);
      tls?.restore();
    },
  };
}
