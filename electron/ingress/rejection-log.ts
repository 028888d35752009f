import { listOf, msg, type Message } from '../../shared/common/contract';

/** What a refused webhook call is called in the log, by HTTP status: a short, fixed vocabulary. */
const CAUSES = [400, 401, 404, 405, 413, 429] as const;
const causeOf = (status: number): Message => {
  const known = CAUSES.find((s) => s === status);
  return known === undefined ? msg('cause.other', { status }) : msg(`cause.${known}`);
};

export interface Rejection {
  integrationId: string | null;
  endpoint: string;
  status: number;
  reason: string;
}

export interface RejectionReport {
  integrationId: string | null;
  message: Message;
}

interface Window {
  /** Calls refused per HTTP status. */
  counts: Map<number, number>;
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
    const open = this.windows.get(key);
    if (open) {
      open.counts.set(rejection.status, (open.counts.get(rejection.status) ?? 0) + 1);
      return;
    }
    this.report({
      integrationId: rejection.integrationId,
      message: msg('ingress.rejected', {
        endpoint: rejection.endpoint,
        cause: causeOf(rejection.status),
        status: rejection.status,
        reason: msg('quoted', { text: rejection.reason }),
      }),
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
    const causes = [...window.counts].map(([status, n]) => msg('ingress.cause', { cause: causeOf(status), n }));
    window.counts = new Map();
    this.report({ integrationId, message: msg('ingress.rejected_summary', { total, causes: listOf(causes) }) });
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
