import type { IntegrationConfig } from '../../common/config';
import { sdpRequestIdFromUrl, sdpRequestUrl } from '../../common/config/links';
import type {
  FlashdutyFieldValue,
  IncidentIdMarkerWrite,
  IncidentSnapshot,
  RequestIdMarkerWrite,
  RequestSnapshot,
} from './types';
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
  return m.kind === 'udf'
    ? { kind: 'udf', key: m.key, value: incidentId }
    : { kind: 'description', text: incidentMarkerText(incidentId) };
}

export function requestMarkerWrite(config: IntegrationConfig, requestId: string): RequestIdMarkerWrite {
  const m = config.fromSdp.requestIdMarker;
  return m.kind === 'custom_field'
    ? { kind: 'custom_field', name: m.name, value: requestId }
    : { kind: 'label', key: m.key, value: requestId };
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

/**
 * The request ID an incident carries: from the configured custom field or label (the raw ID an
 * incident created from SDP holds), else from the request link written back to it (`#<number> <url>`,
 * the ID read from the URL), so links can be rebuilt from either.
 */
export function requestIdOf(config: IntegrationConfig, incident: IncidentSnapshot): string | null {
  const m = config.fromSdp.requestIdMarker;
  const marker = fieldText(m.kind === 'custom_field' ? incident.customFields[m.name] : incident.labels[m.key]);
  if (marker !== '') return idOfLinkText(marker) ?? marker;
  const field = requestLinkField(config);
  const link = field === null ? '' : fieldText(incident.customFields[field]);
  return link === '' ? null : idOfLinkText(link);
}

const fieldText = (raw: FlashdutyFieldValue | string | undefined): string =>
  typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
const LINK_TEXT = /^#\S+\s+(\S+)$/;

function idOfLinkText(text: string): string | null {
  const found = LINK_TEXT.exec(text);
  return found === null ? null : sdpRequestIdFromUrl(found[1] ?? '');
}

/** The Flashduty custom field that receives the linked request's number and link; null = none is written. */
export function requestLinkField(config: IntegrationConfig): string | null {
  const setting = config.toSdp.requestLink;
  if (!setting.enabled) return null;
  if (setting.field !== null) return setting.field;
  // Flashduty's Open API cannot set labels: a label marker has no field to hold the link.
  const marker = config.fromSdp.requestIdMarker;
  return marker.kind === 'custom_field' ? marker.name : null;
}

/**
 * What the incident's field says about its request. One line, "#<number> <url>": the number is what
 * an on-call engineer quotes to the service desk (the request ID of SDP Cloud is a long internal
 * number nobody says aloud), the URL is what they click, and they read both in the one field they
 * already look at. The URL holds the request ID, so the field still serves as the marker.
 */
export function requestLinkText(config: IntegrationConfig, request: Pick<RequestSnapshot, 'id' | 'displayId'>): string {
  return `#${request.displayId ?? request.id} ${sdpRequestUrl(config.sdp, request.id)}`;
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
