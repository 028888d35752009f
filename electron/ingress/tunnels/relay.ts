import { request } from 'node:http';
import { EventSource, type ErrorEvent, type FetchLike } from 'eventsource';
import { AppError } from '../../../shared/common/errors';
import { redactUrl } from '../../../shared/node/net/redact';
import { replayRequestFor, type ReplayRequest } from './relay-event';
import type { TunnelConnection, TunnelDrop, TunnelHooks, TunnelProvider } from './types';

export interface RelayProviderOptions {
  /** The smee-compatible channel, e.g. https://smee.io/AbCdEf123. */
  channelUrl: string;
  /** Where the local webhook server listens; events are replayed there. */
  localHost: string;
  localPort: number;
  /**
   * smee.io pings every 30 s; a stream silent for longer is a dead connection the OS has not
   * noticed (sleep, Wi-Fi change), so it is dropped and reconnected.
   */
  idleTimeoutMs?: number;
  replayTimeoutMs?: number;
  fetch?: FetchLike;
}

export interface RelayCounters {
  /** Messages received from the channel. */
  received: number;
  /** Replayed and answered 2xx by the local server. */
  replayed: number;
  /** Replayed but refused by the local server (wrong secret, unknown path…). */
  refused: number;
  /** Not replayable (malformed, no local path) or the local server was unreachable. */
  dropped: number;
}

export interface ReplayOutcome {
  path: string;
  status: number | null;
  reason?: string;
}

const DEFAULT_IDLE_TIMEOUT_MS = 75_000;
const DEFAULT_REPLAY_TIMEOUT_MS = 10_000;

/** What an HTTP status from the relay means for the admin. */
export function relayConnectError(code: number | undefined, message: string | undefined, channelUrl: string): AppError {
  const details = {
    channel: redactUrl(channelUrl),
    ...(code === undefined ? { networkError: message ?? 'network error' } : { httpStatus: code }),
  };
  if (code === 403 || code === 404 || code === 410) {
    return new AppError(
      'ingress.relay_channel_unavailable',
      `The relay refused the channel (HTTP ${code}). Create a new channel, paste its address into DeskBridge, and update the webhook URL in SDP and Flashduty.`,
      { details },
    );
  }
  if (code !== undefined && code >= 200 && code < 300) {
    return new AppError(
      'ingress.relay_not_event_stream',
      'The relay address answered, but not with an event stream: check the channel address, or a proxy or captive portal may be in the way. Retrying.',
      { details, retryable: true },
    );
  }
  return new AppError(
    'ingress.relay_unreachable',
    code === undefined
      ? `Cannot reach the relay (${message ?? 'network error'}). Retrying; polling keeps changes flowing meanwhile.`
      : `The relay answered HTTP ${code}. Retrying; polling keeps changes flowing meanwhile.`,
    { details, retryable: true },
  );
}

/**
 * Subscribes to a smee-compatible channel and replays each event as a POST to the local webhook
 * server with its original headers and body, so the server's secret check applies unchanged.
 * Built on `eventsource` (the client smee-client itself wraps) because smee-client forwards to
 * one fixed URL, forwards hop-by-hop headers, retries on a fixed timer and only logs outcomes.
 */
export class RelayProvider implements TunnelProvider {
  readonly type = 'relay' as const;
  private readonly counts: RelayCounters = { received: 0, replayed: 0, refused: 0, dropped: 0 };
  private readonly replayListeners = new Set<(outcome: ReplayOutcome) => void>();
  /** Replays run one at a time, in arrival order, so a burst cannot trip the local rate limit at once. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: RelayProviderOptions) {}

  counters(): RelayCounters {
    return { ...this.counts };
  }

  onReplay(listener: (outcome: ReplayOutcome) => void): () => void {
    this.replayListeners.add(listener);
    return () => this.replayListeners.delete(listener);
  }

  connect(hooks: TunnelHooks): Promise<TunnelConnection> {
    const { channelUrl } = this.options;
    const idleTimeoutMs = this.options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      let source: EventSource;
      try {
        source = new EventSource(channelUrl, this.options.fetch ? { fetch: this.options.fetch } : {});
      } catch (error) {
        reject(
          new AppError('ingress.relay_bad_url', 'The relay channel address is not a valid URL; paste it again.', {
            cause: error,
          }),
        );
        return;
      }
      let open = false;
      let finished = false;
      let idleTimer: NodeJS.Timeout | undefined;
      let settleDrop: (drop: TunnelDrop) => void = () => undefined;
      const closed = new Promise<TunnelDrop>((r) => (settleDrop = r));

      const finish = (error: AppError) => {
        if (finished) return;
        finished = true;
        clearTimeout(idleTimer);
        hooks.signal.removeEventListener('abort', onAbort);
        // eventsource arms its own reconnect timer right after dispatching `error`; closing on the
        // next tick clears it, so only the manager decides when to reconnect.
        setImmediate(() => source.close());
        if (open) settleDrop({ error });
        else reject(error);
      };
      const armIdle = () => {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(
          () =>
            finish(
              new AppError('ingress.relay_silent', 'The relay stream went silent; reconnecting.', { retryable: true }),
            ),
          idleTimeoutMs,
        );
      };
      const onAbort = () => finish(new AppError('ingress.route_stopped', 'Stopped.', { retryable: false }));
      hooks.signal.addEventListener('abort', onAbort, { once: true });

      source.addEventListener('open', () => {
        open = true;
        armIdle();
        resolve({
          publicUrl: channelUrl,
          warning: null,
          closed,
          close: async () => finish(new AppError('ingress.route_stopped', 'Stopped.')),
        });
      });
      source.addEventListener('error', (event: ErrorEvent) => {
        const error = open
          ? new AppError(
              'ingress.relay_disconnected',
              'Lost the relay stream; reconnecting. Webhooks sent meanwhile are caught by polling.',
              {
                retryable: true,
                details: event.code === undefined ? {} : { httpStatus: event.code },
              },
            )
          : relayConnectError(event.code, event.message, channelUrl);
        finish(error);
      });
      source.addEventListener('ready', armIdle);
      source.addEventListener('ping', armIdle);
      source.addEventListener('message', (event: MessageEvent<string>) => {
        armIdle();
        this.counts.received += 1;
        this.queue = this.queue.then(() => this.replay(event.data));
      });
    });
  }

  private async replay(data: string): Promise<void> {
    const decision = replayRequestFor(data);
    if (!decision.ok) {
      this.counts.dropped += 1;
      this.report({ path: '', status: null, reason: decision.reason });
      return;
    }
    const { request: replay } = decision;
    try {
      const status = await this.post(replay);
      if (status >= 200 && status < 300) this.counts.replayed += 1;
      else this.counts.refused += 1;
      this.report({ path: replay.path.split('?')[0]!, status });
    } catch (error) {
      this.counts.dropped += 1;
      this.report({
        path: replay.path.split('?')[0]!,
        status: null,
        reason: error instanceof Error ? error.message : 'local server unreachable',
      });
    }
  }

  private post(replay: ReplayRequest): Promise<number> {
    const body = Buffer.from(replay.body, 'utf8');
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.options.localHost,
          port: this.options.localPort,
          method: 'POST',
          path: replay.path,
          headers: { ...replay.headers, 'content-length': String(body.length) },
          timeout: this.options.replayTimeoutMs ?? DEFAULT_REPLAY_TIMEOUT_MS,
          agent: false,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('local webhook server did not answer in time')));
      req.on('error', reject);
      req.end(body);
    });
  }

  private report(outcome: ReplayOutcome): void {
    for (const listener of this.replayListeners) listener(outcome);
  }
}
