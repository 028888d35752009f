import { z } from 'zod';
import { integrationConfigSchema, integrationDraftSchema } from '../config';
import { method } from './define';
import {
  appInfoSchema,
  engineStatusSchema,
  integrationIdSchema,
  integrationSummarySchema,
} from './schemas';

const none = z.object({}).strict();

/**
 * Every call the UI can make to the main process (desktop) or the headless server. Both
 * transports serve exactly this map through one dispatcher; later features add entries here.
 */
export const methods = {
  'app.info': method(none, appInfoSchema, 'Version, mode (desktop or headless) and the data directory.'),

  'integrations.list': method(none, z.array(integrationSummarySchema), 'Every integration with its sync state.'),
  'integrations.get': method(z.object({ id: integrationIdSchema }).strict(), integrationConfigSchema, 'One integration’s full configuration.'),
  'integrations.save': method(
    z.object({ config: integrationDraftSchema }).strict(),
    integrationConfigSchema,
    'Creates (no id) or replaces (with id) an integration; returns what was stored.',
  ),
  'integrations.delete': method(
    z.object({ id: integrationIdSchema }).strict(),
    z.object({ deleted: z.boolean() }),
    'Removes an integration and its stored secrets.',
  ),

  'engine.status': method(none, engineStatusSchema, 'Whether sync runs, and each integration’s health.'),
  'engine.pause': method(
    z.object({ integrationId: integrationIdSchema.optional() }).strict(),
    engineStatusSchema,
    'Pauses one integration, or all when no ID is given. Changes keep queueing while paused.',
  ),
  'engine.resume': method(
    z.object({ integrationId: integrationIdSchema.optional() }).strict(),
    engineStatusSchema,
    'Resumes one integration, or all when no ID is given.',
  ),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
/** What a handler receives: the input after the schema applied its defaults. */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
