import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/common/errors';
import { createAppCore, type AppCore } from '../../electron/services/app-core';
import type { SettingsBackend } from '../../electron/services/settings';

/** An app core over an in-memory settings object, for tests that exercise the contract. */
export function memoryAppCore(
  store: Record<string, unknown> = { ui: { webhookPort: 0 } },
): Promise<AppCore & { backend: SettingsBackend }> {
  const backend: SettingsBackend = { store };
  return createAppCore({
    mode: 'headless',
    dataDir: mkdtempSync(join(tmpdir(), 'deskbridge-core-')),
    demo: false,
    settingsBackend: backend,
    env: {},
    // No keychain here: integrations without secrets are expected to need attention.
    vault: () => {
      throw new AppError('vault.unavailable', 'No keychain in this test.');
    },
  }).then((core) => ({ ...core, backend }));
}

export const ONPREM_DRAFT = {
  name: 'Ops on-prem',
  sdp: { platform: 'onprem' as const, endpoint: 'https://sdp.example.com:8080' },
};
