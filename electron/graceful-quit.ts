/** What Electron's before-quit hands its listeners: a listener may hold the quit. */
export interface QuitEvent {
  preventDefault(): void;
}

/**
 * The desktop app's before-quit listener: the first quit is held while `close` shuts the app core
 * down (the engine gives calls in flight its 10 s grace and leaves queued work in the outbox), then
 * `exit` ends the app (Electron's app.exit emits no second before-quit). Quitting again meanwhile
 * (tray Quit twice, Cmd+Q during shutdown) is held too and starts nothing. A failed close still
 * exits, with 1, after `report` says why. Plain Node, so it is tested without Electron.
 */
export function gracefulQuit(
  close: () => Promise<void>,
  exit: (code: number) => void,
  report: (message: string) => void = console.error,
): (event: QuitEvent) => void {
  let closing = false;
  return (event) => {
    event.preventDefault();
    if (closing) return;
    closing = true;
    close().then(
      () => exit(0),
      (error: unknown) => {
        report(`DeskBridge could not shut down cleanly: ${error instanceof Error ? error.message : String(error)}`);
        exit(1);
      },
    );
  };
}
