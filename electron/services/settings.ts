import { integrationConfigSchema, type IntegrationConfig } from '../../shared/config';

/** What electron-store (desktop) and conf (headless, tests) have in common: one JSON object. */
export interface SettingsBackend {
  store: Record<string, unknown>;
}

export interface SettingsProblem {
  index: number;
  message: string;
}

/**
 * Integrations and UI preferences, persisted as one JSON file. Entries that no longer validate
 * (hand-edited file, older version) are kept as they are on disk and reported, never dropped.
 */
export class Settings {
  constructor(private readonly backend: SettingsBackend) {}

  private rawIntegrations(): unknown[] {
    const raw = this.backend.store.integrations;
    return Array.isArray(raw) ? raw : [];
  }

  integrations(): IntegrationConfig[] {
    return this.rawIntegrations().flatMap((raw) => {
      const parsed = integrationConfigSchema.safeParse(raw);
      return parsed.success ? [parsed.data] : [];
    });
  }

  problems(): SettingsProblem[] {
    return this.rawIntegrations().flatMap((raw, index) => {
      const parsed = integrationConfigSchema.safeParse(raw);
      return parsed.success ? [] : [{ index, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }];
    });
  }

  integration(id: string): IntegrationConfig | undefined {
    return this.integrations().find((i) => i.id === id);
  }

  saveIntegration(config: IntegrationConfig): void {
    const raw = this.rawIntegrations();
    const index = raw.findIndex((r) => (r as { id?: unknown } | null)?.id === config.id);
    const next = index === -1 ? [...raw, config] : raw.map((r, i) => (i === index ? config : r));
    this.backend.store = { ...this.backend.store, integrations: next };
  }

  /** App-wide preferences, as stored (validated by the caller, which knows the defaults). */
  ui(): Record<string, unknown> {
    const raw = this.backend.store.ui;
    return raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  }

  setUi(ui: Record<string, unknown>): void {
    this.backend.store = { ...this.backend.store, ui };
  }

  /** Small app state that must survive restarts (e.g. a tunnel's last public URL), by key. */
  readonly state = {
    get: (key: string): unknown => {
      const raw = this.backend.store.state;
      return raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
    },
    set: (key: string, value: unknown): void => {
      const raw = this.backend.store.state;
      const state = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
      this.backend.store = { ...this.backend.store, state: { ...state, [key]: value } };
    },
  };

  deleteIntegration(id: string): boolean {
    const raw = this.rawIntegrations();
    const next = raw.filter((r) => (r as { id?: unknown } | null)?.id !== id);
    if (next.length === raw.length) return false;
    this.backend.store = { ...this.backend.store, integrations: next };
    return true;
  }
}
