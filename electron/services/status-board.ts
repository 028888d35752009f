import type { EngineStatus, IntegrationHealth } from '../../shared/common/contract';
import type { EventBus } from './event-bus';

type HealthPatch = Partial<Omit<IntegrationHealth, 'id'>>;

/**
 * The live picture of sync health that the UI header, the integrations list and the tray all
 * read. The engine reports into it; it publishes `engine.status` only when something changed.
 */
export class StatusBoard {
  private paused = false;
  private readonly health = new Map<string, IntegrationHealth>();
  private readonly pausedIds = new Set<string>();
  private lastPublished = '';

  constructor(private readonly bus: EventBus) {}

  snapshot(): EngineStatus {
    return {
      paused: this.paused,
      integrations: [...this.health.values()].map((h) => ({
        ...h,
        state:
          (this.paused || this.pausedIds.has(h.id)) && h.state !== 'disabled' && h.state !== 'draft'
            ? 'paused'
            : h.state,
      })),
    };
  }

  isPaused(integrationId: string): boolean {
    return this.paused || this.pausedIds.has(integrationId);
  }

  /** Adds or updates an integration; `name` and `state` are required the first time. */
  report(id: string, patch: HealthPatch): void {
    const current = this.health.get(id) ?? {
      id,
      name: id,
      state: 'idle' as const,
      queued: 0,
      failed: 0,
      lastSyncAt: null,
      lastError: null,
      unreachableSince: null,
      ingress: null,
    };
    this.health.set(id, { ...current, ...patch, id });
    this.publish();
  }

  remove(id: string): void {
    this.health.delete(id);
    this.pausedIds.delete(id);
    this.publish();
  }

  pause(integrationId?: string): EngineStatus {
    if (integrationId === undefined) this.paused = true;
    else this.pausedIds.add(integrationId);
    this.publish();
    return this.snapshot();
  }

  resume(integrationId?: string): EngineStatus {
    if (integrationId === undefined) {
      this.paused = false;
      this.pausedIds.clear();
    } else {
      this.pausedIds.delete(integrationId);
    }
    this.publish();
    return this.snapshot();
  }

  private publish(): void {
    const status = this.snapshot();
    const text = JSON.stringify(status);
    if (text === this.lastPublished) return;
    this.lastPublished = text;
    this.bus.publish('engine.status', status);
  }
}
