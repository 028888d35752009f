import type { IntegrationConfig } from '../../shared/common/config';
import { msg } from '../../shared/common/contract';
import { isShuttingDown } from '../../shared/node/net/abort';
import type { SdpStatus } from '../../shared/node/sdp/client';
import { pollFlashduty, pollSdp } from '../../shared/node/sync/pollers';
import type { Runner } from '../../shared/node/sync/runner';
import { logEntry } from '../../shared/node/sync/log-entry';
import type { NewLogEntry, SyncStore } from '../../shared/node/sync/store';
import type { IntegrationClients } from './clients';
import type { PollSide, PollSchedule } from './poll-scheduler';
import type { RuntimeHealth } from './runtime-health';
import { errorMessage } from './runtime-messages';

export interface PollDeps {
  config: () => IntegrationConfig;
  store: SyncStore;
  runner: Runner;
  now: () => number;
  clients: () => IntegrationClients;
  sdpStatuses: () => Promise<readonly SdpStatus[]>;
  health: RuntimeHealth;
  log: (entry: NewLogEntry) => void;
}

/** The sides a direction reads changes from. */
export function pollSides(config: IntegrationConfig): PollSide[] {
  return [
    ...(config.direction !== 'from_sdp' ? ['flashduty' as const] : []),
    ...(config.direction !== 'to_sdp' ? ['sdp' as const] : []),
  ];
}

/** Each side the direction reads on its own interval; the first poll a second after start catches up on downtime. */
export function pollSchedule(config: IntegrationConfig): PollSchedule {
  const every = { flashduty: config.ingress.flashdutyPollSeconds * 1000, sdp: config.ingress.sdpPollSeconds * 1000 };
  return {
    every: Object.fromEntries(pollSides(config).map((side) => [side, every[side]])),
    firstDelayMs: 1_000,
    retryScanMs: 5_000,
  };
}

/**
 * One integration's polls: at most one per side at a time; a failure marks its API unreachable (or
 * the integration as needing attention) and the next interval tries again.
 */
export class RuntimePolls {
  private polling = { sdp: false, flashduty: false };

  constructor(private readonly deps: PollDeps) {}

  async poll(sides: readonly PollSide[]): Promise<void> {
    const { deps } = this;
    const base = {
      integrationId: deps.config().id,
      config: deps.config,
      store: deps.store,
      runner: deps.runner,
      now: deps.now,
    };
    await Promise.all(
      sides.map((side) =>
        side === 'flashduty'
          ? this.guard('flashduty', () => pollFlashduty({ ...base, flashduty: deps.clients().flashduty }))
          : this.guard('sdp', () => pollSdp({ ...base, sdp: deps.clients().sdp, statuses: deps.sdpStatuses })),
      ),
    );
  }

  private async guard(side: PollSide, poll: () => Promise<number>): Promise<void> {
    if (this.polling[side]) return;
    this.polling[side] = true;
    const { health } = this.deps;
    try {
      await poll();
      health.answered(side);
      await this.probeUnpolled();
    } catch (error) {
      // A poll cut short by the shutdown: the next start polls again.
      if (isShuttingDown(error)) return;
      health.noteUnreachable(error);
      if (!health.checkAttention(error))
        this.deps.log(
          logEntry({
            at: this.deps.now(),
            level: 'warn',
            integrationId: this.deps.config().id,
            action: 'poll',
            message: msg(`runtime.poll_failed_${side}`, { error: errorMessage(error) }),
          }),
        );
    } finally {
      this.polling[side] = false;
    }
  }

  /**
   * An unreachable API this direction does not poll (SDP under Flashduty → SDP) has no poll to
   * show it answers again: one cheap read per poll of the other side does, while it is down.
   */
  private async probeUnpolled(): Promise<void> {
    const polled = pollSides(this.deps.config());
    for (const side of ['sdp', 'flashduty'] as const) {
      if (!this.deps.health.isDown(side) || polled.includes(side)) continue;
      try {
        if (side === 'sdp') await this.deps.clients().sdp.listStatuses();
        else await this.deps.clients().flashduty.listChannels();
        this.deps.health.answered(side);
      } catch {
        // Still down: the state already says so, since when.
      }
    }
  }
}
