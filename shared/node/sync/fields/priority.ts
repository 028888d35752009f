import type { IntegrationConfig, Severity } from '../../../common/config';
import { sameName } from '../text';
import type { IncidentSnapshot } from '../types';
import { fieldValueText } from './canonical';
import { newerChangeWins } from './conflict';
import type { SyncedField } from './field';
import { checkPriority } from './sdp-checks';

/**
 * Severity of incidents created from requests whose priority has no mapping: the quietest, so an unmapped request never
 * pages anyone.
 */
export const UNMAPPED_SEVERITY: Severity = 'Info';

/** The value the severity mapping reads on the incident: its severity, a label or a custom field. */
function severitySourceValue(config: IntegrationConfig, incident: IncidentSnapshot): string | null {
  const source = config.severityMapping.source;
  if (source.kind === 'severity') return incident.severity;
  if (source.kind === 'label') return fieldValueText(incident.labels[source.key]);
  return fieldValueText(incident.customFields[source.name]);
}

function lookupPriority(config: IntegrationConfig, value: string | null): string | undefined {
  if (value === null) return undefined;
  const table = config.severityMapping.toPriority;
  if (Object.hasOwn(table, value)) return table[value];
  const key = Object.keys(table).find((k) => sameName(k, value));
  return key === undefined ? undefined : table[key];
}

function lookupSeverity(config: IntegrationConfig, priority: string | null): Severity | undefined {
  if (priority === null) return undefined;
  const table = config.severityMapping.toSeverity;
  const key = Object.keys(table).find((k) => sameName(k, priority));
  return key === undefined ? undefined : table[key];
}

/** Severity (or the label / custom field the mapping reads) ↔ priority, through the two mapping tables. */
export function priorityField(config: IntegrationConfig): SyncedField {
  const incidentValue = (incident: IncidentSnapshot) => severitySourceValue(config, incident);
  const priorityOf = (incident: IncidentSnapshot) => lookupPriority(config, incidentValue(incident));
  // A label or custom-field severity source is not something we write; its record stays as read.
  const writesSeverity = config.severityMapping.source.kind === 'severity';
  return {
    key: 'priority',
    incident: incidentValue,
    request: (request) => request.priority,
    conflict: newerChangeWins,
    toSdp: {
      applies: (incident) => priorityOf(incident) !== undefined,
      inSync: (incident, request) => sameName(priorityOf(incident), request.priority),
      write: (incident, _request, metadata) => {
        const priority = priorityOf(incident)!;
        return checkPriority(priority, metadata) ?? { patch: { priority }, to: priority };
      },
    },
    toFlashduty: {
      applies: (request, incident) => incident === null || lookupSeverity(config, request.priority) !== undefined,
      inSync: (request, incident) => incident.severity === lookupSeverity(config, request.priority),
      write: (request, incident) => {
        const severity = lookupSeverity(config, request.priority) ?? UNMAPPED_SEVERITY;
        const asRead = incident === null ? null : incidentValue(incident);
        return { patch: { severity }, to: writesSeverity ? severity : asRead, shown: severity };
      },
    },
  };
}
