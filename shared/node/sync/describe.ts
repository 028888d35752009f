import type { Operation } from './types';

/** Which way an operation writes: to SDP, or to Flashduty (from SDP). */
export function directionOf(op: Operation): 'to_sdp' | 'from_sdp' | null {
  switch (op.type) {
    case 'create_request':
    case 'update_request_fields':
    case 'change_request_status':
    case 'set_request_resolution':
    case 'add_request_note':
      return 'to_sdp';
    case 'create_incident':
    case 'ack':
    case 'unack':
    case 'snooze':
    case 'wake':
    case 'resolve':
    case 'reopen':
    case 'reset_incident':
    case 'set_incident_field':
    case 'add_incident_comment':
      return 'from_sdp';
    // It completes a request's creation (or a link found by marker): part of the Flashduty → SDP sync.
    case 'set_request_link':
      return 'to_sdp';
    default:
      return null;
  }
}

/** One line a person can read in the log: what was (or would be) done. */
export function summarize(op: Operation): string {
  const note = op.note ? ` (${op.note})` : '';
  switch (op.type) {
    case 'create_request':
      return `Create SDP request "${op.request.subject}" for incident ${op.incidentId}${note}`;
    case 'update_request_fields':
      return `Update request ${op.requestId}: ${op.changes.map((c) => c.field).join(', ') || 'fields'}${note}`;
    case 'change_request_status':
      return `Set request ${op.requestId} status to ${op.status}${note}`;
    case 'set_request_resolution':
      return `Fill request ${op.requestId} resolution${note}`;
    case 'add_request_note':
      return `Copy incident comment to request ${op.requestId} as a note${note}`;
    case 'create_incident':
      return `Create Flashduty incident "${op.incident.title}" for request ${op.requestId}${note}`;
    case 'ack':
      return `Acknowledge incident ${op.incidentId}${note}`;
    case 'unack':
      return `Unacknowledge incident ${op.incidentId}${note}`;
    case 'snooze':
      return `Snooze incident ${op.incidentId} for ${op.minutes} minutes${note}`;
    case 'wake':
      return `Wake incident ${op.incidentId}${note}`;
    case 'resolve':
      return `Close incident ${op.incidentId}${note}`;
    case 'reopen':
      return `Reopen incident ${op.incidentId}${note}`;
    case 'reset_incident':
      return `Update incident ${op.incidentId}: ${op.changes.map((c) => c.field).join(', ') || 'fields'}${note}`;
    case 'set_incident_field':
      return `Set incident ${op.incidentId} field ${op.fieldName}${note}`;
    case 'set_request_link':
      return `Write request ${op.requestId}'s number and link to incident ${op.incidentId} field ${op.fieldName}${note}`;
    case 'add_incident_comment':
      return `Copy request note to incident ${op.incidentId} as a comment${note}`;
    case 'record_link':
      return `Link incident ${op.incidentId} with request ${op.requestId}${note}`;
    case 'skip':
      return op.code === 'reread' ? `Re-read and sync when due: ${op.reason}${note}` : `Skipped: ${op.reason}${note}`;
    case 'fail':
      return `Cannot sync: ${op.reason}${note}`;
  }
}
