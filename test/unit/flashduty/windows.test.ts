import { describe, expect, it } from 'vitest';
import { MAX_LIST_WINDOW_SECONDS, splitTimeWindows } from '../../../shared/node/flashduty/windows';

const W = MAX_LIST_WINDOW_SECONDS;

describe('splitTimeWindows', () => {
  it.each([
    ['shorter than one window', 100, 200, [[100, 200]]],
    ['exactly 31 days', 0, W, [[0, W]]],
    [
      'one second over',
      0,
      W + 1,
      [
        [0, W],
        [W, W + 1],
      ],
    ],
    [
      '75 days',
      10,
      10 + 75 * 86_400,
      [
        [10, 10 + W],
        [10 + W, 10 + 2 * W],
        [10 + 2 * W, 10 + 75 * 86_400],
      ],
    ],
  ])('%s', (_name, start, end, expected) => {
    expect(splitTimeWindows(start, end).map((w) => [w.startTime, w.endTime])).toEqual(expected);
  });

  it.each([
    ['end before start', 10, 5],
    ['empty span', 10, 10],
    ['fractional seconds', 0.5, 10],
    ['negative start', -1, 10],
  ])('rejects %s', (_name, start, end) => {
    expect(() => splitTimeWindows(start, end)).toThrow(RangeError);
  });
});
