import { msg, type PushOutcome } from '../../common/contract';
import { describe } from './describe';
import { backingOff, carryIntent, keepWaiting, originToRecord, park, pushStillOwed } from './entity-outbox';
import { fixFor } from './error-shapes';
import { applyRecords } from './link-records';
import { adoptInterrupted, linkOwnCreate } from './interrupted-creates';
import { passEntry } from './pass-log';
import { passOutcome, raise, type Pass, type PassContext } from './pass-state';
import { runWrite } from './pass-writes';
import { plan } from './plan';
import { readCounterpart, readPair } from './read-pair';
import { linkOf, otherSide, outcomeOf, type RunnerDeps, type Snapshot } from './runner-deps';
import type { ChangeHint, Operation } from './types';

/**
 * Reads both sides and plans. A plan waiting for the counterpart's link re-reads that counterpart
 * (its own pass may have linked the two meanwhile); a plan that no longer creates looks for what an
 * interrupted create may have left behind.
 */
async function planPass(
  deps: RunnerDeps,
  hint: ChangeHint,
  snapshot: Snapshot | undefined,
  started: number,
): Promise<Pass> {
  const cfg = deps.config();
  const { source, metadata, ...read } = await readPair(deps, hint, snapshot);
  let { target, link } = read;
  let ops = plan(cfg, hint, source, target, link, metadata);
  const awaiting = ops.find(
    (op): op is Extract<Operation, { type: 'skip' }> =>
      op.type === 'skip' && op.code === 'await_link' && op.counterpartId !== undefined,
  );
  if (awaiting?.counterpartId !== undefined) {
    target = await readCounterpart(deps, otherSide(hint.side), awaiting.counterpartId, cfg.syncComments);
    // The counterpart's pass may have linked the two while this one read it.
    if (target !== null) link = linkOwnCreate(deps, hint, source, target) ?? linkOf(deps, hint) ?? link;
    ops = plan(cfg, hint, source, target, link, metadata);
  }
  if (link === null && !ops.some((op) => op.type === 'create_request' || op.type === 'create_incident')) {
    const found = await adoptInterrupted(deps, hint, source.createdAtMs);
    if (found !== null) {
      ({ link, target } = found);
      ops = plan(cfg, hint, source, target, link, metadata);
    }
  }
  return {
    hint,
    origin: originToRecord(deps, hint),
    started,
    cfg,
    source,
    target,
    link,
    metadata,
    queue: ops,
    outcome: 'unchanged',
    message: msg('outcome.in_sync'),
    incidentId: hint.side === 'flashduty' ? hint.id : (link?.incidentId ?? target?.id ?? ''),
    requestId: hint.side === 'sdp' ? hint.id : (link?.requestId ?? target?.id ?? null),
    clean: true,
    staging: new Set(),
    created: false,
    adopted: false,
  };
}

/** Carries out one planned operation; false when the pass stops there. */
async function runOp(ctx: PassContext, pass: Pass, op: Operation): Promise<boolean> {
  const { deps } = ctx;
  const { hint } = pass;
  switch (op.type) {
    case 'skip':
      deps.log(passEntry(deps, hint, op, 'info', 'skip', describe(op)));
      raise(pass, 'skipped', op.reason);
      return true;
    case 'fail':
      park(deps, hint, op, pass.origin);
      deps.log(
        passEntry(deps, hint, op, 'error', op.code, describe(op), {
          code: op.code,
          message: op.reason,
          fix: fixFor(op.code),
        }),
      );
      raise(pass, 'failed', op.reason);
      pass.clean = false;
      return true;
    case 'record_link': {
      const isNew = pass.link === null;
      const ids = { integrationId: deps.integrationId, incidentId: op.incidentId, requestId: op.requestId };
      pass.link = applyRecords(pass.link, ids, op.records, deps.now());
      deps.store.saveLink(pass.link);
      pass.incidentId = op.incidentId;
      pass.requestId = op.requestId;
      if (isNew) {
        deps.log(passEntry(deps, hint, op, 'info', 'link', describe(op)));
        raise(pass, 'linked', msg('outcome.linked', { request: op.requestId }));
      }
      return true;
    }
    default:
      return runWrite(ctx, pass, op);
  }
}

/**
 * Whether the source has comments or notes at all: one small read instead of the four a
 * follow-up pass costs, which most new incidents would spend on finding nothing to copy.
 */
async function hasThread(deps: RunnerDeps, hint: ChangeHint): Promise<boolean> {
  try {
    if (hint.side === 'flashduty')
      return (
        (await deps.clients().flashduty.feed(hint.id, { types: ['i_comm'], limit: 1, asc: true })).items.length > 0
      );
    return (await deps.clients().sdp.listNotes(hint.id)).length > 0;
  } catch {
    // Unsure: the follow-up pass finds out for itself.
    return true;
  }
}

/** Clears the rows this pass carried out or superseded, and queues the follow-up a new pair may need. */
async function finishPass(ctx: PassContext, pass: Pass): Promise<void> {
  const { deps } = ctx;
  const { store, integrationId } = deps;
  const { hint, cfg, source, target, link, metadata, started } = pass;
  const rows = store.outboxForEntity(integrationId, hint.side, hint.id);
  // Carried out or superseded by this pass, except a parked push a push would still make now.
  if (pass.clean) {
    for (const row of rows)
      if (
        row.createdAt < started &&
        !pushStillOwed(row, hint, () => plan(cfg, { ...hint, origin: row.origin }, source, target, link, metadata))
      )
        store.removeOutbox(row.id);
  }
  // This pass re-planned the entity and recorded what failed or waits; older pending rows (a
  // retried parked failure among them) are superseded. Left behind, the due-work scan would pick
  // them up every few seconds and park the same failure again, forever.
  // A row this pass staged keeps its age (one row per operation) but is this pass's own record: it stays.
  else
    for (const row of rows)
      if (row.state === 'pending' && row.createdAt < started && !pass.staging.has(row.id)) store.removeOutbox(row.id);
  // A new pair may carry comments or notes to copy; one more pass brings them across.
  if (pass.adopted || (pass.created && cfg.syncComments && (await hasThread(deps, hint))))
    ctx.requeue({ ...hint, origin: 'retry' });
}

/**
 * One pass over an entity: re-read both sides, plan, record each write in the outbox, execute,
 * update the link, log.
 */
export async function runPass(
  ctx: PassContext,
  requested: ChangeHint,
  snapshot: Snapshot | undefined,
): Promise<PushOutcome> {
  const { deps } = ctx;
  const now = deps.now();
  if (!deps.canWrite()) {
    keepWaiting(deps, requested, now);
    return outcomeOf(requested, 'skipped', msg('outcome.queued'));
  }
  if (requested.origin === 'poll' && backingOff(deps, requested, now))
    return outcomeOf(requested, 'skipped', msg('outcome.retry_scheduled'));
  const echo = snapshot === undefined ? null : ctx.own.echo(requested, snapshot);
  if (echo !== null)
    return {
      incidentId: echo.incidentId,
      outcome: 'unchanged',
      requestId: echo.requestId,
      message: msg('outcome.in_sync'),
    };
  // After the backoff check: a poll must not carry a push on before its retry is due.
  const pass = await planPass(deps, carryIntent(deps, requested), snapshot, now);
  for (const op of pass.queue) if (!(await runOp(ctx, pass, op))) break;
  await finishPass(ctx, pass);
  return passOutcome(pass);
}
