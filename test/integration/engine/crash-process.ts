import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

export interface CrashChild {
  process: ChildProcess;
  /** Resolves with the first JSON line matching `test`, or null when the child died first. */
  line(test: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown> | null>;
  /** Writes one command line to the child's stdin (stepped mode). */
  send(command: string): void;
  /** Resolves with how it ended; rejects when it failed on its own (the error carries its stderr). */
  exited: Promise<'killed' | 'exited'>;
}

/** Starts crash-child.ts with `env`; `stepped` makes it pass only on command (see the child). */
export function startCrashChild(env: NodeJS.ProcessEnv, stepped = false): CrashChild {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...env, ...(stepped ? { CRASH_STEPPED: '1' } : {}) },
    stdio: [stepped ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  const waiters: { test: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown> | null) => void }[] = [];
  let buffer = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const text of lines) {
      if (!text.startsWith('{')) continue;
      const parsed = JSON.parse(text) as Record<string, unknown>;
      for (const w of [...waiters]) {
        if (w.test(parsed)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(parsed);
        }
      }
    }
  });
  const exited = new Promise<'killed' | 'exited'>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      for (const w of waiters.splice(0)) w.resolve(null);
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0 || signal === 'SIGTERM') resolve('exited');
      else reject(new Error(`crash child exited with ${code ?? signal}: ${stderr}`));
    });
  });
  return {
    process: child,
    line: (test) => new Promise((resolve) => waiters.push({ test, resolve })),
    send: (command) => {
      child.stdin!.write(`${command}\n`);
    },
    exited,
  };
}
