import { describe, expect, it } from 'vitest';
import { isShuttingDown } from '../../../shared/node/net/abort';
import { RateBudget } from '../../../shared/node/net/rate-budget';

/** A manual clock: sleeping advances time instantly, so the test measures decisions, not seconds. */
function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    clock: {
      now: () => now,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        now += ms;
      },
    },
    sleeps,
    advance: (ms: number) => {
      now += ms;
    },
    get now() {
      return now;
    },
  };
}

describe('RateBudget', () => {
  it('lets a burst up to the limit through without waiting, then spaces the rest', async () => {
    const t = fakeClock();
    const budget = new RateBudget([{ limit: 3, windowMs: 1000 }], t.clock);
    const starts: number[] = [];
    for (let i = 0; i < 7; i++) {
      await budget.take();
      starts.push(t.now);
    }
    expect(starts).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  it('honours the tightest of several windows', async () => {
    const t = fakeClock();
    const budget = new RateBudget(
      [
        { limit: 5, windowMs: 1000 },
        { limit: 6, windowMs: 60_000 },
      ],
      t.clock,
    );
    const starts: number[] = [];
    for (let i = 0; i < 8; i++) {
      await budget.take();
      starts.push(t.now);
    }
    expect(starts.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(starts[5]).toBe(1000);
    expect(starts[6]).toBe(60_000);
    expect(starts[7]).toBe(60_000);
  });

  it('serves concurrent callers in arrival order and never exceeds the window', async () => {
    const t = fakeClock();
    const budget = new RateBudget([{ limit: 2, windowMs: 100 }], t.clock);
    const order: [number, number][] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => budget.take().then(() => order.push([i, t.now]))));
    expect(order.map(([i]) => i)).toEqual([0, 1, 2, 3, 4]);
    for (const [, at] of order)
      expect(order.filter(([, other]) => other > at - 100 && other <= at).length).toBeLessThanOrEqual(2);
  });

  it('stops every wait at once when its signal aborts (shutdown), and refuses calls after that', async () => {
    // A clock whose sleeps never end on their own: only the abort can release the waiters.
    const clock = { now: () => 0, sleep: () => new Promise<void>(() => undefined) };
    const stop = new AbortController();
    const budget = new RateBudget([{ limit: 1, windowMs: 60_000 }], clock, stop.signal);
    await budget.take();
    const waiting = [budget.take(), budget.take(), budget.take()].map((p) =>
      p.then(
        () => 'went',
        (error: unknown) => error,
      ),
    );
    stop.abort();
    for (const outcome of await Promise.all(waiting)) expect(isShuttingDown(outcome)).toBe(true);
    expect(isShuttingDown(await budget.take().catch((error: unknown) => error))).toBe(true);
  });

  it('refuses nonsense windows', () => {
    expect(() => new RateBudget([{ limit: 0, windowMs: 1000 }])).toThrow(RangeError);
    expect(() => new RateBudget([{ limit: 5, windowMs: -1 }])).toThrow(RangeError);
  });
});
