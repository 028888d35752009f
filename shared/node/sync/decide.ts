import type { Link, LinkRecords, Side } from './types';

/** What the planner knows about one pass: who is the source, the link's records, and whether to force. */
export interface DecideContext {
  sourceSide: Side;
  link: Link | null;
  /** Manual push: the source is sent as it is, regardless of what changed. */
  force: boolean;
  twoWay: boolean;
  sourceUpdatedAtMs: number;
  targetUpdatedAtMs: number;
}

export type Decision =
  /** The source still holds what was last synced: nothing new to send (this is where our own echoes end). */
  | { kind: 'unchanged' }
  /** Both sides already agree; `stale` when the link's records lag behind and should be refreshed. */
  | { kind: 'in_sync'; stale: boolean }
  /** An empty source value never overwrites the target. */
  | { kind: 'empty' }
  | { kind: 'conflict_lost'; note: string }
  | { kind: 'write'; note?: string };

const other = (side: Side): Side => (side === 'flashduty' ? 'sdp' : 'flashduty');
const sideName = (side: Side): string => (side === 'flashduty' ? 'Flashduty' : 'SDP');

export function recorded(link: Link | null, side: Side, key: string): string | null | undefined {
  if (link === null) return undefined;
  const values = side === 'sdp' ? link.lastWrittenToSdp.values : link.lastWrittenToFlashduty.values;
  return Object.hasOwn(values, key) ? values[key] : undefined;
}

/**
 * The echo guard and conflict rule for one field. A side "changed" when its value differs from the
 * link's record for it; there are no time windows. When both changed (two-way only), the side whose
 * own timestamp is newer wins; a tie goes to Flashduty so both passes agree on the winner.
 */
export function decide(
  ctx: DecideContext,
  key: string,
  sourceNow: string | null,
  targetNow: string | null,
  inSync: boolean,
): Decision {
  const sourceBase = recorded(ctx.link, ctx.sourceSide, key);
  const targetBase = recorded(ctx.link, other(ctx.sourceSide), key);
  if (!ctx.force && sourceBase !== undefined && sourceBase === sourceNow) return { kind: 'unchanged' };
  if (inSync) return { kind: 'in_sync', stale: sourceBase !== sourceNow || targetBase !== targetNow };
  if (sourceNow === null) return { kind: 'empty' };
  if (ctx.force || !ctx.twoWay || targetBase === undefined || targetBase === targetNow) return { kind: 'write' };
  const sourceWins =
    ctx.sourceUpdatedAtMs > ctx.targetUpdatedAtMs ||
    (ctx.sourceUpdatedAtMs === ctx.targetUpdatedAtMs && ctx.sourceSide === 'flashduty');
  const winner = sourceWins ? ctx.sourceSide : other(ctx.sourceSide);
  const loser = other(winner);
  const at = (side: Side) =>
    new Date(side === ctx.sourceSide ? ctx.sourceUpdatedAtMs : ctx.targetUpdatedAtMs).toISOString();
  const note = `Conflict on ${key}: both sides changed it since the last sync; ${sideName(winner)}'s change (${at(winner)}) is newer than ${sideName(loser)}'s (${at(loser)}) and wins.`;
  return sourceWins ? { kind: 'write', note } : { kind: 'conflict_lost', note };
}

/** Records for one field: the source value and what the target will read back after the write. */
export function fieldRecords(
  sourceSide: Side,
  key: string,
  sourceValue: string | null,
  targetValue: string | null,
): LinkRecords {
  return sourceSide === 'flashduty'
    ? { flashduty: { [key]: sourceValue }, sdp: { [key]: targetValue } }
    : { sdp: { [key]: sourceValue }, flashduty: { [key]: targetValue } };
}
