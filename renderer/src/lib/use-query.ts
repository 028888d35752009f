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

/** A query's last answer, and the key it answered. */
export interface Answer<T> {
  key: string;
  state: Loadable<T>;
}

/**
 * What a query shows for `key` (null: nothing to load): the answer to that key, else, with
 * `keepPrevious`, the last value while the new one loads. An answer to an older key is never shown
 * as the answer to this one, so a late response cannot overwrite a newer one.
 */
export function shownState<T>(answer: Answer<T> | null, key: string | null, keepPrevious: boolean): Loadable<T> | null {
  if (key === null) return null;
  if (answer?.key === key) return answer.state;
  if (keepPrevious && answer?.state.status === 'ready') return answer.state;
  return { status: 'loading' };
}

/**
 * Runs `run` whenever `key` changes (or on `reload`), and reports it as a Loadable. `key` must name
 * everything `run` depends on; null `run` means "nothing to load yet". With `keepPrevious`, a reload
 * keeps showing the last value instead of flashing back to "loading". `set` shows at once a value a
 * write answered and reads again: a load started before the write cannot bring back what it replaced.
 */
export function useQuery<T>(
  run: (() => Promise<T>) | null,
  key: string,
  keepPrevious = false,
): { state: Loadable<T> | null; reload: () => void; set: (value: T) => void } {
  const [round, setRound] = useState(0);
  const rounds = useRef(0);
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const runRef = useRef(run);
  // A write started before the key changed (a first save) still answers for the key shown now.
  const keyRef = useRef(key);
  useEffect(() => {
    runRef.current = run;
    keyRef.current = key;
  });
  const fullKey = `${key}#${round}`;
  const enabled = run !== null;
  useEffect(() => {
    const current = runRef.current;
    if (!enabled || !current) return;
    let live = true;
    void loadable(current).then((state) => live && setAnswer({ key: fullKey, state }));
    return () => {
      live = false;
    };
  }, [fullKey, enabled]);
  const reload = useCallback(() => setRound(++rounds.current), []);
  const set = useCallback((value: T) => {
    const next = ++rounds.current;
    setRound(next);
    setAnswer({ key: `${keyRef.current}#${next}`, state: { status: 'ready', value } });
  }, []);
  return { state: shownState(answer, enabled ? fullKey : null, keepPrevious), reload, set };
}

/** `value` once it has stayed the same for `ms`: what the admin typed, once they paused typing. */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
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
