import { shuttingDown, unlessAborted } from './abort';
import { sleep } from './backoff';

export interface RateWindow {
  /** Calls allowed per window. */
  limit: number;
  windowMs: number;
}

/**
 * A client-side call budget over one or more sliding windows (e.g. 50/s and 1,000/min), so a
 * backfill spreads its calls instead of tripping the server's limit. `take()` resolves when a
 * call may start; callers are served in arrival order. Once `signal` aborts (shutdown), every wait
 * ends at once with the shutting-down error, and so does every later `take()`: a stopping app must
 * not sit out a minute's window for calls it will not send.
 */
export class RateBudget {
  private readonly windows: RateWindow[];
  private readonly stamps: number[][];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    windows: RateWindow[],
    private readonly clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
      now: () => Date.now(),
      sleep,
    },
    private readonly signal?: AbortSignal,
  ) {
    for (const w of windows) {
      if (!(w.limit > 0) || !(w.windowMs > 0)) throw new RangeError('rate window needs limit > 0 and windowMs > 0');
    }
    this.windows = windows;
    this.stamps = windows.map(() => []);
  }

  take(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      if (this.signal?.aborted) throw shuttingDown();
      const now = this.clock.now();
      let waitMs = 0;
      this.windows.forEach((w, i) => {
        const stamps = this.stamps[i]!;
        while (stamps.length > 0 && stamps[0]! <= now - w.windowMs) stamps.shift();
        if (stamps.length >= w.limit) waitMs = Math.max(waitMs, stamps[0]! + w.windowMs - now);
      });
      if (waitMs <= 0) {
        for (const stamps of this.stamps) stamps.push(now);
        return;
      }
      await unlessAborted(this.clock.sleep(waitMs), this.signal);
    }
  }
}
