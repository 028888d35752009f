import { DISPATCH_CODES, IPC_CHANNELS, type DispatchResult } from '../../shared/common/contract';
import type { EventBus } from '../services/event-bus';
import type { Dispatcher } from './dispatcher';

/** The renderer is loaded from this privileged custom scheme, never from file:// or the network. */
export const APP_ORIGIN = 'app://deskbridge';

export interface SenderInfo {
  webContentsId: number;
  frameUrl: string | undefined;
  isMainFrame: boolean;
}

/**
 * Only the app's own window, top frame, showing the app's own origin may call main. An iframe,
 * a navigated-away page or another webContents is refused, whatever it sends.
 */
export function isTrustedSender(
  sender: SenderInfo,
  appWebContentsId: number | undefined,
  appOrigin: string = APP_ORIGIN,
): boolean {
  if (appWebContentsId === undefined || sender.webContentsId !== appWebContentsId) return false;
  if (!sender.isMainFrame || sender.frameUrl === undefined) return false;
  let origin: string;
  try {
    const url = new URL(sender.frameUrl);
    origin = `${url.protocol}//${url.host}`;
  } catch {
    return false;
  }
  return origin === appOrigin;
}

/** The slice of Electron's ipcMain and IpcMainInvokeEvent that the transport needs. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}
export interface IpcInvokeEventLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

function senderInfo(event: IpcInvokeEventLike): SenderInfo {
  return {
    webContentsId: event.sender.id,
    frameUrl: event.senderFrame?.url,
    isMainFrame: event.senderFrame !== null && event.senderFrame.parent === null,
  };
}

/**
 * Registers the one invoke channel. Rejections come back as a result envelope, not a thrown
 * error, because Electron flattens thrown errors into a message string.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  dispatcher: Dispatcher,
  appWebContentsId: () => number | undefined,
): () => void {
  ipcMain.handle(IPC_CHANNELS.invoke, async (event, method, input): Promise<DispatchResult> => {
    if (!isTrustedSender(senderInfo(event), appWebContentsId())) {
      return {
        ok: false,
        error: { code: 'ipc.untrusted_sender', message: 'Call refused: it did not come from the DeskBridge window.' },
      };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: DISPATCH_CODES.unknownMethod, message: 'Method name must be a string.' } };
    }
    return dispatcher.dispatch(method, input);
  });
  return () => ipcMain.removeHandler(IPC_CHANNELS.invoke);
}

/** Forwards every contract event to the window; `send` is `webContents.send` of the app window. */
export function forwardEvents(
  bus: EventBus,
  send: (channel: string, event: string, payload: unknown) => void,
): () => void {
  return bus.onAny((event, payload) => send(IPC_CHANNELS.event, event, payload));
}
