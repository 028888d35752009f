import type { z } from 'zod';
import { engineStatusSchema, logEntrySchema } from './schemas';
import { pushProgressSchema, rebuildProgressSchema } from './sync-schemas';

/** Every event main pushes to the UI, with the schema its payload satisfies. */
export const events = {
  'engine.status': engineStatusSchema,
  'log.entry': logEntrySchema,
  'push.progress': pushProgressSchema,
  'links.rebuildProgress': rebuildProgressSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
