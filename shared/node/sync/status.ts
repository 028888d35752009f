import type { IncidentState, IntegrationConfig } from '../../common/config';
import { DEFAULT_FLASHDUTY_TO_SDP_STATUS } from '../../common/config';
import { classifyStatus, stateByFlags, statusDefaultsFromInstance } from '../sdp/status';
import { msg, type Message } from '../../common/contract';
import { sameName } from './text';
import type { IncidentSnapshot, SdpMetadata, SdpStatus } from './types';

/** Flashduty has no "Snoozed" progress: an open incident with a snooze deadline is snoozed. */
export function incidentState(incident: Pick<IncidentSnapshot, 'progress' | 'snoozedUntilMs'>): IncidentState {
  if (incident.progress === 'Closed') return 'Closed';
  if (incident.snoozedUntilMs !== null) return 'Snoozed';
  return incident.progress;
}

/**
 * The Flashduty state an SDP status means: by the configured table first (names compared without
 * case), otherwise by the status's type flags, since tenants add and rename statuses (on-prem's
 * "Onhold" is not in Flashduty's table). `note` says which flag rule decided, for the log.
 */
export function sdpStatusState(
  table: Readonly<Record<string, IncidentState>>,
  status: SdpStatus,
): { state: IncidentState; note?: Message } {
  const wanted = status.name.trim().toLowerCase();
  for (const [name, state] of Object.entries(table)) if (name.trim().toLowerCase() === wanted) return { state };
  const { state, rule } = stateByFlags(status);
  return {
    state,
    note: msg('note.status_by_flags', { status: status.name, rule: msg(`rule.${rule}`) }),
  };
}

export function classifySdpStatus(table: Readonly<Record<string, IncidentState>>, status: SdpStatus): IncidentState {
  return sdpStatusState(table, status).state;
}

/**
 * The SDP status for a Flashduty state: the configured one; but where the config still holds
 * Flashduty's documented name and this SDP has no status of that name (on-prem ships "Onhold", no
 * "In Progress"), the instance's own status of the matching kind, chosen by its flags.
 */
export function sdpStatusFor(config: IntegrationConfig, state: IncidentState, metadata?: SdpMetadata): string {
  const configured = config.statusMapping.flashdutyToSdp[state];
  if (metadata === undefined || metadata.statuses.length === 0) return configured;
  if (
    configured !== DEFAULT_FLASHDUTY_TO_SDP_STATUS[state] ||
    metadata.statuses.some((s) => sameName(s.name, configured))
  )
    return configured;
  const classified = metadata.statuses.map((s) => ({
    name: s.name,
    internalName: s.internalName ?? null,
    classification: classifyStatus(s),
  }));
  return statusDefaultsFromInstance(classified)[state] ?? configured;
}

/** Flashduty calls that move an incident from one state to another, in order. */
export type Transition = 'ack' | 'unack' | 'snooze' | 'wake' | 'resolve' | 'reopen';

export function transitions(
  from: IncidentState,
  to: IncidentState,
  progress: IncidentSnapshot['progress'],
): Transition[] {
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
