import { msg, type Message } from '../../common/contract';
import { directionOf } from './describe';
import { errorShape } from './error-shapes';
import type { RunnerDeps } from './runner-deps';
import { logEntry } from './log-entry';
import type { NewLogEntry } from './store';
import type { ChangeHint, Operation } from './types';

/** A sync log entry about one pass: the entity's IDs from the operation, else from the hint. */
export function passEntry(
  deps: RunnerDeps,
  hint: ChangeHint,
  op: Operation | null,
  level: NewLogEntry['level'],
  action: string,
  message: Message,
  error?: unknown,
  apiRequestIds: string[] = [],
  ids?: { incidentId: string; requestId: string },
): NewLogEntry {
  const opIds =
    op && 'incidentId' in op ? { incidentId: op.incidentId, requestId: 'requestId' in op ? op.requestId : null } : null;
  return logEntry({
    at: deps.now(),
    level,
    integrationId: deps.integrationId,
    // Skips and parked failures have no write of their own: they belong to the direction of the change they stopped.
    direction: (op ? directionOf(op) : null) ?? (hint.side === 'flashduty' ? 'to_sdp' : 'from_sdp'),
    incidentId: ids?.incidentId || opIds?.incidentId || (hint.side === 'flashduty' ? hint.id : null),
    requestId: ids?.requestId || opIds?.requestId || (hint.side === 'sdp' ? hint.id : null),
    action,
    message:
      hint.origin === 'poll' && op !== null && directionOf(op) !== null && deps.config().ingress.webhooks
        ? msg('missed_by_webhook', { text: message })
        : message,
    changes: op && 'changes' in op ? op.changes : [],
    apiRequestIds,
    error: error === undefined || error === null ? null : errorShape(error),
  });
}

/** An entry about the pair itself, with no write of its own (linked by a marker, an own write recognised). */
export function logPairInfo(
  deps: RunnerDeps,
  hint: ChangeHint,
  action: string,
  message: Message,
  ids: { incidentId: string; requestId: string },
): void {
  deps.log(passEntry(deps, hint, null, 'info', action, message, null, [], ids));
}
