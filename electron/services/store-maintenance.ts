import type { SyncStore } from '../../shared/node/sync/store';

export interface RetentionLimits {
  /** Log entries older than this many days are deleted. */
  days: number;
  /** At most this many log entries are kept (the newest). */
  maxRows: number;
}

const DAY_MS = 86_400_000;
const BATCH = 500;
/** Per run; the rest waits for the next run, so a first prune of a huge log never stalls the engine. */
const MAX_BATCHES = 40;

/**
 * Keeps the sync database bounded, off the hot path: every interval it deletes old log entries in
 * small batches (yielding between them, so syncing goes on) and checkpoints the WAL back to zero.
 */
export class StoreMaintenance {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly store: SyncStore,
    private readonly limits: () => RetentionLimits,
    private readonly now: () => number,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref();
  }

  /** One pass (joins a pass already running); returns how many log entries it deleted. */
  run(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    const { days, maxRows } = this.limits();
    const limits = { before: this.now() - days * DAY_MS, keepRows: maxRows, batch: BATCH };
    let deleted = 0;
    for (let i = 0; i < MAX_BATCHES; i++) {
      const n = this.store.pruneLog(limits);
      deleted += n;
      if (n < BATCH) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.store.checkpoint();
    return deleted;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
