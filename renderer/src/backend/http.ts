import { ContractError, type Backend, type ContractErrorShape } from '../../../shared/common/contract';
import { t } from '../i18n';
import { SseParser } from './sse';

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface HttpBackendOptions {
  token: string;
  onConnection: (state: ConnectionState) => void;
  /** Delay before re-opening a dropped event stream. */
  retryMs?: number;
}

/**
 * Headless: the contract over `POST /api/<method>` and events over one authenticated SSE stream
 * that reconnects by itself. The token lives only in this closure.
 */
export function httpBackend(options: HttpBackendOptions): Backend {
  const { token } = options;
  const retryMs = options.retryMs ?? 2000;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let streaming = false;

  const openStream = async (): Promise<void> => {
    options.onConnection('connecting');
    try {
      const response = await fetch('/api/events', { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
      options.onConnection('online');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new SseParser();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const message of parser.push(value)) {
          let payload: unknown;
          try {
            payload = JSON.parse(message.data);
          } catch {
            continue;
          }
          for (const listener of listeners.get(message.event) ?? []) listener(payload);
        }
      }
    } catch {
      // Falls through to the reconnect below; the indicator shows the app is offline meanwhile.
    }
    options.onConnection('offline');
    setTimeout(() => void openStream(), retryMs);
  };

  return {
    async invoke(method, input) {
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        throw new ContractError({ code: 'http.offline', message: t('backendOffline') });
      }
      const body = (await response.json().catch(() => null)) as { result?: unknown; error?: ContractErrorShape } | null;
      if (response.ok && body && 'result' in body) return body.result as never;
      throw new ContractError(
        body?.error ?? { code: `http.${response.status}`, message: t('backendHttpError', { status: response.status }) },
      );
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = (payload: unknown): void => listener(payload as never);
      set.add(wrapped);
      if (!streaming) {
        streaming = true;
        void openStream();
      }
      return () => set.delete(wrapped);
    },
  };
}
