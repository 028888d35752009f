/**
 * Work keyed by entity. Pushing a key that is already waiting merges into it (a burst of hints
 * for one incident costs one run); a key never runs twice at once (a push while it runs waits
 * for the run to end); different keys run in parallel up to `concurrency`.
 */
export class KeyedQueue<T> {
  private readonly waiting = new Map<string, T[]>();
  private readonly running = new Set<string>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly worker: (key: string, items: T[]) => Promise<void>,
  ) {
    if (!(concurrency >= 1)) throw new RangeError('concurrency must be at least 1');
  }

  push(key: string, item: T): void {
    const items = this.waiting.get(key);
    if (items) items.push(item);
    else this.waiting.set(key, [item]);
    this.pump();
  }

  /** Keys waiting or running. */
  get size(): number {
    // Counted over the running keys (at most `concurrency`): callers ask after every run, and a
    // backlog of thousands of waiting keys must not make each answer cost a pass over all of them.
    let both = 0;
    for (const key of this.running) if (this.waiting.has(key)) both++;
    return this.waiting.size + this.running.size - both;
  }

  /** Resolves once nothing waits and nothing runs. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    for (const [key, items] of this.waiting) {
      if (this.running.size >= this.concurrency) return;
      if (this.running.has(key)) continue;
      this.waiting.delete(key);
      this.running.add(key);
      void this.worker(key, items)
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(key);
          this.pump();
          if (this.size === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            for (const resolve of waiters) resolve();
          }
        });
    }
  }
}
