import { useCallback, useEffect, useRef, useState } from 'react';
import type { Loadable } from '../store';
import { errorMessage } from './errors';

/**
 * The renderer's one way from a call to a Loadable: components load through `useQuery` (or, for a
 * load the user starts, `await loadable(…)` into their state); app-wide lists the store keeps.
 * Every failure reads the same way (`errorMessage`).
 */
export async function loadable<T>(run: () => Promise<T>): Promise<Loadable<T>> {
  try {
    return { status: 'ready', value: await run() };
  } catch (e) {
    return { status: 'error', message: errorMessage(e) };
  }
}

/**
 * Runs `run` whenever `key` changes (or on `reload`), and reports it as a Loadable. `key` must name
 * everything `run` depends on; null `run` means "nothing to load yet". With `keepPrevious`, a reload
 * keeps showing the last value instead of flashing back to "loading".
 */
export function useQuery<T>(
  run: (() => Promise<T>) | null,
  key: string,
  keepPrevious = false,
): { state: Loadable<T> | null; reload: () => void } {
  const [round, setRound] = useState(0);
  const [result, setResult] = useState<{ key: string; state: Loadable<T> } | null>(null);
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  const fullKey = `${key}#${round}`;
  const enabled = run !== null;
  useEffect(() => {
    const current = runRef.current;
    if (!enabled || !current) return;
    let live = true;
    void loadable(current).then((state) => live && setResult({ key: fullKey, state }));
    return () => {
      live = false;
    };
  }, [fullKey, enabled]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  if (!enabled) return { state: null, reload };
  if (result?.key === fullKey) return { state: result.state, reload };
  if (keepPrevious && result?.state.status === 'ready') return { state: result.state, reload };
  return { state: { status: 'loading' }, reload };
}

/** The current time, refreshed every `everyMs`, for "2 min ago" labels. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
