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

/** `work`, or the shutting-down error as soon as `signal` aborts (a wait that shutdown cuts short). */
export function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  if (signal.aborted) return Promise.reject(shuttingDown());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(shuttingDown());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
