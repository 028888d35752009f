import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNELS, type PreloadBridge } from '../shared/common/contract/backend';

/**
 * The renderer gets two functions and nothing else: never ipcRenderer itself, so page code can
 * reach only the contract's one invoke channel and its one event channel.
 */
const bridge: PreloadBridge = {
  invoke: (method, input) => ipcRenderer.invoke(IPC_CHANNELS.invoke, method, input),
  subscribe: (event, listener) => {
    const handler = (_e: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_CHANNELS.event, handler);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.event, handler);
    };
  },
};

contextBridge.exposeInMainWorld('deskbridge', bridge);
