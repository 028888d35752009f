import type { IntegrationConfig } from '../../shared/common/config';
import { msg, type Message } from '../../shared/common/contract';
import { logEntry } from '../../shared/node/sync/log-entry';
import type { NewLogEntry } from '../../shared/node/sync/store';
import {
  createTunnelProvider,
  localBinding,
  publicWebhookBase,
  publicWebhookUrl,
  toIngressStatus,
  TunnelManager,
  type KeyValueStore,
} from '../ingress/tunnels';
import {
  startWebhookServer,
  webhookPath,
  type WebhookEvent,
  type WebhookKind,
  type WebhookRoute,
  type WebhookServer,
} from '../ingress/webhook-server';
import type { SecretResolver } from './secrets';
import type { StatusBoard } from './status-board';

export interface IngressDeps {
  board: StatusBoard;
  resolveSecret: SecretResolver;
  log: (entry: NewLogEntry) => void;
  now: () => number;
  /** The app's webhook server binding from the settings (`direct` mode with port 0 uses it too). */
  binding: () => { host: string; port: number };
  /** Where tunnels remember the public URL they last handed out, to notice when it changes. */
  state: KeyValueStore;
  onEvent: (event: WebhookEvent) => void;
}

interface Route {
  config: IntegrationConfig;
  secret: string;
  server: WebhookServer;
  localBase: string;
  manager: TunnelManager;
}

/**
 * How webhooks reach each integration: the local servers (one per host:port in use), and per
 * integration a provider (direct, ngrok, relay) watched by a TunnelManager whose status shows in
 * the UI and the tray. Polling runs regardless, so a route that is down loses nothing.
 */
export class IngressRoutes {
  private readonly servers = new Map<string, Promise<WebhookServer>>();
  private readonly routes = new Map<string, Route>();
  private readonly secrets = new Map<string, WebhookRoute>();

  constructor(private readonly deps: IngressDeps) {}

  private server(host: string, port: number): Promise<WebhookServer> {
    const key = `${host}:${port}`;
    let server = this.servers.get(key);
    if (!server) {
      server = startWebhookServer({ host, port, routes: () => this.secrets, onEvent: this.deps.onEvent });
      server.catch(() => this.servers.delete(key));
      this.servers.set(key, server);
    }
    return server;
  }

  /** The app's own webhook server (started on first use). */
  appServer(): Promise<WebhookServer> {
    const { host, port } = this.deps.binding();
    return this.server(host, port);
  }

  async apply(config: IntegrationConfig): Promise<void> {
    await this.remove(config.id);
    if (!config.enabled || config.draft || !config.ingress.webhooks) return;
    const secret = await this.deps.resolveSecret(config.id, config.ingress.webhookSecret).catch(() => null);
    if (secret === null) {
      this.deps.board.report(config.id, {
        ingress: {
          mode: config.ingress.mode.type,
          state: 'down',
          url: null,
          message: msg('ingress.no_secret'),
        },
      });
      return;
    }
    const mode = config.ingress.mode;
    const app = this.deps.binding();
    const binding = localBinding(mode, app.port);
    let server: WebhookServer;
    try {
      server = await this.server(binding.host, binding.port);
    } catch (error) {
      const message = msg('ingress.cannot_listen', {
        address: `${binding.host}:${binding.port}`,
        error: (error as NodeJS.ErrnoException).code ?? msg('quoted', { text: (error as Error).message }),
      });
      this.deps.board.report(config.id, { ingress: { mode: mode.type, state: 'down', url: null, message } });
      this.log(config, 'error', message);
      return;
    }
    this.secrets.set(config.id, { integrationId: config.id, secret });
    const ngrokAuthtoken =
      mode.type === 'ngrok'
        ? ((await this.deps.resolveSecret(config.id, mode.authtoken).catch(() => null)) ?? '')
        : undefined;
    const provider = createTunnelProvider(mode, {
      localHost: binding.host,
      localPort: server.port,
      ...(ngrokAuthtoken !== undefined ? { ngrokAuthtoken } : {}),
    });
    const manager = new TunnelManager({ provider, store: this.deps.state, storeKey: `ingress.${config.id}.publicUrl` });
    manager.onStatus((status) => this.deps.board.report(config.id, { ingress: toIngressStatus(mode, status) }));
    manager.onUrlChanged((change) =>
      this.log(config, 'warn', msg('ingress.url_changed', { from: change.previous, to: change.current })),
    );
    const host = binding.host.includes(':') ? `[${binding.host}]` : binding.host;
    this.routes.set(config.id, { config, secret, server, localBase: `http://${host}:${server.port}`, manager });
    manager.start();
  }

  async remove(id: string): Promise<void> {
    const route = this.routes.get(id);
    this.routes.delete(id);
    this.secrets.delete(id);
    await route?.manager.stop();
  }

  /** The URL senders must use for one kind of webhook, or null while a tunnel has no address yet. */
  url(id: string, kind: WebhookKind): { url: string | null; base: string | null; mode: string } | null {
    const route = this.routes.get(id);
    if (!route) return null;
    const mode = route.config.ingress.mode;
    const base = publicWebhookBase(mode, route.manager.status(), route.localBase);
    return {
      base,
      mode: mode.type,
      url: base === null ? null : publicWebhookUrl(mode, base, webhookPath(id, route.secret, kind)),
    };
  }

  /** The current warning for the setup helper: a URL change not yet acknowledged, or the route's own status. */
  warning(id: string): Message | null {
    const route = this.routes.get(id);
    if (!route) return null;
    const change = route.manager.urlChange();
    if (change) return msg('ingress.url_changed_setup', { from: change.previous, to: change.current });
    return toIngressStatus(route.config.ingress.mode, route.manager.status()).message;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.routes.keys()].map((id) => this.remove(id)));
    const servers = await Promise.allSettled([...this.servers.values()]);
    this.servers.clear();
    await Promise.all(servers.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)));
  }

  private log(config: IntegrationConfig, level: NewLogEntry['level'], message: Message): void {
    this.deps.log(logEntry({ at: this.deps.now(), level, integrationId: config.id, action: 'ingress', message }));
  }
}
