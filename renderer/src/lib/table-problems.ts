import type { FormModel } from './form-model';
import type { PlacedProblem } from './problems';

/** Indexes of rows whose key repeats an earlier row's (compared trimmed and case-insensitively). */
export function duplicateRows<R>(rows: readonly R[], key: (r: R) => string): number[] {
  const seen = new Set<string>();
  const dups: number[] = [];
  rows.forEach((r, i) => {
    const k = key(r).trim().toLowerCase();
    if (k !== '' && seen.has(k)) dups.push(i);
    seen.add(k);
  });
  return dups;
}

export interface TableMessages {
  duplicateSource: (value: string) => string;
  duplicatePriority: (priority: string) => string;
  unknownPriority: (priority: string) => string;
}

/**
 * Problems of the severity ↔ priority tables that the config schema cannot see: a repeated source
 * value or priority (a record keeps only the first, silently), and a priority the SDP instance does
 * not have (`priorities` null: metadata unavailable, names are not checked). Placed on the row.
 */
export function severityTableProblems(
  form: Pick<FormModel, 'toPriority' | 'toSeverity'>,
  priorities: readonly string[] | null,
  m: TableMessages,
): PlacedProblem[] {
  const out: PlacedProblem[] = [];
  const at = (field: string, message: string): void => void out.push({ field, section: 'ticket', message });
  for (const i of duplicateRows(form.toPriority, (r) => r.value))
    at(`toPriority[${i}]`, m.duplicateSource(form.toPriority[i]!.value.trim()));
  for (const i of duplicateRows(form.toSeverity, (r) => r.priority))
    at(`toSeverity[${i}]`, m.duplicatePriority(form.toSeverity[i]!.priority.trim()));
  if (priorities !== null) {
    const known = new Set(priorities.map((p) => p.toLowerCase()));
    const unknown = (p: string): boolean => p.trim() !== '' && !known.has(p.trim().toLowerCase());
    form.toPriority.forEach(
      (r, i) => unknown(r.priority) && at(`toPriority[${i}]`, m.unknownPriority(r.priority.trim())),
    );
    form.toSeverity.forEach(
      (r, i) => unknown(r.priority) && at(`toSeverity[${i}]`, m.unknownPriority(r.priority.trim())),
    );
  }
  return out;
}

/**
 * How urgent a priority's name says it is, highest first; the first match wins, so "Highest" is not
 * read as "High". SDP's priority objects carry only an ID, a name and a colour, and the order of its
 * list is not documented (https://www.manageengine.com/products/service-desk/sdpod-v3-api/), so the
 * rank comes from the name alone.
 */
const NAME_RANKS: readonly [number, RegExp][] = [
  [4, /\b(urgent|critical|emergency|highest|p1)\b|紧急|严重|最高/i],
  [3, /\b(high|p2)\b|高/i],
  [2, /\b(medium|normal|moderate|p3)\b|中|普通|一般/i],
  [1, /\b(low|lowest|minor|p4|p5)\b|低/i],
];

const rankOf = (name: string): number | null => NAME_RANKS.find(([, re]) => re.test(name))?.[0] ?? null;

/**
 * Critical, Warning and Info → the instance's priorities, by what their names say: Critical takes the
 * most urgent, Warning the next rank down, Info the least urgent. Null when no name says a rank:
 * the admin maps by hand rather than by a guess.
 */
export function priorityDefaults(
  priorities: readonly string[],
): { Critical: string; Warning: string; Info: string } | null {
  const ranked = priorities
    .flatMap((name) => {
      const rank = rankOf(name);
      return rank === null ? [] : [{ name, rank }];
    })
    .sort((a, b) => b.rank - a.rank);
  if (ranked.length === 0) return null;
  const top = ranked[0]!;
  const next = ranked.find((p) => p.rank < top.rank) ?? top;
  return { Critical: top.name, Warning: next.name, Info: ranked[ranked.length - 1]!.name };
}
