import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SimEndpoints {
  sdp: { origin: string; apiKey: string };
  flashduty: { baseUrl: string; appKey: string };
}

export interface SimProcess extends SimEndpoints {
  child: ChildProcess;
  createIncidents(count: number, prefix: string): Promise<string[]>;
  resetTitle(incidentId: string, title: string): Promise<void>;
  updateSubject(requestId: string, subject: string): Promise<void>;
  subscribe(url: string, headers: Record<string, string>): Promise<string>;
  /** API calls each simulator has received since the last clearCalls. */
  callCounts(): Promise<{ sdp: number; flashduty: number }>;
  clearCalls(): Promise<void>;
  requestCount(): Promise<number>;
  /** CPU time the simulators' process has used so far (user + system), from /proc. */
  cpuMs(): number;
  close(): Promise<void>;
}

/** USER_HZ on Linux. */
const CLOCK_TICKS = 100;

/** Starts test/bench/sim-host.ts in its own Node process and talks to it over IPC. */
export async function startSimProcess(): Promise<SimProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'sim-host.ts')], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  const endpoints = await new Promise<SimEndpoints>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulator process exited with ${code}`)));
    child.on(
      'message',
      (message: { ready?: true; id?: number; result?: unknown; error?: string } & Partial<SimEndpoints>) => {
        if (message.ready) return resolve({ sdp: message.sdp!, flashduty: message.flashduty! });
        const waiter = pending.get(message.id!);
        pending.delete(message.id!);
        if (message.error !== undefined) waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.result);
      },
    );
  });
  const call = <T>(command: Record<string, unknown>): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, ...command });
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`simulator process exited with ${code}`));
    pending.clear();
  });
  return {
    ...endpoints,
    child,
    createIncidents: (count, prefix) => call({ cmd: 'createIncidents', count, prefix }),
    resetTitle: (incidentId, title) => call({ cmd: 'resetTitle', incidentId, title }),
    updateSubject: (requestId, subject) => call({ cmd: 'updateSubject', requestId, subject }),
    subscribe: (url, headers) => call({ cmd: 'subscribe', url, headers }),
    callCounts: () => call({ cmd: 'callCounts' }),
    clearCalls: () => call({ cmd: 'clearCalls' }),
    requestCount: () => call({ cmd: 'requestCount' }),
    cpuMs: () => {
      // Fields 14 and 15 of /proc/PID/stat (utime, stime), counted after the command name's ")".
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    },
    close: async () => {
      await call({ cmd: 'close' });
      await exited;
    },
  };
}
