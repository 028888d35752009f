import type { IntegrationConfig } from '../../shared/common/config';
import type { ConnectionReport, PushOutcome } from '../../shared/common/contract';
import { isAppError } from '../../shared/common/errors';
import { isShuttingDown } from '../../shared/node/net/abort';
import { WebhookDeduper, type FlashdutyWebhookHint } from '../../shared/node/flashduty/webhook';
import type { SdpWebhookNotice } from '../../shared/node/sdp/webhook';
import { pollFlashduty, pollSdp } from '../../shared/node/sync/pollers';
import { rebuildLinks, type RebuildProgress } from '../../shared/node/sync/rebuild-links';
import { Runner } from '../../shared/node/sync/runner';
import type { NewLogEntry, OutboxItem, SyncStore } from '../../shared/node/sync/store';
import { createIntegrationClients, type ClientOptions, type IntegrationClients } from './clients';
import { isCredentialFailure } from './connection-health';
import { beforeDeadline } from './deadline';
import { integrationState } from './integration-state';
import { SdpMetadataCache, type LoadedSdpMetadata } from './metadata-cache';
import { PollScheduler } from './poll-scheduler';
import { collectRequestIds, recordRequestId } from './request-ids';
import type { SecretResolver } from './secrets';
import type { StatusBoard } from './status-board';
import type { ZohoTokens } from './zoho-tokens';

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
  /** The app's shared Zoho token caches (SDP Cloud). */
  zohoTokens?: ZohoTokens;
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
  private readonly scheduler: PollScheduler;
  private attention: string | null = null;
  /** Per API, since when it has not answered (cleared by its next successful poll or a passing test). */
  private unreachable: Partial<Record<'sdp' | 'flashduty', { since: number; message: string }>> = {};
  /** The last Test connection's first failed check; shown, but unlike `attention` it does not stop writing. */
  private testFailure: string | null = null;
  private lastSyncAt: number | null = null;
  private stopped = false;
  /** Aborted by stop(): calls waiting for a rate budget or a retry give up at once instead of holding the shutdown. */
  private readonly stopping = new AbortController();
  private polling = { sdp: false, flashduty: false };
  private reportQueued = false;
  private reportTimer: NodeJS.Timeout | undefined;
  private rebuilding: Promise<{ scanned: number; linked: number }> | undefined;
  /** The metadata problems last logged, so a refresh that finds the same ones stays quiet. */
  private metadataProblems = '';
  /**
   * The outbox work resumed at start: polls wait for it, so an interrupted create is finished (and its entity marked)
   * before a poll can take that entity for a new one.
   */
  private resumed: Promise<void> = Promise.resolve();

  constructor(
    private config: IntegrationConfig,
    private readonly deps: RuntimeDeps,
  ) {
    this.metadata = new SdpMetadataCache(
      () => this.requireClients().sdp,
      () => this.config.requestTemplate,
      deps.now,
      () => this.retryFailed(undefined, 'SDP metadata changed'),
      (problems) => {
        const said = problems.map((p) => `${p.message} ${p.fix}`).join('\n');
        if (said === this.metadataProblems) return;
        this.metadataProblems = said;
        for (const p of problems)
          this.deps.log(this.entry('warn', 'metadata', `SDP metadata: ${p.endpoint}: ${p.message} ${p.fix}`));
      },
    );
    this.scheduler = new PollScheduler(
      (side) => this.pollOnce([side]),
      () => this.runner.resumeDue(),
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
      canWrite: () =>
        !this.stopped &&
        this.attention === null &&
        !deps.board.isPaused(this.config.id) &&
        this.config.enabled &&
        !this.config.draft,
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

  /**
   * The clients `connect()` built from the config and the keychain; throws before the first connect (a missing secret
   * puts the integration in needs attention instead).
   */
  requireClients(): IntegrationClients {
    if (!this.clients) throw new Error('clients are not ready');
    return this.clients;
  }

  /** Every SDP metadata list read now, with the lists SDP refused (the editor's dropdowns). */
  loadSdpMetadata(): Promise<LoadedSdpMetadata> {
    return this.metadata.refresh();
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
    this.resumed = this.runner.catchUp();
    this.schedule();
  }

  /** (Re)builds the API clients; clears a needs-attention state when the credentials now work. */
  async connect(): Promise<boolean> {
    try {
      this.clients = await createIntegrationClients(this.config, this.deps.resolveSecret, {
        ...this.deps.clientOptions,
        sdp: {
          ...this.deps.clientOptions?.sdp,
          ...this.deps.zohoTokens?.clientOptions(this.config),
          signal: this.stopping.signal,
        },
        flashduty: {
          ...this.deps.clientOptions?.flashduty,
          onCall: (call) => recordRequestId(call.requestId),
          signal: this.stopping.signal,
        },
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
    this.retryFailed(undefined, 'the configuration changed');
    this.runner.resumeDue(true);
    this.schedule();
  }

  /**
   * Stops polling and writing at once: queued changes only record themselves in the outbox (the
   * next start resumes them), and a pass in flight stops before its next write. Waits for the calls
   * in flight until `deadline` (ms since 1970), no longer: an unanswered write's outbox row lets the
   * next start recognise it.
   */
  async stop(deadline: number = Number.POSITIVE_INFINITY): Promise<void> {
    this.stopped = true;
    this.stopTimers();
    this.stopping.abort();
    // A rebuild stops at its next entity; its call in flight must land before the store closes.
    await beforeDeadline(this.rebuilding?.catch(() => undefined) ?? Promise.resolve(), deadline);
    await beforeDeadline(this.runner.idle(), deadline);
  }

  /** Stops writing at once (a pass in flight stops before its next write); changes keep queueing in the outbox. */
  pause(): void {
    this.deps.board.pause(this.config.id);
    this.report();
  }

  /** Writes again, and catches up on everything queued while paused. */
  resume(): void {
    this.deps.board.resume(this.config.id);
    this.catchUp();
  }

  /** Re-plans every entity with outbox work, whatever its retry time (after a pause, a reconnect). */
  catchUp(): void {
    if (this.config.enabled && !this.deps.board.isPaused(this.config.id)) this.runner.resumeDue(true);
    this.report();
  }

  /** Whether links can be rebuilt now: on, and connected. */
  get canRebuild(): boolean {
    return this.config.enabled && this.clients !== undefined && !this.stopped;
  }

  /** Links recovered from the markers both sides carry; one walk at a time (a second call joins it). */
  rebuildLinks(onProgress?: (progress: RebuildProgress) => void): Promise<{ scanned: number; linked: number }> {
    this.rebuilding ??= rebuildLinks({
      integrationId: this.config.id,
      config: this.config,
      clients: this.requireClients(),
      store: this.deps.store,
      now: this.deps.now,
      sdpStatuses: () => this.metadata.statuses(),
      log: this.deps.log,
      stopped: () => this.stopped,
      ...(onProgress ? { onProgress } : {}),
    })
      .then((result) => {
        this.deps.log(
          this.entry(
            'info',
            'rebuild_links',
            `Rebuilt links from markers: ${result.linked} pair(s) linked again, ${result.scanned} entities looked at.`,
          ),
        );
        return result;
      })
      .catch((error: unknown) => {
        this.deps.log(
          this.entry(
            'error',
            'rebuild_links',
            `Rebuilding links stopped: ${error instanceof Error ? error.message : String(error)}. Run it again from Settings.`,
          ),
        );
        throw error;
      })
      .finally(() => (this.rebuilding = undefined));
    return this.rebuilding;
  }

  /**
   * Re-plans parked failures (those `which` picks, or all) at once: by hand from the sync log, or because a config or
   * SDP change may have fixed them, which `reason` names in the log.
   */
  retryFailed(which: (item: OutboxItem) => boolean = () => true, reason?: string): number {
    const failed = this.deps.store.outbox(this.config.id, 'failed').filter(which);
    for (const item of failed) this.deps.store.requeueOutbox(item.id, this.deps.now());
    if (failed.length > 0) {
      if (reason !== undefined)
        this.deps.log(this.entry('info', 'retry', `Retrying ${failed.length} failed operation(s): ${reason}.`));
      this.runner.resumeDue();
    }
    this.report();
    return failed.length;
  }

  /** Plans one entity as a poll (`poll`) or a push (`manual`) would, writing nothing. */
  dryRun(...args: Parameters<Runner['dryRun']>): ReturnType<Runner['dryRun']> {
    return this.runner.dryRun(...args);
  }

  /** Resolves once no pass is running or queued. */
  idle(): Promise<void> {
    return this.runner.idle();
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
    return [
      ...(direction !== 'from_sdp' ? ['flashduty' as const] : []),
      ...(direction !== 'to_sdp' ? ['sdp' as const] : []),
    ];
  }

  /** One poll of each side the direction reads from (or of the given sides). */
  async pollOnce(sides: readonly ('flashduty' | 'sdp')[] = this.pollSides()): Promise<void> {
    await this.resumed;
    if (this.stopped || !this.clients || this.attention !== null || !this.config.enabled || this.config.draft) return;
    const base = {
      integrationId: this.config.id,
      config: () => this.config,
      store: this.deps.store,
      runner: this.runner,
      now: this.deps.now,
    };
    await Promise.all(
      sides.map((side) =>
        side === 'flashduty'
          ? this.guardPoll('flashduty', () => pollFlashduty({ ...base, flashduty: this.requireClients().flashduty }))
          : this.guardPoll('sdp', () =>
              pollSdp({ ...base, sdp: this.requireClients().sdp, statuses: () => this.metadata.statuses() }),
            ),
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
      // A poll cut short by the shutdown: the next start polls again.
      if (isShuttingDown(error)) return;
      this.noteUnreachable(error);
      if (!this.checkAttention(error))
        this.deps.log(
          this.entry(
            'warn',
            'poll',
            `Polling ${side === 'sdp' ? 'ServiceDesk Plus' : 'Flashduty'} failed: ${(error as Error).message}. Trying again next interval.`,
          ),
        );
    } finally {
      this.polling[side] = false;
    }
  }

  /** Each side on its own interval; the first poll a second after start catches up on downtime. */
  private schedule(): void {
    if (this.stopped) return;
    const every = {
      flashduty: this.config.ingress.flashdutyPollSeconds * 1000,
      sdp: this.config.ingress.sdpPollSeconds * 1000,
    };
    this.scheduler.start({
      every: Object.fromEntries(this.pollSides().map((side) => [side, every[side]])),
      firstDelayMs: 1_000,
      retryScanMs: 5_000,
    });
  }

  private stopTimers(): void {
    this.scheduler.stop();
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
    this.deps.log(
      this.entry(
        'error',
        'needs_attention',
        `Needs attention: ${message} Sync keeps queueing changes and catches up once you reconnect.`,
      ),
    );
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
    const lastFailure =
      counts.failed > 0 ? (this.deps.store.outbox(this.config.id, 'failed').at(-1)?.lastError?.message ?? null) : null;
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
      lastError:
        attention ?? (down[0] ? `${SIDE_NAME[down[0].side]} is not answering: ${down[0].message}` : lastFailure),
      unreachableSince: since,
    });
  }

  private entry(level: NewLogEntry['level'], action: string, message: string): NewLogEntry {
    return {
      at: this.deps.now(),
      level,
      integrationId: this.config.id,
      direction: null,
      incidentId: null,
      requestId: null,
      action,
      message,
      changes: [],
      apiRequestIds: [],
      error: null,
    };
  }
}
