import { AsyncLocalStorage } from 'node:async_hooks';
import type { IntegrationClients } from '../../electron/services/clients';
import type { Runner } from '../../shared/node/sync/runner';

/** Wall time of one runner pass and the part of it spent inside API client calls. */
export interface PassTiming {
  wallMs: number;
  apiMs: number;
}

export interface ClientCall {
  side: 'sdp' | 'flashduty';
  method: string;
  /** The first argument when it names an entity (an ID), for matching calls to webhooks. */
  entityId: string | undefined;
  at: number;
}

interface PassContext {
  inflight: number;
  since: number;
  apiMs: number;
}

/**
 * Measures the engine from the outside: every client method is wrapped to time its calls, and the
 * runner's per-entity pass is wrapped to time the pass. Concurrent calls within one pass count once
 * (the union of their intervals), so `wallMs - apiMs` is what the engine itself spent.
 */
export class EngineProbe {
  readonly passes: PassTiming[] = [];
  readonly calls: ClientCall[] = [];
  private readonly context = new AsyncLocalStorage<PassContext>();

  wrapRunner(runner: Runner): void {
    const target = runner as unknown as { sync: (...args: unknown[]) => Promise<unknown> };
    const original = target.sync.bind(runner);
    target.sync = async (...args: unknown[]) => {
      const ctx: PassContext = { inflight: 0, since: 0, apiMs: 0 };
      const started = performance.now();
      try {
        return await this.context.run(ctx, () => original(...args));
      } finally {
        this.passes.push({ wallMs: performance.now() - started, apiMs: ctx.apiMs });
      }
    };
  }

  wrapClients(clients: IntegrationClients): void {
    clients.sdp = this.wrap('sdp', clients.sdp);
    clients.flashduty = this.wrap('flashduty', clients.flashduty);
  }

  private wrap<T extends object>(side: ClientCall['side'], client: T): T {
    return new Proxy(client, {
      get: (target, key, receiver) => {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          this.calls.push({
            side,
            method: String(key),
            entityId: typeof args[0] === 'string' ? args[0] : undefined,
            at: performance.now(),
          });
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (result instanceof Promise) return this.timed(result);
          if (result !== null && typeof result === 'object' && Symbol.asyncIterator in result)
            return this.timedIterator(result as AsyncGenerator<unknown>);
          return result;
        };
      },
    });
  }

  private enter(): PassContext | undefined {
    const ctx = this.context.getStore();
    if (ctx && ctx.inflight++ === 0) ctx.since = performance.now();
    return ctx;
  }

  private leave(ctx: PassContext | undefined): void {
    if (ctx && --ctx.inflight === 0) ctx.apiMs += performance.now() - ctx.since;
  }

  private async timed<T>(promise: Promise<T>): Promise<T> {
    const ctx = this.enter();
    try {
      return await promise;
    } finally {
      this.leave(ctx);
    }
  }

  private async *timedIterator<T>(iterator: AsyncGenerator<T>): AsyncGenerator<T> {
    for (;;) {
      const ctx = this.enter();
      let step: IteratorResult<T>;
      try {
        step = await iterator.next();
      } finally {
        this.leave(ctx);
      }
      if (step.done) return;
      yield step.value;
    }
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
