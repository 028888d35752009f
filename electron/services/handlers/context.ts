import { randomBytes } from 'node:crypto';
import type { IntegrationConfig } from '../../../shared/common/config';
import { DISPATCH_CODES, type AppInfo, type Message, type MethodName } from '../../../shared/common/contract';
import { AppError } from '../../../shared/common/errors';
import { logEntry } from '../../../shared/node/sync/log-entry';
import type { NewLogEntry, SyncStore } from '../../../shared/node/sync/store';
import type { Handlers } from '../../transport/dispatcher';
import type { IntegrationClients } from '../clients';
import type { Engine } from '../engine';
import type { EventBus } from '../event-bus';
import type { IntegrationRuntime } from '../integration-runtime';
import type { SecretResolver } from '../secrets';
import type { Settings } from '../settings';
import type { StatusBoard } from '../status-board';
import type { Vault } from '../vault';
import type { ZohoTokens } from '../zoho-tokens';

export interface AppServiceDeps {
  info: AppInfo;
  settings: Settings;
  board: StatusBoard;
  bus: EventBus;
  engine: Engine;
  store: SyncStore;
  vault: () => Vault;
  resolveSecret: SecretResolver;
  zohoTokens?: ZohoTokens;
  now?: () => number;
  newId?: () => string;
}

/** The handlers of one contract namespace (`integrations`, `log`, …): all of them, so a missing one fails tsc. */
export type NamespaceHandlers<N extends string> = {
  [M in MethodName as M extends `${N}.${string}` ? M : never]: Handlers[M];
};

/** What every namespace's handlers share: the deps, and the look-ups that turn an ID into a contract error. */
export interface HandlerContext extends AppServiceDeps {
  now: () => number;
  newId: () => string;
  /** The stored config, or `not_found`. */
  config(id: string): IntegrationConfig;
  /** The running integration, or `engine.not_running`. */
  runtime(id: string): IntegrationRuntime;
  /** The running integration's API clients, or `engine.not_connected` saying why. */
  clients(id: string): IntegrationClients;
  /** Throws `config.managed` for an integration from the server's --config file. */
  refuseManaged(id: string): void;
  /** Logs an event of the integration that concerns no incident or request. */
  note(level: NewLogEntry['level'], integrationId: string, action: string, message: Message): void;
}

const newIntegrationId = (): string => randomBytes(9).toString('base64url');

export function notFound(id: string): AppError {
  return new AppError(
    DISPATCH_CODES.notFound,
    `No integration with ID "${id}". It may have been deleted; reload the list.`,
  );
}

export function handlerContext(deps: AppServiceDeps): HandlerContext {
  const { settings, engine } = deps;
  const now = deps.now ?? Date.now;
  const config = (id: string): IntegrationConfig => {
    const found = settings.integration(id);
    if (found === undefined) throw notFound(id);
    return found;
  };
  const runtime = (id: string): IntegrationRuntime => {
    config(id);
    const r = engine.runtime(id);
    if (!r) throw new AppError('engine.not_running', 'This integration is not running yet. Enable it and try again.');
    return r;
  };
  return {
    ...deps,
    now,
    newId: deps.newId ?? newIntegrationId,
    config,
    runtime,
    clients: (id) => {
      const r = runtime(id);
      try {
        return r.requireClients();
      } catch {
        throw new AppError(
          'engine.not_connected',
          r.needsAttentionMessage ??
            'The integration is not connected. Enter its credentials under Integration → Connection.',
        );
      }
    },
    note: (level, integrationId, action, message) =>
      void engine.log(logEntry({ at: now(), level, integrationId, action, message })),
    refuseManaged: (id) => {
      if (settings.isManaged(id))
        throw new AppError(
          'config.managed',
          'This integration comes from the server’s --config file. Change it there and restart DeskBridge.',
        );
    },
  };
}
