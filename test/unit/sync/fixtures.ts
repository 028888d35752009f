import {
  defaultIntegrationConfig,
  type IntegrationConfig,
  type IntegrationConfigInput,
} from '../../../shared/common/config';
import { applyRecords } from '../../../shared/node/sync/link-records';
import { incidentValues, requestValues } from '../../../shared/node/sync/values';
import type {
  IncidentSnapshot,
  Link,
  LinkRecords,
  Operation,
  RequestSnapshot,
  SdpMetadata,
  SdpStatus,
} from '../../../shared/node/sync/types';

export const INCIDENT_ID = '69da451ef77b1b51f40e83ee';
export const REQUEST_ID = '123640000000240013';

/**
 * The rule tables test one rule at a time: the request link written back to the incident (on by
 * default) is off here unless a test turns it on (request-link.test.ts does).
 */
export function config(
  overrides: Partial<Omit<IntegrationConfigInput, 'id' | 'name' | 'sdp' | 'createdAt' | 'updatedAt'>> = {},
): IntegrationConfig {
  return defaultIntegrationConfig({
    id: 'int1',
    name: 'Ops ↔ SDP',
    sdp: { platform: 'onprem', endpoint: 'http://sdp.local:8080' },
    now: 0,
    overrides: { ...overrides, toSdp: { requestLink: { enabled: false }, ...overrides.toSdp } },
  });
}

export const STATUSES: Record<string, SdpStatus> = {
  Open: { name: 'Open', inProgress: true, stopTimer: false },
  'In Progress': { name: 'In Progress', inProgress: true, stopTimer: false },
  Assigned: { name: 'Assigned', inProgress: true, stopTimer: false },
  'Pending Verification': { name: 'Pending Verification', inProgress: true, stopTimer: false },
  Staging: { name: 'Staging', inProgress: true, stopTimer: false },
  'On Hold': { name: 'On Hold', inProgress: true, stopTimer: true },
  Resolved: { name: 'Resolved', inProgress: false, stopTimer: false },
  Closed: { name: 'Closed', inProgress: false, stopTimer: false },
  Canceled: { name: 'Canceled', inProgress: false, stopTimer: false },
  Rejected: { name: 'Rejected', inProgress: false, stopTimer: false },
};

export function status(name: string): SdpStatus {
  const s = STATUSES[name];
  if (s === undefined) throw new Error(`no fixture status ${name}`);
  return { ...s };
}

export function incident(overrides: Partial<IncidentSnapshot> = {}): IncidentSnapshot {
  return {
    id: INCIDENT_ID,
    num: '0E83EE',
    title: 'Payroll portal down',
    description: 'HTTP 503 from payroll',
    severity: 'Critical',
    progress: 'Triggered',
    snoozedUntilMs: null,
    channelId: '2551105804131',
    labels: {},
    customFields: {},
    rootCause: '',
    resolution: '',
    updatedAtMs: 1_000,
    createdAtMs: 1_000,
    ...overrides,
  };
}

export function request(overrides: Partial<RequestSnapshot> = {}): RequestSnapshot {
  return {
    id: REQUEST_ID,
    subject: 'Payroll portal down',
    description: `HTTP 503 from payroll\n\n[Flashduty incident ${INCIDENT_ID}]`,
    status: status('Open'),
    priority: null,
    technician: null,
    group: null,
    udf: {},
    resolution: '',
    updatedAtMs: 1_000,
    createdAtMs: 1_000,
    ...overrides,
  };
}

export function metadata(overrides: Partial<SdpMetadata> = {}): SdpMetadata {
  return {
    priorities: [{ name: 'High' }, { name: 'Medium' }, { name: 'Low' }],
    statuses: Object.values(STATUSES),
    templates: [{ name: 'Default Request', isDefault: true, mandatoryFields: ['subject'] }],
    technicians: [{ name: 'Alice', email: 'alice@example.com' }],
    groups: [{ name: 'Network' }],
    udfs: [
      { key: 'txt_service', displayName: 'Service', type: 'single_line' },
      { key: 'txt_runbook', displayName: 'Runbook', type: 'multi_line' },
      { key: 'txt_env', displayName: 'Environment', type: 'pick_list' },
    ],
    ...overrides,
  };
}

export const IDS = { integrationId: 'int1', incidentId: INCIDENT_ID, requestId: REQUEST_ID };

/** Folds every op's records into the link, as the runner does after each success. */
export function linkAfter(link: Link | null, ops: readonly Operation[]): Link {
  let next = link;
  for (const op of ops) {
    if ('records' in op) next = applyRecords(next, IDS, op.records as LinkRecords, 5);
  }
  return next ?? applyRecords(null, IDS, { sdp: {}, flashduty: {} }, 5);
}

/** A faithful-enough SDP: applies request writes the way the API would. */
export function applyToRequest(req: RequestSnapshot, ops: readonly Operation[], at: number): RequestSnapshot {
  let r = { ...req, udf: { ...req.udf } };
  for (const op of ops) {
    switch (op.type) {
      case 'update_request_fields':
        if (op.fields.subject !== undefined) r.subject = op.fields.subject;
        if (op.fields.description !== undefined)
          r.description = `<div>${op.fields.description.replace(/\n/g, '<br>')}</div>`;
        if (op.fields.priority !== undefined) r.priority = op.fields.priority;
        if (op.fields.group !== undefined) r.group = op.fields.group;
        if (op.fields.technician !== undefined)
          r.technician =
            'email' in op.fields.technician
              ? { name: 'Alice', email: op.fields.technician.email }
              : { name: op.fields.technician.name, email: null };
        if (op.fields.udf !== undefined) r.udf = { ...r.udf, ...op.fields.udf };
        r.updatedAtMs = at;
        break;
      case 'change_request_status':
        r = { ...r, status: status(op.status), updatedAtMs: at };
        break;
      case 'set_request_resolution':
        r = { ...r, resolution: op.content, updatedAtMs: at };
        break;
      case 'add_request_note':
        r = { ...r, notes: [...(r.notes ?? []), { id: `n${(r.notes ?? []).length}`, text: op.text, createdAtMs: at }] };
        break;
      default:
        break;
    }
  }
  return r;
}

/** A faithful-enough Flashduty incident: applies incident writes with the lifecycle of the reference. */
export function applyToIncident(inc: IncidentSnapshot, ops: readonly Operation[], at: number): IncidentSnapshot {
  let i = { ...inc, customFields: { ...inc.customFields } };
  for (const op of ops) {
    switch (op.type) {
      case 'reset_incident':
        i = {
          ...i,
          ...(op.title === undefined ? {} : { title: op.title }),
          ...(op.description === undefined ? {} : { description: op.description }),
          ...(op.severity === undefined ? {} : { severity: op.severity }),
        };
        break;
      case 'set_incident_field':
        i.customFields[op.fieldName] = op.value;
        break;
      case 'ack':
        i.progress = 'Processing';
        break;
      case 'unack':
        i.progress = 'Triggered';
        break;
      case 'snooze':
        i.snoozedUntilMs = at + op.minutes * 60_000;
        break;
      case 'wake':
        i.snoozedUntilMs = null;
        break;
      case 'resolve':
        i = {
          ...i,
          progress: 'Closed',
          snoozedUntilMs: null,
          resolution: op.resolution ?? i.resolution,
          rootCause: op.rootCause ?? i.rootCause,
        };
        break;
      case 'reopen':
        i.progress = 'Triggered';
        break;
      case 'add_incident_comment':
        i.comments = [...(i.comments ?? []), { id: `c${(i.comments ?? []).length}`, text: op.text, createdAtMs: at }];
        break;
      default:
        continue;
    }
    i.updatedAtMs = at;
  }
  return i;
}

export const types = (ops: readonly Operation[]) => ops.map((o) => o.type);
export const writes = (ops: readonly Operation[]) => ops.filter((o) => o.type !== 'skip' && o.type !== 'record_link');

/** A link recording that `inc` and `req` were in agreement at the last sync (every field). */
export function agreed(cfg: IntegrationConfig, inc: IncidentSnapshot, req: RequestSnapshot): Link {
  return applyRecords(null, IDS, { sdp: requestValues(cfg, req), flashduty: incidentValues(cfg, inc) }, 5);
}
