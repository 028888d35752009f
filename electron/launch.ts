import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkElectron } from './launch-check';
import { runHeadless } from './headless-server';

/**
 * `npm start`: open the desktop app when Electron can run here; otherwise say why in one line and
 * serve the same app headless, so `npm install && npm start` always ends in a working app.
 */
function electronPackageDir(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const check = checkElectron({ electronPackageDir: electronPackageDir(), platform: process.platform, env: process.env });

if (check.ok) {
  const child = spawn(check.binary, [appDir, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
} else {
  console.log(`DeskBridge: cannot open the desktop window because ${check.reason}; running headless instead.`);
  await runHeadless(process.argv.slice(2));
}
