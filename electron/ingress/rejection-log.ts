/** What a refused webhook call is called in the log, by HTTP status: a short, fixed vocabulary. */
const CAUSES: Record<number, string> = {
  400: 'unreadable body',
  401: 'wrong secret',
  404: 'unknown path',
  405: 'not a POST',
  413: 'body too large',
  429: 'over the rate limit',
};

export interface Rejection {
  integrationId: string | null;
  endpoint: string;
  status: number;
  reason: string;
}

export interface RejectionReport {
  integrationId: string | null;
  message: string;
}

interface Window {
  counts: Map<string, number>;
  timer: NodeJS.Timeout;
}

/**
 * Refused webhook calls are counted in memory and written to the log at most once a window per
 * route: the first at once (so a misconfigured sender shows up straight away, with the full
 * reason), the rest as one summary line per window. A flood of forged calls costs a counter,
 * not a row and an event each.
 */
export class RejectionLog {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly report: (report: RejectionReport) => void,
    private readonly windowMs = 60_000,
  ) {}

  add(rejection: Rejection): void {
    const key = rejection.integrationId ?? '';
    const cause = CAUSES[rejection.status] ?? `status ${rejection.status}`;
    const open = this.windows.get(key);
    if (open) {
      open.counts.set(cause, (open.counts.get(cause) ?? 0) + 1);
      return;
    }
    this.report({
      integrationId: rejection.integrationId,
      message: `Rejected webhook call at ${rejection.endpoint}: ${cause} (${rejection.status}). ${rejection.reason} Further rejections on this route are summarised once a minute.`,
    });
    this.windows.set(key, { counts: new Map(), timer: this.arm(key, rejection.integrationId) });
  }

  private arm(key: string, integrationId: string | null): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const window = this.windows.get(key);
      if (!window) return;
      if (window.counts.size === 0) {
        this.windows.delete(key);
        return;
      }
      this.flush(integrationId, window);
      window.timer = this.arm(key, integrationId);
    }, this.windowMs);
    timer.unref();
    return timer;
  }

  private flush(integrationId: string | null, window: Window): void {
    const total = [...window.counts.values()].reduce((a, b) => a + b, 0);
    const causes = [...window.counts].map(([cause, n]) => `${cause} (${n})`).join(', ');
    window.counts = new Map();
    this.report({ integrationId, message: `${total} rejected webhook call${total === 1 ? '' : 's'}: ${causes}` });
  }

  /** Writes what is still counted, so nothing is lost at shutdown. */
  stop(): void {
    for (const [key, window] of this.windows) {
      clearTimeout(window.timer);
      if (window.counts.size > 0) this.flush(key === '' ? null : key, window);
    }
    this.windows.clear();
  }
}
