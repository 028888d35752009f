import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronAvailability = { ok: true; binary: string } | { ok: false; reason: string };

export interface LaunchEnvironment {
  /** node_modules/electron, or undefined when the package is not installed. */
  electronPackageDir: string | undefined;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  exists?: (path: string) => boolean;
  readText?: (path: string) => string;
}

/**
 * Decides whether `npm start` can open the desktop app, without importing `electron` (which, in
 * plain Node, tries to download its binary and throws when it cannot).
 */
export function checkElectron(launch: LaunchEnvironment): ElectronAvailability {
  const exists = launch.exists ?? existsSync;
  const readText = launch.readText ?? ((p: string) => readFileSync(p, 'utf8'));
  if (launch.electronPackageDir === undefined) {
    return { ok: false, reason: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = join(launch.electronPackageDir, 'path.txt');
  const relative = exists(pathFile) ? readText(pathFile).trim() : '';
  const distDir = launch.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(launch.electronPackageDir, 'dist');
  const binary = relative === '' ? undefined : join(distDir, relative);
  if (binary === undefined || !exists(binary)) {
    return {
      ok: false,
      reason:
        'the Electron binary is not installed (Electron downloads it from GitHub on first run, and this machine cannot reach it)',
    };
  }
  if (launch.platform === 'linux' && !launch.env.DISPLAY && !launch.env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  return { ok: true, binary };
}
