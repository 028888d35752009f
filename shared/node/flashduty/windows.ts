/** `/incident/list` accepts at most 31 days between start_time and end_time. */
export const MAX_LIST_WINDOW_SECONDS = 31 * 24 * 60 * 60;

export interface TimeWindow {
  /** Unix seconds. */
  startTime: number;
  /** Unix seconds. */
  endTime: number;
}

/**
 * Cuts [startTime, endTime] into consecutive windows no longer than `maxSeconds`, in order.
 * Neighbouring windows share their boundary second, so callers must drop repeats there.
 */
export function splitTimeWindows(
  startTime: number,
  endTime: number,
  maxSeconds = MAX_LIST_WINDOW_SECONDS,
): TimeWindow[] {
  if (!Number.isInteger(startTime) || !Number.isInteger(endTime) || startTime < 0) {
    throw new RangeError('startTime and endTime must be whole Unix seconds');
  }
  if (endTime <= startTime) throw new RangeError('endTime must be after startTime');
  if (!(maxSeconds > 0)) throw new RangeError('maxSeconds must be positive');
  const windows: TimeWindow[] = [];
  for (let from = startTime; from < endTime; from += maxSeconds) {
    windows.push({ startTime: from, endTime: Math.min(from + maxSeconds, endTime) });
  }
  return windows;
}
