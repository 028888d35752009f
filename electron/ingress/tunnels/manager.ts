import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { Message } from '../../../shared/common/contract/message';
import { AppError, isAppError } from '../../../shared/common/errors';
import { raceAbort } from '../../../shared/node/net/abort';
import { backoffDelay, type RetryPolicy } from '../../../shared/node/net/backoff';
import type { TunnelConnection, TunnelOutage, TunnelProvider, TunnelStatus, WebhookUrlChange } from './types';

/** A small persistent key-value store (e.g. `conf`): sync or async get/set. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void | Promise<void>;
}

/** Only the delays matter here: a tunnel keeps trying for as long as the app runs. */
export type ReconnectPolicy = Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>;
export const DEFAULT_RECONNECT: ReconnectPolicy = { baseDelayMs: 1_000, maxDelayMs: 5 * 60_000 };

export interface TunnelManagerOptions {
  provider: TunnelProvider;
  store: KeyValueStore;
  /** Where the last public URL is kept, e.g. `ingress.<integrationId>.publicUrl`. */
  storeKey: string;
  reconnect?: ReconnectPolicy;
  /** Resolves after `ms`, or rejects once `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export interface TunnelStats {
  connects: number;
  drops: number;
  outages: TunnelOutage[];
}

const MAX_OUTAGES = 50;

const storedUrlSchema = z.object({ url: z.string().min(1), changedFrom: z.string().min(1).nullable() });
type StoredUrl = z.infer<typeof storedUrlSchema>;

function asAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  return new AppError(
    'ingress.route_failed',
    'The webhook route failed unexpectedly; DeskBridge keeps retrying and polling catches up meanwhile.',
    {
      retryable: true,
      cause: error,
    },
  );
}

/** What a status keeps of a failure: its code and details to word it, its English text for logs. */
const failure = (error: AppError) => ({ reason: error.message, code: error.code, details: error.details ?? {} });

type Listener<T> = (value: T) => void;

/**
 * Keeps one integration's webhook route up: connects its provider, reconnects with exponential
 * backoff, reports status, and notices when the public URL differs from the one senders were
 * given (kept in the store so a restart notices too, until the admin acknowledges it).
 */
export class TunnelManager {
  private current: TunnelStatus = { state: 'stopped' };
  private controller: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private connection: TunnelConnection | null = null;
  private interruptions = 0;
  private readonly statusListeners = new Set<Listener<TunnelStatus>>();
  private readonly changeListeners = new Set<Listener<WebhookUrlChange>>();
  private pendingChange: WebhookUrlChange | null = null;
  private lastPublicUrl: string | null = null;
  private readonly counters: TunnelStats = { connects: 0, drops: 0, outages: [] };
  private readonly policy: ReconnectPolicy;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly options: TunnelManagerOptions) {
    this.policy = options.reconnect ?? DEFAULT_RECONNECT;
    this.sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  get type() {
    return this.options.provider.type;
  }

  status(): TunnelStatus {
    return this.current;
  }

  /** The URL change the admin has not acknowledged yet, if any. */
  urlChange(): WebhookUrlChange | null {
    return this.pendingChange;
  }

  stats(): TunnelStats {
    return { ...this.counters, outages: this.counters.outages.map((o) => ({ ...o })) };
  }

  /** True when webhooks could not arrive at some moment in [from, to]: changes then are the poller's to find. */
  wasDownBetween(from: number, to: number): boolean {
    return this.counters.outages.some((o) => o.from <= to && (o.to === null || o.to >= from));
  }

  onStatus(listener: Listener<TunnelStatus>): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onUrlChanged(listener: Listener<WebhookUrlChange>): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  start(): void {
    if (this.loop) return;
    const controller = new AbortController();
    this.controller = controller;
    this.loop = this.run(controller.signal)
      .catch((error: unknown) => this.down(asAppError(error)))
      .finally(() => {
        if (this.controller === controller) {
          this.controller = null;
          this.loop = null;
        }
      });
  }

  async stop(): Promise<void> {
    const loop = this.loop;
    this.controller?.abort();
    this.controller = null;
    this.loop = null;
    await loop;
    await this.closeConnection();
    if (this.current.state !== 'stopped') {
      this.closeOutage();
      this.setStatus({ state: 'stopped' });
    }
  }

  /** The admin updated the senders: forget the change notice. */
  async acknowledgeUrlChange(): Promise<void> {
    if (!this.pendingChange) return;
    await this.options.store.set(this.options.storeKey, {
      url: this.pendingChange.current,
      changedFrom: null,
    } satisfies StoredUrl);
    this.pendingChange = null;
  }

  private async run(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    this.setStatus({ state: 'connecting' });
    while (!signal.aborted) {
      let connection: TunnelConnection;
      try {
        connection = await this.options.provider.connect({
          signal,
          interrupted: (error) => this.interrupted(error),
          restored: (url) => void this.established(url, this.connection?.warning ?? null),
        });
      } catch (error) {
        if (signal.aborted) return;
        const appError = asAppError(error);
        if (!appError.retryable) return this.down(appError);
        attempt += 1;
        if (!(await this.wait(attempt, appError, signal))) return;
        continue;
      }
      if (signal.aborted) {
        await connection.close().catch(() => undefined);
        return;
      }
      this.connection = connection;
      this.counters.connects += 1;
      await this.established(connection.publicUrl, connection.warning);
      const drop = await untilAborted(connection.closed, signal);
      if (signal.aborted || drop === null) return;
      this.connection = null;
      this.counters.drops += 1;
      await connection.close().catch(() => undefined);
      if (!drop.error.retryable) return this.down(drop.error);
      attempt = 1;
      if (!(await this.wait(attempt, drop.error, signal))) return;
    }
  }

  private async wait(attempt: number, error: AppError, signal: AbortSignal): Promise<boolean> {
    const nextInMs = backoffDelay(
      attempt,
      { ...this.policy, maxAttempts: Number.POSITIVE_INFINITY },
      error.retryAfterMs,
      this.random,
    );
    this.openOutage();
    this.setStatus({ state: 'reconnecting', attempt, nextInMs, ...failure(error) });
    try {
      await this.sleep(nextInMs, signal);
    } catch {
      return false;
    }
    return !signal.aborted;
  }

  private interrupted(error: AppError): void {
    if (!this.connection) return;
    this.interruptions += 1;
    this.openOutage();
    this.setStatus({
      state: 'reconnecting',
      attempt: this.interruptions,
      nextInMs: null,
      ...failure(error),
    });
  }

  private async established(publicUrl: string, warning: Message | null): Promise<void> {
    if (this.current.state === 'connected' && this.current.publicUrl === publicUrl) return;
    this.interruptions = 0;
    this.closeOutage();
    await this.noticeUrl(publicUrl);
    this.setStatus({ state: 'connected', publicUrl, warning, since: this.now() });
  }

  private async noticeUrl(url: string): Promise<void> {
    try {
      await this.compareWithStored(url);
    } catch {
      // A store that cannot be read or written must not keep webhooks out; compare in memory instead.
      const previous = this.pendingChange?.previous ?? this.lastPublicUrl;
      if (previous && previous !== url) this.announce({ previous, current: url });
    } finally {
      this.lastPublicUrl = url;
    }
  }

  private async compareWithStored(url: string): Promise<void> {
    const stored = storedUrlSchema.safeParse(await this.options.store.get(this.options.storeKey));
    const last = stored.success ? stored.data : null;
    if (last && last.url === url) {
      // Still unacknowledged from an earlier run: remind, do not forget.
      if (last.changedFrom && !this.pendingChange) this.announce({ previous: last.changedFrom, current: url });
      return;
    }
    // Senders still hold the URL from before any unacknowledged change; back to it = no change.
    const sendersHave = last ? (last.changedFrom ?? last.url) : null;
    const changedFrom = sendersHave === url ? null : sendersHave;
    await this.options.store.set(this.options.storeKey, { url, changedFrom } satisfies StoredUrl);
    if (changedFrom) this.announce({ previous: changedFrom, current: url });
    else this.pendingChange = null;
  }

  private announce(change: WebhookUrlChange): void {
    this.pendingChange = change;
    for (const listener of this.changeListeners) notify(listener, change);
  }

  private down(error: AppError): void {
    this.openOutage();
    this.setStatus({ state: 'down', ...failure(error) });
  }

  private openOutage(): void {
    const last = this.counters.outages.at(-1);
    if (last && last.to === null) return;
    this.counters.outages.push({ from: this.now(), to: null });
    if (this.counters.outages.length > MAX_OUTAGES) this.counters.outages.shift();
  }

  private closeOutage(): void {
    const last = this.counters.outages.at(-1);
    if (last && last.to === null) last.to = this.now();
  }

  private async closeConnection(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    await connection?.close().catch(() => undefined);
  }

  private setStatus(status: TunnelStatus): void {
    this.current = status;
    for (const listener of this.statusListeners) notify(listener, status);
  }
}

/** A listener's bug (UI, tray) must not stop the route itself. */
function notify<T>(listener: Listener<T>, value: T): void {
  try {
    listener(value);
  } catch {
    // Deliberately ignored: the status stays queryable through status().
  }
}

/** The promise's value, or null as soon as the signal aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | null> {
  return raceAbort<T | null>(promise, signal, (resolve) => resolve(null));
}
