import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  integrationConfigSchema,
  type IntegrationConfig,
  type IntegrationDraftInput,
} from '../../../shared/common/config';
import type { FlashdutySimulator } from '../../../simulators/flashduty/index';
import type { SdpSimulator } from '../../../simulators/sdp/index';

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

/**
 * One integration against these simulators for the crash child, in `dataDir`: the given fields on
 * top of an on-prem connection, secrets from variables, polls left to the test (hourly), and the
 * child's environment to run it with.
 */
export function crashChildSetup(
  sims: { sdp: SdpSimulator; fd: FlashdutySimulator },
  dataDir: string,
  fields: { id: string; name: string; webhooks?: boolean } & Omit<IntegrationDraftInput, 'name' | 'sdp' | 'ingress'>,
): { config: IntegrationConfig; env: NodeJS.ProcessEnv } {
  const { webhooks = false, ...rest } = fields;
  const now = Date.now();
  const config = integrationConfigSchema.parse({
    sdp: { platform: 'onprem', endpoint: sims.sdp.origin, apiKey: { env: 'SDP_KEY' } },
    flashduty: { apiBase: sims.fd.baseUrl, appKey: { env: 'FD_KEY' } },
    ingress: {
      webhooks,
      webhookSecret: { env: 'DESKBRIDGE_WEBHOOK_SECRET' },
      flashdutyPollSeconds: 3600,
      sdpPollSeconds: 3600,
    },
    createdAt: now - 1000,
    updatedAt: now - 1000,
    ...rest,
  });
  const env = {
    PATH: process.env.PATH,
    CRASH_DATA_DIR: dataDir,
    CRASH_CONFIG: JSON.stringify(config),
    SDP_KEY: (sims.sdp.credentials as { apiKey: string }).apiKey,
    FD_KEY: sims.fd.appKey,
    DESKBRIDGE_WEBHOOK_SECRET: 'crash-test-webhook-secret-0123456789',
  };
  return { config, env };
}

/** Starts crash-child.ts with `env`; `stepped` makes it pass only on command (see the child). */
export function startCrashChild(env: NodeJS.ProcessEnv, stepped = false): CrashChild {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...env, ...(stepped ? { CRASH_STEPPED: '1' } : {}) },
    stdio: [stepped ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  const waiters: {
    test: (l: Record<string, unknown>) => boolean;
    resolve: (l: Record<string, unknown> | null) => void;
  }[] = [];
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
