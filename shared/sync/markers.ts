import type { IntegrationConfig } from '../config';
import type { IncidentIdMarkerWrite, IncidentSnapshot, RequestIdMarkerWrite, RequestSnapshot } from './types';
import { htmlToText } from './text';

/**
 * Markers make creation idempotent and comment copies one-way: each side carries the other's ID,
 * so a crash between "create" and "save link" is healed by finding the marker instead of creating again.
 */
const INCIDENT_MARKER = /\[Flashduty incident ([0-9a-fA-F]{24})\]/;
const ORIGIN_MARKER = /\[deskbridge:(fd|sdp):([^\]\s]+)\]/;

export function incidentMarkerText(incidentId: string): string {
  return `[Flashduty incident ${incidentId}]`;
}

export function incidentMarkerWrite(config: IntegrationConfig, incidentId: string): IncidentIdMarkerWrite {
  const m = config.toSdp.incidentIdMarker;
  return m.kind === 'udf' ? { kind: 'udf', key: m.key, value: incidentId } : { kind: 'description', text: incidentMarkerText(incidentId) };
}

export function requestMarkerWrite(config: IntegrationConfig, requestId: string): RequestIdMarkerWrite {
  const m = config.fromSdp.requestIdMarker;
  return m.kind === 'custom_field' ? { kind: 'custom_field', name: m.name, value: requestId } : { kind: 'label', key: m.key, value: requestId };
}

/** The incident ID a request was created for, from the configured UDF or the description line. */
export function incidentIdOf(config: IntegrationConfig, request: RequestSnapshot): string | null {
  const m = config.toSdp.incidentIdMarker;
  if (m.kind === 'udf') {
    const value = request.udf[m.key]?.trim();
    return value !== undefined && /^[0-9a-fA-F]{24}$/.test(value) ? value.toLowerCase() : null;
  }
  const found = INCIDENT_MARKER.exec(htmlToText(request.description));
  return found?.[1]?.toLowerCase() ?? null;
}

/** The request ID an incident was created for, from the configured custom field or label. */
export function requestIdOf(config: IntegrationConfig, incident: IncidentSnapshot): string | null {
  const m = config.fromSdp.requestIdMarker;
  const raw = m.kind === 'custom_field' ? incident.customFields[m.name] : incident.labels[m.key];
  const value = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
  return value === '' ? null : value;
}

export function stripIncidentMarker(text: string): string {
  return text.replace(new RegExp(INCIDENT_MARKER.source, 'g'), '');
}

/** Appends the origin of a copied comment/note so the copy is never copied back. */
export function withOrigin(text: string, origin: 'fd' | 'sdp', id: string): string {
  return `${text}\n[deskbridge:${origin}:${id}]`;
}

export function originOf(text: string): { side: 'fd' | 'sdp'; id: string } | null {
  const found = ORIGIN_MARKER.exec(text);
  return found === null ? null : { side: found[1] as 'fd' | 'sdp', id: found[2] ?? '' };
}
