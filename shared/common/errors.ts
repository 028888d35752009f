/**
 * The one error shape every layer speaks. Connectors, the engine and the app service throw
 * `AppError` (or a subclass) so the dispatcher can hand the UI `{ code, message, details }`
 * without guessing, and so the runner can tell a retryable fault from a permanent one.
 */
export interface AppErrorOptions {
  /** Extra facts a user or support needs: request IDs, field names, HTTP status. Never secrets. */
  details?: Record<string, unknown>;
  /** True when repeating the same call later may succeed (rate limits, 5xx, network). */
  retryable?: boolean;
  /** Milliseconds the remote side asked us to wait (Retry-After), when it said so. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
