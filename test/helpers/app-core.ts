import { createAppCore, type AppCore } from '../../electron/services/app-core';
import type { SettingsBackend } from '../../electron/services/settings';

/** An app core over an in-memory settings object, for tests that exercise the contract. */
export function memoryAppCore(store: Record<string, unknown> = {}): Promise<AppCore & { backend: SettingsBackend }> {
  const backend: SettingsBackend = { store };
  return createAppCore({ mode: 'headless', dataDir: `/tmp/deskbridge-test-${process.pid}`, demo: false, settingsBackend: backend }).then((core) => ({ ...core, backend }));
}

export const ONPREM_DRAFT = {
  name: 'Ops on-prem',
  sdp: { platform: 'onprem' as const, endpoint: 'https://sdp.example.com:8080' },
};
