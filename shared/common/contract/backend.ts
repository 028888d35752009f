import type { EventName, EventPayload } from './events';
import type { MethodInput, MethodName, MethodOutput } from './methods';

/**
 * What the renderer talks to. Two implementations exist (IPC in the desktop app, HTTP + SSE in
 * headless mode); the UI never knows which one it has.
 */
export interface Backend {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The object preload exposes on `window.deskbridge` (untyped over contextBridge, typed here). */
export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export const IPC_CHANNELS = { invoke: 'deskbridge:invoke', event: 'deskbridge:event' } as const;
