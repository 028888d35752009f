import type { IntegrationConfig } from '../../shared/config';
import type { LogEntry } from '../../shared/contract';
import type { NewLogEntry, SyncStore } from '../../shared/sync/store';
import { startWebhookServer, type WebhookEvent, type WebhookRoute, type WebhookServer } from '../ingress/webhook-server';
import type { ClientOptions } from './clients';
import type { EventBus } from './event-bus';
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
}

/**
 * All running integrations, the shared webhook server, and the sync log. The app service talks to
 * this; each integration's work lives in its IntegrationRuntime.
 */
export class Engine {
  private readonly runtimes = new Map<string, IntegrationRuntime>();
  private webhookServer: WebhookServer | undefined;
  private readonly routes = new Map<string, WebhookRoute>();
  readonly now: () => number;

  constructor(private readonly deps: EngineDeps) {
    this.now = deps.now ?? Date.now;
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
      await this.refreshRoute(config);
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
    await this.refreshRoute(config);
    return runtime;
  }

  async remove(id: string): Promise<void> {
    const runtime = this.runtimes.get(id);
    this.runtimes.delete(id);
    this.routes.delete(id);
    await runtime?.stop();
    this.deps.store.deleteOutbox(id);
    this.deps.store.deleteLinks(id);
    this.deps.board.remove(id);
  }

  /** Where the shared webhook server listens; started on first use. */
  async webhookServerFor(host: string, port: number): Promise<WebhookServer> {
    if (this.webhookServer) return this.webhookServer;
    this.webhookServer = await startWebhookServer({ host, port, routes: () => this.routes, onEvent: (e) => this.onWebhook(e) });
    return this.webhookServer;
  }

  get webhookPort(): number | undefined {
    return this.webhookServer?.port;
  }

  private async refreshRoute(config: IntegrationConfig): Promise<void> {
    if (!config.ingress.webhooks || !config.enabled) {
      this.routes.delete(config.id);
      return;
    }
    const secret = await this.deps.resolveSecret(config.id, config.ingress.webhookSecret).catch(() => null);
    if (secret === null) this.routes.delete(config.id);
    else this.routes.set(config.id, { integrationId: config.id, secret });
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
    if (!runtime) return;
    if (event.kind === 'sdp') runtime.onSdpWebhook(event.notice);
    else runtime.onFlashdutyWebhook(event.hint, event.kind === 'flashduty-action');
  }

  async idle(): Promise<void> {
    await Promise.all([...this.runtimes.values()].map((r) => r.runner.idle()));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.runtimes.values()].map((r) => r.stop()));
    this.runtimes.clear();
    await this.webhookServer?.close();
    this.webhookServer = undefined;
  }
}
