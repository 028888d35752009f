import { join } from 'node:path';

/**
 * The directory Electron would use as `app.getPath('userData')` for DeskBridge, computed without
 * Electron, so the desktop app and headless mode on one machine share settings and state.
 */
export function defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'DeskBridge');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'DeskBridge');
    default:
      return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'DeskBridge');
  }
}
