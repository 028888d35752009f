import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../electron/services/data-lock';
import { HEADLESS_ENTRY, startServe, type ServeProcess } from '../helpers/headless';

/** Runs a second headless server to its exit, collecting what it printed. */
function runToExit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [HEADLESS_ENTRY, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('one DeskBridge per data folder', () => {
  let first: ServeProcess | undefined;
  afterAll(async () => {
    await first?.stop();
  });

  it('a second headless server on the same folder names the holder and exits non-zero; the folder is free again after the first stops', async () => {
    first = await startServe();
    const second = await runToExit(['--data-dir', first.dataDir]);
    expect(second.code).toBe(1);
    expect(second.stdout).not.toContain('DeskBridge ready');
    expect(second.stderr).toContain(`Another DeskBridge (process ${first.child.pid}, headless`);
    expect(second.stderr).toContain(first.dataDir);
    // The first one is untouched: still serving, still the holder.
    expect(JSON.parse(readFileSync(join(first.dataDir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({
      pid: first.child.pid,
    });
    expect(
      (
        await fetch(`${first.origin}/api/app.info`, {
          method: 'POST',
          headers: { authorization: `Bearer ${first.token}` },
        })
      ).status,
    ).toBe(200);

    const dataDir = first.dataDir;
    expect(await first.stop()).toBe(0);
    first = undefined;
    const again = await startServe(['--data-dir', dataDir]);
    expect(await again.stop()).toBe(0);
  });

  it('a lock left by a killed server is taken over', async () => {
    const killed = await startServe();
    killed.child.kill('SIGKILL');
    await new Promise((resolve) => killed.child.once('exit', resolve));
    expect(JSON.parse(readFileSync(join(killed.dataDir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({
      pid: killed.child.pid,
    });
    const next = await startServe(['--data-dir', killed.dataDir]);
    expect(JSON.parse(readFileSync(join(killed.dataDir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({
      pid: next.child.pid,
    });
    expect(await next.stop()).toBe(0);
  });
});
