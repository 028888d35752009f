import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const REPO = resolve(import.meta.dirname, '../..');
export const HEADLESS_ENTRY = join(REPO, 'dist/node/headless.js');
const READY = /^DeskBridge ready: (http:\/\/\S+\/\?token=(\S+))$/;

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Every line the server printed on each stream, for tests that scan the output. */
  stdout: string[];
  stderr: string[];
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** One contract call over a headless server's HTTP API, as the page makes it; the raw response, refusals included. */
export function postContract(
  serve: Pick<ServeProcess, 'origin' | 'token'>,
  method: string,
  input: unknown,
): Promise<Response> {
  return fetch(`${serve.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${serve.token}` },
    body: JSON.stringify(input),
  });
}

/** Runs the built headless server (`npm test` builds first) and waits for its ready line. */
export function startServe(args: string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<ServeProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbridge-e2e-'));
  const child = spawn(process.execPath, [HEADLESS_ENTRY, '--port', '0', '--data-dir', dataDir, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ready line within 20 s; stderr: ${stderr.join('\n')}`)),
      20_000,
    );
    child.once('exit', (code) =>
      reject(new Error(`serve exited with ${code} before ready; stderr: ${stderr.join('\n')}`)),
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      stdout.push(line);
      const match = READY.exec(line);
      if (!match) return;
      clearTimeout(timer);
      const url = match[1]!;
      resolvePromise({
        child,
        url,
        origin: new URL(url).origin,
        token: match[2]!,
        dataDir,
        stdout,
        stderr,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}
