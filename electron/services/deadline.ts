/** Waits for `work`, but not past `deadline` (ms since 1970). */
export async function beforeDeadline(work: Promise<unknown>, deadline: number): Promise<void> {
  if (deadline === Number.POSITIVE_INFINITY) {
    await work;
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
  });
  try {
    await Promise.race([work.then(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
