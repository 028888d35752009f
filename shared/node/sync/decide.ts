import type { IntegrationConfig } from '../../common/config';
import { listOf, msg, type Message } from '../../common/contract';
import type { SyncedField } from './fields/field';
import { emptyRecords, mergeRecords } from './link-records';
import type { ChangeHint, FieldChange, Link, LinkRecords, Operation, Side, SyncedValues } from './types';

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
  | { kind: 'conflict_lost'; note: Message }
  | { kind: 'write'; note?: Message };

const other = (side: Side): Side => (side === 'flashduty' ? 'sdp' : 'flashduty');
const sideName = (side: Side): string => (side === 'flashduty' ? 'Flashduty' : 'SDP');

export function recorded(link: Link | null, side: Side, key: string): string | null | undefined {
  if (link === null) return undefined;
  const values = side === 'sdp' ? link.lastAgreedWithSdp : link.lastAgreedWithFlashduty;
  return Object.hasOwn(values, key) ? values[key] : undefined;
}

/**
 * The echo guard for one field, and its conflict rule. A side "changed" when its value differs from
 * the link's record for it; there are no time windows. When both changed (two-way only), the
 * field's rule names the side that keeps it.
 */
export function decide(
  ctx: DecideContext,
  field: Pick<SyncedField, 'key' | 'conflict'>,
  sourceNow: string | null,
  targetNow: string | null,
  inSync: boolean,
): Decision {
  const sourceBase = recorded(ctx.link, ctx.sourceSide, field.key);
  const targetBase = recorded(ctx.link, other(ctx.sourceSide), field.key);
  if (!ctx.force && sourceBase !== undefined && sourceBase === sourceNow) return { kind: 'unchanged' };
  if (inSync) return { kind: 'in_sync', stale: sourceBase !== sourceNow || targetBase !== targetNow };
  if (sourceNow === null) return { kind: 'empty' };
  if (ctx.force || !ctx.twoWay || targetBase === undefined || targetBase === targetNow) return { kind: 'write' };
  const updatedAtMs =
    ctx.sourceSide === 'flashduty'
      ? { flashduty: ctx.sourceUpdatedAtMs, sdp: ctx.targetUpdatedAtMs }
      : { sdp: ctx.sourceUpdatedAtMs, flashduty: ctx.targetUpdatedAtMs };
  const winner = field.conflict(updatedAtMs);
  const loser = other(winner);
  const at = (side: Side) => new Date(updatedAtMs[side]).toISOString();
  const note = msg('note.conflict', {
    field: field.key,
    winner: sideName(winner),
    winnerAt: at(winner),
    loser: sideName(loser),
    loserAt: at(loser),
  });
  return winner === ctx.sourceSide ? { kind: 'write', note } : { kind: 'conflict_lost', note };
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

export const isManual = (change: Pick<ChangeHint, 'origin'>): boolean =>
  change.origin === 'manual' || change.origin === 'custom_action';

type Skip = Extract<Operation, { type: 'skip' }>;

/** What a pass's written fields add up to: merged into one operation, or one operation each. */
export interface WriteSet {
  records: LinkRecords;
  changes: FieldChange[];
  note?: Message;
}

/**
 * The echo guard over one pass (one source, one target): decides each field, and collects the
 * stale records to refresh and the conflicts the target won, the same way in both directions.
 */
export class FieldPass {
  readonly ctx: DecideContext;
  stale: LinkRecords = emptyRecords();
  readonly skips: Skip[] = [];

  constructor(
    config: IntegrationConfig,
    change: ChangeHint,
    link: Link | null,
    readonly source: SyncedValues,
    readonly target: SyncedValues,
    times: { source: number; target: number },
  ) {
    this.ctx = {
      sourceSide: change.side,
      link,
      force: isManual(change),
      twoWay: config.direction === 'two_way',
      sourceUpdatedAtMs: times.source,
      targetUpdatedAtMs: times.target,
    };
  }

  /** Runs the echo guard for one field; returns the note to carry when the field must be written. */
  consider(field: Pick<SyncedField, 'key' | 'conflict'>, inSync: boolean): { note?: Message } | null {
    const { key } = field;
    const sourceNow = this.source[key] ?? null;
    const targetNow = this.target[key] ?? null;
    const d = decide(this.ctx, field, sourceNow, targetNow, inSync);
    if (d.kind === 'in_sync' && d.stale)
      this.stale = mergeRecords(this.stale, fieldRecords(this.ctx.sourceSide, key, sourceNow, targetNow));
    if (d.kind === 'conflict_lost') {
      const kept =
        other(this.ctx.sourceSide) === 'sdp'
          ? msg('skip.conflict_sdp_kept', { field: key })
          : msg('skip.conflict_flashduty_kept', { field: key });
      this.skips.push({ type: 'skip', code: 'conflict_lost', reason: kept, note: d.note });
    }
    if (d.kind !== 'write') return null;
    return d.note === undefined ? {} : { note: d.note };
  }

  /** The records, changes and notes of fields written together; `to` is what the target reads back. */
  writeSet(
    fields: readonly { key: string; to: string | null; shown?: string | null; label?: string; note?: Message }[],
  ): WriteSet {
    let records = emptyRecords();
    const changes: FieldChange[] = [];
    const notes: Message[] = [];
    for (const f of fields) {
      records = mergeRecords(records, fieldRecords(this.ctx.sourceSide, f.key, this.source[f.key] ?? null, f.to));
      changes.push({ field: f.label ?? f.key, from: this.target[f.key] ?? null, to: f.shown ?? f.to });
      if (f.note !== undefined) notes.push(f.note);
    }
    return { records, changes, ...(notes.length === 0 ? {} : { note: listOf(notes) }) };
  }

  /** The record_link a pass starts with: a new link, or records that lag behind a pair that agrees. */
  recordLink(ids: { incidentId: string; requestId: string }): Operation[] {
    const stale = Object.keys(this.stale.sdp).length > 0 || Object.keys(this.stale.flashduty).length > 0;
    return this.ctx.link === null || stale ? [{ type: 'record_link', ...ids, records: this.stale }] : [];
  }
}
