import type { IntegrationConfig } from '../../common/config';
import { TEXT_UDF_TYPES } from '../../common/config';
import { evaluateTrigger } from './conditions';
import { decide, fieldRecords, recorded, type DecideContext } from './decide';
import { emptyRecords, mergeRecords } from './fingerprint';
import {
  incidentMarkerText,
  incidentMarkerWrite,
  originOf,
  requestIdOf,
  requestLinkField,
  requestLinkText,
  withOrigin,
} from './markers';
import { classifySdpStatus, incidentState, sdpStatusFor } from './status';
import { canonicalText, sameName, truncate } from './text';
import type {
  ChangeHint,
  FieldChange,
  IncidentSnapshot,
  Link,
  LinkRecords,
  Operation,
  RequestFields,
  RequestSnapshot,
  SdpMetadata,
  SdpMetadataList,
  SdpPersonRef,
} from './types';
import { canonicalOrNull, composeResolution, incidentValues, requestValues, udfKeyOf } from './values';

const SUBJECT_MAX = 250;

type Fail = Extract<Operation, { type: 'fail' }>;
type Skip = Extract<Operation, { type: 'skip' }>;
const fail = (code: Fail['code'], reason: string): Fail => ({ type: 'fail', code, reason });
const skip = (code: Skip['code'], reason: string, extra: Partial<Skip> = {}): Skip => ({
  type: 'skip',
  code,
  reason,
  ...extra,
});

export const isManual = (change: Pick<ChangeHint, 'origin'>): boolean =>
  change.origin === 'manual' || change.origin === 'custom_action';

function lookupPriority(config: IntegrationConfig, value: string | null): string | undefined {
  if (value === null) return undefined;
  const table = config.severityMapping.toPriority;
  if (Object.hasOwn(table, value)) return table[value];
  const key = Object.keys(table).find((k) => sameName(k, value));
  return key === undefined ? undefined : table[key];
}

function descriptionWithMarker(config: IntegrationConfig, incident: IncidentSnapshot): string {
  return config.toSdp.incidentIdMarker.kind === 'description'
    ? `${incident.description}\n\n${incidentMarkerText(incident.id)}`
    : incident.description;
}

/** The metadata to check against, unless that list could not be read (then SDP checks on write). */
function known(metadata: SdpMetadata | undefined, list: SdpMetadataList): SdpMetadata | undefined {
  return metadata?.unavailable?.includes(list) ? undefined : metadata;
}

/** Metadata checks shared by create and update; each returns the failure or the resolved value. */
function resolveTechnician(value: string, all: SdpMetadata | undefined): SdpPersonRef | Fail {
  const metadata = known(all, 'technicians');
  if (metadata === undefined) return value.includes('@') ? { email: value } : { name: value };
  const found = metadata.technicians.find((t) => sameName(t.email, value) || sameName(t.name, value));
  if (found === undefined)
    return fail(
      'assignee_missing',
      `SDP has no technician "${value}" (by email or name). Add the technician in SDP or fix the label value; the incident syncs again once it exists.`,
    );
  return found.email !== null ? { email: found.email } : { name: found.name };
}

function resolveGroup(value: string, all: SdpMetadata | undefined): string | Fail {
  const metadata = known(all, 'groups');
  if (metadata === undefined) return value;
  const found = metadata.groups.find((g) => sameName(g.name, value));
  return (
    found?.name ??
    fail(
      'group_missing',
      `SDP has no support group "${value}". Create it in SDP or fix the label value; the incident syncs again once it exists.`,
    )
  );
}

function checkPriority(name: string, all: SdpMetadata | undefined): Fail | null {
  const metadata = known(all, 'priorities');
  if (metadata === undefined || metadata.priorities.some((p) => sameName(p.name, name))) return null;
  return fail(
    'priority_missing',
    `SDP has no priority "${name}". Fix the severity mapping or add the priority in SDP.`,
  );
}

function checkStatus(name: string, all: SdpMetadata | undefined): Fail | null {
  const metadata = known(all, 'statuses');
  if (metadata === undefined || metadata.statuses.some((s) => sameName(s.name, name))) return null;
  return fail(
    'status_missing',
    `SDP has no status "${name}". Fix the Flashduty → SDP status mapping or add the status in SDP.`,
  );
}

function checkUdf(key: string, all: SdpMetadata | undefined): Fail | null {
  const metadata = known(all, 'udfs');
  if (metadata === undefined) return null;
  const udf = metadata.udfs.find((u) => u.key === key);
  if (udf === undefined) return fail('udf_missing', `SDP has no field "${key}". Fix the custom field mapping.`);
  if (!TEXT_UDF_TYPES.includes(udf.type)) {
    return fail(
      'udf_not_text',
      `SDP field "${key}" (${udf.displayName}) is a ${udf.type.replace('_', ' ')} field; only single-line and multi-line text fields can receive mapped values. Map a text field.`,
    );
  }
  return null;
}

const isFail = (v: unknown): v is Fail =>
  typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'fail';

export function planToSdp(
  config: IntegrationConfig,
  change: ChangeHint,
  incident: IncidentSnapshot,
  request: RequestSnapshot | null,
  link: Link | null,
  metadata: SdpMetadata | undefined,
): Operation[] {
  if (config.direction === 'from_sdp')
    return [skip('direction', 'This integration only syncs SDP → Flashduty; Flashduty changes are not sent.')];
  if (link === null && request === null) {
    const requestId = requestIdOf(config, incident);
    if (requestId !== null) {
      return [
        skip('await_link', `Incident was created from SDP request ${requestId}; link them before syncing.`, {
          counterpartId: requestId,
        }),
      ];
    }
    if (!isManual(change)) {
      if (config.channels.length > 0 && !config.channels.includes(incident.channelId)) {
        return [skip('out_of_scope', `Channel ${incident.channelId} is not one of this integration’s channels.`)];
      }
      if (config.trigger.mode === 'manual')
        return [skip('manual_trigger', 'Trigger mode is manual: push the incident to create its SDP request.')];
      const outcome = evaluateTrigger(config.trigger, incident);
      if (!outcome.matched)
        return [skip('conditions_not_met', `Trigger conditions not met: ${outcome.failed.join('; ')}.`)];
      if (incident.progress === 'Closed')
        return [skip('closed_before_sync', 'The incident was closed before it matched; no request is created for it.')];
    }
    return planCreateRequest(config, incident, metadata);
  }
  if (request === null)
    return [skip('target_missing', 'The linked SDP request could not be read; it may have been deleted.')];
  return planUpdateRequest(config, change, incident, request, link, metadata);
}

function planCreateRequest(
  config: IntegrationConfig,
  incident: IncidentSnapshot,
  metadata: SdpMetadata | undefined,
): Operation[] {
  const values = incidentValues(config, incident);
  const failures: Fail[] = [];
  const state = incidentState(incident);
  const status = sdpStatusFor(config, state, metadata);
  const statusFail = checkStatus(status, metadata);
  if (statusFail !== null) failures.push(statusFail);

  const records: LinkRecords = emptyRecords();
  const record = (key: string, fd: string | null, sdp: string | null) => {
    records.flashduty[key] = fd;
    records.sdp[key] = sdp;
  };
  record('title', values.title ?? null, canonicalText(truncate(incident.title, SUBJECT_MAX)));
  record('description', values.description ?? null, values.description ?? null);
  record('status', state, status);

  const request: Extract<Operation, { type: 'create_request' }>['request'] = {
    subject: truncate(incident.title, SUBJECT_MAX),
    description: descriptionWithMarker(config, incident),
    status,
    template: config.requestTemplate === '' ? null : config.requestTemplate,
    requester:
      config.requester === ''
        ? null
        : config.requester.includes('@')
          ? { email: config.requester }
          : { name: config.requester },
    resolution: state === 'Closed' ? composeResolution(incident.rootCause, incident.resolution) : null,
  };
  if (request.resolution !== null)
    record('resolution', canonicalOrNull(request.resolution), canonicalOrNull(request.resolution));

  const priority = lookupPriority(config, values.priority ?? null);
  if (priority !== undefined) {
    const f = checkPriority(priority, metadata);
    if (f !== null) failures.push(f);
    request.priority = priority;
    record('priority', values.priority ?? null, priority);
  }
  const technician = values.technician ?? null;
  if (technician !== null) {
    const t = resolveTechnician(technician, metadata);
    if (isFail(t)) failures.push(t);
    else {
      request.technician = t;
      record('technician', technician, 'email' in t ? t.email : t.name);
    }
  }
  const group = values.group ?? null;
  if (group !== null) {
    const g = resolveGroup(group, metadata);
    if (isFail(g)) failures.push(g);
    else {
      request.group = g;
      record('group', group, g);
    }
  }
  const udf: Record<string, string> = {};
  for (const m of config.customFields) {
    const v = values[udfKeyOf(m)] ?? null;
    if (v === null) continue;
    const f = checkUdf(m.udfKey, metadata);
    if (f !== null) failures.push(f);
    udf[m.udfKey] = v;
    record(udfKeyOf(m), v, v);
  }
  const marker = incidentMarkerWrite(config, incident.id);
  if (marker.kind === 'udf') udf[marker.key] = marker.value;
  if (Object.keys(udf).length > 0) request.udf = udf;

  const withTemplates = known(metadata, 'templates');
  if (withTemplates !== undefined) {
    const template =
      request.template === null
        ? withTemplates.templates.find((t) => t.isDefault)
        : withTemplates.templates.find((t) => sameName(t.name, request.template));
    if (request.template !== null && template === undefined) {
      failures.push(
        fail(
          'template_missing',
          `SDP has no request template "${request.template}". Pick an existing template or leave it empty for the default.`,
        ),
      );
    } else if (template !== undefined) {
      const provided = new Set([
        'subject',
        'description',
        'status',
        'template',
        ...Object.keys(request).filter((k) => (request[k as keyof typeof request] ?? null) !== null),
        ...Object.keys(udf),
      ]);
      const missing = template.mandatoryFields.filter((f) => !provided.has(f));
      if (missing.includes('requester')) {
        failures.push(
          fail(
            'requester_required',
            `SDP template "${template.name}" requires a requester. Set the requester (name or email) in the integration.`,
          ),
        );
      } else if (missing.length > 0) {
        failures.push(
          fail(
            'template_fields_missing',
            `SDP template "${template.name}" requires ${missing.join(', ')}, which this integration does not fill. Map them or choose another template.`,
          ),
        );
      }
    }
  }
  if (failures.length > 0) return failures;
  return [{ type: 'create_request', incidentId: incident.id, marker, request, records }];
}

function planUpdateRequest(
  config: IntegrationConfig,
  change: ChangeHint,
  incident: IncidentSnapshot,
  request: RequestSnapshot,
  link: Link | null,
  metadata: SdpMetadata | undefined,
): Operation[] {
  const sv = incidentValues(config, incident);
  const tv = requestValues(config, request);
  const ctx: DecideContext = {
    sourceSide: 'flashduty',
    link,
    force: isManual(change),
    twoWay: config.direction === 'two_way',
    sourceUpdatedAtMs: incident.updatedAtMs,
    targetUpdatedAtMs: request.updatedAtMs,
  };
  const ids = { incidentId: incident.id, requestId: request.id };
  const failures: Fail[] = [];
  const skips: Skip[] = [];
  let staleRecords: LinkRecords = emptyRecords();
  const fields: RequestFields = {};
  const fieldChanges: FieldChange[] = [];
  let fieldRecs: LinkRecords = emptyRecords();
  const fieldNotes: string[] = [];
  const tail: Operation[] = [];

  /** Runs the echo guard for one field; returns the note to carry when the field must be written. */
  const consider = (key: string, inSync: boolean): { note?: string } | null => {
    const d = decide(ctx, key, sv[key] ?? null, tv[key] ?? null, inSync);
    if (d.kind === 'in_sync' && d.stale)
      staleRecords = mergeRecords(staleRecords, fieldRecords('flashduty', key, sv[key] ?? null, tv[key] ?? null));
    if (d.kind === 'conflict_lost') skips.push(skip('conflict_lost', `SDP's newer ${key} is kept.`, { note: d.note }));
    if (d.kind !== 'write') return null;
    return d.note === undefined ? {} : { note: d.note };
  };
  const addField = (key: string, to: string | null, note: string | undefined) => {
    fieldChanges.push({ field: key, from: tv[key] ?? null, to });
    fieldRecs = mergeRecords(fieldRecs, fieldRecords('flashduty', key, sv[key] ?? null, to));
    if (note !== undefined) fieldNotes.push(note);
  };

  const titleWrite = consider('title', sv.title === tv.title);
  if (titleWrite) {
    fields.subject = truncate(incident.title, SUBJECT_MAX);
    addField('title', canonicalText(fields.subject), titleWrite.note);
  }
  const descWrite = consider('description', sv.description === tv.description);
  if (descWrite) {
    fields.description = descriptionWithMarker(config, incident);
    addField('description', sv.description ?? null, descWrite.note);
  }
  const priority = lookupPriority(config, sv.priority ?? null);
  if (priority !== undefined) {
    const w = consider('priority', sameName(priority, request.priority));
    if (w) {
      const f = checkPriority(priority, metadata);
      if (f !== null) failures.push(f);
      fields.priority = priority;
      addField('priority', priority, w.note);
    }
  }
  if (config.assignee.technicianLabelKey !== null) {
    const value = sv.technician ?? null;
    const inSync =
      value !== null && (sameName(value, request.technician?.email) || sameName(value, request.technician?.name));
    const w = consider('technician', inSync);
    if (w && value !== null) {
      const t = resolveTechnician(value, metadata);
      if (isFail(t)) failures.push(t);
      else {
        fields.technician = t;
        addField('technician', 'email' in t ? t.email : t.name, w.note);
      }
    }
  }
  if (config.assignee.groupLabelKey !== null) {
    const value = sv.group ?? null;
    const w = consider('group', value !== null && sameName(value, request.group));
    if (w && value !== null) {
      const g = resolveGroup(value, metadata);
      if (isFail(g)) failures.push(g);
      else {
        fields.group = g;
        addField('group', g, w.note);
      }
    }
  }
  for (const m of config.customFields) {
    const key = udfKeyOf(m);
    const value = sv[key] ?? null;
    const w = consider(key, value === (tv[key] ?? null));
    if (w && value !== null) {
      const f = checkUdf(m.udfKey, metadata);
      if (f !== null) failures.push(f);
      fields.udf = { ...fields.udf, [m.udfKey]: value };
      addField(key, value, w.note);
    }
  }

  const state = incidentState(incident);
  const resolution = sv.resolution ?? null;
  if (state === 'Closed' && resolution !== null) {
    const w = consider('resolution', resolution === tv.resolution);
    const content = composeResolution(incident.rootCause, incident.resolution);
    if (w && content !== null) {
      tail.push({
        type: 'set_request_resolution',
        ...ids,
        content,
        records: fieldRecords('flashduty', 'resolution', resolution, resolution),
        changes: [{ field: 'resolution', from: tv.resolution ?? null, to: resolution }],
        ...(w.note === undefined ? {} : { note: w.note }),
      });
    }
  }
  const statusWrite = consider(
    'status',
    classifySdpStatus(config.statusMapping.sdpToFlashduty, request.status) === state,
  );
  if (statusWrite) {
    const status = sdpStatusFor(config, state, metadata);
    const f = checkStatus(status, metadata);
    if (f !== null) failures.push(f);
    tail.push({
      type: 'change_request_status',
      ...ids,
      status,
      records: fieldRecords('flashduty', 'status', state, status),
      changes: [{ field: 'status', from: request.status.name, to: status }],
      ...(statusWrite.note === undefined ? {} : { note: statusWrite.note }),
    });
  }
  if (failures.length > 0) return failures;

  const requestLink = planRequestLink(config, change, incident, request, link);
  if (requestLink?.kind === 'stale') staleRecords = mergeRecords(staleRecords, requestLink.records);
  const ops: Operation[] = [];
  if (link === null || Object.keys(staleRecords.sdp).length > 0 || Object.keys(staleRecords.flashduty).length > 0)
    ops.push({ type: 'record_link', ...ids, records: staleRecords });
  if (fieldChanges.length > 0) {
    ops.push({
      type: 'update_request_fields',
      ...ids,
      fields,
      records: fieldRecs,
      changes: fieldChanges,
      ...(fieldNotes.length === 0 ? {} : { note: fieldNotes.join(' ') }),
    });
  }
  ops.push(...tail);
  // Last among the writes: a missing Flashduty field parks this one without holding the others back.
  if (requestLink?.kind === 'write') ops.push(requestLink.op);
  ops.push(...skips);
  if (config.syncComments && incident.comments !== undefined && request.notes !== undefined) {
    const copied = new Set(
      request.notes.flatMap((n) => {
        const o = originOf(n.text);
        return o?.side === 'fd' ? [o.id] : [];
      }),
    );
    for (const c of incident.comments) {
      if (originOf(c.text) !== null || copied.has(c.id) || c.text.trim() === '') continue;
      ops.push({ type: 'add_request_note', ...ids, commentId: c.id, text: withOrigin(c.text, 'fd', c.id) });
    }
  }
  return ops;
}

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
