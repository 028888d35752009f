import { setTimeout as sleep } from 'node:timers/promises';
import { KeychainNoAnswer, keychainServiceDropped } from './vault-errors';

/** Long enough for D-Bus to notice the old keyring process is gone before the next call starts a new one. */
const RESTART_PAUSE_MS = 200;

/**
 * How long one keychain call may take. A locked keyring answers with an unlock prompt; where no
 * prompt can be shown (a server without a display), gnome-keyring 42.1 leaves concurrent prompts
 * pending for ever (measured: four parallel writes to a locked keyring, one refused at once and
 * three still waiting after 20 s, and every later call waiting behind them). A person typing the
 * keyring password has this long before DeskBridge reports the keychain as not answering.
 */
export const KEYCHAIN_ANSWER_MS = 60_000;

/**
 * Runs a keychain call once more when the Secret Service dropped it (see keychainServiceDropped).
 * Every call the vault makes is safe to repeat: set replaces, get and search read, delete of a
 * gone entry is a no-op.
 */
export async function retryDroppedCall<T>(call: () => Promise<T>, pauseMs = RESTART_PAUSE_MS): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!keychainServiceDropped(error)) throw error;
    await sleep(pauseMs);
    return call();
  }
}

/** The call's answer, or KeychainNoAnswer once `ms` have passed (the call itself cannot be cancelled). */
export async function answerWithin<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KeychainNoAnswer(ms)), ms);
  });
  try {
    return await Promise.race([call, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A queue that starts each piece of work when the previous one has settled. The keychain gets one
 * call at a time from this process: parallel calls to a locked keyring each open their own unlock
 * prompt, which is what leaves them hanging (above), and fewer connections at once give the
 * daemon fewer chances to crash.
 */
export function oneAtATime(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };
}
