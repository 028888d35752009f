/**
 * The one way tests wait: poll a condition on the event loop until it holds. The simulators and the
 * engine run on their own schedule, so tests wait for what they need rather than for a fixed time.
 * The deadline is not a timing assertion: it only turns a hang into a message naming what never
 * happened (and the last value seen), well before the test's own timeout.
 */
export interface UntilOptions {
  /** Give up after this long (default 20 s, under the 30 s test timeout). */
  timeoutMs?: number;
  /** Poll interval (default 20 ms; slower for checks that are costly, like browser queries). */
  everyMs?: number;
}

/** Resolves once `check` holds. */
export function until(check: () => boolean | Promise<boolean>, what: string, options?: UntilOptions): Promise<void>;
/** Resolves with the first value of `read` that `done` accepts. */
export function until<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  what: string,
  options?: UntilOptions,
): Promise<T>;
export async function until<T>(
  read: () => T | Promise<T>,
  doneOrWhat: ((value: T) => boolean) | string,
  whatOrOptions?: string | UntilOptions,
  maybeOptions?: UntilOptions,
): Promise<T | void> {
  const [done, what, options] =
    typeof doneOrWhat === 'string'
      ? [(value: T) => value === true, doneOrWhat, whatOrOptions as UntilOptions | undefined]
      : [doneOrWhat, whatOrOptions as string, maybeOptions];
  const { timeoutMs = 20_000, everyMs = 20 } = options ?? {};
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return typeof doneOrWhat === 'string' ? undefined : value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
