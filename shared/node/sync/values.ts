import type { CustomFieldMapping, IntegrationConfig } from '../../common/config';
import { stripIncidentMarker } from './markers';
import { incidentState } from './status';
import { canonicalText, htmlToText } from './text';
import type { FlashdutyFieldValue, IncidentSnapshot, RequestSnapshot, SyncedValues } from './types';

/**
 * Each synced field in the canonical string form both the echo guard and the comparisons use.
 * null = the side has no value for it. Keys are shared by both sides of a link record.
 */
export function fieldValueText(value: FlashdutyFieldValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  const text = Array.isArray(value) ? value.join(', ') : String(value);
  return text.trim() === '' ? null : text.trim();
}

export function udfKeyOf(m: CustomFieldMapping): string {
  return `udf:${m.udfKey}`;
}

export function customSourceValue(m: CustomFieldMapping, incident: IncidentSnapshot): string | null {
  return m.source.kind === 'label'
    ? fieldValueText(incident.labels[m.source.key])
    : fieldValueText(incident.customFields[m.source.name]);
}

/** The value the severity mapping reads on the incident: its severity, a label or a custom field. */
export function severitySourceValue(config: IntegrationConfig, incident: IncidentSnapshot): string | null {
  const source = config.severityMapping.source;
  if (source.kind === 'severity') return incident.severity;
  if (source.kind === 'label') return fieldValueText(incident.labels[source.key]);
  return fieldValueText(incident.customFields[source.name]);
}

export function composeResolution(rootCause: string, resolution: string): string | null {
  const parts = [];
  if (rootCause.trim() !== '') parts.push(`Root cause: ${rootCause.trim()}`);
  if (resolution.trim() !== '') parts.push(resolution.trim());
  return parts.length === 0 ? null : parts.join('\n');
}

export function requestDescriptionText(request: RequestSnapshot): string {
  return stripIncidentMarker(htmlToText(request.description));
}

const orNull = (text: string): string | null => (text === '' ? null : text);

export function incidentValues(config: IntegrationConfig, incident: IncidentSnapshot): SyncedValues {
  const values: SyncedValues = {
    title: orNull(canonicalText(incident.title)),
    description: orNull(canonicalText(incident.description)),
    status: incidentState(incident),
    priority: severitySourceValue(config, incident),
    resolution:
      incident.progress === 'Closed'
        ? canonicalOrNull(composeResolution(incident.rootCause, incident.resolution))
        : null,
  };
  const { technicianLabelKey, groupLabelKey } = config.assignee;
  if (technicianLabelKey !== null) values.technician = fieldValueText(incident.labels[technicianLabelKey]);
  if (groupLabelKey !== null) values.group = fieldValueText(incident.labels[groupLabelKey]);
  for (const m of config.customFields) values[udfKeyOf(m)] = customSourceValue(m, incident);
  return values;
}

export function requestValues(config: IntegrationConfig, request: RequestSnapshot): SyncedValues {
  const values: SyncedValues = {
    title: orNull(canonicalText(request.subject)),
    description: orNull(canonicalText(requestDescriptionText(request))),
    status: request.status.name,
    priority: request.priority,
    resolution: canonicalOrNull(htmlToText(request.resolution)),
  };
  if (config.assignee.technicianLabelKey !== null)
    values.technician = request.technician?.email ?? request.technician?.name ?? null;
  if (config.assignee.groupLabelKey !== null) values.group = request.group;
  for (const m of config.customFields) values[udfKeyOf(m)] = fieldValueText(request.udf[m.udfKey]);
  return values;
}

export function canonicalOrNull(text: string | null): string | null {
  return text === null ? null : orNull(canonicalText(text));
}
