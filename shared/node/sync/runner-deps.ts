import type { Message, PushOutcome } from '../../common/contract';
import type { IntegrationConfig } from '../../common/config';
import type { SdpStatus as SdpWireStatus } from '../sdp/client';
import type { ExecutorClients } from './executor';
import type { NewLogEntry, SyncStore } from './store';
import { incidentValues, requestValues } from './values';
import type { ChangeHint, IncidentSnapshot, Link, RequestSnapshot, SdpMetadata, Side, SyncedValues } from './types';

export type Snapshot = IncidentSnapshot | RequestSnapshot;

export interface RunnerDeps {
  integrationId: string;
  config: () => IntegrationConfig;
  clients: () => ExecutorClients;
  store: SyncStore;
  log: (entry: NewLogEntry) => void;
  now: () => number;
  /** Live SDP metadata for checking plans (cached by the caller); undefined when unavailable. */
  metadata: () => Promise<SdpMetadata | undefined>;
  /** SDP's status list, for the type flags a request's own status may omit. */
  sdpStatuses: () => Promise<readonly SdpWireStatus[]>;
  /** False while paused or waiting for the admin to reconnect: changes queue but nothing is written. */
  canWrite: () => boolean;
  /** Every failure of an API call, so the engine can spot revoked credentials. */
  onApiError: (error: unknown) => void;
  /** Runs `fn` and returns the API request IDs its calls produced (for the log). */
  collectRequestIds?: <T>(fn: () => Promise<T>) => Promise<{ value: T; requestIds: string[] }>;
  concurrency?: number;
  retry?: { baseDelayMs: number; maxDelayMs: number };
  /** Reports queue and outbox sizes after every pass, for the status board. */
  onActivity?: () => void;
}

export type Outcome = PushOutcome['outcome'];

/** The backoff of a write or read that failed transiently, unless the integration says otherwise. */
export const DEFAULT_RETRY = { baseDelayMs: 5_000, maxDelayMs: 15 * 60_000 };

export function isIncident(snapshot: Snapshot): snapshot is IncidentSnapshot {
  return 'progress' in snapshot;
}

export const otherSide = (side: Side): Side => (side === 'flashduty' ? 'sdp' : 'flashduty');

export function linkOf(deps: RunnerDeps, hint: ChangeHint): Link | null {
  const { store, integrationId } = deps;
  return hint.side === 'flashduty'
    ? store.linkByIncident(integrationId, hint.id)
    : store.linkByRequest(integrationId, hint.id);
}

export function valuesOf(deps: RunnerDeps, snapshot: Snapshot): SyncedValues {
  return isIncident(snapshot) ? incidentValues(deps.config(), snapshot) : requestValues(deps.config(), snapshot);
}

/** A pass that ends before it reads anything: the entity's IDs as the hint names them. */
export function outcomeOf(hint: ChangeHint, outcome: Outcome, message: Message): PushOutcome {
  return {
    incidentId: hint.side === 'flashduty' ? hint.id : '',
    outcome,
    requestId: hint.side === 'sdp' ? hint.id : null,
    message,
  };
}
