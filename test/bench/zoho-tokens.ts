import https from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectSdpCloud } from '../../electron/services/connections';
import { createSecretResolver } from '../../electron/services/secrets';
import type { Vault } from '../../electron/services/vault';
import { ZohoTokens } from '../../electron/services/zoho-tokens';
import { sdpSettings } from '../../electron/services/clients';
import { createSdpClient } from '../../shared/node/sdp/client';
import { defaultIntegrationConfig } from '../../shared/common/config';
import { startSdpSimulator } from '../../simulators/sdp/index';
import { makeLocalCa } from '../../simulators/sdp/local-ca';
import type { BenchLine } from './headless';

const HOUR_MS = 3600_000;
const STEP_MS = 30_000;
const RESTART_AT_MS = [20 * 60_000, 40 * 60_000];

/** The keychain's contract without the OS keychain: the bench measures minting, not D-Bus. */
function memoryVault(): Vault {
  const entries = new Map<string, string>();
  const key = (id: string, name: string) => `${id}/${name}`;
  return {
    set: async (id, name, value) => void entries.set(key(id, name), value),
    get: async (id, name) => entries.get(key(id, name)) ?? null,
    delete: async (id, name) => entries.delete(key(id, name)),
    deleteAll: async () => 0,
    state: async (id, name) => (entries.has(key(id, name)) ? { state: 'set' } : { state: 'missing' }),
    markInvalid: () => undefined,
    markExpiring: () => undefined,
    clearMark: () => undefined,
    check: async () => undefined,
  };
}

/**
 * Access tokens Zoho mints for one SDP Cloud integration in a simulated hour: connect, then a call
 * every 30 s from the runtime, metadata refreshes and a Test connection every 10 minutes, with the
 * app restarted twice (new processes' caches, same keychain). Every client shares the app's cache.
 */
export async function benchZohoTokens(): Promise<BenchLine[]> {
  const dir = mkdtempSync(join(tmpdir(), 'deskbridge-bench-zoho-'));
  const ca = makeLocalCa(dir, '127.0.0.1');
  // SDP Cloud is https only; this process trusts the simulator's CA as NODE_EXTRA_CA_CERTS would.
  const agent = https.globalAgent.options;
  const trusted = agent.ca;
  agent.ca = ca.caPem;
  const sim = await startSdpSimulator({ edition: 'cloud', tls: { key: ca.key, cert: ca.cert } });
  try {
    const creds = sim.credentials as { accountsServer: string; clientId: string; clientSecret: string };
    const config = defaultIntegrationConfig({
      id: 'bench-zoho',
      name: 'Bench Zoho',
      sdp: {
        platform: 'cloud',
        dataCenter: 'US',
        apiDomain: new URL(sim.origin).host,
        accountsServer: sim.origin,
        portal: sim.portal,
        clientId: creds.clientId,
      },
      now: Date.now(),
    });
    const settingsFor = async (resolve: ReturnType<typeof createSecretResolver>) => ({
      ...(await sdpSettings(config, resolve)),
      rateLimitPerMin: 10_000,
    });
    const vault = memoryVault();
    let t = Date.now();
    const clock = { now: () => t, sleep: async (ms: number) => void (t += ms) };
    const advance = (ms: number) => {
      t += ms;
      sim.advanceClock(ms);
    };
    let app = new ZohoTokens(() => vault);
    const before = sim.tokensMinted();
    await connectSdpCloud(config, { clientSecret: creds.clientSecret, grantCode: sim.mintGrantCode() }, vault, {
      sdp: { clock, ...app.clientOptions(config) },
    });
    const resolve = createSecretResolver(() => vault, {});
    const build = async () => createSdpClient(await settingsFor(resolve), { clock, ...app.clientOptions(config) });
    let runtime = await build();
    for (let at = 0; at < HOUR_MS; at += STEP_MS) {
      if (RESTART_AT_MS.includes(at)) {
        app = new ZohoTokens(() => vault);
        runtime = await build();
      }
      await runtime.listRequests({ rowCount: 10 });
      if (at % (10 * 60_000) === 0) {
        const metadata = await build();
        const test = await build();
        await Promise.all([
          metadata.listPriorities(),
          metadata.listStatuses(),
          test.listTemplates(),
          test.getRequestMetainfo(),
        ]);
      }
      advance(STEP_MS);
    }
    return [{ name: 'zoho_tokens_minted_per_hour', value: sim.tokensMinted() - before, unit: 'tokens' }];
  } finally {
    await sim.close();
    agent.ca = trusted;
    https.globalAgent.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
