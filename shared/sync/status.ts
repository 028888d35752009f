import type { IncidentState, IntegrationConfig } from '../config';
import type { IncidentSnapshot, SdpStatus } from './types';

/** Flashduty has no "Snoozed" progress: an open incident with a snooze deadline is snoozed. */
export function incidentState(incident: Pick<IncidentSnapshot, 'progress' | 'snoozedUntilMs'>): IncidentState {
  if (incident.progress === 'Closed') return 'Closed';
  if (incident.snoozedUntilMs !== null) return 'Snoozed';
  return incident.progress;
}

/**
 * The Flashduty state an SDP status means: by the configured table first (names compared without
 * case), otherwise by the status's type flags, since tenants add and rename statuses.
 */
export function classifySdpStatus(table: Readonly<Record<string, IncidentState>>, status: SdpStatus): IncidentState {
  const wanted = status.name.trim().toLowerCase();
  for (const [name, state] of Object.entries(table)) if (name.trim().toLowerCase() === wanted) return state;
  if (status.completed || !status.inProgress) return 'Closed';
  if (status.stopTimer) return 'Snoozed';
  return 'Processing';
}

export function sdpStatusFor(config: IntegrationConfig, state: IncidentState): string {
  return config.statusMapping.flashdutyToSdp[state];
}

/** Flashduty calls that move an incident from one state to another, in order. */
export type Transition = 'ack' | 'unack' | 'snooze' | 'wake' | 'resolve' | 'reopen';

export function transitions(from: IncidentState, to: IncidentState, progress: IncidentSnapshot['progress']): Transition[] {
  if (from === to) return [];
  switch (to) {
    case 'Closed':
      return ['resolve'];
    case 'Triggered':
      if (from === 'Closed') return ['reopen'];
      if (from === 'Snoozed') return progress === 'Processing' ? ['wake', 'unack'] : ['wake'];
      return ['unack'];
    case 'Processing':
      if (from === 'Closed') return ['reopen', 'ack'];
      if (from === 'Snoozed') return progress === 'Triggered' ? ['wake', 'ack'] : ['wake'];
      return ['ack'];
    case 'Snoozed':
      return from === 'Closed' ? ['reopen', 'snooze'] : ['snooze'];
  }
}
