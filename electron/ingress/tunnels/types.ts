import type { Message } from '../../../shared/common/contract/message';
import type { AppError } from '../../../shared/common/errors';
import type { IngressType } from '../../../shared/common/config/ingress';

/** Why an established connection ended. */
export interface TunnelDrop {
  error: AppError;
}

export interface TunnelConnection {
  /** The address senders call (or, for `direct`, the address this computer answers on). */
  publicUrl: string;
  /** Something the admin should know about this route (e.g. listening beyond this computer). */
  warning: Message | null;
  /** Settles once when the connection is gone; the manager then reconnects or gives up. */
  closed: Promise<TunnelDrop>;
  close(): Promise<void>;
}

/**
 * Signals from a provider whose SDK reconnects on its own (ngrok): the connection object stays,
 * but the route is down until `restored`.
 */
export interface TunnelHooks {
  signal: AbortSignal;
  interrupted(error: AppError): void;
  restored(publicUrl: string): void;
}

export interface TunnelProvider {
  readonly type: IngressType;
  /** One attempt. Throws an AppError; `retryable` tells the manager whether to try again. */
  connect(hooks: TunnelHooks): Promise<TunnelConnection>;
}

export type TunnelStatus =
  | { state: 'stopped' }
  | { state: 'connecting' }
  | { state: 'connected'; publicUrl: string; warning: Message | null; since: number }
  /** `nextInMs` is null when the provider's own SDK schedules the retry. `reason` is the error's English text. */
  | { state: 'reconnecting'; attempt: number; nextInMs: number | null; reason: string; code: string; details: Details }
  /** Needs the admin: a bad token, an unreserved domain… Start again after fixing it. */
  | { state: 'down'; reason: string; code: string; details: Details };

/** The failure's facts (an HTTP status, an ngrok code, a host), for wording it in the UI's language. */
type Details = Record<string, unknown>;

export interface WebhookUrlChange {
  previous: string;
  current: string;
}

/** A span when webhooks could not arrive; `to` is null while it lasts. */
export interface TunnelOutage {
  from: number;
  to: number | null;
}
