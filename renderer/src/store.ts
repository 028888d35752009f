import { create, type StoreApi } from 'zustand';
import type {
  AppInfo,
  Backend,
  EngineStatus,
  IntegrationSummary,
  LogEntry,
  UiSettings,
} from '../../shared/common/contract';
import type { ConnectionState } from './backend/http';
import { mergeLog } from './lib/filters';
import { loadable } from './lib/use-query';
import { hashOf, routeFromHash, sameRoute, type Page, type Route } from './lib/route';
import { applyLanguage, resolveLanguage, type Language } from './i18n';

export { PAGES, type Page } from './lib/route';

/** Keeps the log view bounded in memory; older entries stay queryable from the main side. */
export const LOG_LIMIT = 20_000;
/** Live entries are applied in batches, so a burst of hundreds per second costs a few renders, not hundreds. */
const LOG_BATCH_MS = 100;

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

export interface AppState {
  backend: Backend | null;
  connection: ConnectionState;
  route: Route;
  /**
   * Changes on every navigation (not on replaceRoute), so an editor keeps its state when a new integration gets its ID.
   */
  session: number;
  /** Set while the editor holds unsaved changes: navigation then asks first. */
  dirty: boolean;
  /** Navigation waiting for the user to confirm discarding unsaved changes. */
  pendingRoute: Route | null;
  info: AppInfo | null;
  status: EngineStatus | null;
  integrations: Loadable<IntegrationSummary[]>;
  log: LogEntry[];
  settings: UiSettings | null;
  language: Language;
  navigate(route: Route): void;
  /** Changes the route without asking (e.g. a new integration got its ID on first save). */
  replaceRoute(route: Route): void;
  setPage(page: Page): void;
  setDirty(dirty: boolean): void;
  confirmLeave(): void;
  cancelLeave(): void;
  setConnection(connection: ConnectionState): void;
  start(backend: Backend): void;
  loadIntegrations(): Promise<void>;
  addLog(entries: readonly LogEntry[]): void;
  pauseAll(): Promise<void>;
  resumeAll(): Promise<void>;
  setIntegrationPaused(id: string, paused: boolean): Promise<void>;
  saveSettings(patch: Partial<UiSettings>): Promise<void>;
}

function systemLanguages(): readonly string[] {
  return globalThis.navigator?.languages ?? [];
}

/** The language a setting means here, made current for `t`. */
function languageOf(setting: UiSettings['language'] | 'system'): Language {
  return applyLanguage(resolveLanguage(setting, systemLanguages()));
}

type Setter = StoreApi<AppState>['setState'];
type Getter = StoreApi<AppState>['getState'];

/** Engine status and sync log entries as they happen; log entries applied in batches. */
function follow(backend: Backend, set: Setter, get: Getter): void {
  backend.subscribe('engine.status', (status) => {
    set({ status });
    void get().loadIntegrations();
  });
  let pending: LogEntry[] = [];
  let flush: ReturnType<typeof setTimeout> | null = null;
  backend.subscribe('log.entry', (entry) => {
    pending.push(entry);
    flush ??= setTimeout(() => {
      flush = null;
      const batch = pending;
      pending = [];
      get().addLog(batch);
    }, LOG_BATCH_MS);
  });
}

/** What the app shows first; a part that fails to load stays empty. */
function loadFirst(backend: Backend, set: Setter, get: Getter): void {
  const ignore = (): undefined => undefined;
  void backend.invoke('app.info', {}).then((info) => set({ info }), ignore);
  void backend.invoke('engine.status', {}).then((status) => set({ status }), ignore);
  void backend
    .invoke('settings.get', {})
    .then((settings) => set({ settings, language: languageOf(settings.language) }), ignore);
  void backend.invoke('log.query', { limit: 5000 }).then((page) => get().addLog(page.entries), ignore);
  void get().loadIntegrations();
}

export const useApp = create<AppState>((set, get) => ({
  backend: null,
  connection: 'connecting',
  route: routeFromHash(globalThis.location?.hash ?? ''),
  session: 0,
  dirty: false,
  pendingRoute: null,
  info: null,
  status: null,
  integrations: { status: 'loading' },
  log: [],
  settings: null,
  language: languageOf('system'),

  navigate(route) {
    if (sameRoute(route, get().route)) return;
    if (get().dirty) {
      set({ pendingRoute: route });
      return;
    }
    set({ route, pendingRoute: null, session: get().session + 1 });
    globalThis.history?.replaceState(null, '', hashOf(route));
  },

  replaceRoute(route) {
    set({ route });
    globalThis.history?.replaceState(null, '', hashOf(route));
  },

  setPage(page) {
    get().navigate({ page, editing: null });
  },

  setDirty(dirty) {
    if (dirty !== get().dirty) set({ dirty });
  },

  confirmLeave() {
    const target = get().pendingRoute;
    set({ dirty: false, pendingRoute: null });
    if (target) get().navigate(target);
  },

  cancelLeave() {
    set({ pendingRoute: null });
    // A hash typed or stepped to while the editor held changes points elsewhere: put it back.
    globalThis.history?.replaceState(null, '', hashOf(get().route));
  },

  setConnection(connection) {
    set({ connection });
  },

  start(backend) {
    set({ backend });
    follow(backend, set, get);
    loadFirst(backend, set, get);
  },

  async loadIntegrations() {
    const backend = get().backend;
    if (!backend) return;
    set({ integrations: await loadable(() => backend.invoke('integrations.list', {})) });
  },

  addLog(entries) {
    const next = mergeLog(get().log, entries, LOG_LIMIT);
    if (next !== get().log) set({ log: next });
  },

  async pauseAll() {
    const backend = get().backend;
    if (backend) set({ status: await backend.invoke('engine.pause', {}) });
  },

  async resumeAll() {
    const backend = get().backend;
    if (backend) set({ status: await backend.invoke('engine.resume', {}) });
  },

  async setIntegrationPaused(id, paused) {
    const backend = get().backend;
    if (!backend) return;
    set({ status: await backend.invoke(paused ? 'engine.pause' : 'engine.resume', { integrationId: id }) });
    await get().loadIntegrations();
  },

  async saveSettings(patch) {
    const backend = get().backend;
    if (!backend) return;
    const settings = await backend.invoke('settings.set', patch);
    set({ settings, language: languageOf(settings.language) });
  },
}));
