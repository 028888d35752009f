import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/common/errors';
import { backoffDelay, parseRetryAfter, withRetry, type RetryPolicy } from '../../../shared/node/net/backoff';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 3000 };

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['2', 2000],
    [3, 3000],
    ['0.5', 500],
    ['Thu, 01 Jan 2026 00:00:10 GMT', 10_000],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['', undefined],
    ['soon', undefined],
    [undefined, undefined],
    [null, undefined],
  ])('%j → %j ms', (value, expected) => expect(parseRetryAfter(value, now)).toBe(expected));
});

describe('backoffDelay', () => {
  it('doubles from the base with jitter between half and the full ceiling', () => {
    expect([1, 2, 3].map((a) => backoffDelay(a, policy, undefined, () => 0))).toEqual([250, 500, 1000]);
    expect([1, 2, 3].map((a) => backoffDelay(a, policy, undefined, () => 1))).toEqual([500, 1000, 2000]);
  });
  it('caps at maxDelayMs', () => expect(backoffDelay(10, policy, undefined, () => 1)).toBe(3000));
  it("uses the server's Retry-After, capped", () => {
    expect(backoffDelay(1, policy, 1200)).toBe(1200);
    expect(backoffDelay(1, policy, 60_000)).toBe(3000);
  });
});

describe('withRetry', () => {
  const transient = () => new AppError('x.rate_limited', 'slow down', { retryable: true, retryAfterMs: 700 });
  const permanent = () => new AppError('x.invalid', 'bad field');

  it('retries retryable errors, waiting as told, and returns the success', async () => {
    const sleep = vi.fn(async () => undefined);
    const call = vi.fn().mockRejectedValueOnce(transient()).mockRejectedValueOnce(transient()).mockResolvedValue('ok');
    await expect(withRetry(call, policy, { sleep })).resolves.toBe('ok');
    expect(call).toHaveBeenCalledTimes(3);
    expect(sleep.mock.calls).toEqual([[700], [700]]);
  });

  it('does not retry permanent errors or foreign errors', async () => {
    const sleep = vi.fn(async () => undefined);
    for (const error of [permanent(), new TypeError('bug')]) {
      const call = vi.fn().mockRejectedValue(error);
      await expect(withRetry(call, policy, { sleep })).rejects.toBe(error);
      expect(call).toHaveBeenCalledTimes(1);
    }
    expect(sleep).not.toHaveBeenCalled();
  });

  it('gives up after maxAttempts with the last error', async () => {
    const call = vi.fn().mockRejectedValue(transient());
    const onRetry = vi.fn();
    await expect(withRetry(call, policy, { sleep: async () => undefined, onRetry })).rejects.toMatchObject({
      code: 'x.rate_limited',
    });
    expect(call).toHaveBeenCalledTimes(4);
    expect(onRetry).toHaveBeenCalledTimes(3);
  });
});
