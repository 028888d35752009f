import { isAppError } from '../../common/errors';
import { isShuttingDown } from '../net/abort';
import { backoffDelay } from '../net/backoff';
import { msg } from '../../common/contract';
import { describe, describeCreated } from './describe';
import { earlierAttemptAt, keepWaiting } from './entity-outbox';
import { errorShape, requestIdsOf, withKnownFix } from './error-shapes';
import { executeOperation, type ExecResult } from './executor';
import { applyRecords } from './link-records';
import { recordsAfter } from './intents';
import { adoptedEntity, markOrphan } from './interrupted-creates';
import { passEntry } from './pass-log';
import { raise, type Pass, type PassContext } from './pass-state';
import { planRequestLink } from './plan-request-link';
import { DEFAULT_RETRY, isIncident } from './runner-deps';
import type { StagedOutbox } from './store';
import type { IncidentSnapshot, Link, Operation, RequestSnapshot } from './types';
import { passBoundary } from './write-boundary';

/**
 * A row written just before its operation runs is not "due" for this long, so the retry scan leaves running work alone.
 */
const LEASE_MS = 60_000;

type Write = Exclude<Operation, { type: 'skip' | 'fail' | 'record_link' }>;
type Ids = { integrationId: string; incidentId: string; requestId: string };

/** Records the write in the outbox (its intent, durable before the call is sent). */
function stage(ctx: PassContext, pass: Pass, op: Write): StagedOutbox {
  const { store, integrationId, now } = ctx.deps;
  const stagedAt = now();
  const staged = store.stageOutbox({
    integrationId,
    side: pass.hint.side,
    entityId: pass.hint.id,
    op,
    nextTryAt: stagedAt + LEASE_MS,
    createdAt: stagedAt,
    origin: pass.origin,
  });
  pass.staging.add(staged.id);
  return staged;
}

async function send(
  ctx: PassContext,
  pass: Pass,
  op: Write,
  mayExistSinceMs: number | undefined,
): Promise<{ result: ExecResult; requestIds: string[] }> {
  const { deps } = ctx;
  const run = () =>
    executeOperation(
      {
        config: pass.cfg,
        clients: deps.clients(),
        now: deps.now,
        ...(pass.hint.side === 'sdp' ? { sourceCreatedAtMs: pass.source.createdAtMs } : {}),
        ...(mayExistSinceMs === undefined ? {} : { mayExistSinceMs }),
        onIncidentCreated: (incidentId) => ctx.creates.add(incidentId, ctx.keyOf(pass.hint)),
      },
      op,
    );
  if (deps.collectRequestIds) {
    const { value, requestIds } = await deps.collectRequestIds(run);
    return { result: value, requestIds };
  }
  return { result: await run(), requestIds: [] };
}

/** A write that did not go through: deferred when it may next time, parked when the admin must fix something. */
function failed(ctx: PassContext, pass: Pass, op: Write, staged: StagedOutbox, error: unknown): void {
  const { deps } = ctx;
  pass.clean = false;
  if (isShuttingDown(error)) {
    // Never sent: its staged row stays pending for the next start, which re-plans it.
    raise(pass, 'skipped', msg('quoted', { text: (error as Error).message }));
    return;
  }
  deps.onApiError(error);
  const shape = withKnownFix(errorShape(error));
  const retryable = isAppError(error) && error.retryable;
  if (retryable) {
    const attempts = (staged.previous?.attempts ?? 0) + 1;
    const retry = { maxAttempts: Number.MAX_SAFE_INTEGER, ...(deps.retry ?? DEFAULT_RETRY) };
    deps.store.deferOutbox(staged.id, attempts, deps.now() + backoffDelay(attempts, retry, error.retryAfterMs), shape);
  } else deps.store.failOutbox(staged.id, shape);
  const [level, said] = retryable ? (['warn', 'op.will_retry'] as const) : (['error', 'op.failed'] as const);
  const message = msg(said, { op: describe(op), error: shape.message });
  deps.log(passEntry(deps, pass.hint, op, level, op.type, message, shape, requestIdsOf(error)));
  raise(pass, 'failed', shape.message);
}

/**
 * The incident learns its new request's number and link in the create's own pass, from the
 * create's answer: no re-read. The write is staged before the create's row goes, so a crash in
 * between still owes it (the resume re-plans it); it runs last among the pass's writes, so a
 * missing Flashduty field parks it alone. A field already holding it is only recorded.
 */
function requestLinkAfterCreate(
  ctx: PassContext,
  pass: Pass,
  incident: IncidentSnapshot,
  request: Pick<RequestSnapshot, 'id' | 'displayId'>,
  link: Link,
): void {
  const { store, now } = ctx.deps;
  const planned = planRequestLink(pass.cfg, { ...pass.hint, origin: pass.origin }, incident, request, link);
  if (planned?.kind === 'stale') {
    pass.link = applyRecords(link, link, planned.records, now());
    store.saveLink(pass.link);
  } else if (planned?.kind === 'write') {
    stage(ctx, pass, planned.op);
    pass.queue.push(planned.op);
  }
}

/** What a write that went through leaves: the link's records, our own echo, and a create's request link. */
async function recordWrite(ctx: PassContext, pass: Pass, op: Write, result: ExecResult): Promise<Ids> {
  const { deps, own } = ctx;
  const { source, target } = pass;
  if (result.sdpUpdatedAtMs !== undefined)
    own.rememberSdpWrite(
      result.createdRequestId ?? ('requestId' in op ? op.requestId : (pass.requestId ?? '')),
      result.sdpUpdatedAtMs,
    );
  const ids = {
    integrationId: deps.integrationId,
    incidentId: 'incidentId' in op ? op.incidentId : (result.createdIncidentId ?? pass.incidentId),
    requestId: 'requestId' in op ? op.requestId : (result.createdRequestId ?? pass.requestId ?? ''),
  };
  pass.incidentId = ids.incidentId;
  pass.requestId = ids.requestId;
  // An adopted entity holds what an earlier attempt left there, not what this op would have: only what still
  // matches is ours.
  const adopted =
    result.adopted && (op.type === 'create_request' || op.type === 'create_incident')
      ? await adoptedEntity(deps, op, ids)
      : null;
  if ('records' in op) {
    const progress = (isIncident(source) ? source : (target as IncidentSnapshot | null))?.progress;
    pass.link = applyRecords(pass.link, ids, adopted?.records ?? recordsAfter(op, progress), deps.now());
    deps.store.saveLink(pass.link);
  }
  if (op.type === 'create_request' && isIncident(source) && pass.link !== null) {
    const found = adopted?.created ?? null;
    const request = !result.adopted
      ? { id: ids.requestId, displayId: result.createdDisplayId ?? null }
      : found === null || isIncident(found)
        ? null
        : found;
    if (request !== null) requestLinkAfterCreate(ctx, pass, source, request, pass.link);
  }
  if (op.type === 'set_request_link' && isIncident(source)) own.rememberLinkWrite(source, op);
  return ids;
}

function logWrite(ctx: PassContext, pass: Pass, op: Write, result: ExecResult, ids: Ids, requestIds: string[]): void {
  const { deps } = ctx;
  const { hint } = pass;
  if (op.type !== 'create_request' && op.type !== 'create_incident') {
    raise(pass, 'updated', describe(op));
    deps.log(passEntry(deps, hint, op, 'info', op.type, describe(op), null, requestIds, ids));
    return;
  }
  pass.created = true;
  pass.adopted ||= result.adopted === true;
  const made =
    op.type === 'create_request'
      ? {
          found: msg('outcome.found_request', { request: ids.requestId }),
          created: msg('outcome.created_request', { request: ids.requestId }),
          adopted: msg('op.adopted_request', { request: ids.requestId }),
        }
      : {
          found: msg('outcome.found_incident', { incident: ids.incidentId }),
          created: msg('outcome.created_incident', { incident: ids.incidentId }),
          adopted: msg('op.adopted_incident', { incident: ids.incidentId }),
        };
  if (result.adopted) raise(pass, 'linked', made.found);
  else raise(pass, 'created', made.created);
  const message = result.adopted ? made.adopted : describeCreated(op);
  deps.log(passEntry(deps, hint, op, 'info', op.type, message, null, requestIds, ids));
}

/** Runs one write of the pass; false when the pass must stop here (it failed, or may not write now). */
export async function runWrite(ctx: PassContext, pass: Pass, op: Write): Promise<boolean> {
  const { deps } = ctx;
  const { hint } = pass;
  // Decided before this attempt's row exists: only an earlier recorded attempt may have left the entity behind.
  const mayExistSinceMs =
    op.type === 'create_request' || op.type === 'create_incident'
      ? earlierAttemptAt(deps.store.outboxForEntity(deps.integrationId, hint.side, hint.id), op.type)
      : undefined;
  if (op.type === 'create_request' && ctx.creates.keyOf(op.incidentId) !== undefined) {
    // Listed before its create's answer came back (so not queued behind that pass): the create links it.
    raise(pass, 'unchanged', msg('outcome.own_create'));
    return false;
  }
  if (!deps.canWrite()) {
    // Paused (or needing attention) mid-pass: the rest waits in the outbox for the catch-up.
    keepWaiting(deps, hint, pass.started, pass.origin);
    raise(pass, 'skipped', msg('outcome.queued'));
    pass.clean = false;
    return false;
  }
  const staged = stage(ctx, pass, op);
  passBoundary(`before:${op.type}`, hint.id);
  if (op.type === 'create_incident' && staged.previous !== null)
    await markOrphan(deps, hint, op, staged.previous.createdAt);
  let sent: { result: ExecResult; requestIds: string[] };
  try {
    sent = await send(ctx, pass, op, mayExistSinceMs);
  } catch (error) {
    failed(ctx, pass, op, staged, error);
    return false;
  }
  passBoundary(`after:${op.type}`, hint.id);
  const ids = await recordWrite(ctx, pass, op, sent.result);
  // Only now: until the link holds what the write did, its row is how a restart recognises it.
  deps.store.removeOutbox(staged.id);
  logWrite(ctx, pass, op, sent.result, ids, sent.requestIds);
  return true;
}
