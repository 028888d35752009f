import { formatPath } from './validate';

export interface FieldChange {
  /** The field, as the config file spells it (`sdp.endpoint`, `channels[0]`). */
  path: string;
  /** JSON text of the value before and after; null where the field is absent. */
  from: string | null;
  to: string | null;
}

/** Bookkeeping the admin does not edit: a re-import always moves it, so listing it would hide real changes. */
const IGNORED = new Set(['updatedAt']);

function leaves(value: unknown, path: PropertyKey[], out: Map<string, string>): void {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    // An empty list or object is a value of its own ("no channels" differs from a missing field).
    if (entries.length === 0) out.set(formatPath(path), JSON.stringify(value));
    for (const [key, child] of entries) leaves(child, [...path, key], out);
    return;
  }
  if (path.length === 1 && IGNORED.has(String(path[0]))) return;
  out.set(formatPath(path), JSON.stringify(value));
}

/** Field-by-field differences between two integration configs, in the order of the newer one. */
export function diffConfigs(before: unknown, after: unknown): FieldChange[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  leaves(before, [], a);
  leaves(after, [], b);
  const changes: FieldChange[] = [];
  for (const [path, to] of b) if (a.get(path) !== to) changes.push({ path, from: a.get(path) ?? null, to });
  for (const [path, from] of a) if (!b.has(path)) changes.push({ path, from, to: null });
  return changes;
}
