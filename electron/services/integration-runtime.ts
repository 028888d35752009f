import type { IntegrationConfig } from '../../shared/common/config';
import { msg, type ConnectionReport, type Message, type PushOutcome } from '../../shared/common/contract';
import { WebhookDeduper, type FlashdutyWebhookHint } from '../../shared/node/flashduty/webhook';
import type { SdpWebhookNotice } from '../../shared/node/sdp/webhook';
import { rebuildLinks, type RebuildProgress } from '../../shared/node/sync/rebuild-links';
import { Runner } from '../../shared/node/sync/runner';
import { logEntry } from '../../shared/node/sync/log-entry';
import type { NewLogEntry, OutboxItem, SyncStore } from '../../shared/node/sync/store';
import { createIntegrationClients, type ClientOptions, type IntegrationClients } from './clients';
import { beforeDeadline } from './deadline';
import { SdpMetadataCache, type LoadedSdpMetadata, type MetadataProblem } from './metadata-cache';
import { PollScheduler, type PollSide } from './poll-scheduler';
import { collectRequestIds, recordRequestId } from './request-ids';
import { RuntimeHealth } from './runtime-health';
import { metadataProblemMessage, errorMessage } from './runtime-messages';
import { pollSchedule, pollSides, RuntimePolls } from './runtime-polls';
import type { SecretResolver } from './secrets';
import type { StatusBoard } from './status-board';
import type { ZohoTokens } from './zoho-tokens';

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
 * Everything the app asks of it is an intent here (pause, resume, retryFailed, dryRun, push, …).
 */
export class IntegrationRuntime {
  readonly runner: Runner;
  private clients: IntegrationClients | undefined;
  private readonly metadata: SdpMetadataCache;
  private readonly deduper = new WebhookDeduper();
  private readonly scheduler: PollScheduler;
  private readonly health: RuntimeHealth;
  private readonly polls: RuntimePolls;
  private stopped = false;
  /** Aborted by stop(): calls waiting for a rate budget or a retry give up at once instead of holding the shutdown. */
  private readonly stopping = new AbortController();
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
    this.health = new RuntimeHealth(
      () => this.config,
      () => this.runner.queued,
      deps,
    );
    this.metadata = new SdpMetadataCache(
      () => this.requireClients().sdp,
      () => this.config.requestTemplate,
      deps.now,
      () => this.retryFailed(undefined, 'metadata'),
      (problems) => this.logMetadataProblems(problems),
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
        !this.stopped && this.health.attention === null && !deps.board.isPaused(this.config.id) && this.on,
      onApiError: (error) => {
        this.health.noteUnreachable(error);
        this.health.checkAttention(error);
      },
      collectRequestIds,
      ...(deps.retry ? { retry: deps.retry } : {}),
      onActivity: () => this.health.noteActivity(),
    });
    this.polls = new RuntimePolls({
      config: () => this.config,
      store: deps.store,
      runner: this.runner,
      now: deps.now,
      clients: () => this.requireClients(),
      sdpStatuses: () => this.metadata.statuses(),
      health: this.health,
      log: deps.log,
    });
  }

  get id(): string {
    return this.config.id;
  }

  get current(): IntegrationConfig {
    return this.config;
  }

  get needsAttentionMessage(): string | null {
    return this.health.attention;
  }

  /** True while the integration only reads: a draft not yet turned on. */
  get isDraft(): boolean {
    return this.config.draft;
  }

  /** Enabled and turned on: it polls, takes webhooks and (unless paused) writes. */
  private get on(): boolean {
    return this.config.enabled && !this.config.draft;
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
      if (!this.health.checkAttention(error)) this.health.needsAttention(error);
      return false;
    }
    this.metadata.invalidate();
    if (this.health.clearAttention()) {
      this.log('info', 'reconnected', msg('runtime.reconnected'));
      this.runner.resumeDue(true);
    }
    this.report();
    return true;
  }

  async update(config: IntegrationConfig): Promise<void> {
    this.config = config;
    this.scheduler.stop();
    this.health.reset();
    if (!config.enabled) {
      this.report();
      return;
    }
    await this.connect();
    if (config.draft) return;
    this.retryFailed(undefined, 'config');
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
    this.scheduler.stop();
    this.health.stop();
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
        this.log('info', 'rebuild_links', msg('runtime.rebuilt', { ...result }));
        return result;
      })
      .catch((error: unknown) => {
        this.log('error', 'rebuild_links', msg('runtime.rebuild_stopped', { error: errorMessage(error) }));
        throw error;
      })
      .finally(() => (this.rebuilding = undefined));
    return this.rebuilding;
  }

  /**
   * Re-plans parked failures (those `which` picks, or all) at once: by hand from the sync log, or because a config or
   * SDP change may have fixed them, which `reason` names in the log.
   */
  retryFailed(which: (item: OutboxItem) => boolean = () => true, reason?: 'metadata' | 'config'): number {
    const failed = this.deps.store.outbox(this.config.id, 'failed').filter(which);
    for (const item of failed) this.deps.store.requeueOutbox(item.id, this.deps.now());
    if (failed.length > 0) {
      if (reason !== undefined) this.log('info', 'retry', msg(`runtime.retrying_${reason}`, { n: failed.length }));
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
      this.log(
        'info',
        'webhook_ignored',
        msg('runtime.webhook_ignored', { reason: msg('runtime.unknown_event_type', { eventType: hint.eventType }) }),
      );
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

  /** One poll of each side the direction reads from (or of the given sides). */
  async pollOnce(sides: readonly PollSide[] = pollSides(this.config)): Promise<void> {
    await this.resumed;
    if (this.stopped || !this.clients || this.health.attention !== null || !this.on) return;
    await this.polls.poll(sides);
  }

  /** A Test connection run: its first failed check shows on the integration until a test passes. */
  noteConnectionTest(report: ConnectionReport): void {
    this.health.noteConnectionTest(report);
  }

  report(): void {
    this.health.report();
  }

  private schedule(): void {
    if (!this.stopped) this.scheduler.start(pollSchedule(this.config));
  }

  private logMetadataProblems(problems: readonly MetadataProblem[]): void {
    const cloud = this.config.sdp.platform === 'cloud';
    const messages = problems.map((p) => metadataProblemMessage(p, cloud));
    // The same problems at every refresh are logged once.
    const said = JSON.stringify(messages);
    if (said === this.metadataProblems) return;
    this.metadataProblems = said;
    for (const message of messages) this.log('warn', 'metadata', message);
  }

  private log(level: NewLogEntry['level'], action: string, message: Message): void {
    this.deps.log(logEntry({ at: this.deps.now(), level, integrationId: this.config.id, action, message }));
  }
}
