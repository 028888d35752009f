import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultIntegrationConfig } from '../../../shared/common/config';
import { AppError } from '../../../shared/common/errors';
import { createAppCore, type AppCore } from '../../../electron/services/app-core';

const fromFile = defaultIntegrationConfig({
  id: 'from-file',
  name: 'From the config file',
  sdp: { platform: 'onprem', endpoint: 'https://sdp.example.com:8080', apiKey: { env: 'SDP_API_KEY' } },
  now: 1,
});

let core: AppCore | undefined;
afterEach(() => core?.close());

describe('integrations from a headless --config file', () => {
  it('are listed and running but read-only, and never written to the settings file', async () => {
    const store: Record<string, unknown> = { ui: { webhookPort: 0 } };
    core = await createAppCore({
      mode: 'headless',
      dataDir: mkdtempSync(join(tmpdir(), 'deskbridge-managed-')),
      demo: false,
      settingsBackend: { store },
      managedIntegrations: [fromFile],
      env: {},
      vault: () => {
        throw new AppError('vault.unavailable', 'No keychain in this test.');
      },
    });
    const list = await core.dispatcher.dispatch('integrations.list', {});
    expect(list).toMatchObject({ ok: true, value: [{ id: 'from-file', name: 'From the config file' }] });
    expect(core.engine.runtime('from-file')).toBeDefined();

    for (const [method, input] of [
      ['integrations.save', { config: { ...fromFile, name: 'Renamed in the UI' } }],
      ['integrations.delete', { id: 'from-file' }],
      ['config.import', { json: JSON.stringify({ deskbridge: 1, integrations: [fromFile] }) }],
    ] as const) {
      expect(await core.dispatcher.dispatch(method, input)).toMatchObject({
        ok: false,
        error: { code: 'config.managed' },
      });
    }
    expect(store.integrations).toBeUndefined();
  });
});
