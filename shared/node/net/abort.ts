import { AppError, isAppError } from '../../common/errors';

const SHUTTING_DOWN = 'shutting_down';

/**
 * A call that was never sent because DeskBridge is stopping. Not retryable here: the client must
 * not wait to try again. The runner leaves its operation in the outbox for the next start.
 */
export function shuttingDown(): AppError {
  return new AppError(
    SHUTTING_DOWN,
    'DeskBridge is shutting down: the call was not sent; it is resumed at the next start.',
  );
}

export function isShuttingDown(error: unknown): boolean {
  return isAppError(error) && error.code === SHUTTING_DOWN;
}

/**
 * `work`'s outcome, or what `onAbort` settles as soon as `signal` aborts; the abort listener never
 * outlives the race.
 */
export function raceAbort<T>(
  work: Promise<T>,
  signal: AbortSignal,
  onAbort: (resolve: (value: T) => void, reject: (error: unknown) => void) => void,
): Promise<T> {
  if (signal.aborted) return new Promise<T>(onAbort);
  return new Promise<T>((resolve, reject) => {
    const aborted = (): void => onAbort(resolve, reject);
    signal.addEventListener('abort', aborted, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', aborted);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', aborted);
        reject(error);
      },
    );
  });
}

/** `work`, or the shutting-down error as soon as `signal` aborts (a wait that shutdown cuts short). */
export function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  if (signal.aborted) return Promise.reject(shuttingDown());
  const asError = work.catch((error: unknown) => {
    throw error instanceof Error ? error : new Error(String(error));
  });
  return raceAbort(asError, signal, (_resolve, reject) => reject(shuttingDown()));
}
