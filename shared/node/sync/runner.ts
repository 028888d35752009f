import type { PushOutcome } from '../../common/contract';
import type { IntegrationConfig } from '../../common/config';
import { isAppError } from '../../common/errors';
import { isShuttingDown } from '../net/abort';
import { backoffDelay } from '../net/backoff';
import type { SdpStatus as SdpWireStatus } from '../sdp/client';
import { directionOf, summarize } from './describe';
import { executeOperation, findCreatedByMarker, type ExecResult, type ExecutorClients } from './executor';
import { applyRecords, emptyRecords } from './link-records';
import { createdRecords, recogniseIntents, recordsAfter } from './intents';
import { requestLinkField } from './markers';
import { markUnmarkedCreate } from './orphans';
import { KeyedQueue } from './keyed-queue';
import { plan } from './plan';
import { isManual } from './plan-to-sdp';
import { incidentComments, incidentSnapshot, requestSnapshot } from './snapshots';
import type { NewLogEntry, OutboxItem, SyncStore } from './store';
import { incidentValues, requestValues } from './values';
import { passBoundary } from './write-boundary';
import type {
  ChangeHint,
  ChangeOrigin,
  IncidentSnapshot,
  Link,
  LinkRecords,
  Operation,
  RequestSnapshot,
  SdpMetadata,
  Side,
  SyncedValues,
} from './types';

export type Snapshot = IncidentSnapshot | RequestSnapshot;

export interface RunnerDeps {
  integrationId: string;
  config: () => IntegrationConfig;
  clients: () => ExecutorClients;
  store: SyncStore;
  log: (entry: NewLogEntry) => void;
  now: () => number;
  /** Live SDP metadata for checking plans (cached by the caller); undefined when unavailable. */
  metadata: () => Promise<SdpMetadata | undefined>;
  /** SDP's status list, for the type flags a request's own status may omit. */
  sdpStatuses: () => Promise<readonly SdpWireStatus[]>;
  /** False while paused or waiting for the admin to reconnect: changes queue but nothing is written. */
  canWrite: () => boolean;
  /** Every failure of an API call, so the engine can spot revoked credentials. */
  onApiError: (error: unknown) => void;
  /** Runs `fn` and returns the API request IDs its calls produced (for the log). */
  collectRequestIds?: <T>(fn: () => Promise<T>) => Promise<{ value: T; requestIds: string[] }>;
  concurrency?: number;
  retry?: { baseDelayMs: number; maxDelayMs: number };
  /** Reports queue and outbox sizes after every pass, for the status board. */
  onActivity?: () => void;
}

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

type Outcome = PushOutcome['outcome'];
const RANK: Record<Outcome, number> = { unchanged: 0, skipped: 1, linked: 2, updated: 3, created: 4, failed: 5 };
const ORIGIN_RANK: Record<ChangeOrigin, number> = { retry: 0, poll: 1, webhook: 2, custom_action: 3, manual: 4 };
/**
 * A row written just before its operation runs is not "due" for this long, so the retry scan leaves running work alone.
 */
const LEASE_MS = 60_000;
/** Requests whose own last write is remembered (newest kept); a forgotten one only costs a re-read. */
const OWN_WRITES_KEPT = 20_000;

/**
 * Turns change hints into writes for one integration: re-read both sides, plan, record the plan in
 * the outbox, execute, update the link, log. One entity (a linked pair counts as one) at a time;
 * different entities in parallel.
 */
export class Runner {
  private readonly queue: KeyedQueue<Work>;
  /** Per request, the last_updated_time SDP reported for our latest write to it. */
  private readonly ownSdpWrites = new Map<string, number>();

  constructor(private readonly deps: RunnerDeps) {
    this.queue = new KeyedQueue(deps.concurrency ?? 8, (key, items) => this.work(items));
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

  /** The strongest push or custom action recorded on the entity's rows (of that state, if given). */
  private recordedPush(hint: ChangeHint, state?: OutboxItem['state']): ChangeOrigin | null {
    const { store, integrationId } = this.deps;
    const origins = store
      .outboxForEntity(integrationId, hint.side, hint.id)
      .filter((row) => (state === undefined || row.state === state) && isManual(row))
      .map((row) => row.origin);
    return origins.length === 0 ? null : origins.reduce((a, b) => (ORIGIN_RANK[b] > ORIGIN_RANK[a] ? b : a));
  }

  /**
   * An unlinked entity with an unfinished push (or custom action) on record, interrupted or
   * waiting out a fault: whatever brings it up next (the restart's resume, a poll, a webhook)
   * carries that push on, else the re-plan would skip it ("manual mode", conditions not met) and
   * the push would be lost. A parked push waits for the admin's retry or a fixing change instead.
   * Linked pairs resume as plain retries and keep every conflict rule: a push forces its values,
   * and after an interruption a human edit made meanwhile must not be overwritten.
   */
  private carryIntent(hint: ChangeHint): ChangeHint {
    if (isManual(hint) || this.linkOf(hint) !== null) return hint;
    const pushed = this.recordedPush(hint, 'pending');
    return pushed === null ? hint : { ...hint, origin: pushed };
  }

  /** The origin a row planned by this pass records: a retry keeps the push it carries on. */
  private originToRecord(hint: ChangeHint): ChangeOrigin {
    return hint.origin === 'retry' ? (this.recordedPush(hint) ?? 'retry') : hint.origin;
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
    const { source, target, link, metadata } = await this.read(hint, snapshot);
    return { source, target, operations: plan(this.deps.config(), hint, source, target, link, metadata) };
  }

  /** A linked pair is one entity, keyed by its incident, so both sides never run at once. */
  private keyOf(hint: ChangeHint): string {
    if (hint.side === 'flashduty') return `i:${hint.id}`;
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
        listed !== undefined && (this.linkOf(listed.hint)?.updatedAt ?? -Infinity) < listed.at
          ? listed.snapshot
          : undefined;
      let outcome: PushOutcome;
      try {
        outcome = await this.sync(hint, hint.origin === 'poll' ? snapshot : undefined);
      } catch (error) {
        outcome = this.failed(hint, error);
      }
      for (const g of group) g.done?.(outcome);
    }
    this.deps.onActivity?.();
  }

  private failed(hint: ChangeHint, error: unknown): PushOutcome {
    if (isShuttingDown(error)) {
      // Not a failure: the change is kept for the next start.
      this.keepWaiting(hint, this.deps.now());
      return {
        incidentId: hint.side === 'flashduty' ? hint.id : '',
        outcome: 'skipped',
        requestId: hint.side === 'sdp' ? hint.id : null,
        message: error instanceof Error ? error.message : String(error),
      };
    }
    this.deps.onApiError(error);
    const message = error instanceof Error ? error.message : String(error);
    this.deps.log(
      this.entry(
        hint,
        null,
        'error',
        'read',
        `Could not read ${hint.side === 'flashduty' ? 'incident' : 'request'} ${hint.id}: ${message}`,
        error,
      ),
    );
    // A refused credential stops writing (onApiError just said so): keep the change, it resumes on reconnect.
    if ((isAppError(error) && error.retryable) || !this.deps.canWrite()) this.deferEntity(hint, error);
    return {
      incidentId: hint.side === 'flashduty' ? hint.id : '',
      outcome: 'failed',
      requestId: hint.side === 'sdp' ? hint.id : null,
      message,
    };
  }

  /** Keeps a retry on record for an entity whose read failed transiently or while credentials need attention. */
  private deferEntity(hint: ChangeHint, error: unknown): void {
    const { store, integrationId, now } = this.deps;
    const existing = store.outboxForEntity(integrationId, hint.side, hint.id).find((i) => i.state === 'pending');
    const attempts = (existing?.attempts ?? 0) + 1;
    const retry = this.deps.retry ?? { baseDelayMs: 5_000, maxDelayMs: 15 * 60_000 };
    const delay = backoffDelay(
      attempts,
      { maxAttempts: Number.MAX_SAFE_INTEGER, ...retry },
      isAppError(error) ? error.retryAfterMs : undefined,
    );
    const id =
      existing?.id ??
      store.addOutbox({
        integrationId,
        side: hint.side,
        entityId: hint.id,
        op: { type: 'skip', code: 'target_missing', reason: 'Re-read after a failed read.' },
        nextTryAt: now() + delay,
        createdAt: now(),
        origin: this.originToRecord(hint),
      });
    store.deferOutbox(id, attempts, now() + delay, errorShape(error));
  }

  private async readSource(hint: ChangeHint, snapshot: Snapshot | undefined, link: Link | null): Promise<Snapshot> {
    const { clients, config, now } = this.deps;
    const withThread = link !== null && config().syncComments;
    if (hint.side === 'flashduty') {
      const fd = clients().flashduty;
      const base =
        snapshot !== undefined && isIncident(snapshot)
          ? snapshot
          : incidentSnapshot(await fd.getIncident(hint.id), now());
      if (!withThread) return base;
      const feed = await fd.feed(hint.id, { types: ['i_comm'], limit: 100, asc: true });
      return { ...base, comments: incidentComments(feed.items) };
    }
    // A list row is lean (no description, resolution, and only what the poller asked for): a hint, never what is
    // planned on.
    const sdp = clients().sdp;
    const statuses = await this.deps.sdpStatuses();
    const request = await sdp.getRequest(hint.id);
    return requestSnapshot(request, statuses, withThread ? await sdp.listNotes(hint.id) : undefined);
  }

  /** The other side of a pair; null when it is gone (deleted, or no longer visible to us). */
  private async readCounterpart(side: Side, id: string, withThread: boolean): Promise<Snapshot | null> {
    const { clients, now } = this.deps;
    try {
      if (side === 'sdp') {
        const sdp = clients().sdp;
        return requestSnapshot(
          await sdp.getRequest(id),
          await this.deps.sdpStatuses(),
          withThread ? await sdp.listNotes(id) : undefined,
        );
      }
      const fd = clients().flashduty;
      const incident = incidentSnapshot(await fd.getIncident(id), now());
      if (!withThread) return incident;
      return {
        ...incident,
        comments: incidentComments((await fd.feed(id, { types: ['i_comm'], limit: 100, asc: true })).items),
      };
    } catch (error) {
      if (isAppError(error) && (error.code === 'sdp.not_found' || error.code === 'flashduty.not_found')) return null;
      throw error;
    }
  }

  private async read(hint: ChangeHint, snapshot: Snapshot | undefined) {
    const { store, integrationId, config } = this.deps;
    const link =
      hint.side === 'flashduty'
        ? store.linkByIncident(integrationId, hint.id)
        : store.linkByRequest(integrationId, hint.id);
    const source = await this.readSource(hint, snapshot, link);
    const withThread = link !== null && config().syncComments;
    const target =
      link === null
        ? null
        : await this.readCounterpart(
            hint.side === 'flashduty' ? 'sdp' : 'flashduty',
            hint.side === 'flashduty' ? link.requestId : link.incidentId,
            withThread,
          );
    const metadata = config().direction === 'from_sdp' ? undefined : await this.deps.metadata();
    return {
      source,
      target,
      link: link === null || target === null ? link : this.ownInFlight(hint, link, source, target),
      metadata,
    };
  }

  /**
   * The link, with every value on either side that one of the pair's unfinished writes put there
   * (a crash, or a lost answer, kept it from the link) recorded as ours: see recogniseIntents.
   */
  private ownInFlight(hint: ChangeHint, link: Link, source: Snapshot, target: Snapshot): Link {
    const { store, integrationId, config, now } = this.deps;
    const pending = [
      ...store.outboxForEntity(integrationId, 'flashduty', link.incidentId),
      ...store.outboxForEntity(integrationId, 'sdp', link.requestId),
    ]
      .filter((item) => item.state === 'pending')
      .map((item) => item.op);
    if (pending.length === 0) return link;
    const [incident, request] = isIncident(source)
      ? [source, target as RequestSnapshot]
      : [target as IncidentSnapshot, source];
    const current = { flashduty: incidentValues(config(), incident), sdp: requestValues(config(), request) };
    const { link: updated, recognised } = recogniseIntents(link, pending, current, now());
    if (recognised.length === 0) return link;
    store.saveLink(updated);
    const what = recognised
      .map((r) => `${r.side === 'sdp' ? 'SDP' : 'Flashduty'} ${r.key} = ${r.value ?? '(empty)'}`)
      .join(', ');
    this.deps.log(
      this.entry(
        hint,
        null,
        'info',
        'recovered',
        `Recognised our own unfinished write (${what}); it is not taken for a new change.`,
        null,
        [],
        { incidentId: link.incidentId, requestId: link.requestId },
      ),
    );
    return updated;
  }

  private async sync(requested: ChangeHint, snapshot: Snapshot | undefined): Promise<PushOutcome> {
    const { store, integrationId, now, config } = this.deps;
    const started = now();
    let hint = requested;
    if (!this.deps.canWrite()) {
      this.keepWaiting(hint, started);
      return {
        incidentId: hint.side === 'flashduty' ? hint.id : '',
        outcome: 'skipped',
        requestId: hint.side === 'sdp' ? hint.id : null,
        message: 'Queued: the integration is paused or needs attention.',
      };
    }
    if (hint.origin === 'poll' && this.backingOff(hint, started)) {
      return {
        incidentId: hint.side === 'flashduty' ? hint.id : '',
        outcome: 'skipped',
        requestId: hint.side === 'sdp' ? hint.id : null,
        message: 'A retry is scheduled.',
      };
    }
    const echo = snapshot === undefined ? null : this.ownSdpEcho(hint, snapshot);
    if (echo !== null)
      return { incidentId: echo.incidentId, outcome: 'unchanged', requestId: hint.id, message: 'Already in sync.' };
    // After the backoff check: a poll must not carry a push on before its retry is due.
    hint = this.carryIntent(hint);
    const origin = this.originToRecord(hint);
    const read = await this.read(hint, snapshot);
    const { source, metadata } = read;
    let { target, link } = read;
    const cfg = config();
    let ops = plan(cfg, hint, source, target, link, metadata);
    const awaiting = ops.find(
      (op): op is Extract<Operation, { type: 'skip' }> =>
        op.type === 'skip' && op.code === 'await_link' && op.counterpartId !== undefined,
    );
    if (awaiting?.counterpartId !== undefined) {
      target = await this.readCounterpart(
        hint.side === 'flashduty' ? 'sdp' : 'flashduty',
        awaiting.counterpartId,
        cfg.syncComments,
      );
      // The counterpart's pass may have linked the two while this one read it.
      if (target !== null) link = this.linkOwnCreate(hint, source, target) ?? this.linkOf(hint) ?? link;
      ops = plan(cfg, hint, source, target, link, metadata);
    }
    if (link === null && !ops.some((op) => op.type === 'create_request' || op.type === 'create_incident')) {
      const found = await this.adoptInterrupted(hint, source.createdAtMs);
      if (found !== null) {
        ({ link, target } = found);
        ops = plan(cfg, hint, source, target, link, metadata);
      }
    }

    let outcome: Outcome = 'unchanged';
    let message = 'Already in sync.';
    let incidentId = hint.side === 'flashduty' ? hint.id : (link?.incidentId ?? target?.id ?? '');
    let requestId: string | null = hint.side === 'sdp' ? hint.id : (link?.requestId ?? target?.id ?? null);
    let clean = true;
    /** Outbox rows this pass staged (a retried operation reuses its row, first attempt's age and all). */
    const staging = new Set<number>();
    let created = false;
    let adopted = false;
    let followUp = false;
    const raise = (o: Outcome, m: string): void => {
      if (RANK[o] >= RANK[outcome]) {
        outcome = o;
        message = m;
      }
    };

    for (const op of ops) {
      if (op.type === 'skip') {
        this.deps.log(this.entry(hint, op, 'info', 'skip', summarize(op)));
        raise('skipped', op.reason);
        continue;
      }
      if (op.type === 'fail') {
        this.park(hint, op, origin);
        this.deps.log(
          this.entry(hint, op, 'error', op.code, summarize(op), {
            code: op.code,
            message: op.reason,
            fix: fixFor(op.code),
          }),
        );
        raise('failed', op.reason);
        clean = false;
        continue;
      }
      if (op.type === 'record_link') {
        const isNew = link === null;
        link = applyRecords(
          link,
          { integrationId, incidentId: op.incidentId, requestId: op.requestId },
          op.records,
          now(),
        );
        store.saveLink(link);
        incidentId = op.incidentId;
        requestId = op.requestId;
        if (isNew) {
          this.deps.log(this.entry(hint, op, 'info', 'link', summarize(op)));
          raise('linked', `Linked with request ${op.requestId}.`);
        }
        continue;
      }
      // Decided before this attempt's row exists: only an earlier recorded attempt may have left the entity behind.
      const mayExistSinceMs =
        op.type === 'create_request' || op.type === 'create_incident'
          ? earlierAttemptAt(store.outboxForEntity(integrationId, hint.side, hint.id), op.type)
          : undefined;
      if (!this.deps.canWrite()) {
        // Paused (or needing attention) mid-pass: the rest waits in the outbox for the catch-up.
        this.keepWaiting(hint, started, origin);
        raise('skipped', 'Queued: the integration is paused or needs attention.');
        clean = false;
        break;
      }
      const stagedAt = now();
      const staged = store.stageOutbox({
        integrationId,
        side: hint.side,
        entityId: hint.id,
        op,
        nextTryAt: stagedAt + LEASE_MS,
        createdAt: stagedAt,
        origin,
      });
      const rowId = staged.id;
      staging.add(rowId);
      passBoundary(`before:${op.type}`, hint.id);
      if (op.type === 'create_incident' && staged.previous !== null)
        await this.markOrphan(hint, op, staged.previous.createdAt);
      let result: ExecResult;
      let requestIds: string[] = [];
      try {
        const run = () =>
          executeOperation(
            {
              config: cfg,
              clients: this.deps.clients(),
              now,
              ...(hint.side === 'sdp' ? { sourceCreatedAtMs: source.createdAtMs } : {}),
              ...(mayExistSinceMs === undefined ? {} : { mayExistSinceMs }),
            },
            op,
          );
        if (this.deps.collectRequestIds) ({ value: result, requestIds } = await this.deps.collectRequestIds(run));
        else result = await run();
      } catch (error) {
        if (isShuttingDown(error)) {
          // Never sent: its staged row stays pending for the next start, which re-plans it.
          raise('skipped', (error as Error).message);
          clean = false;
          break;
        }
        this.deps.onApiError(error);
        const shape = withKnownFix(errorShape(error));
        if (isAppError(error) && error.retryable) {
          const attempts = (staged.previous?.attempts ?? 0) + 1;
          const retry = this.deps.retry ?? { baseDelayMs: 5_000, maxDelayMs: 15 * 60_000 };
          const delay = backoffDelay(attempts, { maxAttempts: Number.MAX_SAFE_INTEGER, ...retry }, error.retryAfterMs);
          store.deferOutbox(rowId, attempts, now() + delay, shape);
          this.deps.log(
            this.entry(
              hint,
              op,
              'warn',
              op.type,
              `${summarize(op)} — will retry: ${shape.message}`,
              shape,
              requestIdsOf(error),
            ),
          );
        } else {
          store.failOutbox(rowId, shape);
          this.deps.log(
            this.entry(
              hint,
              op,
              'error',
              op.type,
              `${summarize(op)} — failed: ${shape.message}`,
              shape,
              requestIdsOf(error),
            ),
          );
        }
        raise('failed', shape.message);
        clean = false;
        break;
      }
      passBoundary(`after:${op.type}`, hint.id);
      if (result.sdpUpdatedAtMs !== undefined)
        this.rememberSdpWrite(
          result.createdRequestId ?? ('requestId' in op ? op.requestId : (requestId ?? '')),
          result.sdpUpdatedAtMs,
        );
      const ids = {
        integrationId,
        incidentId: 'incidentId' in op ? op.incidentId : (result.createdIncidentId ?? incidentId),
        requestId: 'requestId' in op ? op.requestId : (result.createdRequestId ?? requestId ?? ''),
      };
      incidentId = ids.incidentId;
      requestId = ids.requestId;
      if ('records' in op) {
        // An adopted entity holds what an earlier attempt left there, not what this op would have: only what still
        // matches is ours.
        const records =
          result.adopted && (op.type === 'create_request' || op.type === 'create_incident')
            ? await this.adoptedRecords(op, ids)
            : recordsAfter(op, (isIncident(source) ? source : (target as IncidentSnapshot | null))?.progress);
        link = applyRecords(link, ids, records, now());
        store.saveLink(link);
      }
      if (op.type === 'create_request' && requestLinkField(cfg) !== null) {
        // The incident learns its request's number and link in a follow-up pass; this row keeps
        // that pass owed across a crash (nothing else would bring an unchanged incident back). Dated
        // when the create was staged: this pass leaves it, the follow-up (which starts after the
        // create's answer) clears it.
        store.addOutbox({
          integrationId,
          side: hint.side,
          entityId: hint.id,
          op: { type: 'skip', code: 'await_link', reason: 'Write the new request’s number and link to the incident.' },
          nextTryAt: now(),
          createdAt: stagedAt,
          origin,
        });
        followUp = true;
      }
      // Only now: until the link holds what the write did, its row is how a restart recognises it.
      store.removeOutbox(rowId);
      if (op.type === 'create_request' || op.type === 'create_incident') {
        created = true;
        adopted ||= result.adopted === true;
        const what = op.type === 'create_request' ? `request ${ids.requestId}` : `incident ${ids.incidentId}`;
        if (result.adopted) raise('linked', `Found ${what} created earlier for it, and linked it.`);
        else raise('created', `Created ${what}.`);
        this.deps.log(
          this.entry(
            { ...hint },
            op,
            'info',
            op.type,
            result.adopted
              ? `Linked existing ${what} carrying this ${hint.side === 'flashduty' ? 'incident' : 'request'}'s marker`
              : summarize(op).replace(/^Create/, 'Created'),
            null,
            requestIds,
            ids,
          ),
        );
      } else {
        raise('updated', summarize(op));
        this.deps.log(this.entry(hint, op, 'info', op.type, summarize(op), null, requestIds, ids));
      }
    }

    if (clean) {
      // Carried out or superseded by this pass, except a parked push a push would still make now.
      for (const row of store.outboxForEntity(integrationId, hint.side, hint.id)) {
        if (
          row.createdAt < started &&
          !this.pushStillOwed(row, hint, () =>
            plan(cfg, { ...hint, origin: row.origin }, source, target, link, metadata),
          )
        )
          store.removeOutbox(row.id);
      }
    }
    // This pass re-planned the entity and recorded what failed or waits; older pending rows (a
    // retried parked failure among them) are superseded. Left behind, the due-work scan would pick
    // them up every few seconds and park the same failure again, forever.
    // A row this pass staged keeps its age (one row per operation) but is this pass's own record: it stays.
    else
      for (const row of store.outboxForEntity(integrationId, hint.side, hint.id))
        if (row.state === 'pending' && row.createdAt < started && !staging.has(row.id)) store.removeOutbox(row.id);
    // A new pair may carry comments or notes to copy; one more pass brings them across.
    if (adopted || followUp || (created && cfg.syncComments && (await this.hasThread(hint))))
      void this.hint({ ...hint, origin: 'retry' });
    return { incidentId, outcome, requestId, message };
  }

  /**
   * Whether a clean pass must leave this parked push (or custom action) alone. A pass that is not a
   * push plans by the automatic rules: its plan skipping the entity (trigger mode, trigger
   * conditions, channel scope, closed before it matched, a conflict rule) says nothing about what
   * the admin pushed. The parked row stays until the admin retries it, or a config or SDP change
   * re-queues it and the push then goes through, or a push planned now would neither write nor
   * fail: it is linked meanwhile and in sync, the direction no longer sends it, it waits for its
   * counterpart's link.
   */
  private pushStillOwed(row: OutboxItem, pass: ChangeHint, planAsPush: () => Operation[]): boolean {
    if (row.state !== 'failed' || !isManual(row) || isManual(pass)) return false;
    return planAsPush().some((op) => op.type !== 'skip' && op.type !== 'record_link');
  }

  /** Keeps a change on record while the integration may not write: it is resumed when it may again. */
  private keepWaiting(hint: ChangeHint, now: number, origin: ChangeOrigin = this.originToRecord(hint)): void {
    const { store, integrationId } = this.deps;
    const pending = store.outboxForEntity(integrationId, hint.side, hint.id).filter((i) => i.state === 'pending');
    // A push while a poll's change already waits is recorded too: the resume carries the push on.
    if (pending.length > 0 && (!isManual({ origin }) || pending.some((i) => i.origin === origin))) return;
    store.stageOutbox({
      integrationId,
      side: hint.side,
      entityId: hint.id,
      op: {
        type: 'skip',
        code: 'paused',
        reason: 'Waiting until the integration may write again (paused, needs attention, or stopping).',
      },
      nextTryAt: now,
      createdAt: now,
      origin,
    });
  }

  /**
   * A failed write waits out its backoff: a poll seeing the same entity again must not retry it
   * early (the retry scan re-reads it when due). Webhooks and pushes still go ahead.
   */
  private backingOff(hint: ChangeHint, now: number): boolean {
    return this.deps.store
      .outboxForEntity(this.deps.integrationId, hint.side, hint.id)
      .some((i) => i.state === 'pending' && i.attempts > 0 && i.nextTryAt > now);
  }

  /**
   * A polled request that still carries exactly our last write to it: the same last_updated_time
   * SDP answered that write with (so no edit or note came after it) and the link's record for every
   * synced value it holds (an empty value is never copied; list results leave out the description).
   * Its pass would re-read four things to find nothing to do.
   */
  private ownSdpEcho(hint: ChangeHint, snapshot: Snapshot): Link | null {
    if (hint.side !== 'sdp' || isIncident(snapshot) || this.ownSdpWrites.get(hint.id) !== snapshot.updatedAtMs)
      return null;
    const link = this.deps.store.linkByRequest(this.deps.integrationId, hint.id);
    if (link === null) return null;
    const recorded = link.lastAgreedWithSdp;
    const same = Object.entries(requestValues(this.deps.config(), snapshot)).every(
      ([key, value]) => value === null || (Object.hasOwn(recorded, key) && recorded[key] === value),
    );
    return same ? link : null;
  }

  private rememberSdpWrite(requestId: string, updatedAtMs: number | null): void {
    this.ownSdpWrites.delete(requestId);
    if (updatedAtMs === null || requestId === '') return;
    this.ownSdpWrites.set(requestId, updatedAtMs);
    if (this.ownSdpWrites.size > OWN_WRITES_KEPT) this.ownSdpWrites.delete(this.ownSdpWrites.keys().next().value!);
  }

  /**
   * A create cut short (crash, kill) may have made its entity without the link being saved. When
   * today's plan no longer creates (e.g. the incident closed meanwhile), that entity is found by its
   * marker and linked, so it is kept in sync instead of orphaned. Never creates anything.
   */
  private async adoptInterrupted(
    hint: ChangeHint,
    sourceCreatedAtMs: number,
  ): Promise<{ link: Link; target: Snapshot | null } | null> {
    const { store, integrationId, config, clients, now } = this.deps;
    const row = store
      .outboxForEntity(integrationId, hint.side, hint.id)
      .find(
        (i): i is OutboxItem & { op: Extract<Operation, { type: 'create_request' | 'create_incident' }> } =>
          i.state === 'pending' && (i.op.type === 'create_request' || i.op.type === 'create_incident'),
      );
    if (row === undefined) return null;
    const pending = row.op;
    if (pending.type === 'create_incident') await this.markOrphan(hint, pending, row.createdAt);
    const foundId = await findCreatedByMarker(
      { config: config(), clients: clients(), now, sourceCreatedAtMs, mayExistSinceMs: row.createdAt },
      pending,
    );
    if (foundId === null) return null;
    const ids =
      pending.type === 'create_request'
        ? { incidentId: hint.id, requestId: foundId }
        : { incidentId: foundId, requestId: hint.id };
    const target = await this.readCounterpart(
      hint.side === 'flashduty' ? 'sdp' : 'flashduty',
      foundId,
      config().syncComments,
    );
    const link = applyRecords(
      null,
      { integrationId, ...ids },
      target === null ? emptyRecords() : createdRecords(pending, this.valuesOf(target)),
      now(),
    );
    store.saveLink(link);
    this.deps.log(
      this.entry(
        hint,
        null,
        'info',
        'link',
        `Linked ${pending.type === 'create_request' ? `request ${foundId}` : `incident ${foundId}`}, created before an interruption, by its marker.`,
        null,
        [],
        ids,
      ),
    );
    return { link, target };
  }

  /** An incident an earlier attempt created but could not mark gets its marker (see markUnmarkedCreate). */
  private async markOrphan(
    hint: ChangeHint,
    op: Extract<Operation, { type: 'create_incident' }>,
    firstStagedAt: number,
  ): Promise<void> {
    const found = await markUnmarkedCreate(this.deps.clients().flashduty, op, firstStagedAt, this.deps.now());
    if (found === null) return;
    this.deps.log(
      this.entry(
        hint,
        op,
        'info',
        'link',
        `Incident ${found}, created by an interrupted attempt before its marker was written, now carries the marker.`,
        null,
        [],
        { incidentId: found, requestId: op.requestId },
      ),
    );
  }

  /** The records for an entity a create found by its marker instead of making it again (see createdRecords). */
  private async adoptedRecords(
    op: Extract<Operation, { type: 'create_request' | 'create_incident' }>,
    ids: { incidentId: string; requestId: string },
  ): Promise<LinkRecords> {
    const created = await this.readCounterpart(
      op.type === 'create_request' ? 'sdp' : 'flashduty',
      op.type === 'create_request' ? ids.requestId : ids.incidentId,
      false,
    );
    return created === null ? emptyRecords() : createdRecords(op, this.valuesOf(created));
  }

  /**
   * The source carries the counterpart's marker but has no link: when the counterpart's own
   * create of it is still unfinished (its answer or its link was lost), the source is our create,
   * and it is linked with what that create left there, so its pass cannot overwrite the counterpart
   * with it. Null when no create of ours is pending.
   */
  private linkOwnCreate(hint: ChangeHint, source: Snapshot, target: Snapshot): Link | null {
    const { store, integrationId, now } = this.deps;
    const counterpartSide: Side = hint.side === 'flashduty' ? 'sdp' : 'flashduty';
    const create = store
      .outboxForEntity(integrationId, counterpartSide, target.id)
      .filter((i) => i.state === 'pending')
      .map((i) => i.op)
      .find(
        (op): op is Extract<Operation, { type: 'create_request' | 'create_incident' }> =>
          op.type === (hint.side === 'flashduty' ? 'create_incident' : 'create_request'),
      );
    if (create === undefined) return null;
    const ids =
      hint.side === 'flashduty'
        ? { incidentId: source.id, requestId: target.id }
        : { incidentId: target.id, requestId: source.id };
    const link = applyRecords(null, { integrationId, ...ids }, createdRecords(create, this.valuesOf(source)), now());
    store.saveLink(link);
    this.deps.log(
      this.entry(
        hint,
        null,
        'info',
        'link',
        `Linked ${hint.side === 'flashduty' ? `incident ${source.id}` : `request ${source.id}`}, created before an interruption, by its marker.`,
        null,
        [],
        ids,
      ),
    );
    return link;
  }

  private linkOf(hint: ChangeHint): Link | null {
    const { store, integrationId } = this.deps;
    return hint.side === 'flashduty'
      ? store.linkByIncident(integrationId, hint.id)
      : store.linkByRequest(integrationId, hint.id);
  }

  private valuesOf(snapshot: Snapshot): SyncedValues {
    return isIncident(snapshot)
      ? incidentValues(this.deps.config(), snapshot)
      : requestValues(this.deps.config(), snapshot);
  }

  /**
   * Whether the source has comments or notes at all: one small read instead of the four a
   * follow-up pass costs, which most new incidents would spend on finding nothing to copy.
   */
  private async hasThread(hint: ChangeHint): Promise<boolean> {
    try {
      if (hint.side === 'flashduty')
        return (
          (await this.deps.clients().flashduty.feed(hint.id, { types: ['i_comm'], limit: 1, asc: true })).items.length >
          0
        );
      return (await this.deps.clients().sdp.listNotes(hint.id)).length > 0;
    } catch {
      // Unsure: the follow-up pass finds out for itself.
      return true;
    }
  }

  /** Parks a permanent failure once per entity and cause, so the admin sees it and can retry it. */
  private park(hint: ChangeHint, op: Extract<Operation, { type: 'fail' }>, origin: ChangeOrigin): void {
    const { store, integrationId, now } = this.deps;
    const existing = store
      .outboxForEntity(integrationId, hint.side, hint.id)
      .find((i) => i.state === 'failed' && i.op.type === 'fail' && i.op.code === op.code);
    if (existing) return;
    const id = store.addOutbox({
      integrationId,
      side: hint.side,
      entityId: hint.id,
      op,
      nextTryAt: now(),
      createdAt: now(),
      origin,
    });
    store.failOutbox(id, { code: op.code, message: op.reason, fix: fixFor(op.code) });
  }

  private entry(
    hint: ChangeHint,
    op: Operation | null,
    level: NewLogEntry['level'],
    action: string,
    message: string,
    error?: unknown,
    apiRequestIds: string[] = [],
    ids?: { incidentId: string; requestId: string },
  ): NewLogEntry {
    const opIds =
      op && 'incidentId' in op
        ? { incidentId: op.incidentId, requestId: 'requestId' in op ? op.requestId : null }
        : null;
    return {
      at: this.deps.now(),
      level,
      integrationId: this.deps.integrationId,
      // Skips and parked failures have no write of their own: they belong to the direction of the change they stopped.
      direction: (op ? directionOf(op) : null) ?? (hint.side === 'flashduty' ? 'to_sdp' : 'from_sdp'),
      incidentId: ids?.incidentId || opIds?.incidentId || (hint.side === 'flashduty' ? hint.id : null),
      requestId: ids?.requestId || opIds?.requestId || (hint.side === 'sdp' ? hint.id : null),
      action,
      message:
        hint.origin === 'poll' && op !== null && directionOf(op) !== null && this.deps.config().ingress.webhooks
          ? `${message} (first seen by the poller: missed by webhook)`
          : message,
      changes: op && 'changes' in op ? op.changes : [],
      apiRequestIds,
      error: error === undefined || error === null ? null : errorShape(error),
    };
  }
}

const FIXES: Partial<Record<string, string>> = {
  assignee_missing:
    'Add the technician in SDP or correct the label value; DeskBridge retries when SDP or the config changes.',
  group_missing: 'Add the support group in SDP or correct the label value.',
  requester_required: 'Set a requester under Integration → Ticket; the template requires one.',
  template_missing: 'Pick an existing request template under Integration → Ticket.',
  template_fields_missing: 'Make those fields optional in the SDP template, or map them.',
  priority_missing: 'Map the severity to a priority that exists in SDP (Integration → Ticket).',
  status_missing: 'Map the state to a status that exists in SDP (Integration → Status).',
  udf_missing: 'Map the custom field to an SDP field that exists.',
  udf_not_text: 'Map the custom field to a single-line or multi-line text field.',
  fd_field_missing:
    'Create a text custom field with that name in Flashduty, or pick another field or turn off "request link on the incident" (toSdp.requestLink) in the integration.',
};

/** A thrown error the admin fixes in the config or a service carries the fix the log and the failed list show. */
function withKnownFix(shape: ErrorShape): ErrorShape {
  const fix = FIXES[shape.code];
  return fix === undefined || shape.fix !== undefined ? shape : { ...shape, fix };
}

/**
 * When the first recorded attempt at this create started, if one was recorded (pending, or parked
 * after a later step of it failed): that attempt may have made the entity without the link.
 */
export function earlierAttemptAt(
  rows: readonly OutboxItem[],
  type: 'create_request' | 'create_incident',
): number | undefined {
  const times = rows.filter((r) => r.op.type === type).map((r) => r.createdAt);
  return times.length === 0 ? undefined : Math.min(...times);
}

const fixFor = (code: string): string => FIXES[code] ?? 'Fix the integration’s mapping, then retry.';

function isIncident(snapshot: Snapshot): snapshot is IncidentSnapshot {
  return 'progress' in snapshot;
}

type ErrorShape = { code: string; message: string; fix?: string };

/** A `{ code, message, fix? }` the runner builds itself (a planned failure), as opposed to a thrown error. */
function isErrorShape(value: unknown): value is ErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === 'string' && typeof v.message === 'string' && (v.fix === undefined || typeof v.fix === 'string')
  );
}

export function errorShape(error: unknown): ErrorShape {
  if (isAppError(error)) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'internal', message: error.message };
  if (isErrorShape(error))
    return { code: error.code, message: error.message, ...(error.fix === undefined ? {} : { fix: error.fix }) };
  return {
    code: 'internal',
    message: typeof error === 'string' ? error : 'An unexpected failure that carried no message.',
  };
}

function requestIdsOf(error: unknown): string[] {
  const id = isAppError(error) ? error.details?.requestId : undefined;
  return typeof id === 'string' && id !== '' ? [id] : [];
}
