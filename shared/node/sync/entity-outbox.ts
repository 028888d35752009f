import { msg } from '../../common/contract';
import { isAppError } from '../../common/errors';
import { backoffDelay } from '../net/backoff';
import { errorShape, fixFor } from './error-shapes';
import { isManual } from './decide';
import { DEFAULT_RETRY, linkOf, type RunnerDeps } from './runner-deps';
import type { OutboxItem } from './store';
import type { ChangeHint, ChangeOrigin, Operation } from './types';

export const ORIGIN_RANK: Record<ChangeOrigin, number> = { retry: 0, poll: 1, webhook: 2, custom_action: 3, manual: 4 };

const pendingRows = (deps: RunnerDeps, hint: ChangeHint): OutboxItem[] =>
  deps.store.outboxForEntity(deps.integrationId, hint.side, hint.id).filter((i) => i.state === 'pending');

/** The strongest push or custom action recorded on the entity's rows (of that state, if given). */
function recordedPush(deps: RunnerDeps, hint: ChangeHint, state?: OutboxItem['state']): ChangeOrigin | null {
  const origins = deps.store
    .outboxForEntity(deps.integrationId, hint.side, hint.id)
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
export function carryIntent(deps: RunnerDeps, hint: ChangeHint): ChangeHint {
  if (isManual(hint) || linkOf(deps, hint) !== null) return hint;
  const pushed = recordedPush(deps, hint, 'pending');
  return pushed === null ? hint : { ...hint, origin: pushed };
}

/** The origin a row planned by this pass records: a retry keeps the push it carries on. */
export function originToRecord(deps: RunnerDeps, hint: ChangeHint): ChangeOrigin {
  return hint.origin === 'retry' ? (recordedPush(deps, hint) ?? 'retry') : hint.origin;
}

/** A row with nothing to write: it only keeps the entity owed a pass (resumed when due). */
function waitingRow(
  deps: RunnerDeps,
  hint: ChangeHint,
  op: Extract<Operation, { type: 'skip' }>,
  at: { nextTryAt: number; createdAt: number },
  origin: ChangeOrigin,
) {
  return { integrationId: deps.integrationId, side: hint.side, entityId: hint.id, op, ...at, origin };
}

/** Keeps a retry on record for an entity whose read failed transiently or while credentials need attention. */
export function deferEntity(deps: RunnerDeps, hint: ChangeHint, error: unknown): void {
  const { store, now } = deps;
  const existing = pendingRows(deps, hint)[0];
  const attempts = (existing?.attempts ?? 0) + 1;
  const delay = backoffDelay(
    attempts,
    { maxAttempts: Number.MAX_SAFE_INTEGER, ...(deps.retry ?? DEFAULT_RETRY) },
    isAppError(error) ? error.retryAfterMs : undefined,
  );
  const id =
    existing?.id ??
    store.addOutbox(
      waitingRow(
        deps,
        hint,
        { type: 'skip', code: 'reread', reason: msg('skip.reread') },
        { nextTryAt: now() + delay, createdAt: now() },
        originToRecord(deps, hint),
      ),
    );
  store.deferOutbox(id, attempts, now() + delay, errorShape(error));
}

/** Keeps a change on record while the integration may not write: it is resumed when it may again. */
export function keepWaiting(
  deps: RunnerDeps,
  hint: ChangeHint,
  now: number,
  origin: ChangeOrigin = originToRecord(deps, hint),
): void {
  const pending = pendingRows(deps, hint);
  // A push while a poll's change already waits is recorded too: the resume carries the push on.
  if (pending.length > 0 && (!isManual({ origin }) || pending.some((i) => i.origin === origin))) return;
  deps.store.stageOutbox(
    waitingRow(
      deps,
      hint,
      {
        type: 'skip',
        code: 'reread',
        reason: msg('skip.waiting'),
      },
      { nextTryAt: now, createdAt: now },
      origin,
    ),
  );
}

/**
 * A failed write waits out its backoff: a poll seeing the same entity again must not retry it
 * early (the retry scan re-reads it when due). Webhooks and pushes still go ahead.
 */
export function backingOff(deps: RunnerDeps, hint: ChangeHint, now: number): boolean {
  return pendingRows(deps, hint).some((i) => i.attempts > 0 && i.nextTryAt > now);
}

/** Parks a permanent failure once per entity and cause, so the admin sees it and can retry it. */
export function park(
  deps: RunnerDeps,
  hint: ChangeHint,
  op: Extract<Operation, { type: 'fail' }>,
  origin: ChangeOrigin,
): void {
  const { store, integrationId, now } = deps;
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

/**
 * Whether a clean pass must leave this parked push (or custom action) alone. A pass that is not a
 * push plans by the automatic rules: its plan skipping the entity (trigger mode, trigger
 * conditions, channel scope, closed before it matched, a conflict rule) says nothing about what
 * the admin pushed. The parked row stays until the admin retries it, or a config or SDP change
 * re-queues it and the push then goes through, or a push planned now would neither write nor
 * fail: it is linked meanwhile and in sync, the direction no longer sends it, it waits for its
 * counterpart's link.
 */
export function pushStillOwed(row: OutboxItem, pass: ChangeHint, planAsPush: () => Operation[]): boolean {
  if (row.state !== 'failed' || !isManual(row) || isManual(pass)) return false;
  return planAsPush().some((op) => op.type !== 'skip' && op.type !== 'record_link');
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
