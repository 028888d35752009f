import type { IntegrationState, Message } from '../../shared/common/contract';

export interface StateInputs {
  draft: boolean;
  enabled: boolean;
  /** Why the admin must act (credentials, keychain, a failed connection test); null when nothing. */
  attention: Message | null;
  /** An API that stopped answering; null while both answer. */
  unreachable: { since: number } | null;
  /** Operations parked as failed. */
  failed: number;
  /** Work queued or running now. */
  busy: boolean;
}

/**
 * The one state the list, the header and the tray show, from most to least urgent: a problem
 * always outranks "syncing" and "up to date", so neither is ever shown next to one. Pausing is
 * laid over this by the status board.
 */
export function integrationState(i: StateInputs): IntegrationState {
  if (i.draft) return 'draft';
  if (!i.enabled) return 'disabled';
  if (i.attention !== null) return 'needs_attention';
  if (i.unreachable !== null) return 'unreachable';
  if (i.failed > 0) return 'failing';
  return i.busy ? 'syncing' : 'idle';
}
