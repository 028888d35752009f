import { mkdirSync } from 'node:fs';
import { version } from '../../package.json';
import { requiredSecrets, type IntegrationConfig } from '../../shared/common/config';
import { uiSettingsSchema, type AppInfo, type Message } from '../../shared/common/contract';
import { logEntry } from '../../shared/node/sync/log-entry';
import { createDispatcher, type Dispatcher } from '../transport/dispatcher';
import { createAppService } from './app-service';
import type { ClientOptions } from './clients';
import { openSyncDatabase } from './database';
import { lockDataDir, type DataDirLock } from './data-lock';
import { recoverLinksIfNeeded } from './link-recovery';
import { Engine, type EngineDeps } from './engine';
import { EventBus } from './event-bus';
import { createSecretResolver } from './secrets';
import { Settings, type SettingsBackend } from './settings';
import { createSqliteStore } from './sqlite-store';
import { StatusBoard } from './status-board';
import { StoreMaintenance } from './store-maintenance';
import { createKeychainVault, type Vault } from './vault';
import { ZohoTokens } from './zoho-tokens';

export interface AppCoreOptions {
  mode: AppInfo['mode'];
  dataDir: string;
  demo: boolean;
  settingsBackend: SettingsBackend;
  /** The data folder's lock when the entry point took it before opening settings; otherwise taken here. */
  dataLock?: DataDirLock;
  /** Integrations from a headless --config file; they replace stored ones with the same ID and are read-only. */
  managedIntegrations?: readonly IntegrationConfig[];
  env?: Readonly<Record<string, string | undefined>>;
  vault?: () => Vault;
  clientOptions?: ClientOptions;
  onInternalError?: (method: string, error: unknown) => void;
  onAttention?: (integrationId: string, name: string, message: string) => void;
  /** Something the admin should read once (e.g. the sync database was damaged and started afresh). */
  onNotice?: (message: Message) => void;
  /** The engine's clock (tests move it past overlap windows without waiting). */
  now?: () => number;
  /** How often the sync log is pruned and the WAL checkpointed (tests shorten it). */
  maintenanceIntervalMs?: number;
  /** Engine retry pacing (tests shorten it). */
  retry?: { baseDelayMs: number; maxDelayMs: number };
}

export interface AppCore {
  info: AppInfo;
  bus: EventBus;
  board: StatusBoard;
  settings: Settings;
  engine: Engine;
  maintenance: StoreMaintenance;
  /** The start-up rebuild of links from markers, when the sync database was new, replaced or damaged. */
  recovery: Promise<void> | undefined;
  dispatcher: Dispatcher;
  close(): Promise<void>;
}

/**
 * Everything both entry points share: the services behind the contract. Desktop and headless
 * differ only in which settings backend they pass and which transport they attach.
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const dataLock = options.dataLock ?? lockDataDir(options.dataDir, options.mode);
  try {
    return await startAppCore(options, dataLock);
  } catch (error) {
    dataLock.release();
    throw error;
  }
}

/** The engine over this core's store, bus and secrets; webhook binding and ingress state come from the settings. */
function createEngine(
  options: AppCoreOptions,
  deps: Pick<EngineDeps, 'store' | 'board' | 'bus' | 'resolveSecret' | 'zohoTokens'> & {
    settings: Settings;
    vault: () => Vault;
  },
): Engine {
  const { store, board, bus, resolveSecret, zohoTokens, settings, vault } = deps;
  return new Engine({
    store,
    ...(options.now ? { now: options.now } : {}),
    board,
    bus,
    resolveSecret,
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
    zohoTokens,
    ...(options.onAttention ? { onAttention: options.onAttention } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    webhookBinding: () => {
      const ui = uiSettingsSchema.parse(settings.ui());
      return { host: '127.0.0.1', port: ui.webhookPort };
    },
    ingressState: settings.state,
    onSecretRejected: (integrationId, slot) => {
      const config = settings.integration(integrationId);
      const ref = config && requiredSecrets(config).find((s) => s.slot === slot)?.ref;
      if (ref && 'secret' in ref) {
        try {
          vault().markInvalid(integrationId, ref.secret);
        } catch {
          // No keychain: the integration's needs-attention message already says what to do.
        }
      }
    },
  });
}

async function startAppCore(options: AppCoreOptions, dataLock: DataDirLock): Promise<AppCore> {
  const info: AppInfo = {
    name: 'DeskBridge',
    version,
    mode: options.mode,
    demo: options.demo,
    dataDir: options.dataDir,
  };
  const bus = new EventBus();
  const board = new StatusBoard(bus);
  const settings = new Settings(options.settingsBackend, options.managedIntegrations);
  const opened = openSyncDatabase(options.dataDir);
  const store = createSqliteStore(opened.db);
  let keychain: Vault | undefined;
  // The keychain is opened on first use: a headless server whose secrets all come from the environment never touches
  // it.
  const vault = options.vault ?? (() => (keychain ??= createKeychainVault()));
  const resolveSecret = createSecretResolver(vault, options.env ?? process.env);
  const zohoTokens = new ZohoTokens(vault);
  const engine = createEngine(options, { store, board, bus, settings, vault, resolveSecret, zohoTokens });
  // One clock for the engine and the handlers (what a handler caches ages with the engine's time).
  const handlers = createAppService({
    info,
    settings,
    board,
    bus,
    engine,
    store,
    vault,
    resolveSecret,
    zohoTokens,
    now: engine.now,
  });
  const dispatcher = createDispatcher(
    handlers,
    options.onInternalError ? { onInternalError: options.onInternalError } : {},
  );
  await engine.start(settings.integrations());
  const maintenance = new StoreMaintenance(
    store,
    () => {
      const ui = uiSettingsSchema.parse(settings.ui());
      return { days: ui.logRetentionDays, maxRows: ui.logMaxRows };
    },
    engine.now,
    options.maintenanceIntervalMs,
  );
  maintenance.start();
  const recovery = recoverLinksIfNeeded(
    {
      store,
      settings,
      engine,
      bus,
      notice: (message) => {
        engine.log(logEntry({ at: engine.now(), level: 'warn', action: 'rebuild_links', message }));
        options.onNotice?.(message);
      },
    },
    opened.movedAside,
  );
  return {
    info,
    bus,
    board,
    settings,
    engine,
    maintenance,
    recovery,
    dispatcher,
    close: async () => {
      await engine.stop();
      await maintenance.stop();
      store.close();
      dataLock.release();
    },
  };
}
