import { randomBytes } from 'node:crypto';
import { integrationConfigSchema, type IntegrationConfig } from '../../shared/config';
import { DISPATCH_CODES, type AppInfo, type IntegrationSummary } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { describeIssues, type Handlers } from '../transport/dispatcher';
import type { Settings } from './settings';
import type { StatusBoard } from './status-board';

export interface AppServiceDeps {
  info: AppInfo;
  settings: Settings;
  board: StatusBoard;
  now?: () => number;
  newId?: () => string;
}

export const newIntegrationId = (): string => randomBytes(9).toString('base64url');

function notFound(id: string): AppError {
  return new AppError(DISPATCH_CODES.notFound, `No integration with ID "${id}". It may have been deleted; reload the list.`);
}

/** Keeps the status board's view of an integration in step with its saved config. */
export function reportConfig(board: StatusBoard, config: IntegrationConfig): void {
  const current = board.stateOf(config.id);
  if (!config.enabled) board.report(config.id, { name: config.name, state: 'disabled' });
  else if (current === undefined || current === 'disabled') board.report(config.id, { name: config.name, state: 'idle' });
  else board.report(config.id, { name: config.name });
}

/** The contract's handlers: each one a thin step from a validated input to the services. */
export function createAppService(deps: AppServiceDeps): Handlers {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? newIntegrationId;
  const { settings, board } = deps;

  const summary = (config: IntegrationConfig): IntegrationSummary => {
    const health = board.snapshot().integrations.find((i) => i.id === config.id);
    return {
      id: config.id,
      name: config.name,
      state: health?.state ?? (config.enabled ? 'idle' : 'disabled'),
      queued: health?.queued ?? 0,
      failed: health?.failed ?? 0,
      lastSyncAt: health?.lastSyncAt ?? null,
      lastError: health?.lastError ?? null,
      platform: config.sdp.platform,
      direction: config.direction,
      triggerMode: config.trigger.mode,
      enabled: config.enabled,
    };
  };

  return {
    'app.info': async () => deps.info,
    'integrations.list': async () => settings.integrations().map(summary),
    'integrations.get': async ({ id }) => settings.integration(id) ?? Promise.reject(notFound(id)),
    'integrations.save': async ({ config: draft }) => {
      const existing = draft.id === undefined ? undefined : settings.integration(draft.id);
      if (draft.id !== undefined && existing === undefined) throw notFound(draft.id);
      const stamp = now();
      const parsed = integrationConfigSchema.safeParse({
        ...draft,
        id: existing?.id ?? newId(),
        createdAt: existing?.createdAt ?? stamp,
        updatedAt: stamp,
      });
      if (!parsed.success) {
        const { message, issues } = describeIssues(parsed.error);
        throw new AppError(DISPATCH_CODES.invalidInput, `The integration has problems: ${message}`, { details: { issues } });
      }
      settings.saveIntegration(parsed.data);
      reportConfig(board, parsed.data);
      return parsed.data;
    },
    'integrations.delete': async ({ id }) => {
      const deleted = settings.deleteIntegration(id);
      if (deleted) board.remove(id);
      return { deleted };
    },
    'engine.status': async () => board.snapshot(),
    'engine.pause': async ({ integrationId }) => board.pause(integrationId),
    'engine.resume': async ({ integrationId }) => board.resume(integrationId),
  };
}
