import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/common/contract';
import { createKeychainVault } from '../../electron/services/vault';
import { startFlashdutySimulator, type FlashdutySimulator } from '../../simulators/flashduty/index';
import { startSdpSimulator, type SdpSimulator } from '../../simulators/sdp/index';
import { postContract, startServe, type ServeProcess } from '../helpers/headless';

const unavailable = await createKeychainVault()
  .check()
  .then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
if (unavailable !== undefined && process.env.CI === 'true')
  throw new Error(`CI needs a keychain for this test: ${unavailable}`);
if (unavailable !== undefined) console.warn(`Skipping the secret-leak scan: no keychain reachable (${unavailable})`);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Issue 6: after a full run through the HTTP API (secrets set, connection tested, incidents
 * pushed, log read), no secret value appears in the data folder, the server's output, or any
 * API response except the one documented exception (the inbound webhook secret in the setup helper).
 */
/** A credential in the server's environment that no config names: the setup helper must never read it out. */
const ENV_PROBE = 'env-probe-credential-0123456789abcdef';

describe.skipIf(unavailable !== undefined)('no secret leaves the keychain', () => {
  let sdp: SdpSimulator;
  let fd: FlashdutySimulator;
  let serve: ServeProcess;
  const responses: string[] = [];
  let integrationId = '';

  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const response = await postContract(serve, method, input);
    const text = await response.text();
    responses.push(`${method}: ${text}`);
    const body = JSON.parse(text) as { result?: unknown; error?: { message: string } };
    if (!response.ok) throw new Error(`${method}: ${body.error?.message}`);
    return body.result as MethodOutput<M>;
  };

  beforeAll(async () => {
    [sdp, fd, serve] = await Promise.all([
      startSdpSimulator({ edition: 'onprem' }),
      startFlashdutySimulator({}),
      startServe([], { ...process.env, LEAK_PROBE_TOKEN: ENV_PROBE }),
    ]);
  });
  afterAll(async () => {
    if (integrationId) await call('integrations.delete', { id: integrationId }).catch(() => undefined);
    await serve?.stop();
    await Promise.all([sdp?.close(), fd?.close()]);
  });

  it('scans the data folder, the output and every response', async () => {
    const apiKey = (sdp.credentials as { apiKey: string }).apiKey;
    await call('settings.set', { webhookPort: 0 });
    const config = await call('integrations.save', {
      config: {
        name: 'Leak scan',
        direction: 'two_way',
        sdp: { platform: 'onprem', endpoint: sdp.origin },
        flashduty: { apiBase: fd.baseUrl },
        ingress: { webhooks: true },
      },
    });
    integrationId = config.id;
    await call('secrets.set', { integrationId, name: 'sdp.apiKey', value: apiKey });
    await call('secrets.set', { integrationId, name: 'flashduty.appKey', value: fd.appKey });
    const states = await call('secrets.state', { integrationId });
    expect(states.secrets).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'sdp.apiKey', state: 'set' })]),
    );
    const report = await call('connections.test', { integrationId });
    expect(report.sdp.every((c) => c.ok)).toBe(true);
    const incident = fd.createIncident({ title: 'Leak scan incident', severity: 'Critical' });
    const pushed = await call('incidents.push', { integrationId, incidentIds: [incident.incident_id] });
    expect(pushed.results[0]?.outcome).toBe('created');
    await call('log.query', { integrationId });
    await call('config.export', {});
    const setup = await call('integrations.webhookSetup', { id: integrationId });
    const webhookSecret = setup.secretHeader.value;
    expect(webhookSecret.length).toBeGreaterThan(20);
    // Issue 12: pointing the webhook secret at another secret would make the setup helper read it out.
    for (const ref of [
      { secret: 'sdp.apiKey' },
      { secret: 'flashduty.appKey' },
      { secret: 'sdp.refreshToken' },
      { env: 'LEAK_PROBE_TOKEN' },
    ]) {
      const saved = call('integrations.save', {
        config: { ...config, ingress: { ...config.ingress, webhookSecret: ref } },
      });
      await expect(saved).rejects.toThrow(/ingress\.webhookSecret.*webhook\.secret/s);
      expect((await call('integrations.webhookSetup', { id: integrationId })).secretHeader.value).toBe(webhookSecret);
    }
    expect(await serve.stop()).toBe(0);

    const secrets = {
      'SDP API key': apiKey,
      'Flashduty app key': fd.appKey,
      'webhook secret': webhookSecret,
      'environment credential': ENV_PROBE,
    };
    const leaks: string[] = [];
    for (const file of filesUnder(serve.dataDir)) {
      const bytes = readFileSync(file).toString('latin1');
      for (const [name, value] of Object.entries(secrets)) if (bytes.includes(value)) leaks.push(`${name} in ${file}`);
    }
    const output = [...serve.stdout, ...serve.stderr].join('\n');
    for (const [name, value] of Object.entries(secrets))
      if (output.includes(value)) leaks.push(`${name} in the server output`);
    for (const response of responses) {
      for (const [name, value] of Object.entries(secrets)) {
        if (
          response.includes(value) &&
          !(name === 'webhook secret' && response.startsWith('integrations.webhookSetup:'))
        )
          leaks.push(`${name} in ${response.slice(0, 40)}`);
      }
    }
    expect(leaks).toEqual([]);
    // The scan itself must be able to see a value it looks for: the data folder holds the config.
    expect(filesUnder(serve.dataDir).some((f) => readFileSync(f, 'utf8').includes('Leak scan'))).toBe(true);
    serve = await startServe(['--data-dir', serve.dataDir]);
  });
});
