import { describe, expect, it } from 'vitest';
import { gracefulQuit } from '../../../electron/graceful-quit';
import { until } from '../../helpers/until';

/** A quit event as Electron's before-quit passes it: the handler may hold the quit. */
function quitEvent() {
  const event = { held: false, preventDefault: () => void (event.held = true) };
  return event;
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('gracefulQuit', () => {
  it('holds the quit until close() has finished, then exits with 0', async () => {
    const closing = deferred();
    const exits: number[] = [];
    let closes = 0;
    const onBeforeQuit = gracefulQuit(
      () => (closes++, closing.promise),
      (code) => exits.push(code),
    );

    const first = quitEvent();
    onBeforeQuit(first);
    expect(first.held).toBe(true);
    expect(closes).toBe(1);
    await Promise.resolve();
    expect(exits).toEqual([]);

    closing.resolve();
    await until(() => exits.length > 0, 'the exit');
    expect(exits).toEqual([0]);
  });

  it('a second quit while closing is held too, and neither closes nor exits twice', async () => {
    const closing = deferred();
    const exits: number[] = [];
    let closes = 0;
    const onBeforeQuit = gracefulQuit(
      () => (closes++, closing.promise),
      (code) => exits.push(code),
    );
    onBeforeQuit(quitEvent());
    const again = quitEvent();
    onBeforeQuit(again);
    expect(again.held).toBe(true);
    expect(closes).toBe(1);

    closing.resolve();
    await until(() => exits.length > 0, 'the exit');
    onBeforeQuit(quitEvent());
    await Promise.resolve();
    expect({ closes, exits }).toEqual({ closes: 1, exits: [0] });
  });

  it('still exits when close() fails, with 1, and says why', async () => {
    const exits: number[] = [];
    const reports: string[] = [];
    const onBeforeQuit = gracefulQuit(
      () => Promise.reject(new Error('database is locked')),
      (code) => exits.push(code),
      (message) => reports.push(message),
    );
    onBeforeQuit(quitEvent());
    await until(() => exits.length > 0, 'the exit');
    expect(exits).toEqual([1]);
    expect(reports).toEqual(['DeskBridge could not shut down cleanly: database is locked']);
  });
});
