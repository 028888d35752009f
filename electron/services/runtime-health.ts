import type { IntegrationConfig } from '../../shared/common/config';
import { errorMessageOf, labelMessage, msg, type ConnectionReport, type Message } from '../../shared/common/contract';
import { isAppError } from '../../shared/common/errors';
import { logEntry } from '../../shared/node/sync/log-entry';
import type { NewLogEntry, SyncStore } from '../../shared/node/sync/store';
import { isCredentialFailure } from './connection-health';
import { errorMessage } from './runtime-messages';
import { integrationState } from './integration-state';
import type { StatusBoard } from './status-board';

const BUSY_REPORT_MS = 250;

type Api = 'sdp' | 'flashduty';

/** Which API a network failure means is not answering; null for any other failure. */
function unreachableSide(error: unknown): Api | null {
  if (!isAppError(error)) return null;
  if (error.code === 'sdp.network') return 'sdp';
  if (error.code === 'flashduty.network') return 'flashduty';
  return null;
}

/** A failure that stops all writing until the admin acts: a rejected credential or an unreadable keychain. */
function attentionCause(error: unknown, config: IntegrationConfig): { slot: string | null } | null {
  const credential = isCredentialFailure(error, config);
  if (credential) return { slot: credential.secretSlot };
  if (isAppError(error) && error.code === 'vault.unavailable') return { slot: null };
  return null;
}

export interface HealthDeps {
  store: SyncStore;
  board: StatusBoard;
  log: (entry: NewLogEntry) => void;
  now: () => number;
  /** Called once per new cause when the integration needs the admin (desktop shows a notification). */
  onAttention?: (integrationId: string, name: string, message: string) => void;
  /** A stored secret was rejected by its service: the vault marks it invalid for the UI. */
  onSecretRejected?: (integrationId: string, slot: string) => void;
}

/**
 * What one integration reports to the status board: whether the admin must act, which API stopped
 * answering since when, the last Test connection's failure, and when it last synced.
 */
export class RuntimeHealth {
  private attentionMessage: string | null = null;
  /** The same cause as a message the window words in its language (the error's code and details). */
  private attentionWording: Message | null = null;
  /** Per API, since when it has not answered (cleared by its next successful poll or a passing test). */
  private unreachable: Partial<Record<Api, { since: number; error: Message }>> = {};
  /** The last Test connection's first failed check; shown, but unlike `attention` it does not stop writing. */
  private testFailure: Message | null = null;
  private lastSyncAt: number | null = null;
  private reportQueued = false;
  private reportTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly config: () => IntegrationConfig,
    /** Entities queued or running in the runner now. */
    private readonly queued: () => number,
    private readonly deps: HealthDeps,
  ) {}

  /** Why the admin must act before anything is written again; null when nothing stops writing. */
  get attention(): string | null {
    return this.attentionMessage;
  }

  /** A new config starts from a clean slate: its own connect and polls find out again. */
  reset(): void {
    this.attentionMessage = null;
    this.attentionWording = null;
    this.testFailure = null;
    this.unreachable = {};
    this.stopTimer();
  }

  /** The credentials work (again); true when that ends a needs-attention state. */
  clearAttention(): boolean {
    const had = this.attentionMessage !== null;
    this.attentionMessage = null;
    this.attentionWording = null;
    return had;
  }

  isDown(side: Api): boolean {
    return this.unreachable[side] !== undefined;
  }

  /** An API answered: it is reachable again. */
  answered(side: Api): void {
    if (!this.unreachable[side]) return;
    delete this.unreachable[side];
    this.report();
  }

  /** A pass wrote or read something: the board shows it soon (see reportSoon). */
  noteActivity(): void {
    this.lastSyncAt = this.deps.now();
    this.reportSoon();
  }

  /** A network failure marks its API unreachable from the first one on; the time is kept until it answers again. */
  noteUnreachable(error: unknown): void {
    const side = unreachableSide(error);
    if (side === null || !isAppError(error) || this.unreachable[side]) return;
    this.unreachable[side] = {
      since: this.deps.now(),
      error: errorMessageOf(error.code, error.message, error.details),
    };
    this.report();
  }

  /** A Test connection run: its first failed check shows on the integration until a test passes. */
  noteConnectionTest(report: ConnectionReport): void {
    const failed = [...report.sdp, ...report.flashduty].find((c) => !c.ok);
    this.testFailure = failed
      ? msg('status.test_failed', {
          check: labelMessage(`check_${failed.id}`),
          error: errorMessageOf(failed.result.code, failed.fallback ?? failed.result.code, failed.result.params),
        })
      : null;
    if (!failed) this.unreachable = {};
    this.report();
  }

  /** True when the error means the admin must act; the integration then stops writing. */
  checkAttention(error: unknown): boolean {
    const config = this.config();
    const cause = attentionCause(error, config);
    if (!cause) return false;
    if (cause.slot !== null) this.deps.onSecretRejected?.(config.id, cause.slot);
    this.needsAttention(error);
    return true;
  }

  needsAttention(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (this.attentionMessage === message) return;
    const first = this.attentionMessage === null;
    this.attentionMessage = message;
    const cause = errorMessage(error);
    this.attentionWording = cause;
    const { id, name } = this.config();
    this.deps.log(
      logEntry({
        at: this.deps.now(),
        level: 'error',
        integrationId: id,
        action: 'needs_attention',
        message: msg('runtime.needs_attention', { cause }),
      }),
    );
    if (first) this.deps.onAttention?.(id, name, message);
    this.report();
  }

  /**
   * The status board after a pass: at once when the queue has drained (after it let go of the
   * finished key, so an idle integration reads as idle), otherwise at most every BUSY_REPORT_MS —
   * a burst would else recount the outbox once per entity.
   */
  reportSoon(): void {
    if (this.reportQueued) return;
    this.reportQueued = true;
    setImmediate(() => {
      this.reportQueued = false;
      if (this.queued() === 0) {
        this.stopTimer();
        this.report();
      } else {
        this.reportTimer ??= setTimeout(() => {
          this.reportTimer = undefined;
          if (!this.stopped) this.report();
        }, BUSY_REPORT_MS).unref();
      }
    });
  }

  /** No more timed reports: the integration is stopping. */
  stop(): void {
    this.stopped = true;
    this.stopTimer();
  }

  private stopTimer(): void {
    clearTimeout(this.reportTimer);
    this.reportTimer = undefined;
  }

  report(): void {
    const config = this.config();
    const counts = this.deps.store.outboxCounts(config.id);
    const attention = this.attentionWording ?? this.testFailure;
    const down = (['sdp', 'flashduty'] as const).flatMap((side) => {
      const u = this.unreachable[side];
      return u ? [{ side, ...u }] : [];
    });
    const since = down.length > 0 ? Math.min(...down.map((d) => d.since)) : null;
    const lastFailure =
      counts.failed > 0 ? (this.deps.store.outbox(config.id, 'failed').at(-1)?.lastError?.message ?? null) : null;
    const notAnswering = down[0] ? msg(`status.${down[0].side}_not_answering`, { error: down[0].error }) : null;
    this.deps.board.report(config.id, {
      name: config.name,
      state: integrationState({
        draft: config.draft,
        enabled: config.enabled,
        attention,
        unreachable: since === null ? null : { since },
        failed: counts.failed,
        busy: this.queued() > 0,
      }),
      queued: counts.pending + this.queued(),
      failed: counts.failed,
      lastSyncAt: this.lastSyncAt,
      lastError: attention ?? notAnswering ?? lastFailure,
      unreachableSince: since,
    });
  }
}
