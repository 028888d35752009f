import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright';
import { afterEach, describe, expect, it } from 'vitest';
import { checkElectron } from '../../electron/launch-check';
import { REPO } from '../helpers/headless';

function electronPackageDir(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

const availability = checkElectron({
  electronPackageDir: electronPackageDir(),
  platform: process.platform,
  env: process.env,
});

describe('desktop app (Playwright _electron)', () => {
  let app: ElectronApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('opens a hardened window whose page reaches main only through the contract', async (ctx) => {
    if (!availability.ok) {
      console.warn(`Skipping the Electron launch test: ${availability.reason}.`);
      ctx.skip(`Electron cannot start here: ${availability.reason}`);
    }
    app = await _electron.launch({
      executablePath: availability.ok ? availability.binary : '',
      args: [REPO],
      env: { ...process.env, CI: '1' },
    });
    const window = await app.firstWindow();
    await window.getByTestId('integrations-empty').waitFor();
    expect(window.url()).toBe('app://deskbridge/index.html');
    const exposed = await window.evaluate(() => ({
      bridge: Object.keys((window as unknown as { deskbridge: object }).deskbridge).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposed).toEqual({ bridge: ['invoke', 'subscribe'], require: 'undefined', process: 'undefined' });
    const info = await window.evaluate(() =>
      (window as unknown as { deskbridge: { invoke(m: string, i: unknown): Promise<unknown> } }).deskbridge.invoke(
        'app.info',
        {},
      ),
    );
    expect(info).toMatchObject({ ok: true, value: { mode: 'desktop' } });
  });
});
