import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The keychain-unavailable paths, each in a child process with its own D-Bus environment so the
 * test behaves the same inside or outside `dbus-run-session`. HOME and the XDG dirs point at an
 * empty temp dir, which proves DeskBridge wrote nothing to disk instead of the keychain.
 */
const CHILD = fileURLToPath(new URL('./fixtures/vault-child.ts', import.meta.url));
const WITH_KEYRING = fileURLToPath(new URL('../../../scripts/with-keyring.sh', import.meta.url));
const VALUE = `child-secret-${randomBytes(8).toString('hex')}`;
const SERVICE = `DeskBridge-test-${process.pid}-${randomBytes(4).toString('hex')}`;
const root = mkdtempSync(join(tmpdir(), 'deskbridge-vault-'));

afterAll(() => rmSync(root, { recursive: true, force: true }));

interface ChildLine {
  op: string;
  ok: boolean;
  code?: string;
  message?: string;
  details?: Record<string, unknown>;
  retryable?: boolean;
}

function isolatedEnv(home: string, overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_RUNTIME_DIR: home,
    VAULT_TEST_SERVICE: SERVICE,
    VAULT_TEST_VALUE: VALUE,
  };
  // No display: a keyring unlock prompt must fail at once instead of waiting for a click.
  for (const name of ['DISPLAY', 'WAYLAND_DISPLAY', 'DBUS_SESSION_BUS_ADDRESS', 'GNOME_KEYRING_CONTROL'])
    delete env[name];
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

function run(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ lines: ChildLine[]; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${command} exited with ${code}: ${stderr}`));
      const lines = stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as ChildLine);
      resolve({ lines, output: stdout + stderr });
    });
  });
}

const nodeArgs = ['--import', 'tsx', CHILD];

function freshHome(name: string): string {
  const home = join(root, name);
  execFileSync('mkdir', ['-p', home]);
  return home;
}

function expectUnavailable(lines: ChildLine[], failure: string, ops: readonly string[]): void {
  for (const op of ops) {
    const line = lines.find((l) => l.op === op);
    expect(line, `no output for ${op}`).toBeDefined();
    expect(line).toMatchObject({ ok: false, code: 'vault.unavailable', details: { failure } });
  }
}

function expectNothingLeaked(output: string, home: string, allowedEntries: readonly string[] = []): void {
  expect(output).not.toContain(VALUE);
  const written = readdirSync(home, { recursive: true })
    .map(String)
    .filter((p) => !allowedEntries.some((a) => p.startsWith(a)));
  expect(written).toStrictEqual([]);
}

function has(binary: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('no D-Bus session', () => {
  it.each([
    ['DBUS_SESSION_BUS_ADDRESS unset', undefined],
    ['DBUS_SESSION_BUS_ADDRESS pointing nowhere', 'unix:path=/nonexistent/deskbridge-test-bus'],
  ])('%s: every operation fails with vault.unavailable telling the admin what to install', async (name, address) => {
    const home = freshHome(name.replace(/\W+/g, '-'));
    const { lines, output } = await run(
      process.execPath,
      nodeArgs,
      isolatedEnv(home, { DBUS_SESSION_BUS_ADDRESS: address }),
    );
    expectUnavailable(lines, 'no-session-bus', ['check', 'set', 'get', 'state', 'delete', 'deleteAll']);
    const message = lines[0]?.message ?? '';
    expect(message).toMatch(/gnome-keyring/);
    expect(message).toMatch(/KeePassXC/);
    expect(message).toMatch(/environment variable/);
    expect(lines.find((l) => l.op === 'set')?.details).toMatchObject({
      account: 'child/sdp.apiKey',
      service: SERVICE,
      operation: 'set',
    });
    expectNothingLeaked(output, home);
  });
});

// These start their own private D-Bus (and keyring) inside the child, so they need the Debian
// packages dbus, gnome-keyring and libglib2.0-bin (gdbus). CI installs them; elsewhere they skip.
const tools = ['dbus-run-session', 'gnome-keyring-daemon', 'gdbus'].filter((t) => !has(t));
const mustRun = process.env.CI === 'true';
const privateBus = tools.length === 0 || mustRun ? describe : describe.skip;

privateBus(
  `private D-Bus without a usable keyring${tools.length > 0 ? ` (skipped: missing ${tools.join(', ')})` : ''}`,
  () => {
    it('no Secret Service provider on the bus: tells the admin to install one', async () => {
      const home = freshHome('no-provider');
      const config = join(root, 'no-provider-bus.conf');
      // A session bus with no service directories, so nothing can be activated as org.freedesktop.secrets.
      writeFileSync(
        config,
        `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:tmpdir=${root}</listen>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`,
      );
      const { lines, output } = await run(
        'dbus-run-session',
        [`--config-file=${config}`, '--', process.execPath, ...nodeArgs],
        isolatedEnv(home, {}),
      );
      expectUnavailable(lines, 'no-provider', ['check', 'set', 'get', 'state', 'delete', 'deleteAll']);
      expect(lines[0]?.message).toMatch(/Install gnome-keyring/);
      expectNothingLeaked(output, home);
    });

    it('Secret Service without a default keyring: check fails instead of reporting "missing" forever', async () => {
      const home = freshHome('no-default-keyring');
      const { lines, output } = await run(
        'dbus-run-session',
        ['--', process.execPath, ...nodeArgs],
        isolatedEnv(home, {}),
      );
      expectUnavailable(lines, 'no-default-keyring', ['check', 'set']);
      expect(lines[0]?.message).toMatch(/default keyring/);
      // gnome-keyring-daemon creates its own runtime files; only keyrings would hold secrets.
      expect(output).not.toContain(VALUE);
      expect(
        readdirSync(home, { recursive: true })
          .map(String)
          .filter((p) => p.includes('keyrings/') && p.endsWith('.keyring')),
      ).toStrictEqual([]);
    });

    it('locked keyring holding the secret: tells the admin to unlock it and marks the failure retryable', async () => {
      const home = freshHome('locked');
      const script = [
        'echo -n test-keyring-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
        `"${process.execPath}" --import tsx "${CHILD}" seed`,
        'gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets ' +
          '--method org.freedesktop.Secret.Service.Lock "[objectpath \'/org/freedesktop/secrets/collection/login\']" >/dev/null',
        `exec "${process.execPath}" --import tsx "${CHILD}"`,
      ].join(' && ');
      const { lines, output } = await run('dbus-run-session', ['--', 'bash', '-c', script], isolatedEnv(home, {}));
      expect(lines[0]).toMatchObject({ op: 'seed', ok: true });
      expectUnavailable(lines, 'locked', ['check', 'set', 'get', 'state', 'delete', 'deleteAll']);
      const check = lines.find((l) => l.op === 'check');
      expect(check?.message).toMatch(/locked.*Unlock it/);
      expect(check?.retryable).toBe(true);
      expect(output).not.toContain(VALUE);
    });

    // gnome-keyring 42.1 crashes now and then under connection churn, and D-Bus restarts it with the
    // login keyring locked; scripts/with-keyring.sh (CI's session) restarts it unlocked instead.
    const crashThenRun = [
      `"${process.execPath}" --import tsx "${CHILD}" seed`,
      'pid=$(gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus ' +
        "--method org.freedesktop.DBus.GetConnectionUnixProcessID org.freedesktop.secrets | sed -E 's/.*uint32 ([0-9]+).*/\\1/')",
      'kill -SEGV "$pid"',
      'while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done',
      `exec "${process.execPath}" --import tsx "${CHILD}"`,
    ].join(' && ');

    it.each([
      ['a plain session (the stock service file restarts it locked)', false],
      ['scripts/with-keyring.sh (its own service file restarts it unlocked)', true],
    ])('the keyring daemon crashes after a secret is stored, in %s', async (_name, healed) => {
      const home = freshHome(healed ? 'crash-healed' : 'crash-locked');
      const { lines, output } = healed
        ? await run('bash', [WITH_KEYRING, 'bash', '-c', crashThenRun], isolatedEnv(home, {}))
        : await run(
            'dbus-run-session',
            [
              '--',
              'bash',
              '-c',
              `echo -n test-keyring-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && ${crashThenRun}`,
            ],
            isolatedEnv(home, {}),
          );
      expect(lines[0]).toMatchObject({ op: 'seed', ok: true });
      const after = lines.slice(1);
      expect(after.map((l) => l.op)).toStrictEqual(['check', 'set', 'get', 'state', 'delete', 'deleteAll']);
      if (healed) expect(after.filter((l) => !l.ok)).toStrictEqual([]);
      else expectUnavailable(after, 'locked', ['check', 'set']);
      expect(output).not.toContain(VALUE);
    });
  },
);
