import { msg, type Message } from '../../common/contract';
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

/** One line a person can read in the log (worded by the renderer): what was (or would be) done. */
export function describe(op: Operation): Message {
  const what = describeOp(op);
  return op.note ? msg('with_note', { text: what, note: op.note }) : what;
}

function describeOp(op: Operation): Message {
  const fields = (changes: readonly { field: string }[]): string => changes.map((c) => c.field).join(', ');
  switch (op.type) {
    case 'create_request':
      return msg('op.create_request', { subject: op.request.subject, incident: op.incidentId });
    case 'update_request_fields':
      return msg('op.update_request_fields', { request: op.requestId, fields: fields(op.changes) });
    case 'change_request_status':
      return msg('op.change_request_status', { request: op.requestId, status: op.status });
    case 'set_request_resolution':
      return msg('op.set_request_resolution', { request: op.requestId });
    case 'add_request_note':
      return msg('op.add_request_note', { request: op.requestId });
    case 'create_incident':
      return msg('op.create_incident', { title: op.incident.title, request: op.requestId });
    case 'ack':
    case 'unack':
    case 'wake':
    case 'resolve':
    case 'reopen':
    case 'add_incident_comment':
      return msg(`op.${op.type}`, { incident: op.incidentId });
    case 'snooze':
      return msg('op.snooze', { incident: op.incidentId, minutes: op.minutes });
    case 'reset_incident':
      return msg('op.reset_incident', { incident: op.incidentId, fields: fields(op.changes) });
    case 'set_incident_field':
      return msg('op.set_incident_field', { incident: op.incidentId, field: op.fieldName });
    case 'set_request_link':
      return msg('op.set_request_link', { request: op.requestId, incident: op.incidentId, field: op.fieldName });
    case 'record_link':
      return msg('op.record_link', { incident: op.incidentId, request: op.requestId });
    case 'skip':
      return op.code === 'reread' ? msg('op.reread', { reason: op.reason }) : msg('op.skip', { reason: op.reason });
    case 'fail':
      return msg('op.fail', { reason: op.reason });
  }
}

/** A create as done: the log says it happened, not that it will. */
export function describeCreated(op: Extract<Operation, { type: 'create_request' | 'create_incident' }>): Message {
  const what =
    op.type === 'create_request'
      ? msg('op.created_request', { subject: op.request.subject, incident: op.incidentId })
      : msg('op.created_incident', { title: op.incident.title, request: op.requestId });
  return op.note ? msg('with_note', { text: what, note: op.note }) : what;
}
