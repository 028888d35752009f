import type { Operation } from './types';

/**
 * The named points between the durable steps of a write, where a crash leaves different traces:
 * - `before:<op>`: the operation is in the outbox, not sent yet;
 * - `created:<op>`: a create went through, its follow-up calls (marker, state, resolution) did not;
 * - `marked:<op>`: an incident create and its marker went through, its state did not;
 * - `after:<op>`: the API answered, the link does not know yet.
 * The crash tests kill the process at each of them; nothing else listens.
 */
export type WriteBoundary = `${'before' | 'created' | 'marked' | 'after'}:${Operation['type']}`;

export interface BoundaryContext {
  boundary: WriteBoundary;
  /** The entity whose pass is writing (incident or request ID). */
  entityId: string;
}

let listener: ((context: BoundaryContext) => void) | null = null;

/** Installs the one listener (a crash test's child process); null removes it. */
export function onWriteBoundary(handler: ((context: BoundaryContext) => void) | null): void {
  listener = handler;
}

export function passBoundary(boundary: WriteBoundary, entityId: string): void {
  listener?.({ boundary, entityId });
}
