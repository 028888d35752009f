import type { NewLogEntry } from './store';

/** What a log line must say; the IDs, direction, changes, API request IDs and error it may name. */
export type LogFields = Pick<NewLogEntry, 'at' | 'level' | 'action' | 'message'> &
  Partial<Omit<NewLogEntry, 'at' | 'level' | 'action' | 'message'>>;

/** The one place a sync log entry is built: what a line does not name is null (or empty), never missing. */
export function logEntry(fields: LogFields): NewLogEntry {
  return {
    at: fields.at,
    level: fields.level,
    integrationId: fields.integrationId ?? null,
    direction: fields.direction ?? null,
    incidentId: fields.incidentId ?? null,
    requestId: fields.requestId ?? null,
    action: fields.action,
    message: fields.message,
    changes: fields.changes ?? [],
    apiRequestIds: fields.apiRequestIds ?? [],
    error: fields.error ?? null,
  };
}
