import type { IntegrationConfig } from '../../common/config';
import { isManual, recorded } from './decide';
import { requestLinkField, requestLinkText } from './markers';
import type { ChangeHint, IncidentSnapshot, Link, LinkRecords, Operation, RequestSnapshot } from './types';

/**
 * The linked request's number and link on the incident (requestLinkText). Recorded in the link under
 * `request_link:<field>` once written, so it is written once: a value a person changed or cleared
 * afterwards stands (a manual push writes it again). A field already holding it is only recorded.
 * For incidents that started in Flashduty (or any whose field does not name the request yet); the
 * runner asks it again right after a create, with the number the create answered.
 */
export function planRequestLink(
  config: IntegrationConfig,
  change: ChangeHint,
  incident: IncidentSnapshot,
  request: Pick<RequestSnapshot, 'id' | 'displayId'>,
  link: Link | null,
):
  | { kind: 'stale'; records: LinkRecords }
  | { kind: 'write'; op: Extract<Operation, { type: 'set_request_link' }> }
  | null {
  const fieldName = requestLinkField(config);
  if (fieldName === null) return null;
  const key = `request_link:${fieldName}`;
  const value = requestLinkText(config, request);
  const raw = incident.customFields[fieldName];
  const current = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : null;
  const records: LinkRecords = { sdp: {}, flashduty: { [key]: value } };
  const written = recorded(link, 'flashduty', key) === value;
  if (current === value) return written ? null : { kind: 'stale', records };
  // An incident created from SDP keeps the raw request ID it was created with: that exact value is
  // what its marker search and people's own filters match.
  if (current === request.id) return null;
  if (written && !isManual(change)) return null;
  return {
    kind: 'write',
    op: {
      type: 'set_request_link',
      incidentId: incident.id,
      requestId: request.id,
      fieldName,
      value,
      records,
      changes: [{ field: fieldName, from: current === '' ? null : current, to: value }],
    },
  };
}
