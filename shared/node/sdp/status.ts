import type { IncidentState } from '../../common/config';

export type StatusClass = 'open' | 'in_progress' | 'on_hold' | 'completed';

/** The type flags of an SDP status that decide its class. */
export interface StatusFlags {
  inProgress: boolean;
  stopTimer: boolean;
  /** Absent or null when unknown. */
  internalName?: string | null;
}

/**
 * The one classification of an SDP status (the status list, a request's status, the planner's
 * rules all use it), by its type flags, never by its display name (tenants rename and add
 * statuses). The flags alone cannot tell "Open" from other running statuses, so the system status
 * whose internal name is "Open" (it cannot be deleted and keeps its internal name when renamed)
 * is `open`; every other running status with the timer on is `in_progress`.
 */
export function classifyStatus(flags: StatusFlags): StatusClass {
  if (!flags.inProgress) return 'completed';
  if (flags.stopTimer) return 'on_hold';
  if (flags.internalName?.toLowerCase() === 'open') return 'open';
  return 'in_progress';
}

/**
 * `in_progress` for a status SDP sent without it: its completed statuses are Resolved, Closed and
 * Cancelled (by internal name, else display name); any other status is still running.
 */
export function inProgressByName(name: string): boolean {
  return !/^(resolved|closed|cancel)/i.test(name);
}

/** The Flashduty state a status class means; `open` is Flashduty's Triggered (its table maps Open so). */
const STATE_BY_CLASS: Record<StatusClass, { state: IncidentState; rule: StatusRule }> = {
  open: { state: 'Triggered', rule: 'open' },
  in_progress: { state: 'Processing', rule: 'running' },
  on_hold: { state: 'Snoozed', rule: 'timer_stopped' },
  completed: { state: 'Closed', rule: 'completed' },
};

/** Why a status the status table does not name maps to its state: which of its flags decided. */
export type StatusRule = 'open' | 'running' | 'timer_stopped' | 'completed';

/** SDP → Flashduty for a status the table does not name (Onhold, a custom status): by its flags. */
export function stateByFlags(flags: StatusFlags): { state: IncidentState; rule: StatusRule } {
  return STATE_BY_CLASS[classifyStatus(flags)];
}

export interface ClassifiedStatus {
  name: string;
  internalName: string | null;
  classification: StatusClass;
}

/**
 * Flashduty → SDP: per state, the instance's own status of the matching class (null when it has
 * none). Processing takes a running status other than Open where one exists (on-prem ships none,
 * so there it is Open); Closed prefers the system status Resolved, as Flashduty's table does.
 */
export function statusDefaultsFromInstance(
  statuses: readonly ClassifiedStatus[],
): Record<IncidentState, string | null> {
  const of = (c: StatusClass) => statuses.filter((s) => s.classification === c);
  const internal = (list: readonly ClassifiedStatus[], name: string) =>
    list.find((s) => s.internalName?.toLowerCase() === name.toLowerCase());
  const open = internal(of('open'), 'Open') ?? of('open')[0];
  const onHold = of('on_hold');
  const completed = of('completed');
  return {
    Triggered: open?.name ?? null,
    Processing: (of('in_progress')[0] ?? open)?.name ?? null,
    Snoozed: (internal(onHold, 'Onhold') ?? onHold[0])?.name ?? null,
    Closed: (internal(completed, 'Resolved') ?? completed[0])?.name ?? null,
  };
}
