import type { z } from 'zod';
import { directoryRoutes } from './api-directory';
import { incidentRoutes } from './api-incidents';
import type { ApiResult, Body, Caller, RouteHandler } from './api-params';
import { firstIssue, requestSchemas, type SimRoute } from './schemas';
import { invalidParameter, type IncidentStore } from './store';

export type { ApiResult, Caller } from './api-params';

const WRITE_ROUTES = new Set<SimRoute>([
  '/incident/create',
  '/incident/ack',
  '/incident/unack',
  '/incident/resolve',
  '/incident/reopen',
  '/incident/snooze',
  '/incident/wake',
  '/incident/reset',
  '/incident/field/reset',
  '/incident/comment',
]);

export const isWriteRoute = (route: SimRoute): boolean => WRITE_ROUTES.has(route);

/**
 * `strict` is the body as plain JSON.parse saw it (checked against the spec schema); `exact`
 * is the same body with int64 IDs kept as digit strings (used for the values).
 */
export function validateBody(route: SimRoute, strict: unknown): void {
  const result = (requestSchemas[route] as z.ZodType).safeParse(strict);
  if (!result.success) {
    const { parameter, problem } = firstIssue(result.error);
    throw invalidParameter(parameter, problem);
  }
}

/** Runs one validated Open API call. `exact` holds the body with int64 IDs as digit strings. */
export function handleApi(
  route: SimRoute,
  exact: Body,
  caller: Caller,
  store: IncidentStore,
  nowMs: number,
): ApiResult {
  const routes: Record<SimRoute, RouteHandler> = { ...incidentRoutes(store), ...directoryRoutes };
  return routes[route](exact, caller, Math.floor(nowMs / 1000));
}
