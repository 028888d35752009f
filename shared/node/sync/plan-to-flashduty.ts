import { listOf, msg } from '../../common/contract';
import type { IntegrationConfig } from '../../common/config';
import { uncopied } from './copied-comments';
import { fieldRecords, FieldPass } from './decide';
import { canonicalOrNull, composeResolution } from './fields/canonical';
import { statusField } from './fields/lifecycle';
import { UNMAPPED_SEVERITY } from './fields/priority';
import { syncedFields } from './fields/registry';
import { mergeWrites, walkFields } from './fields/walk';
import { emptyRecords, mergeRecords } from './link-records';
import { incidentIdOf, requestMarkerWrite, withOrigin } from './markers';
import { skip } from './plan-skip';
import { classifySdpStatus, incidentState, sdpStatusState, transitions } from './status';
import { htmlToText, truncate } from './text';
import type { ChangeHint, IncidentSnapshot, Link, LinkRecords, Operation, RequestSnapshot } from './types';
import { incidentValues, requestValues } from './values';

/** Flashduty's limit on a comment (and on a resolution). */
const COMMENT_MAX = 1024;

export function planToFlashduty(
  config: IntegrationConfig,
  change: ChangeHint,
  request: RequestSnapshot,
  incident: IncidentSnapshot | null,
  link: Link | null,
): Operation[] {
  if (config.direction === 'to_sdp') return [skip('direction', msg('skip.only_to_sdp'))];
  if (link === null && incident === null) {
    const incidentId = incidentIdOf(config, request);
    if (incidentId !== null) {
      return [
        skip('await_link', msg('skip.request_from_incident', { incident: incidentId }), {
          counterpartId: incidentId,
        }),
      ];
    }
    if (!config.fromSdp.createIncidents) {
      return [skip('out_of_scope', msg('skip.no_incident_creation'))];
    }
    if (classifySdpStatus(config.statusMapping.sdpToFlashduty, request.status) === 'Closed') {
      return [skip('closed_before_sync', msg('skip.request_closed_before_sync', { status: request.status.name }))];
    }
    return planCreateIncident(config, request);
  }
  if (incident === null) return [skip('target_missing', msg('skip.incident_missing'))];
  return planUpdateIncident(config, change, request, incident, link);
}

function planCreateIncident(config: IntegrationConfig, request: RequestSnapshot): Operation[] {
  const sv = requestValues(config, request);
  const walked = walkFields(syncedFields(config), (f) => f.toFlashduty, {
    source: request,
    target: null,
    extra: undefined,
  });
  const records: LinkRecords = emptyRecords();
  const record = (key: string, sdp: string | null, fd: string | null) => {
    records.sdp[key] = sdp;
    records.flashduty[key] = fd;
  };
  for (const w of walked.writes) record(w.key, sv[w.key] ?? null, w.to);
  const { state, note } = sdpStatusState(config.statusMapping.sdpToFlashduty, request.status);
  record('status', request.status.name, state);
  const {
    title = '',
    description = '',
    severity = UNMAPPED_SEVERITY,
    fields = {},
  } = mergeWrites(walked.writes, 'fields');
  const marker = requestMarkerWrite(config, request.id);
  if (marker.kind === 'custom_field') fields[marker.name] = marker.value;
  return [
    {
      type: 'create_incident',
      requestId: request.id,
      marker,
      incident: { title, description, severity, channelId: config.fromSdp.channelId, fields },
      state,
      snoozeMinutes: config.statusMapping.snoozeMinutes,
      records,
      ...(note === undefined ? {} : { note }),
    },
  ];
}

function planUpdateIncident(
  config: IntegrationConfig,
  change: ChangeHint,
  request: RequestSnapshot,
  incident: IncidentSnapshot,
  link: Link | null,
): Operation[] {
  const times = { source: request.updatedAtMs, target: incident.updatedAtMs };
  const pass = new FieldPass(
    config,
    change,
    link,
    requestValues(config, request),
    incidentValues(config, incident),
    times,
  );
  const ids = { incidentId: incident.id, requestId: request.id };
  const { writes } = walkFields(syncedFields(config), (f) => f.toFlashduty, {
    source: request,
    target: incident,
    extra: undefined,
    pass,
  });
  const resets = writes.filter((w) => w.patch.fields === undefined);
  const ops: Operation[] = [];
  if (resets.length > 0) {
    const { title, description, severity } = mergeWrites(resets, 'fields');
    ops.push({
      type: 'reset_incident',
      ...ids,
      ...(title === undefined ? {} : { title }),
      ...(description === undefined ? {} : { description }),
      ...(severity === undefined ? {} : { severity }),
      ...pass.writeSet(resets),
    });
  }
  for (const w of writes) {
    for (const [fieldName, value] of Object.entries(w.patch.fields ?? {}))
      ops.push({
        type: 'set_incident_field',
        ...ids,
        fieldName,
        value,
        ...pass.writeSet([{ ...w, label: fieldName }]),
      });
  }
  ops.push(...statusSteps(config, pass, request, incident));
  ops.unshift(...pass.recordLink(ids));
  ops.push(...pass.skips);
  if (config.syncComments && request.notes !== undefined && incident.comments !== undefined) {
    for (const n of uncopied(request.notes, incident.comments, 'sdp')) {
      const suffix = `\n[deskbridge:sdp:${n.id}]`;
      const body = truncate(`[SDP] ${n.text.trim()}`, COMMENT_MAX - suffix.length);
      ops.push({ type: 'add_incident_comment', ...ids, noteId: n.id, text: withOrigin(body, 'sdp', n.id) });
    }
  }
  return ops;
}

/** The state transitions that take the incident to the request's status; the last one carries the records. */
function statusSteps(
  config: IntegrationConfig,
  pass: FieldPass,
  request: RequestSnapshot,
  incident: IncidentSnapshot,
): Operation[] {
  const from = incidentState(incident);
  const { state: to, note: ruleNote } = sdpStatusState(config.statusMapping.sdpToFlashduty, request.status);
  const statusWrite = pass.consider(statusField, from === to);
  if (!statusWrite) return [];
  const ids = { incidentId: incident.id, requestId: request.id };
  const steps = transitions(from, to, incident.progress);
  const notes = [ruleNote, statusWrite.note].filter((n) => n !== undefined);
  return steps.map((step, i): Operation => {
    const last = i === steps.length - 1;
    const records: LinkRecords = last ? fieldRecords('sdp', 'status', request.status.name, to) : emptyRecords();
    const base = {
      ...ids,
      records,
      changes: last ? [{ field: 'status', from, to }] : [],
      ...(last && notes.length > 0 ? { note: listOf(notes) } : {}),
    };
    switch (step) {
      case 'resolve': {
        const resolution = htmlToText(request.resolution).trim();
        const content = resolution === '' ? null : truncate(resolution, COMMENT_MAX);
        const after = canonicalOrNull(composeResolution(incident.rootCause, content ?? ''));
        const withResolution =
          content === null
            ? records
            : mergeRecords(records, fieldRecords('sdp', 'resolution', pass.source.resolution ?? null, after));
        return { ...base, records: withResolution, type: 'resolve', rootCause: null, resolution: content };
      }
      case 'snooze':
        return { ...base, type: 'snooze', minutes: config.statusMapping.snoozeMinutes };
      case 'reopen':
        return { ...base, type: 'reopen', reason: `SDP request ${request.id} is ${request.status.name} again.` };
      default:
        return { ...base, type: step };
    }
  });
}
