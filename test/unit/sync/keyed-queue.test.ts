import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../../shared/node/sync/keyed-queue';

/** A worker whose runs finish only when the test says so, so interleavings are explicit. */
function gatedWorker() {
  const runs: { key: string; items: string[]; finish: () => void }[] = [];
  let active = 0;
  let maxActive = 0;
  const worker = (key: string, items: string[]) =>
    new Promise<void>((resolve) => {
      active++;
      maxActive = Math.max(maxActive, active);
      runs.push({
        key,
        items,
        finish: () => {
          active--;
          resolve();
        },
      });
    });
  return { runs, worker, maxActive: () => maxActive };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('KeyedQueue', () => {
  it('coalesces pushes for a waiting key into one run', async () => {
    const w = gatedWorker();
    const q = new KeyedQueue(1, w.worker);
    q.push('a', '1');
    q.push('b', '1');
    q.push('b', '2');
    q.push('b', '3');
    await tick();
    expect(w.runs.map((r) => [r.key, r.items])).toEqual([['a', ['1']]]);
    w.runs[0]!.finish();
    await tick();
    expect(w.runs[1]).toMatchObject({ key: 'b', items: ['1', '2', '3'] });
    w.runs[1]!.finish();
    await q.idle();
  });

  it('never runs one key twice at once: a push during a run waits for it', async () => {
    const w = gatedWorker();
    const q = new KeyedQueue(4, w.worker);
    q.push('a', '1');
    await tick();
    q.push('a', '2');
    await tick();
    expect(w.runs).toHaveLength(1);
    w.runs[0]!.finish();
    await tick();
    expect(w.runs[1]).toMatchObject({ key: 'a', items: ['2'] });
    w.runs[1]!.finish();
    await q.idle();
  });

  it('runs different keys in parallel up to the limit', async () => {
    const w = gatedWorker();
    const q = new KeyedQueue(3, w.worker);
    for (const key of ['a', 'b', 'c', 'd', 'e']) q.push(key, key);
    await tick();
    expect(w.runs.map((r) => r.key)).toEqual(['a', 'b', 'c']);
    expect(q.size).toBe(5);
    w.runs[1]!.finish();
    await tick();
    expect(w.runs.map((r) => r.key)).toEqual(['a', 'b', 'c', 'd']);
    for (const run of w.runs) run.finish();
    await tick();
    for (const run of w.runs.slice(4)) run.finish();
    await q.idle();
    expect(w.maxActive()).toBe(3);
    expect(q.size).toBe(0);
  });

  it('keeps going after a worker failure', async () => {
    const seen: string[] = [];
    const q = new KeyedQueue(1, async (key) => {
      seen.push(key);
      if (key === 'bad') throw new Error('boom');
    });
    q.push('bad', 'x');
    q.push('good', 'y');
    await q.idle();
    expect(seen).toEqual(['bad', 'good']);
  });
});
