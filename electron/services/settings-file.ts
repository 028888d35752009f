import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import type { SettingsBackend } from './settings';

export const SETTINGS_FILE_NAME = 'settings';

export interface OpenedSettings {
  backend: SettingsBackend;
  /** Set when the file was unreadable and was moved aside (kept, never deleted). */
  movedAside: string | undefined;
}

/**
 * Opens the settings file with `open` (electron-store on desktop, conf otherwise). A file that is
 * not valid JSON is renamed next to itself and a fresh one started, so the app still opens and
 * the admin's data is still on disk to recover.
 */
export function openSettingsFile(
  dataDir: string,
  open: () => SettingsBackend,
  now: () => number = Date.now,
): OpenedSettings {
  try {
    return { backend: open(), movedAside: undefined };
  } catch (error) {
    const file = join(dataDir, `${SETTINGS_FILE_NAME}.json`);
    if (!(error instanceof SyntaxError) || !existsSync(file)) throw error;
    const aside = join(dataDir, `${SETTINGS_FILE_NAME}.corrupt-${now()}.json`);
    renameSync(file, aside);
    return { backend: open(), movedAside: aside };
  }
}

/** conf with the same file name and format electron-store uses, for headless mode and tests. */
export function confSettings(dataDir: string): OpenedSettings {
  return openSettingsFile(
    dataDir,
    () =>
      new Conf<Record<string, unknown>>({
        cwd: dataDir,
        configName: SETTINGS_FILE_NAME,
        configFileMode: 0o600,
        projectSuffix: '',
      }),
  );
}
