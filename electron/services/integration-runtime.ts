import type { IntegrationConfig } from '../../shared/config';
import type { ConnectionReport, PushOutcome } from '../../shared/contract';
import { isAppError } from '../../shared/errors';
import { WebhookDeduper, type FlashdutyWebhookHint } from '../../shared/flashduty/webhook';
import type { SdpWebhookNotice } from '../../shared/sdp/webhook';
import { pollFlashduty, pollSdp } from '../../shared/sync/pollers';
import { Runner } from '../../shared/sync/runner';
import type { NewLogEntry, SyncStore } from '../../shared/sync/store';
import { createIntegrationClients, type ClientOptions, type IntegrationClients } from './clients';
import { isCredentialFailure } from './connection-health';
import { integrationState } from './integration-state';
import { SdpMetadataCache } from './metadata-cache';
import { collectRequestIds, recordRequestId } from './request-ids';
import type { SecretResolver } from './secrets';
import type { StatusBoard } from './status-board';

const BUSY_REPORT_MS = 250;

/** Which API a network failure means is not answering; null for any other failure. */
function unreachableSide(error: unknown): 'sdp' | 'flashduty' | null {
  if (!isAppError(error)) return null;
  if (error.code === 'sdp.network') return 'sdp';
  if (error.code === 'flashduty.network') return 'flashduty';
  return null;
}

const SIDE_NAME = { sdp: 'ServiceDesk Plus', flashduty: 'Flashduty' } as const;

/** A failure that stops all writing until the admin acts: a rejected credential or an unreadable keychain. */
function attentionCause(error: unknown, config: IntegrationConfig): { slot: string | null; message: string } | null {
  const credential = isCredentialFailure(error, config);
  if (credential) return { slot: credential.secretSlot, message: credential.message };
  if (isAppError(error) && error.code === 'vault.unavailable') return { slot: null, message: error.message };
  return null;
}

export interface RuntimeDeps {
  store: SyncStore;
  board: StatusBoard;
  resolveSecret: SecretResolver;
  log: (entry: NewLogEntry) => void;
  now: () => number;
  clientOptions?: ClientOptions;
  /** Called once per new cause when the integration needs the admin (desktop shows a notification). */
  onAttention?: (integrationId: string, name: string, message: string) => void;
  /** A stored secret was rejected by its service: the vault marks it invalid for the UI. */
  onSecretRejected?: (integrationId: string, slot: string) => void;
  retry?: { baseDelayMs: number; maxDelayMs: number };
}

/**
 * One integration while it runs: its clients, runner, pollers and webhook intake. Rebuilt when its
 * config changes; keeps queueing while it cannot write (paused, or credentials need attention).
 */
export class IntegrationRuntime {
  readonly runner: Runner;
  private clients: IntegrationClients | undefined;
  private readonly metadata: SdpMetadataCache;
  private readonly deduper = new WebhookDeduper();
  private timers: NodeJS.Timeout[] = [];
  private attention: string | null = null;
  /** Per API, since when it has not answered (cleared by its next successful poll or a passing test). */
  private unreachable: Partial<Record<'sdp' | 'flashduty', { since: number; message: string }>> = {};
  /** The last Test connection's first failed check; shown, but unlike `attention` it does not stop writing. */
  private testFailure: string | null = null;
  private lastSyncAt: number | null = null;
  private stopped = false;
  private polling = { sdp: false, flashduty: false };
  private reportQueued = false;
  private reportTimer: NodeJS.Timeout | undefined;

  constructor(
    private config: IntegrationConfig,
    private readonly deps: RuntimeDeps,
  ) {
    this.metadata = new SdpMetadataCache(
      () => this.requireClients().sdp,
      () => this.config.requestTemplate,
      deps.now,
      () => this.requeueFailed('SDP metadata changed'),
    );
    this.runner = new Runner({
      integrationId: config.id,
      config: () => this.config,
      clients: () => this.requireClients(),
      store: deps.store,
      log: deps.log,
      now: deps.now,
      metadata: () => this.metadata.metadata(),
      sdpStatuses: () => this.metadata.statuses(),
      canWrite: () => this.attention === null && !deps.board.isPaused(this.config.id) && this.config.enabled && !this.config.draft,
      onApiError: (error) => {
        this.noteUnreachable(error);
        this.checkAttention(error);
      },
      collectRequestIds,
      ...(deps.retry ? { retry: deps.retry } : {}),
      onActivity: () => {
        this.lastSyncAt = deps.now();
        this.reportSoon();
      },
    });
  }

  get id(): string {
    return this.config.id;
  }

  get current(): IntegrationConfig {
    return this.config;
  }

  get needsAttentionMessage(): string | null {
    return this.attention;
  }

  /** Clients built on first use from the config and the keychain; a missing secret is a needs-attention cause. */
  requireClients(): IntegrationClients {
    if (!this.clients) throw new Error('clients are not ready');
    return this.clients;
  }

  /** SDP's status list (cached), for turning listed requests into snapshots. */
  sdpStatuses(): ReturnType<SdpMetadataCache['statuses']> {
    return this.metadata.statuses();
  }

  /** True while the integration only reads: a draft not yet turned on. */
  get isDraft(): boolean {
    return this.config.draft;
  }

  async start(): Promise<void> {
    this.report();
    if (!this.config.enabled) return;
    await this.connect();
    // A draft connects for metadata, connection tests and dry runs, and stops there.
    if (this.config.draft) return;
    this.runner.resumeDue(true);
    this.schedule();
  }

  /** (Re)builds the API clients; clears a needs-attention state when the credentials now work. */
  async connect(): Promise<boolean> {
    try {
      this.clients = await createIntegrationClients(this.config, this.deps.resolveSecret, {
        ...this.deps.clientOptions,
        flashduty: { ...this.deps.clientOptions?.flashduty, onCall: (call) => recordRequestId(call.requestId) },
      });
    } catch (error) {
      if (!this.checkAttention(error)) this.needsAttention(error instanceof Error ? error.message : String(error));
      return false;
    }
    this.metadata.invalidate();
    if (this.attention !== null) {
      this.attention = null;
      this.deps.log(this.entry('info', 'reconnected', 'Credentials work again; catching up on queued changes.'));
      this.runner.resumeDue(true);
    }
    this.report();
    return true;
  }

  async update(config: IntegrationConfig): Promise<void> {
    this.config = config;
    this.stopTimers();
    this.attention = null;
    this.testFailure = null;
    this.unreachable = {};
    if (!config.enabled) {
      this.report();
      return;
    }
    await this.connect();
    if (config.draft) return;
    this.requeueFailed('the configuration changed');
    this.runner.resumeDue(true);
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopTimers();
    await this.runner.idle();
  }

  /** Re-plans parked failures: a config or SDP change may have fixed them. */
  requeueFailed(reason: string): number {
    const failed = this.deps.store.outbox(this.config.id, 'failed');
    for (const item of failed) this.deps.store.requeueOutbox(item.id, this.deps.now());
    if (failed.length > 0) {
      this.deps.log(this.entry('info', 'retry', `Retrying ${failed.length} failed operation(s): ${reason}.`));
      this.runner.resumeDue();
    }
    return failed.length;
  }

  onSdpWebhook(notice: SdpWebhookNotice): void {
    void this.runner.hint({ side: 'sdp', id: notice.requestId, origin: 'webhook' });
  }

  onFlashdutyWebhook(hint: FlashdutyWebhookHint, customAction: boolean): void {
    if (hint.kind === 'ignored') {
      this.deps.log(this.entry('info', 'webhook_ignored', `Flashduty webhook ignored: ${hint.reason}`));
      return;
    }
    const verdict = this.deduper.check(hint);
    if (!verdict.accept) return;
    const origin = customAction || hint.isCustomAction ? 'custom_action' : 'webhook';
    void this.runner.hint({ side: 'flashduty', id: hint.incidentId, origin });
  }

  async push(incidentIds: readonly string[], onEach?: (outcome: PushOutcome) => void): Promise<PushOutcome[]> {
    return Promise.all(
      incidentIds.map((id) =>
        this.runner.hint({ side: 'flashduty', id, origin: 'manual' }).then((outcome) => {
          onEach?.(outcome);
          return outcome;
        }),
      ),
    );
  }

  /** The sides this direction reads changes from. */
  private pollSides(): ('flashduty' | 'sdp')[] {
    const direction = this.config.direction;
    return [...(direction !== 'from_sdp' ? ['flashduty' as const] : []), ...(direction !== 'to_sdp' ? ['sdp' as const] : [])];
  }

  /** One poll of each side the direction reads from (or of the given sides). */
  async pollOnce(sides: readonly ('flashduty' | 'sdp')[] = this.pollSides()): Promise<void> {
    if (!this.clients || this.attention !== null || !this.config.enabled || this.config.draft) return;
    const base = { integrationId: this.config.id, config: () => this.config, store: this.deps.store, runner: this.runner, now: this.deps.now };
    await Promise.all(
      sides.map((side) =>
        side === 'flashduty'
          ? this.guardPoll('flashduty', () => pollFlashduty({ ...base, flashduty: this.requireClients().flashduty }))
          : this.guardPoll('sdp', () => pollSdp({ ...base, sdp: this.requireClients().sdp, statuses: () => this.metadata.statuses() })),
      ),
    );
  }

  private async guardPoll(side: 'sdp' | 'flashduty', poll: () => Promise<number>): Promise<void> {
    if (this.polling[side]) return;
    this.polling[side] = true;
    try {
      await poll();
      if (this.unreachable[side]) {
        delete this.unreachable[side];
        this.report();
      }
      await this.probeUnpolled();
    } catch (error) {
      this.noteUnreachable(error);
      if (!this.checkAttention(error)) this.deps.log(this.entry('warn', 'poll', `Polling ${side === 'sdp' ? 'ServiceDesk Plus' : 'Flashduty'} failed: ${(error as Error).message}. Trying again next interval.`));
    } finally {
      this.polling[side] = false;
    }
  }

  /** Each side on its own interval; the first poll a second after start catches up on downtime. */
  private schedule(): void {
    if (this.stopped) return;
    const every = { flashduty: this.config.ingress.flashdutyPollSeconds, sdp: this.config.ingress.sdpPollSeconds };
    this.timers = [setInterval(() => this.runner.resumeDue(), 5_000).unref()];
    for (const side of this.pollSides()) {
      const slot = this.timers.length;
      const tick = (): void => {
        void this.pollOnce([side]).finally(() => {
          if (!this.stopped && this.timers.length > slot) this.timers[slot] = setTimeout(tick, every[side] * 1000).unref();
        });
      };
      this.timers.push(setTimeout(tick, 1000).unref());
    }
  }

  private stopTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    clearTimeout(this.reportTimer);
    this.reportTimer = undefined;
  }

  /**
   * The status board after a pass: at once when the queue has drained (after it let go of the
   * finished key, so an idle integration reads as idle), otherwise at most every BUSY_REPORT_MS —
   * a burst would else recount the outbox once per entity.
   */
  private reportSoon(): void {
    if (this.reportQueued) return;
    this.reportQueued = true;
    setImmediate(() => {
      this.reportQueued = false;
      if (this.runner.queued === 0) {
        clearTimeout(this.reportTimer);
        this.reportTimer = undefined;
        this.report();
      } else {
        this.reportTimer ??= setTimeout(() => {
          this.reportTimer = undefined;
          if (!this.stopped) this.report();
        }, BUSY_REPORT_MS).unref();
      }
    });
  }

  /**
   * An unreachable API this direction does not poll (SDP under Flashduty → SDP) has no poll to
   * show it answers again: one cheap read per poll of the other side does, while it is down.
   */
  private async probeUnpolled(): Promise<void> {
    for (const side of ['sdp', 'flashduty'] as const) {
      if (!this.unreachable[side] || this.pollSides().includes(side)) continue;
      try {
        if (side === 'sdp') await this.requireClients().sdp.listStatuses();
        else await this.requireClients().flashduty.listChannels();
        delete this.unreachable[side];
        this.report();
      } catch {
        // Still down: the state already says so, since when.
      }
    }
  }

  /** A network failure marks its API unreachable from the first one on; the time is kept until it answers again. */
  private noteUnreachable(error: unknown): void {
    const side = unreachableSide(error);
    if (side === null || this.unreachable[side]) return;
    this.unreachable[side] = { since: this.deps.now(), message: (error as Error).message };
    this.report();
  }

  /** A Test connection run: its first failed check shows on the integration until a test passes. */
  noteConnectionTest(report: ConnectionReport): void {
    const failed = [...report.sdp, ...report.flashduty].find((c) => !c.ok);
    this.testFailure = failed ? `Test connection failed: ${failed.label} — ${failed.message}` : null;
    if (!failed) this.unreachable = {};
    this.report();
  }

  /** True when the error means the admin must act; the integration then stops writing. */
  private checkAttention(error: unknown): boolean {
    const cause = attentionCause(error, this.config);
    if (!cause) return false;
    if (cause.slot !== null) this.deps.onSecretRejected?.(this.config.id, cause.slot);
    this.needsAttention(cause.message);
    return true;
  }

  private needsAttention(message: string): void {
    if (this.attention === message) return;
    const first = this.attention === null;
    this.attention = message;
    this.deps.log(this.entry('error', 'needs_attention', `Needs attention: ${message} Sync keeps queueing changes and catches up once you reconnect.`));
    if (first) this.deps.onAttention?.(this.config.id, this.config.name, message);
    this.report();
  }

  report(): void {
    const counts = this.deps.store.outboxCounts(this.config.id);
    const attention = this.attention ?? this.testFailure;
    const down = (['sdp', 'flashduty'] as const).flatMap((side) => {
      const u = this.unreachable[side];
      return u ? [{ side, ...u }] : [];
    });
    const since = down.length > 0 ? Math.min(...down.map((d) => d.since)) : null;
    const lastFailure = counts.failed > 0 ? (this.deps.store.outbox(this.config.id, 'failed').at(-1)?.lastError?.message ?? null) : null;
    this.deps.board.report(this.config.id, {
      name: this.config.name,
      state: integrationState({
        draft: this.config.draft,
        enabled: this.config.enabled,
        attention,
        unreachable: since === null ? null : { since },
        failed: counts.failed,
        busy: this.runner.queued > 0,
      }),
      queued: counts.pending + this.runner.queued,
      failed: counts.failed,
      lastSyncAt: this.lastSyncAt,
      lastError: attention ?? (down[0] ? `${SIDE_NAME[down[0].side]} is not answering: ${down[0].message}` : lastFailure),
      unreachableSince: since,
    });
  }

  private entry(level: NewLogEntry['level'], action: string, message: string): NewLogEntry {
    return { at: this.deps.now(), level, integrationId: this.config.id, direction: null, incidentId: null, requestId: null, action, message, changes: [], apiRequestIds: [], error: null };
  }
}
