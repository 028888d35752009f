import { isAppError } from '../../common/errors';

export interface RetryPolicy {
  /** Total attempts including the first; bounded so a dead service cannot stall a worker forever. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Parses an HTTP Retry-After value (delta seconds or an HTTP date) into milliseconds.
 * Returns undefined for anything unparseable so callers fall back to their own backoff.
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1). Full jitter keeps many clients from
 * retrying in lockstep; a server's Retry-After always wins because it knows its own window.
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/**
 * Runs `call` until it succeeds, throws a non-retryable error, or runs out of attempts.
 * Only `AppError`s marked `retryable` are repeated: clients decide what is transient.
 */
export async function withRetry<T>(
  call: (attempt: number) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
  hooks: RetryHooks = {},
): Promise<T> {
  const wait = hooks.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (!isAppError(error) || !error.retryable || attempt >= policy.maxAttempts) throw error;
      const delayMs = backoffDelay(attempt, policy, error.retryAfterMs, hooks.random);
      hooks.onRetry?.({ attempt, delayMs, error });
      await wait(delayMs);
    }
  }
}
