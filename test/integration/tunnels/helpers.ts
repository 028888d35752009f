import type { KeyValueStore, TunnelManager } from '../../../electron/ingress/tunnels';
import type { TunnelStatus } from '../../../electron/ingress/tunnels/types';

export function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial));
  return { data, get: (key) => data.get(key), set: (key, value) => void data.set(key, value) };
}

/** Resolves with the first status (current or future) that matches. */
export function statusWhere(manager: TunnelManager, match: (s: TunnelStatus) => boolean): Promise<TunnelStatus> {
  const now = manager.status();
  if (match(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const off = manager.onStatus((s) => {
      if (!match(s)) return;
      off();
      resolve(s);
    });
  });
}

/**
 * A sleep the test releases by hand, so "what happens while the client waits to reconnect" is a
 * sequence of steps rather than a race against a timer.
 */
export function gatedSleep() {
  const waiting: { ms: number; release: () => void }[] = [];
  const requested: number[] = [];
  let onWait: (() => void) | null = null;
  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      requested.push(ms);
      waiting.push({ ms, release: resolve });
      signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      onWait?.();
    });
  return {
    sleep,
    requested,
    /** Waits until the manager is sleeping, then lets it go on. */
    async release(): Promise<void> {
      while (waiting.length === 0) await new Promise<void>((r) => (onWait = r));
      onWait = null;
      waiting.shift()!.release();
    },
  };
}
