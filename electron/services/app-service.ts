import type { Handlers } from '../transport/dispatcher';
import { configHandlers } from './handlers/config';
import { handlerContext, type AppServiceDeps } from './handlers/context';
import { engineHandlers } from './handlers/engine';
import { incidentHandlers } from './handlers/incidents';
import { integrationHandlers } from './handlers/integrations';
import { logHandlers } from './handlers/log';
import { metadataHandlers } from './handlers/metadata';
import { secretHandlers } from './handlers/secrets';
import { settingsHandlers } from './handlers/settings';

export type { AppServiceDeps } from './handlers/context';

/**
 * The contract's handlers, one module per namespace under handlers/: each handler a thin step from a validated input
 * to the services. `satisfies` keeps a method without a handler a type error.
 */
export function createAppService(deps: AppServiceDeps): Handlers {
  const ctx = handlerContext(deps);
  return {
    ...integrationHandlers(ctx),
    ...engineHandlers(ctx),
    ...incidentHandlers(ctx),
    ...logHandlers(ctx),
    ...metadataHandlers(ctx),
    ...secretHandlers(ctx),
    ...configHandlers(ctx),
    ...settingsHandlers(ctx),
  } satisfies Handlers;
}
