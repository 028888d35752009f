import type { IntegrationConfig } from '../../shared/config';
import type { LogEntry } from '../../shared/contract';
import type { NewLogEntry, SyncStore } from '../../shared/sync/store';
import type { KeyValueStore } from '../ingress/tunnels';
import type { WebhookEvent, WebhookServer } from '../ingress/webhook-server';
import type { ClientOptions } from './clients';
import type { EventBus } from './event-bus';
import { IngressRoutes } from './ingress-routes';
import { IntegrationRuntime } from './integration-runtime';
import type { SecretResolver } from './secrets';
import type { StatusBoard } from './status-board';

export interface EngineDeps {
  store: SyncStore;
  board: StatusBoard;
  bus: EventBus;
  resolveSecret: SecretResolver;
  now?: () => number;
  clientOptions?: ClientOptions;
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

  constructor(private readonly deps: EngineDeps) {
    this.now = deps.now ?? Date.now;
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
      this.log({
        at: this.now(),
        level: 'warn',
        integrationId: event.integrationId,
        direction: null,
        incidentId: null,
        requestId: null,
        action: 'webhook_rejected',
        message: `Webhook refused (${event.status}) at ${event.endpoint}: ${event.reason}`,
        changes: [],
        apiRequestIds: [],
        error: null,
      });
      return;
    }
    const runtime = this.runtimes.get(event.integrationId);
    // A draft takes no webhooks (its routes are not even served); this guards a route torn down late.
    if (!runtime || runtime.isDraft) return;
    if (event.kind === 'sdp') runtime.onSdpWebhook(event.notice);
    else runtime.onFlashdutyWebhook(event.hint, event.kind === 'flashduty-action');
  }

  async idle(): Promise<void> {
    await Promise.all([...this.runtimes.values()].map((r) => r.runner.idle()));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.runtimes.values()].map((r) => r.stop()));
    this.runtimes.clear();
    await this.ingress.stop();
  }
}
