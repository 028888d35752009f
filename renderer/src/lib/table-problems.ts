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
 * Critical, Warning and Info → the instance's priorities by rank. SDP lists priorities lowest
 * first (Low, Medium, High, Urgent): Critical takes the highest, Warning the next, Info the lowest.
 */
export function priorityDefaults(
  priorities: readonly string[],
): { Critical: string; Warning: string; Info: string } | null {
  if (priorities.length === 0) return null;
  const top = priorities.length - 1;
  return { Critical: priorities[top]!, Warning: priorities[Math.max(0, top - 1)]!, Info: priorities[0]! };
}
