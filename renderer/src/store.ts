import { create } from 'zustand';
import type { AppInfo, Backend, EngineStatus, IntegrationSummary, LogEntry } from '../../shared/contract';
import type { ConnectionState } from './backend/http';

export type Page = 'integrations' | 'log' | 'incidents' | 'settings';
export const PAGES: readonly Page[] = ['integrations', 'log', 'incidents', 'settings'];

/** Keeps the log view bounded in memory; older entries stay queryable from the main side. */
export const LOG_LIMIT = 20_000;

type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

export interface AppState {
  backend: Backend | null;
  connection: ConnectionState;
  page: Page;
  info: AppInfo | null;
  status: EngineStatus | null;
  integrations: Loadable<IntegrationSummary[]>;
  log: LogEntry[];
  setPage(page: Page): void;
  setConnection(connection: ConnectionState): void;
  start(backend: Backend): void;
  loadIntegrations(): Promise<void>;
  pauseAll(): Promise<void>;
  resumeAll(): Promise<void>;
}

function pageFromHash(hash: string): Page {
  const name = hash.replace(/^#\/?/, '');
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : 'integrations';
}

export const useApp = create<AppState>((set, get) => ({
  backend: null,
  connection: 'connecting',
  page: pageFromHash(globalThis.location?.hash ?? ''),
  info: null,
  status: null,
  integrations: { status: 'loading' },
  log: [],

  setPage(page) {
    set({ page });
    globalThis.history?.replaceState(null, '', `#/${page}`);
  },

  setConnection(connection) {
    set({ connection });
  },

  start(backend) {
    set({ backend });
    backend.subscribe('engine.status', (status) => {
      set({ status });
      void get().loadIntegrations();
    });
    backend.subscribe('log.entry', (entry) => {
      const log = get().log;
      set({ log: log.length >= LOG_LIMIT ? [...log.slice(log.length - LOG_LIMIT + 1), entry] : [...log, entry] });
    });
    void backend.invoke('app.info', {}).then((info) => set({ info }));
    void backend.invoke('engine.status', {}).then((status) => set({ status }));
    void get().loadIntegrations();
  },

  async loadIntegrations() {
    const backend = get().backend;
    if (!backend) return;
    try {
      set({ integrations: { status: 'ready', value: await backend.invoke('integrations.list', {}) } });
    } catch (error) {
      set({ integrations: { status: 'error', message: (error as Error).message } });
    }
  },

  async pauseAll() {
    const backend = get().backend;
    if (backend) set({ status: await backend.invoke('engine.pause', {}) });
  },

  async resumeAll() {
    const backend = get().backend;
    if (backend) set({ status: await backend.invoke('engine.resume', {}) });
  },
}));
