export type StatusClass = 'open' | 'in_progress' | 'on_hold' | 'completed';

/**
 * Classifies an SDP status by its type flags, never by its display name (tenants rename and add
 * statuses). The flags alone cannot tell "Open" from other running statuses, so the system status
 * whose internal name is "Open" (it cannot be deleted and keeps its internal name when renamed)
 * is `open`; every other running status with the timer on is `in_progress`.
 */
export function classifyStatus(flags: {
  inProgress: boolean;
  stopTimer: boolean;
  internalName: string | null;
}): StatusClass {
  if (!flags.inProgress) return 'completed';
  if (flags.stopTimer) return 'on_hold';
  if (flags.internalName !== null && flags.internalName.toLowerCase() === 'open') return 'open';
  return 'in_progress';
}
