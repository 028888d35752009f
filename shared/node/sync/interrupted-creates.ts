import { msg, type Message } from '../../common/contract';
import { findCreatedByMarker } from './executor';
import { applyRecords, emptyRecords } from './link-records';
import { createdRecords } from './intents';
import { markUnmarkedCreate } from './orphans';
import { logPairInfo, passEntry } from './pass-log';
import { readCounterpart } from './read-pair';
import { otherSide, valuesOf, type RunnerDeps, type Snapshot } from './runner-deps';
import type { OutboxItem } from './store';
import type { ChangeHint, Link, LinkRecords, Operation } from './types';

type CreateOp = Extract<Operation, { type: 'create_request' | 'create_incident' }>;

const linkedByMarker = (kind: 'incident' | 'request', id: string): Message =>
  kind === 'incident'
    ? msg('run.linked_interrupted_incident', { incident: id })
    : msg('run.linked_interrupted_request', { request: id });

const isCreate = (op: Operation): op is CreateOp => op.type === 'create_request' || op.type === 'create_incident';

/** An incident an earlier attempt created but could not mark gets its marker (see markUnmarkedCreate). */
export async function markOrphan(
  deps: RunnerDeps,
  hint: ChangeHint,
  op: Extract<Operation, { type: 'create_incident' }>,
  firstStagedAt: number,
): Promise<void> {
  const found = await markUnmarkedCreate(deps.clients().flashduty, op, firstStagedAt, deps.now());
  if (found === null) return;
  deps.log(
    passEntry(deps, hint, op, 'info', 'link', msg('run.marked_orphan', { incident: found }), null, [], {
      incidentId: found,
      requestId: op.requestId,
    }),
  );
}

/**
 * A create cut short (crash, kill) may have made its entity without the link being saved. When
 * today's plan no longer creates (e.g. the incident closed meanwhile), that entity is found by its
 * marker and linked, so it is kept in sync instead of orphaned. Never creates anything.
 */
export async function adoptInterrupted(
  deps: RunnerDeps,
  hint: ChangeHint,
  sourceCreatedAtMs: number,
): Promise<{ link: Link; target: Snapshot | null } | null> {
  const { store, integrationId, config, clients, now } = deps;
  const row = store
    .outboxForEntity(integrationId, hint.side, hint.id)
    .find((i): i is OutboxItem & { op: CreateOp } => i.state === 'pending' && isCreate(i.op));
  if (row === undefined) return null;
  const pending = row.op;
  if (pending.type === 'create_incident') await markOrphan(deps, hint, pending, row.createdAt);
  const foundId = await findCreatedByMarker(
    { config: config(), clients: clients(), now, sourceCreatedAtMs, mayExistSinceMs: row.createdAt },
    pending,
  );
  if (foundId === null) return null;
  const ids =
    pending.type === 'create_request'
      ? { incidentId: hint.id, requestId: foundId }
      : { incidentId: foundId, requestId: hint.id };
  const target = await readCounterpart(deps, otherSide(hint.side), foundId, config().syncComments);
  const records = target === null ? emptyRecords() : createdRecords(pending, valuesOf(deps, target));
  const link = applyRecords(null, { integrationId, ...ids }, records, now());
  store.saveLink(link);
  logPairInfo(
    deps,
    hint,
    'link',
    linkedByMarker(pending.type === 'create_request' ? 'request' : 'incident', foundId),
    ids,
  );
  return { link, target };
}

/**
 * An entity a create found by its marker instead of making it again, as read now, and the
 * records for it (see createdRecords).
 */
export async function adoptedEntity(
  deps: RunnerDeps,
  op: CreateOp,
  ids: { incidentId: string; requestId: string },
): Promise<{ created: Snapshot | null; records: LinkRecords }> {
  const created = await readCounterpart(
    deps,
    op.type === 'create_request' ? 'sdp' : 'flashduty',
    op.type === 'create_request' ? ids.requestId : ids.incidentId,
    false,
  );
  return { created, records: created === null ? emptyRecords() : createdRecords(op, valuesOf(deps, created)) };
}

/**
 * The source carries the counterpart's marker but has no link: when the counterpart's own
 * create of it is still unfinished (its answer or its link was lost), the source is our create,
 * and it is linked with what that create left there, so its pass cannot overwrite the counterpart
 * with it. Null when no create of ours is pending.
 */
export function linkOwnCreate(deps: RunnerDeps, hint: ChangeHint, source: Snapshot, target: Snapshot): Link | null {
  const { store, integrationId, now } = deps;
  const create = store
    .outboxForEntity(integrationId, otherSide(hint.side), target.id)
    .filter((i) => i.state === 'pending')
    .map((i) => i.op)
    .find((op): op is CreateOp => op.type === (hint.side === 'flashduty' ? 'create_incident' : 'create_request'));
  if (create === undefined) return null;
  const ids =
    hint.side === 'flashduty'
      ? { incidentId: source.id, requestId: target.id }
      : { incidentId: target.id, requestId: source.id };
  const link = applyRecords(null, { integrationId, ...ids }, createdRecords(create, valuesOf(deps, source)), now());
  store.saveLink(link);
  logPairInfo(deps, hint, 'link', linkedByMarker(hint.side === 'flashduty' ? 'incident' : 'request', source.id), ids);
  return link;
}
