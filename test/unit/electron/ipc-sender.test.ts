import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../shared/common/contract';
import {
  isTrustedSender,
  registerIpc,
  type IpcInvokeEventLike,
  type IpcMainLike,
} from '../../../electron/transport/ipc';
import type { Dispatcher } from '../../../electron/transport/dispatcher';

describe('isTrustedSender', () => {
  const APP = 7;
  it.each([
    {
      name: 'the app window, top frame, app origin',
      sender: { webContentsId: 7, frameUrl: 'app://deskbridge/index.html', isMainFrame: true },
      trusted: true,
    },
    {
      name: 'the app window with a hash route',
      sender: { webContentsId: 7, frameUrl: 'app://deskbridge/index.html#/log', isMainFrame: true },
      trusted: true,
    },
    {
      name: 'another webContents',
      sender: { webContentsId: 8, frameUrl: 'app://deskbridge/index.html', isMainFrame: true },
      trusted: false,
    },
    {
      name: 'a subframe of the app window',
      sender: { webContentsId: 7, frameUrl: 'app://deskbridge/index.html', isMainFrame: false },
      trusted: false,
    },
    {
      name: 'the window navigated to a web page',
      sender: { webContentsId: 7, frameUrl: 'https://evil.example/', isMainFrame: true },
      trusted: false,
    },
    {
      name: 'a file:// page',
      sender: { webContentsId: 7, frameUrl: 'file:///tmp/x.html', isMainFrame: true },
      trusted: false,
    },
    {
      name: 'a look-alike host',
      sender: { webContentsId: 7, frameUrl: 'app://deskbridge.evil/index.html', isMainFrame: true },
      trusted: false,
    },
    {
      name: 'no frame (destroyed)',
      sender: { webContentsId: 7, frameUrl: undefined, isMainFrame: true },
      trusted: false,
    },
    {
      name: 'an unparsable URL',
      sender: { webContentsId: 7, frameUrl: 'not a url', isMainFrame: true },
      trusted: false,
    },
  ])('$name → $trusted', ({ sender, trusted }) => {
    expect(isTrustedSender(sender, APP)).toBe(trusted);
  });

  it('refuses everything before the window exists', () => {
    expect(
      isTrustedSender({ webContentsId: 7, frameUrl: 'app://deskbridge/index.html', isMainFrame: true }, undefined),
    ).toBe(false);
  });
});

describe('registerIpc', () => {
  function setup() {
    let listener: ((event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>) | undefined;
    const ipcMain: IpcMainLike = {
      handle: (channel, l) => {
        expect(channel).toBe(IPC_CHANNELS.invoke);
        listener = l;
      },
      removeHandler: vi.fn(),
    };
    const dispatcher: Dispatcher = { dispatch: vi.fn(async () => ({ ok: true as const, value: 'dispatched' })) };
    registerIpc(ipcMain, dispatcher, () => 1);
    return { call: (event: IpcInvokeEventLike, ...args: unknown[]) => listener!(event, ...args), dispatcher };
  }
  const top = { url: 'app://deskbridge/index.html', parent: null };

  it('dispatches calls from the app window', async () => {
    const { call, dispatcher } = setup();
    await expect(call({ sender: { id: 1 }, senderFrame: top }, 'app.info', {})).resolves.toEqual({
      ok: true,
      value: 'dispatched',
    });
    expect(dispatcher.dispatch).toHaveBeenCalledWith('app.info', {});
  });

  it('refuses a subframe without reaching the dispatcher', async () => {
    const { call, dispatcher } = setup();
    const result = await call({ sender: { id: 1 }, senderFrame: { url: top.url, parent: {} } }, 'app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'ipc.untrusted_sender' } });
    expect(dispatcher.dispatch).not.toHaveBeenCalled();
  });

  it('rejects a non-string method name', async () => {
    const { call } = setup();
    await expect(call({ sender: { id: 1 }, senderFrame: top }, 42, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'contract.unknown_method' },
    });
  });
});
