import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PollScheduler, type PollSide } from '../../../electron/services/poll-scheduler';

const SCHEDULE = { every: { flashduty: 30_000, sdp: 60_000 }, firstDelayMs: 1_000, retryScanMs: 5_000 };

/** Polls that finish only when the test says so, like a slow API. */
function slowPolls() {
  const calls: PollSide[] = [];
  const finish: (() => void)[] = [];
  const poll = (side: PollSide) => {
    calls.push(side);
    return new Promise<void>((resolve) => finish.push(resolve));
  };
  return { calls, poll, finishAll: () => finish.splice(0).forEach((f) => f()) };
}

/** Lets the settled polls' continuations re-arm their chains. */
const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('poll scheduler', () => {
  it('polls each side once a second after start, then once per interval, never stacking a slow poll', async () => {
    const p = slowPolls();
    const scans = vi.fn();
    const s = new PollScheduler(p.poll, scans);
    s.start(SCHEDULE);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(p.calls).toEqual(['flashduty', 'sdp']);
    // Still running after two intervals: no second poll is armed meanwhile.
    await vi.advanceTimersByTimeAsync(70_000);
    expect(p.calls).toHaveLength(2);
    p.finishAll();
    await flush();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(p.calls.filter((c) => c === 'flashduty')).toHaveLength(2);
    expect(scans).toHaveBeenCalledTimes(20);
    s.stop();
  });

  it('restarted while a poll is in flight (a config saved mid-poll), keeps one chain per side', async () => {
    const p = slowPolls();
    const s = new PollScheduler(p.poll, () => undefined);
    s.start({ ...SCHEDULE, every: { flashduty: 30_000 } });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(p.calls).toHaveLength(1);
    s.start({ ...SCHEDULE, every: { flashduty: 30_000 } });
    // The old chain's poll ends after the restart: it must not re-arm.
    p.finishAll();
    await flush();
    await vi.advanceTimersByTimeAsync(1_000);
    p.finishAll();
    await flush();
    for (let step = 0; step < 10; step++) {
      await vi.advanceTimersByTimeAsync(30_000);
      p.finishAll();
      await flush();
    }
    // The poll in flight, one a second after the restart, then one per 30 s for 5 minutes.
    expect(p.calls).toHaveLength(1 + 1 + 10);
    s.stop();
  });

  it('stopped while a poll is in flight, never polls again', async () => {
    const p = slowPolls();
    const scans = vi.fn();
    const s = new PollScheduler(p.poll, scans);
    s.start(SCHEDULE);
    await vi.advanceTimersByTimeAsync(1_000);
    s.stop();
    p.finishAll();
    await flush();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(p.calls).toEqual(['flashduty', 'sdp']);
    expect(scans).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps polling after a poll fails', async () => {
    const calls: PollSide[] = [];
    const s = new PollScheduler(
      async (side) => {
        calls.push(side);
        throw new Error('network down');
      },
      () => undefined,
    );
    s.start({ ...SCHEDULE, every: { sdp: 60_000 } });
    await vi.advanceTimersByTimeAsync(1_000 + 2 * 60_000);
    expect(calls).toEqual(['sdp', 'sdp', 'sdp']);
    s.stop();
  });
});
