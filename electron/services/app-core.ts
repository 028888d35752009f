import { mkdirSync } from 'node:fs';
import { version } from '../../package.json';
import type { AppInfo } from '../../shared/contract';
import { createDispatcher, type Dispatcher } from '../transport/dispatcher';
import { createAppService, reportConfig } from './app-service';
import { EventBus } from './event-bus';
import { Settings, type SettingsBackend } from './settings';
import { StatusBoard } from './status-board';

export interface AppCoreOptions {
  mode: AppInfo['mode'];
  dataDir: string;
  demo: boolean;
  settingsBackend: SettingsBackend;
  onInternalError?: (method: string, error: unknown) => void;
}

export interface AppCore {
  info: AppInfo;
  bus: EventBus;
  board: StatusBoard;
  settings: Settings;
  dispatcher: Dispatcher;
  close(): Promise<void>;
}

/**
 * Everything both entry points share: the services behind the contract. Desktop and headless
 * differ only in which settings backend they pass and which transport they attach.
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  mkdirSync(options.dataDir, { recursive: true });
  const info: AppInfo = { name: 'DeskBridge', version, mode: options.mode, demo: options.demo, dataDir: options.dataDir };
  const bus = new EventBus();
  const board = new StatusBoard(bus);
  const settings = new Settings(options.settingsBackend);
  for (const config of settings.integrations()) reportConfig(board, config);
  const handlers = createAppService({ info, settings, board });
  const dispatcher = createDispatcher(handlers, options.onInternalError ? { onInternalError: options.onInternalError } : {});
  return { info, bus, board, settings, dispatcher, close: async () => undefined };
}
