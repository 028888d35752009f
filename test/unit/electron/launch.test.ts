import { describe, expect, it } from 'vitest';
import { checkElectron } from '../../../electron/launch-check';
import { isSafeExternalUrl } from '../../../electron/external-links';
import { defaultDataDir } from '../../../electron/services/data-dir';
import { parseServeArgs, isLoopbackHost } from '../../../electron/cli-args';
import { mainWindowWebPreferences } from '../../../electron/window-options';

describe('checkElectron', () => {
  const pkg = '/app/node_modules/electron';
  const files = (present: Record<string, string>) => ({
    exists: (p: string) => p in present,
    readText: (p: string) => present[p] ?? '',
  });
  it.each<{
    name: string;
    dir: string | undefined;
    env: NodeJS.ProcessEnv;
    fs: Record<string, string>;
    reason: RegExp;
  }>([
    {
      name: 'package missing',
      dir: undefined,
      env: { DISPLAY: ':0' },
      fs: {},
      reason: /not installed \(run npm install\)/,
    },
    {
      name: 'no display on Linux',
      dir: pkg,
      env: {},
      fs: { [`${pkg}/path.txt`]: 'electron', [`${pkg}/dist/electron`]: '' },
      reason: /no display/,
    },
    { name: 'binary never downloaded', dir: pkg, env: { DISPLAY: ':0' }, fs: {}, reason: /downloads it from GitHub/ },
    {
      name: 'path.txt but no binary',
      dir: pkg,
      env: { DISPLAY: ':0' },
      fs: { [`${pkg}/path.txt`]: 'electron' },
      reason: /binary is not installed/,
    },
  ])('$name → headless with a reason', ({ dir, env, fs, reason }) => {
    const result = checkElectron({ electronPackageDir: dir, platform: 'linux', env, ...files(fs) });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('finds the binary when it is there', () => {
    const result = checkElectron({
      electronPackageDir: pkg,
      platform: 'linux',
      env: { WAYLAND_DISPLAY: 'wayland-0' },
      ...files({ [`${pkg}/path.txt`]: 'electron\n', [`${pkg}/dist/electron`]: '' }),
    });
    expect(result).toEqual({ ok: true, binary: `${pkg}/dist/electron` });
  });

  it('needs no display variable on macOS and honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const result = checkElectron({
      electronPackageDir: pkg,
      platform: 'darwin',
      env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' },
      ...files({
        [`${pkg}/path.txt`]: 'Electron.app/Contents/MacOS/Electron',
        '/opt/electron/Electron.app/Contents/MacOS/Electron': '',
      }),
    });
    expect(result).toEqual({ ok: true, binary: '/opt/electron/Electron.app/Contents/MacOS/Electron' });
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://docs.flashcat.cloud/en/on-call/', true],
    ['http://example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['https://user:pass@example.com/', false],
    ['smb://host/share', false],
    ['not a url', false],
  ])('%s → %s', (url, safe) => expect(isSafeExternalUrl(url)).toBe(safe));
});

describe('defaultDataDir', () => {
  it.each([
    ['linux', {}, '/home/ann/.config/DeskBridge'],
    ['linux', { XDG_CONFIG_HOME: '/xdg' }, '/xdg/DeskBridge'],
    ['darwin', {}, '/home/ann/Library/Application Support/DeskBridge'],
    ['win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann\\AppData\\Roaming/DeskBridge'],
  ] as const)('%s %j', (platform, env, expected) => {
    expect(defaultDataDir(platform, env, '/home/ann')).toBe(expected);
  });
});

describe('parseServeArgs', () => {
  it('has safe defaults', () => {
    expect(parseServeArgs([])).toEqual({
      port: 4780,
      host: '127.0.0.1',
      dataDir: undefined,
      configFile: undefined,
      demo: false,
    });
  });
  it('reads every flag', () => {
    expect(
      parseServeArgs(['--port', '0', '--host', '0.0.0.0', '--data-dir', '/d', '--config', 'c.json', '--demo']),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/d',
      configFile: 'c.json',
      demo: true,
    });
  });
  it.each([
    [['--port', 'abc'], /--port must be a number from 0 to 65535/],
    [['--port', '70000'], /--port must be/],
    [['--port', '-1'], /--port/],
    [['--bogus'], /Usage: npm run serve/],
    [['stray'], /Usage: npm run serve/],
    [['--host', ' '], /--host needs an address/],
  ])('%j → clear error', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(message);
  });
  it.each([
    ['127.0.0.1', true],
    ['127.0.0.2', true],
    ['localhost', true],
    ['::1', true],
    ['0.0.0.0', false],
    ['192.168.1.5', false],
  ])('isLoopbackHost(%s) = %s', (host, loopback) => expect(isLoopbackHost(host)).toBe(loopback));
});

describe('mainWindowWebPreferences', () => {
  it('keeps every security switch of the Electron checklist', () => {
    expect(mainWindowWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
