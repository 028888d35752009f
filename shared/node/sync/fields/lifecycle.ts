import { incidentState } from '../status';
import { htmlToText } from '../text';
import { canonicalOrNull, composeResolution } from './canonical';
import { newerChangeWins } from './conflict';
import type { SyncedField } from './field';

/**
 * Status and resolution are read here like every field, but written by their own operations
 * (status changes, state transitions, the resolution call), which the planners build.
 */
export const statusField: SyncedField = {
  key: 'status',
  incident: (incident) => incidentState(incident),
  request: (request) => request.status.name,
  conflict: newerChangeWins,
};

export const resolutionField: SyncedField = {
  key: 'resolution',
  incident: (incident) =>
    incident.progress === 'Closed' ? canonicalOrNull(composeResolution(incident.rootCause, incident.resolution)) : null,
  request: (request) => canonicalOrNull(htmlToText(request.resolution)),
  conflict: newerChangeWins,
};
