import { integrationConfigSchema, toProblems, type IntegrationConfig } from '../../shared/common/config';

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
 * Integrations from a headless `--config` file are layered on top in memory and never written:
 * the file stays their only source, so removing one there removes it here at the next start.
 */
export class Settings {
  private readonly managed: ReadonlyMap<string, IntegrationConfig>;

  constructor(
    private readonly backend: SettingsBackend,
    managed: readonly IntegrationConfig[] = [],
  ) {
    this.managed = new Map(managed.map((c) => [c.id, c]));
  }

  isManaged(id: string): boolean {
    return this.managed.has(id);
  }

  private rawIntegrations(): unknown[] {
    const raw = this.backend.store.integrations;
    return Array.isArray(raw) ? raw : [];
  }

  integrations(): IntegrationConfig[] {
    const stored = this.rawIntegrations().flatMap((raw) => {
      const parsed = integrationConfigSchema.safeParse(raw);
      return parsed.success && !this.managed.has(parsed.data.id) ? [parsed.data] : [];
    });
    return [...stored, ...this.managed.values()];
  }

  problems(): SettingsProblem[] {
    return this.rawIntegrations().flatMap((raw, index) => {
      const parsed = integrationConfigSchema.safeParse(raw);
      return parsed.success
        ? []
        : [
            {
              index,
              message: toProblems(parsed.error)
                .map((p) => `${p.path}: ${p.message}`)
                .join('; '),
            },
          ];
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
