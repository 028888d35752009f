import { msg, type PushOutcome } from '../../common/contract';
import { isAppError } from '../../common/errors';
import { isShuttingDown } from '../net/abort';
import { deferEntity, keepWaiting, ORIGIN_RANK } from './entity-outbox';
import { errorShape } from './error-shapes';
import { KeyedQueue } from './keyed-queue';
import { OwnWrites } from './own-echo';
import { runPass } from './pass';
import { passEntry } from './pass-log';
import type { PassContext } from './pass-state';
import { plan } from './plan';
import { readPair } from './read-pair';
import { linkOf, outcomeOf, type RunnerDeps, type Snapshot } from './runner-deps';
import type { ChangeHint, Operation, Side } from './types';
import { UnlinkedCreates } from './unlinked-creates';

export type { Snapshot } from './runner-deps';

interface Work {
  hint: ChangeHint;
  /**
   * A snapshot from an API list call (pollers): Flashduty's saves a re-read; SDP's lean row only feeds the own-echo
   * check. Never from a webhook body.
   */
  snapshot?: Snapshot;
  /** When it was queued: a snapshot listed before the pair's last write is stale. */
  at: number;
  done?: (outcome: PushOutcome) => void;
}

/**
 * Turns change hints into writes for one integration: re-read both sides, plan, record the plan in
 * the outbox, execute, update the link, log (see runPass). One entity (a linked pair counts as
 * one) at a time; different entities in parallel.
 */
export class Runner {
  private readonly queue: KeyedQueue<Work>;
  private readonly passContext: PassContext;
  private readonly creates = new UnlinkedCreates();

  constructor(private readonly deps: RunnerDeps) {
    this.queue = new KeyedQueue(deps.concurrency ?? 8, (key, items) => this.work(items));
    this.passContext = {
      deps,
      own: new OwnWrites(deps),
      requeue: (hint) => void this.hint(hint),
      creates: this.creates,
      keyOf: (hint) => this.keyOf(hint),
    };
  }

  /** Queues a change; the returned promise settles with what happened to that entity. */
  hint(hint: ChangeHint, snapshot?: Snapshot): Promise<PushOutcome> {
    return new Promise((resolve) =>
      this.queue.push(this.keyOf(hint), {
        hint,
        ...(snapshot ? { snapshot } : {}),
        at: this.deps.now(),
        done: resolve,
      }),
    );
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  get queued(): number {
    return this.queue.size;
  }

  /** Re-queues every entity with outbox work that is due (all pending ones when `all`), e.g. after a restart. */
  resumeDue(all = false): number {
    return this.requeue(all).length;
  }

  /** Re-queues every entity with outbox work (after a start); resolves once those passes are done. */
  async catchUp(): Promise<void> {
    await Promise.all(this.requeue(true));
  }

  private requeue(all: boolean): Promise<PushOutcome>[] {
    const now = this.deps.now();
    const items = this.deps.store.dueOutbox(this.deps.integrationId, all ? Number.MAX_SAFE_INTEGER : now, 10_000);
    const seen = new Set<string>();
    const passes: Promise<PushOutcome>[] = [];
    for (const item of items) {
      const key = `${item.side}:${item.entityId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // A resumed push keeps its intent: the pass takes it from the rows (see carryIntent).
      passes.push(this.hint({ side: item.side, id: item.entityId, origin: 'retry' }));
    }
    return passes;
  }

  /**
   * Reads and plans without writing: what a sync of this entity would do now. `poll` plans it as
   * the automatic sync would (trigger conditions, channel scope); `manual` as a push. A snapshot
   * fresh from a list call saves the re-read, as it does for the pollers.
   */
  async dryRun(
    side: Side,
    id: string,
    origin: 'poll' | 'manual' = 'manual',
    snapshot?: Snapshot,
  ): Promise<{ source: Snapshot; target: Snapshot | null; operations: Operation[] }> {
    const hint: ChangeHint = { side, id, origin };
    const { source, target, link, metadata } = await readPair(this.deps, hint, snapshot);
    return { source, target, operations: plan(this.deps.config(), hint, source, target, link, metadata) };
  }

  /** A linked pair is one entity, keyed by its incident, so both sides never run at once. */
  private keyOf(hint: ChangeHint): string {
    if (hint.side === 'flashduty') return this.creates.keyOf(hint.id) ?? `i:${hint.id}`;
    const link = this.deps.store.linkByRequest(this.deps.integrationId, hint.id);
    return link ? `i:${link.incidentId}` : `r:${hint.id}`;
  }

  private async work(items: Work[]): Promise<void> {
    const bySubject = new Map<string, Work[]>();
    for (const item of items) {
      const k = `${item.hint.side}:${item.hint.id}`;
      bySubject.set(k, [...(bySubject.get(k) ?? []), item]);
    }
    for (const group of bySubject.values()) {
      // The strongest origin wins (a manual push must not be treated as a poll), the newest snapshot is kept.
      const hint = group.reduce((a, b) => (ORIGIN_RANK[b.hint.origin] > ORIGIN_RANK[a.hint.origin] ? b : a)).hint;
      const listed = group.filter((g) => g.snapshot !== undefined).at(-1);
      // A pass that ran meanwhile may have written to it (after a crash, a retry runs before the
      // poll's hint): planning from the older list row would take our write back.
      const snapshot =
        listed !== undefined && (linkOf(this.deps, listed.hint)?.updatedAt ?? -Infinity) < listed.at
          ? listed.snapshot
          : undefined;
      let outcome: PushOutcome;
      try {
        outcome = this.madeByOurCreate(hint)
          ? outcomeOf(hint, 'unchanged', msg('outcome.own_create'))
          : await this.sync(hint, hint.origin === 'poll' ? snapshot : undefined);
      } catch (error) {
        outcome = this.failed(hint, error);
      }
      for (const g of group) g.done?.(outcome);
    }
    this.deps.onActivity?.();
  }

  /** An incident our create made and has not linked yet (see UnlinkedCreates): its pass plans nothing. */
  private madeByOurCreate(hint: ChangeHint): boolean {
    const { store, integrationId } = this.deps;
    return (
      hint.side === 'flashduty' &&
      this.creates.holds(hint.id, () => store.linkByIncident(integrationId, hint.id) !== null)
    );
  }

  /** One pass over one entity (the bench times each through this method). */
  private sync(hint: ChangeHint, snapshot: Snapshot | undefined): Promise<PushOutcome> {
    return runPass(this.passContext, hint, snapshot);
  }

  private failed(hint: ChangeHint, error: unknown): PushOutcome {
    const { deps } = this;
    const message = errorShape(error).message;
    if (isShuttingDown(error)) {
      // Not a failure: the change is kept for the next start.
      keepWaiting(deps, hint, deps.now());
      return outcomeOf(hint, 'skipped', message);
    }
    deps.onApiError(error);
    const read =
      hint.side === 'flashduty'
        ? msg('run.read_incident_failed', { incident: hint.id, error: message })
        : msg('run.read_request_failed', { request: hint.id, error: message });
    deps.log(passEntry(deps, hint, null, 'error', 'read', read, error));
    // A refused credential stops writing (onApiError just said so): keep the change, it resumes on reconnect.
    if ((isAppError(error) && error.retryable) || !deps.canWrite()) deferEntity(deps, hint, error);
    return outcomeOf(hint, 'failed', message);
  }
}
