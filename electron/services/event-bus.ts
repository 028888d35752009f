import { events, type EventName, type EventPayload } from '../../shared/common/contract';

type Listener = (event: EventName, payload: unknown) => void;

/**
 * Main-side fan-out of contract events to whichever transports are attached (IPC window,
 * SSE clients). Payloads are checked against the contract before they leave, like call outputs.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  publish<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload);
    for (const listener of this.listeners) listener(event, checked);
  }

  /** Returns the unsubscribe function; transports call it when their client goes away. */
  onAny(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
