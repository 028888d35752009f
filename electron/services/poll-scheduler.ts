export type PollSide = 'flashduty' | 'sdp';

export interface PollSchedule {
  /** Each side's interval. */
  every: Partial<Record<PollSide, number>>;
  /** The first poll of each side, soon after start, catches up on downtime. */
  firstDelayMs: number;
  /** How often due outbox retries are looked for. */
  retryScanMs: number;
}

/**
 * One integration's timers: one poll chain per side (the next poll is armed when the previous one
 * has finished, so a slow API never stacks polls) and the retry scan. Restarting or stopping ends
 * every chain, including one whose poll is still in flight: a chain only re-arms while its start
 * is the current one, so saving a config mid-poll can never leave a second chain behind.
 */
export class PollScheduler {
  private generation = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly poll: (side: PollSide) => Promise<void>,
    private readonly scanRetries: () => void,
  ) {}

  start(schedule: PollSchedule): void {
    this.stop();
    const generation = this.generation;
    const scan = setInterval(() => this.scanRetries(), schedule.retryScanMs);
    scan.unref();
    this.timers.add(scan);
    for (const [side, everyMs] of Object.entries(schedule.every) as [PollSide, number][]) {
      const arm = (delayMs: number): void => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          void this.poll(side)
            .catch(() => undefined)
            .finally(() => {
              if (this.generation === generation) arm(everyMs);
            });
        }, delayMs);
        timer.unref();
        this.timers.add(timer);
      };
      arm(schedule.firstDelayMs);
    }
  }

  stop(): void {
    this.generation++;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
