import type { IntegrationConfig } from '../../common/config';
import { syncedFields } from './fields/registry';
import type { IncidentSnapshot, RequestSnapshot, SyncedValues } from './types';

/**
 * Every synced field of one side in its canonical form (null = no value): what the link records
 * hold, the echo guard compares and the planners decide on. Keys are shared by both sides.
 */
export function incidentValues(config: IntegrationConfig, incident: IncidentSnapshot): SyncedValues {
  return Object.fromEntries(syncedFields(config).map((f) => [f.key, f.incident(incident)]));
}

export function requestValues(config: IntegrationConfig, request: RequestSnapshot): SyncedValues {
  return Object.fromEntries(syncedFields(config).map((f) => [f.key, f.request(request)]));
}
