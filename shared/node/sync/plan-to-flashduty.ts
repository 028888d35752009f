import type { IntegrationConfig, Severity } from '../../common/config';
import { decide, fieldRecords, type DecideContext } from './decide';
import { emptyRecords, mergeRecords } from './fingerprint';
import { incidentIdOf, originOf, requestMarkerWrite, withOrigin } from './markers';
import { isManual } from './plan-to-sdp';
import { classifySdpStatus, incidentState, sdpStatusState, transitions } from './status';
import { canonicalText, htmlToText, sameName, truncate } from './text';
import type { ChangeHint, FieldChange, IncidentSnapshot, Link, LinkRecords, Operation, RequestSnapshot } from './types';
import {
  canonicalOrNull,
  composeResolution,
  incidentValues,
  requestDescriptionText,
  requestValues,
  udfKeyOf,
} from './values';

/** Flashduty's limits: create title 512 / description 1024; reset title 200 / description 6144; comment 1024. */
const CREATE_TITLE_MAX = 512;
const CREATE_DESCRIPTION_MAX = 1024;
const RESET_TITLE_MAX = 200;
const RESET_DESCRIPTION_MAX = 6144;
const COMMENT_MAX = 1024;
/**
 * Flashduty's reset rejects text fields under 3 characters; a short SDP value is labelled rather than refused forever.
 */
const RESET_MIN = 3;
/**
 * Severity of incidents created from requests whose priority has no mapping: the quietest, so an unmapped request never
 * pages anyone.
 */
const UNMAPPED_SEVERITY: Severity = 'Info';

type Skip = Extract<Operation, { type: 'skip' }>;
const skip = (code: Skip['code'], reason: string, extra: Partial<Skip> = {}): Skip => ({
  type: 'skip',
  code,
  reason,
  ...extra,
});

function atLeast(text: string, requestId: string): string {
  return text.length >= RESET_MIN ? text : `SDP request ${requestId}: ${text}`;
}

function lookupSeverity(config: IntegrationConfig, priority: string | null): Severity | undefined {
  if (priority === null) return undefined;
  const table = config.severityMapping.toSeverity;
  const key = Object.keys(table).find((k) => sameName(k, priority));
  return key === undefined ? undefined : table[key];
}

export function planToFlashduty(
  config: IntegrationConfig,
  change: ChangeHint,
  request: RequestSnapshot,
  incident: IncidentSnapshot | null,
  link: Link | null,
): Operation[] {
  if (config.direction === 'to_sdp')
    return [skip('direction', 'This integration only syncs Flashduty → SDP; SDP changes are not sent.')];
  if (link === null && incident === null) {
    const incidentId = incidentIdOf(config, request);
    if (incidentId !== null) {
      return [
        skip('await_link', `Request was created from Flashduty incident ${incidentId}; link them before syncing.`, {
          counterpartId: incidentId,
        }),
      ];
    }
    if (!config.fromSdp.createIncidents) {
      return [
        skip(
          'out_of_scope',
          'This integration does not create incidents from SDP requests; only linked requests are synced.',
        ),
      ];
    }
    if (classifySdpStatus(config.statusMapping.sdpToFlashduty, request.status) === 'Closed') {
      return [
        skip(
          'closed_before_sync',
          `The request was already ${request.status.name} when first seen; no incident is created for it.`,
        ),
      ];
    }
    return planCreateIncident(config, request);
  }
  if (incident === null)
    return [skip('target_missing', 'The linked Flashduty incident could not be read; it may have been deleted.')];
  return planUpdateIncident(config, change, request, incident, link);
}

function planCreateIncident(config: IntegrationConfig, request: RequestSnapshot): Operation[] {
  const sv = requestValues(config, request);
  const records: LinkRecords = emptyRecords();
  const record = (key: string, sdp: string | null, fd: string | null) => {
    records.sdp[key] = sdp;
    records.flashduty[key] = fd;
  };
  const title = truncate(request.subject.trim(), CREATE_TITLE_MAX);
  const description = truncate(requestDescriptionText(request).trim(), CREATE_DESCRIPTION_MAX);
  const mapped = lookupSeverity(config, request.priority);
  const severity = mapped ?? UNMAPPED_SEVERITY;
  const { state, note } = sdpStatusState(config.statusMapping.sdpToFlashduty, request.status);
  record('title', sv.title ?? null, canonicalText(title) || null);
  record('description', sv.description ?? null, canonicalText(description) || null);
  record('status', request.status.name, state);
  const source = config.severityMapping.source;
  record('priority', request.priority, source.kind === 'severity' ? severity : null);

  const fields: Record<string, string> = {};
  for (const m of config.customFields) {
    const v = sv[udfKeyOf(m)] ?? null;
    if (m.source.kind !== 'custom_field' || v === null) continue;
    fields[m.source.name] = v;
    record(udfKeyOf(m), v, v);
  }
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
  const sv = requestValues(config, request);
  const tv = incidentValues(config, incident);
  const ctx: DecideContext = {
    sourceSide: 'sdp',
    link,
    force: isManual(change),
    twoWay: config.direction === 'two_way',
    sourceUpdatedAtMs: request.updatedAtMs,
    targetUpdatedAtMs: incident.updatedAtMs,
  };
  const ids = { incidentId: incident.id, requestId: request.id };
  const skips: Skip[] = [];
  let staleRecords: LinkRecords = emptyRecords();
  const consider = (key: string, inSync: boolean): { note?: string } | null => {
    const d = decide(ctx, key, sv[key] ?? null, tv[key] ?? null, inSync);
    if (d.kind === 'in_sync' && d.stale)
      staleRecords = mergeRecords(staleRecords, fieldRecords('sdp', key, sv[key] ?? null, tv[key] ?? null));
    if (d.kind === 'conflict_lost')
      skips.push(skip('conflict_lost', `Flashduty's newer ${key} is kept.`, { note: d.note }));
    if (d.kind !== 'write') return null;
    return d.note === undefined ? {} : { note: d.note };
  };

  const reset: { title?: string; description?: string; severity?: Severity } = {};
  const resetChanges: FieldChange[] = [];
  let resetRecords = emptyRecords();
  const resetNotes: string[] = [];
  const addReset = (key: string, to: string | null, fdRecord: string | null, note: string | undefined) => {
    resetChanges.push({ field: key, from: tv[key] ?? null, to });
    resetRecords = mergeRecords(resetRecords, fieldRecords('sdp', key, sv[key] ?? null, fdRecord));
    if (note !== undefined) resetNotes.push(note);
  };

  const titleWrite = consider('title', sv.title === tv.title);
  if (titleWrite) {
    reset.title = truncate(atLeast(request.subject.trim(), request.id), RESET_TITLE_MAX);
    addReset('title', reset.title, canonicalText(reset.title), titleWrite.note);
  }
  const descWrite = consider('description', sv.description === tv.description);
  if (descWrite) {
    reset.description = truncate(atLeast(requestDescriptionText(request).trim(), request.id), RESET_DESCRIPTION_MAX);
    addReset('description', reset.description, canonicalText(reset.description), descWrite.note);
  }
  const severity = lookupSeverity(config, request.priority);
  if (severity !== undefined) {
    const w = consider('priority', incident.severity === severity);
    if (w) {
      reset.severity = severity;
      // A label or custom-field severity source is not something we write; its record stays as read.
      const fdRecord = config.severityMapping.source.kind === 'severity' ? severity : (tv.priority ?? null);
      addReset('priority', severity, fdRecord, w.note);
    }
  }

  const ops: Operation[] = [];
  if (resetChanges.length > 0) {
    ops.push({
      type: 'reset_incident',
      ...ids,
      ...reset,
      records: resetRecords,
      changes: resetChanges,
      ...(resetNotes.length === 0 ? {} : { note: resetNotes.join(' ') }),
    });
  }
  for (const m of config.customFields) {
    if (m.source.kind !== 'custom_field') continue;
    const key = udfKeyOf(m);
    const value = sv[key] ?? null;
    const w = consider(key, value === (tv[key] ?? null));
    if (w && value !== null) {
      ops.push({
        type: 'set_incident_field',
        ...ids,
        fieldName: m.source.name,
        value,
        records: fieldRecords('sdp', key, value, value),
        changes: [{ field: m.source.name, from: tv[key] ?? null, to: value }],
        ...(w.note === undefined ? {} : { note: w.note }),
      });
    }
  }

  const from = incidentState(incident);
  const { state: to, note: ruleNote } = sdpStatusState(config.statusMapping.sdpToFlashduty, request.status);
  const statusWrite = consider('status', from === to);
  if (statusWrite) {
    const steps = transitions(from, to, incident.progress);
    const stepNote = [ruleNote, statusWrite.note].filter((n) => n !== undefined).join('; ');
    steps.forEach((step, i) => {
      const last = i === steps.length - 1;
      let records: LinkRecords = last ? fieldRecords('sdp', 'status', request.status.name, to) : emptyRecords();
      const base = {
        ...ids,
        records,
        changes: last ? [{ field: 'status', from, to }] : [],
        ...(last && stepNote !== '' ? { note: stepNote } : {}),
      };
      switch (step) {
        case 'resolve': {
          const resolution = htmlToText(request.resolution).trim();
          const content = resolution === '' ? null : truncate(resolution, 1024);
          if (content !== null) {
            records = mergeRecords(
              records,
              fieldRecords(
                'sdp',
                'resolution',
                sv.resolution ?? null,
                canonicalOrNull(composeResolution(incident.rootCause, content)),
              ),
            );
          }
          ops.push({ ...base, records, type: 'resolve', rootCause: null, resolution: content });
          break;
        }
        case 'snooze':
          ops.push({ ...base, type: 'snooze', minutes: config.statusMapping.snoozeMinutes });
          break;
        case 'reopen':
          ops.push({ ...base, type: 'reopen', reason: `SDP request ${request.id} is ${request.status.name} again.` });
          break;
        default:
          ops.push({ ...base, type: step });
      }
    });
  }
  if (link === null || Object.keys(staleRecords.sdp).length > 0)
    ops.unshift({ type: 'record_link', ...ids, records: staleRecords });
  ops.push(...skips);

  if (config.syncComments && request.notes !== undefined && incident.comments !== undefined) {
    const copied = new Set(
      incident.comments.flatMap((c) => {
        const o = originOf(c.text);
        return o?.side === 'sdp' ? [o.id] : [];
      }),
    );
    for (const n of request.notes) {
      if (originOf(n.text) !== null || copied.has(n.id) || n.text.trim() === '') continue;
      const suffix = `\n[deskbridge:sdp:${n.id}]`;
      const body = truncate(`[SDP] ${n.text.trim()}`, COMMENT_MAX - suffix.length);
      ops.push({ type: 'add_incident_comment', ...ids, noteId: n.id, text: withOrigin(body, 'sdp', n.id) });
    }
  }
  return ops;
}
