import { AppError } from '../../../shared/common/errors';
import { ngrokError } from './ngrok-errors';
import type { TunnelConnection, TunnelDrop, TunnelHooks, TunnelProvider } from './types';

/** The part of `@ngrok/ngrok` (1.7, index.d.ts) this provider uses; tests pass a fake with these signatures. */
export interface NgrokListener {
  url(): string | null;
  close(): Promise<void>;
}
export interface NgrokHttpListenerBuilder {
  domain(domain: string): this;
  trafficPolicy(trafficPolicy: string): this;
  metadata(metadata: string): this;
  listenAndForward(toUrl: string): Promise<NgrokListener>;
}
export interface NgrokSession {
  httpEndpoint(): NgrokHttpListenerBuilder;
  close(): Promise<void>;
}
export interface NgrokSessionBuilder {
  authtoken(authtoken: string): this;
  clientInfo(clientType: string, version: string, comments?: string | undefined | null): this;
  serverAddr(addr: string): this;
  handleDisconnection(handler: (addr: string, error: string) => boolean): this;
  handleHeartbeat(handler: (latency: number) => void): this;
  handleStopCommand(handler: () => void): this;
  connect(): Promise<NgrokSession>;
}
export interface NgrokSdk {
  SessionBuilder: new () => NgrokSessionBuilder;
}

/**
 * ngrok's edge runs this before anything reaches the app: only POST to /hooks/… gets through,
 * so the tunnel cannot be used to probe the local server. The secret header is still checked
 * locally on every call.
 */
export const WEBHOOK_ONLY_POLICY = JSON.stringify({
  on_http_request: [
    {
      expressions: ["req.method != 'POST' || !req.url.path.startsWith('/hooks/')"],
      actions: [{ type: 'deny', config: { status_code: 404 } }],
    },
  ],
});

export interface NgrokProviderOptions {
  /** The resolved authtoken value (from the keychain); never logged, redacted from every error. */
  authtoken: string;
  /** Reserved domain; absent = the address ngrok assigns. */
  domain?: string;
  /** The local webhook server; ngrok forwards to it on loopback. */
  localPort: number;
  /** Loads the SDK; the default imports `@ngrok/ngrok` lazily so other routes never load its native code. */
  loadSdk?: () => Promise<NgrokSdk>;
  /** Custom agent ingress (corporate setups); normally unset. */
  serverAddr?: string;
  appVersion?: string;
}

const loadRealSdk = async (): Promise<NgrokSdk> => import('@ngrok/ngrok');

/** An ngrok HTTPS endpoint forwarding to the local webhook server. The SDK reconnects its session itself. */
export class NgrokProvider implements TunnelProvider {
  readonly type = 'ngrok' as const;

  constructor(private readonly options: NgrokProviderOptions) {}

  /** The SDK, once an authtoken is saved; loaded lazily so other routes never load its native code. */
  private async sdk(): Promise<NgrokSdk> {
    if (this.options.authtoken.trim() === '') {
      throw new AppError(
        'ingress.ngrok_authtoken_missing',
        'No ngrok authtoken saved. Paste it from https://dashboard.ngrok.com/get-started/your-authtoken into DeskBridge (Integration → Inbound → ngrok).',
      );
    }
    try {
      return await (this.options.loadSdk ?? loadRealSdk)();
    } catch (error) {
      throw new AppError(
        'ingress.ngrok_unavailable',
        'The ngrok connector could not be loaded on this computer. Reinstall DeskBridge, or choose the relay route instead.',
        { cause: error },
      );
    }
  }

  async connect(hooks: TunnelHooks): Promise<TunnelConnection> {
    const { authtoken, domain, localPort } = this.options;
    const sdk = await this.sdk();

    let settleDrop: (drop: TunnelDrop) => void = () => undefined;
    const closed = new Promise<TunnelDrop>((r) => (settleDrop = r));
    let session: NgrokSession | null = null;
    let listener: NgrokListener | null = null;
    let interrupted = false;
    let ended = false;
    const shutDown = async (error: AppError) => {
      if (ended) return;
      ended = true;
      settleDrop({ error });
      await listener?.close().catch(() => undefined);
      await session?.close().catch(() => undefined);
    };

    let builder = new sdk.SessionBuilder()
      .authtoken(authtoken)
      .clientInfo('DeskBridge', this.options.appVersion ?? '0.0.0')
      .handleDisconnection((_addr, message) => {
        const error = ngrokError(message, authtoken);
        if (ended) return false;
        if (!error.retryable) {
          // Returning false would make the SDK throw an uncaught error; close the session instead.
          void shutDown(error);
          return true;
        }
        interrupted = true;
        hooks.interrupted(error);
        return true;
      })
      .handleHeartbeat(() => {
        if (!interrupted || ended) return;
        interrupted = false;
        const url = listener?.url();
        if (url) hooks.restored(url);
      })
      .handleStopCommand(() => {
        void shutDown(
          new AppError(
            'ingress.ngrok_stopped_remotely',
            'The tunnel was stopped from the ngrok dashboard. Restart the webhook route in DeskBridge to bring it back.',
          ),
        );
      });
    if (this.options.serverAddr) builder = builder.serverAddr(this.options.serverAddr);

    try {
      session = await builder.connect();
      let endpoint = session.httpEndpoint().trafficPolicy(WEBHOOK_ONLY_POLICY).metadata('DeskBridge webhooks');
      if (domain) endpoint = endpoint.domain(domain);
      listener = await endpoint.listenAndForward(`http://127.0.0.1:${localPort}`);
    } catch (error) {
      ended = true;
      await session?.close().catch(() => undefined);
      throw ngrokError(error, authtoken);
    }
    const publicUrl = listener.url();
    if (!publicUrl) {
      await shutDown(
        new AppError('ingress.ngrok_no_url', 'ngrok opened the tunnel without an address.', { retryable: true }),
      );
      throw new AppError('ingress.ngrok_no_url', 'ngrok opened the tunnel without an address; retrying.', {
        retryable: true,
      });
    }
    if (hooks.signal.aborted) {
      await shutDown(new AppError('ingress.route_stopped', 'Stopped.'));
      throw new AppError('ingress.route_stopped', 'Stopped.');
    }
    return {
      publicUrl,
      warning: null,
      closed,
      close: () => shutDown(new AppError('ingress.route_stopped', 'Stopped.')),
    };
  }
}
