import type { IncidentState } from '../../common/config';
import { applyRecords, emptyRecords, mergeRecords } from './link-records';
import type { Link, LinkRecords, Operation, Progress, Side, SyncedValues } from './types';

/**
 * What one write leaves on the side it writes, in the link's canonical keys: per key, each value
 * it may have left there (a create's state is Triggered until its follow-up call moves it on).
 */
export interface Intent {
  side: Side;
  values: Record<string, readonly (string | null)[]>;
}

/** The state each Flashduty transition leaves behind (a wake's is the incident's progress). */
const TRANSITION_STATE: Partial<Record<Operation['type'], IncidentState>> = {
  ack: 'Processing',
  unack: 'Triggered',
  snooze: 'Snoozed',
  resolve: 'Closed',
  reopen: 'Triggered',
};

const WRITES_FLASHDUTY = new Set<Operation['type']>([
  'ack',
  'unack',
  'snooze',
  'wake',
  'resolve',
  'reopen',
  'reset_incident',
  'set_incident_field',
  'set_request_link',
]);
const WRITES_SDP = new Set<Operation['type']>([
  'update_request_fields',
  'change_request_status',
  'set_request_resolution',
]);

const single = (values: SyncedValues): Record<string, (string | null)[]> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, [v]]));

/**
 * The values a write leaves on the side it writes, known before it is sent (the operation is
 * durable in the outbox by then). A plan's middle steps (the reopen of "reopen, then snooze")
 * carry no link records of their own, so their state comes from the transition. A create's follow-up
 * call (its state, its resolution) may not have happened yet. A wake leaves the incident's
 * progress, Triggered or Processing: `progress` says which when the pass knows it. Notes and
 * comments have none: their origin markers recognise them.
 */
export function intentOf(op: Operation, progress?: Progress): Intent | null {
  switch (op.type) {
    case 'create_incident':
      return { side: 'flashduty', values: { ...single(op.records.flashduty), status: ['Triggered', op.state] } };
    case 'create_request':
      return {
        side: 'sdp',
        values: {
          ...single(op.records.sdp),
          ...(op.records.sdp.resolution !== undefined ? { resolution: [op.records.sdp.resolution, null] } : {}),
        },
      };
    default:
      break;
  }
  if (!('records' in op) || op.type === 'record_link') return null;
  if (WRITES_FLASHDUTY.has(op.type)) {
    const state = TRANSITION_STATE[op.type];
    const woken: Record<string, string[]> =
      op.type === 'wake'
        ? { status: progress === undefined || progress === 'Closed' ? ['Triggered', 'Processing'] : [progress] }
        : {};
    return {
      side: 'flashduty',
      values: { ...woken, ...single({ ...(state === undefined ? {} : { status: state }), ...op.records.flashduty }) },
    };
  }
  if (WRITES_SDP.has(op.type)) return { side: 'sdp', values: single(op.records.sdp) };
  return null;
}

/**
 * The link records a successful write adds: its planned records, and for a middle step the state
 * it reached (`progress`: the incident's, as this pass read it).
 */
export function recordsAfter(op: Operation & { records: LinkRecords }, progress?: Progress): LinkRecords {
  const intent = op.type === 'create_request' || op.type === 'create_incident' ? null : intentOf(op, progress);
  if (intent === null) return op.records;
  const own: LinkRecords = emptyRecords();
  for (const [key, candidates] of Object.entries(intent.values))
    if (candidates.length === 1) own[intent.side][key] = candidates[0]!;
  return mergeRecords(own, op.records);
}

/**
 * The records for an entity one of our creates made, found by its marker (the create's answer,
 * or its link, was lost): the values it still holds as the create left them are ours, so a pass
 * from it finds nothing new; its source's side stays unrecorded, so the source's pass finishes
 * what the create did not (its state, its resolution) instead of taking the new entity for the
 * newer truth.
 */
export function createdRecords(
  op: Extract<Operation, { type: 'create_request' | 'create_incident' }>,
  created: SyncedValues,
): LinkRecords {
  const intent = intentOf(op)!;
  const records = emptyRecords();
  for (const [key, candidates] of Object.entries(intent.values)) {
    if (Object.hasOwn(created, key) && candidates.includes(created[key]!)) records[intent.side][key] = created[key]!;
  }
  return records;
}

/**
 * After a crash (or a write whose answer was lost), the other side may hold a value one of our
 * in-flight writes put there before the link could record it. A side value equal to such an intent
 * is ours, not a human change: it is folded into the link's record, so "newest wins" cannot take
 * our own write for a newer edit and reverse the human change that caused it. Returns the keys
 * recognised per side (empty when the link already agrees).
 */
export function recogniseIntents(
  link: Link,
  pending: readonly Operation[],
  current: Record<Side, SyncedValues>,
  now: number,
): { link: Link; recognised: { side: Side; key: string; value: string | null }[] } {
  const records: LinkRecords = emptyRecords();
  const recognised: { side: Side; key: string; value: string | null }[] = [];
  for (const op of pending) {
    if (
      !('incidentId' in op) ||
      !('requestId' in op) ||
      op.incidentId !== link.incidentId ||
      op.requestId !== link.requestId
    )
      continue;
    const intent = intentOf(op);
    if (intent === null) continue;
    const recorded = intent.side === 'sdp' ? link.lastAgreedWithSdp : link.lastAgreedWithFlashduty;
    for (const [key, candidates] of Object.entries(intent.values)) {
      if (!Object.hasOwn(current[intent.side], key)) continue;
      const value = current[intent.side][key]!;
      if (!candidates.includes(value)) continue;
      if (Object.hasOwn(recorded, key) && recorded[key] === value) continue;
      if (Object.hasOwn(records[intent.side], key)) continue;
      records[intent.side][key] = value;
      recognised.push({ side: intent.side, key, value });
    }
  }
  if (recognised.length === 0) return { link, recognised };
  return { link: applyRecords(link, link, records, now), recognised };
}
