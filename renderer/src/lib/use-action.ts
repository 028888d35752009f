import { useState } from 'react';
import { errorMessage } from './errors';

/**
 * A call the user starts (connect, store, retry): not started or called off, running, answered, or
 * failed, worded like every other failure (`errorMessage`), by its code in the chosen language.
 */
export type Action<T> =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; value: T } | { kind: 'error'; message: string };

const IDLE: Action<never> = { kind: 'idle' };

/**
 * Runs `run` and reports each step: busy, then its answer or its error. An answer of null means the
 * call did not happen (a first save found problems to fix first), so the action is back to idle.
 */
export async function runAction<T>(run: () => Promise<T | null>, report: (state: Action<T>) => void): Promise<void> {
  report({ kind: 'busy' });
  try {
    const value = await run();
    report(value === null ? IDLE : { kind: 'done', value });
  } catch (e) {
    report({ kind: 'error', message: errorMessage(e) });
  }
}

/**
 * Hands each start its own reporter; only the latest start's reports go through to `set`, so a late
 * answer to an earlier start (or one started before `drop`) cannot overwrite what is shown now.
 */
export function latestOnly<S>(set: (state: S) => void): { next: () => (state: S) => void; drop: () => void } {
  let latest = 0;
  return {
    next: () => {
      const mine = ++latest;
      return (state) => {
        if (mine === latest) set(state);
      };
    },
    drop: () => {
      latest++;
    },
  };
}

/**
 * One user-started call's state, for its button (`busy`) and the line beside it (`state`, `error`).
 * `reset` forgets it (a dialog opened again) and drops an answer still on its way.
 */
export function useAction<A extends unknown[], T>(run: (...args: A) => Promise<T | null>) {
  const [state, setState] = useState<Action<T>>(IDLE);
  const [latest] = useState(() => latestOnly(setState));
  const start = (...args: A): Promise<void> => runAction(() => run(...args), latest.next());
  const reset = (): void => {
    latest.drop();
    setState(IDLE);
  };
  return { state, start, reset, busy: state.kind === 'busy', error: state.kind === 'error' ? state.message : null };
}
