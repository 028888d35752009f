import type { IntegrationConfig } from '../../shared/common/config';
import type { LogEntry } from '../../shared/common/contract';
import { logEntry } from '../../shared/node/sync/log-entry';
import type { NewLogEntry, SyncStore } from '../../shared/node/sync/store';
import { RejectionLog } from '../ingress/rejection-log';
import type { KeyValueStore } from '../ingress/tunnels';
import type { WebhookEvent, WebhookServer } from '../ingress/webhook-server';
import type { ClientOptions } from './clients';
import { beforeDeadline } from './deadline';
import type { EventBus } from './event-bus';
import { IngressRoutes } from './ingress-routes';
import { IntegrationRuntime } from './integration-runtime';
import type { SecretResolver } from './secrets';
import type { StatusBoard } from './status-board';
import type { ZohoTokens } from './zoho-tokens';

/** How long shutdown lets API calls in flight finish; queued work stays in the outbox for the next start. */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface EngineDeps {
  store: SyncStore;
  board: StatusBoard;
  bus: EventBus;
  resolveSecret: SecretResolver;
  now?: () => number;
  clientOptions?: ClientOptions;
  zohoTokens?: ZohoTokens;
  onAttention?: (integrationId: string, name: string, message: string) => void;
  onSecretRejected?: (integrationId: string, slot: string) => void;
  retry?: { baseDelayMs: number; maxDelayMs: number };
  /** The app's webhook server address (Settings). */
  webhookBinding: () => { host: string; port: number };
  /** Small persistent state for tunnels (last public URL). */
  ingressState: KeyValueStore;
}

/**
 * All running integrations, the shared webhook server, and the sync log. The app service talks to
 * this; each integration's work lives in its IntegrationRuntime.
 */
export class Engine {
  private readonly runtimes = new Map<string, IntegrationRuntime>();
  readonly ingress: IngressRoutes;
  readonly now: () => number;
  private readonly rejections: RejectionLog;

  constructor(private readonly deps: EngineDeps) {
    this.now = deps.now ?? Date.now;
    this.rejections = new RejectionLog(({ integrationId, message }) =>
      this.log(logEntry({ at: this.now(), level: 'warn', integrationId, action: 'webhook_rejected', message })),
    );
    this.ingress = new IngressRoutes({
      board: deps.board,
      resolveSecret: deps.resolveSecret,
      log: (entry) => this.log(entry),
      now: this.now,
      binding: deps.webhookBinding,
      state: deps.ingressState,
      onEvent: (event) => this.onWebhook(event),
    });
  }

  /** Appends to the durable log and pushes the entry to every open UI. */
  readonly log = (entry: NewLogEntry): LogEntry => {
    const stored = this.deps.store.appendLog(entry);
    this.deps.bus.publish('log.entry', stored);
    return stored;
  };

  runtime(id: string): IntegrationRuntime | undefined {
    return this.runtimes.get(id);
  }

  async start(configs: readonly IntegrationConfig[]): Promise<void> {
    await Promise.all(configs.map((c) => this.upsert(c)));
  }

  /** Starts a new integration or applies a changed config to a running one. */
  async upsert(config: IntegrationConfig): Promise<IntegrationRuntime> {
    const existing = this.runtimes.get(config.id);
    if (existing) {
      await existing.update(config);
      await this.ingress.apply(config);
      return existing;
    }
    const runtime = new IntegrationRuntime(config, {
      store: this.deps.store,
      board: this.deps.board,
      resolveSecret: this.deps.resolveSecret,
      log: this.log,
      now: this.now,
      ...(this.deps.clientOptions ? { clientOptions: this.deps.clientOptions } : {}),
      ...(this.deps.zohoTokens ? { zohoTokens: this.deps.zohoTokens } : {}),
      ...(this.deps.onAttention ? { onAttention: this.deps.onAttention } : {}),
      ...(this.deps.onSecretRejected ? { onSecretRejected: this.deps.onSecretRejected } : {}),
      ...(this.deps.retry ? { retry: this.deps.retry } : {}),
    });
    this.runtimes.set(config.id, runtime);
    await runtime.start();
    await this.ingress.apply(config);
    return runtime;
  }

  async remove(id: string): Promise<void> {
    const runtime = this.runtimes.get(id);
    this.runtimes.delete(id);
    await this.ingress.remove(id);
    await runtime?.stop();
    this.deps.store.deleteOutbox(id);
    this.deps.store.deleteLinks(id);
    this.deps.board.remove(id);
  }

  /** The app's own webhook server (started on first use). */
  webhookServer(): Promise<WebhookServer> {
    return this.ingress.appServer();
  }

  private onWebhook(event: WebhookEvent): void {
    if (event.kind === 'rejected') {
      this.rejections.add(event);
      return;
    }
    const runtime = this.runtimes.get(event.integrationId);
    // A draft takes no webhooks (its routes are not even served); this guards a route torn down late.
    if (!runtime || runtime.isDraft) return;
    if (event.kind === 'sdp') runtime.onSdpWebhook(event.notice);
    else runtime.onFlashdutyWebhook(event.hint, event.kind === 'flashduty-action');
  }

  /** Pauses one integration, or all (also those added later); writes stop, changes keep queueing. */
  pause(integrationId?: string): void {
    if (integrationId === undefined) this.deps.board.pause();
    else if (this.runtimes.has(integrationId)) this.runtimes.get(integrationId)!.pause();
    else this.deps.board.pause(integrationId);
  }

  /**
   * Resumes one integration, or all, and catches up on what queued meanwhile. Resuming one while all are paused
   * resumes that one: the others stay paused, each on its own from then on.
   */
  resume(integrationId?: string): void {
    if (integrationId !== undefined && this.deps.board.snapshot().paused) {
      this.deps.board.resume();
      for (const id of this.runtimes.keys()) if (id !== integrationId) this.deps.board.pause(id);
    }
    if (integrationId === undefined) {
      this.deps.board.resume();
      for (const runtime of this.runtimes.values()) runtime.catchUp();
    } else if (this.runtimes.has(integrationId)) this.runtimes.get(integrationId)!.resume();
    else this.deps.board.resume(integrationId);
  }

  async idle(): Promise<void> {
    await Promise.all([...this.runtimes.values()].map((r) => r.idle()));
  }

  /**
   * Shutdown: ingress first (no new hints), then pollers and writes; calls in flight get until the
   * grace period ends. Queued work is left in the outbox, never waited for.
   */
  async stop(graceMs: number = SHUTDOWN_GRACE_MS): Promise<void> {
    const deadline = Date.now() + graceMs;
    const runtimes = [...this.runtimes.values()];
    this.runtimes.clear();
    await beforeDeadline(this.ingress.stop(), deadline);
    this.rejections.stop();
    await Promise.all(runtimes.map((r) => r.stop(deadline)));
  }
}
