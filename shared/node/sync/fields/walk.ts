import type { Message } from '../../../common/contract';
import type { FieldPass } from '../decide';
import { isFail, type Fail, type FieldWrite, type SyncedField, type Written } from './field';

/** One field a pass writes: its contribution and the conflict note it carries. */
export interface FieldWritten<Patch> extends Written<Patch> {
  key: string;
  note?: Message;
}

export interface Walked<Patch> {
  writes: FieldWritten<Patch>[];
  failures: Fail[];
}

/**
 * Every field with a write towards the target. Updating (a target and its pass given), each goes
 * through the echo guard first; creating (target null), every field that applies is written.
 */
export function walkFields<S, T, P, E>(
  fields: readonly SyncedField[],
  pick: (field: SyncedField) => FieldWrite<S, T, P, E> | undefined,
  pair: { source: S; target: T | null; extra: E; pass?: FieldPass },
): Walked<P> {
  const out: Walked<P> = { writes: [], failures: [] };
  for (const field of fields) {
    const w = pick(field);
    if (w === undefined || (w.applies !== undefined && !w.applies(pair.source, pair.target))) continue;
    let decided: { note?: Message } | null = {};
    const pass = pair.pass;
    if (pair.target !== null && pass !== undefined) {
      const inSync = w.inSync
        ? w.inSync(pair.source, pair.target)
        : (pass.source[field.key] ?? null) === (pass.target[field.key] ?? null);
      decided = pass.consider(field, inSync);
    }
    if (decided === null) continue;
    const written = w.write(pair.source, pair.target, pair.extra);
    if (written === null) continue;
    if (isFail(written)) out.failures.push(written);
    else out.writes.push({ ...written, key: field.key, ...decided });
  }
  return out;
}

/**
 * The written fields' contributions as one patch: later fields win, and the one nested map a target
 * takes (SDP's `udf`, Flashduty's custom `fields`) is merged key by key rather than replaced.
 */
export function mergeWrites<Patch extends object>(
  writes: readonly FieldWritten<Patch>[],
  nested: keyof Patch & string,
): Patch {
  return writes.reduce<Patch>((all, w) => {
    const inner = w.patch[nested];
    return { ...all, ...w.patch, ...(inner ? { [nested]: { ...(all[nested] ?? {}), ...inner } } : {}) };
  }, {} as Patch);
}
