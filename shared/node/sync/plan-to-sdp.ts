import { msg } from '../../common/contract';
import type { IntegrationConfig } from '../../common/config';
import { evaluateTrigger } from './conditions';
import { FieldPass, isManual } from './decide';
import { uncopied } from './copied-comments';
import { composeResolution } from './fields/canonical';
import type { Fail } from './fields/field';
import { resolutionField, statusField } from './fields/lifecycle';
import { syncedFields } from './fields/registry';
import { checkStatus, checkTemplate } from './fields/sdp-checks';
import { mergeWrites, walkFields } from './fields/walk';
import { emptyRecords, mergeRecords } from './link-records';
import { incidentMarkerWrite, requestIdOf, withOrigin } from './markers';
import { planRequestLink } from './plan-request-link';
import { skip, type Skip } from './plan-skip';
import { classifySdpStatus, incidentState, sdpStatusFor } from './status';
import type { ChangeHint, IncidentSnapshot, Link, LinkRecords, Operation, RequestSnapshot, SdpMetadata } from './types';
import { incidentValues, requestValues } from './values';

export function planToSdp(
  config: IntegrationConfig,
  change: ChangeHint,
  incident: IncidentSnapshot,
  request: RequestSnapshot | null,
  link: Link | null,
  metadata: SdpMetadata | undefined,
): Operation[] {
  if (config.direction === 'from_sdp') return [skip('direction', msg('skip.only_from_sdp'))];
  if (link === null && request === null) {
    const requestId = requestIdOf(config, incident);
    if (requestId !== null) {
      return [
        skip('await_link', msg('skip.incident_from_request', { request: requestId }), {
          counterpartId: requestId,
        }),
      ];
    }
    if (!isManual(change)) {
      const outOfScope = createScope(config, incident);
      if (outOfScope !== null) return [outOfScope];
    }
    return planCreateRequest(config, incident, metadata);
  }
  if (request === null) return [skip('target_missing', msg('skip.request_missing'))];
  return planUpdateRequest(config, change, incident, request, link, metadata);
}

/** Why the automatic sync does not create a request for this incident, or null when it does. */
function createScope(config: IntegrationConfig, incident: IncidentSnapshot): Skip | null {
  if (config.channels.length > 0 && !config.channels.includes(incident.channelId))
    return skip('out_of_scope', msg('skip.channel_out_of_scope', { channel: incident.channelId }));
  if (config.trigger.mode === 'manual') return skip('manual_trigger', msg('skip.manual_trigger'));
  const outcome = evaluateTrigger(config.trigger, incident);
  if (!outcome.matched)
    return skip('conditions_not_met', msg('skip.conditions_not_met', { conditions: outcome.failed.join('; ') }));
  if (incident.progress === 'Closed') return skip('closed_before_sync', msg('skip.incident_closed_before_sync'));
  return null;
}

function planCreateRequest(
  config: IntegrationConfig,
  incident: IncidentSnapshot,
  metadata: SdpMetadata | undefined,
): Operation[] {
  const sv = incidentValues(config, incident);
  const state = incidentState(incident);
  const status = sdpStatusFor(config, state, metadata);
  const walked = walkFields(syncedFields(config), (f) => f.toSdp, { source: incident, target: null, extra: metadata });
  const failures: Fail[] = [checkStatus(status, metadata), ...walked.failures].filter((f) => f !== null);

  const records: LinkRecords = emptyRecords();
  const record = (key: string, fd: string | null, sdp: string | null) => {
    records.flashduty[key] = fd;
    records.sdp[key] = sdp;
  };
  for (const w of walked.writes) record(w.key, sv[w.key] ?? null, w.to);
  record('status', state, status);
  const resolution = state === 'Closed' ? composeResolution(incident.rootCause, incident.resolution) : null;
  if (resolution !== null) record('resolution', sv.resolution ?? null, sv.resolution ?? null);

  const { subject = '', description = '', udf: mapped, ...fields } = mergeWrites(walked.writes, 'udf');
  const marker = incidentMarkerWrite(config, incident.id);
  const udf = { ...mapped, ...(marker.kind === 'udf' ? { [marker.key]: marker.value } : {}) };
  const request: Extract<Operation, { type: 'create_request' }>['request'] = {
    subject,
    description,
    status,
    template: config.requestTemplate === '' ? null : config.requestTemplate,
    requester:
      config.requester === ''
        ? null
        : config.requester.includes('@')
          ? { email: config.requester }
          : { name: config.requester },
    resolution,
    ...fields,
    ...(Object.keys(udf).length > 0 ? { udf } : {}),
  };
  const provided = ['subject', 'description', 'status', 'template'];
  const sent = Object.keys(request).filter((k) => (request[k as keyof typeof request] ?? null) !== null);
  const templateFail = checkTemplate(request.template, new Set([...provided, ...sent, ...Object.keys(udf)]), metadata);
  if (templateFail !== null) failures.push(templateFail);
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
  const times = { source: incident.updatedAtMs, target: request.updatedAtMs };
  const pass = new FieldPass(
    config,
    change,
    link,
    incidentValues(config, incident),
    requestValues(config, request),
    times,
  );
  const ids = { incidentId: incident.id, requestId: request.id };
  const walked = walkFields(syncedFields(config), (f) => f.toSdp, {
    source: incident,
    target: request,
    extra: metadata,
    pass,
  });
  const lifecycle = lifecycleToSdp(config, pass, incident, request, metadata);
  const failures = [...walked.failures, ...lifecycle.failures];
  if (failures.length > 0) return failures;

  const requestLink = planRequestLink(config, change, incident, request, link);
  if (requestLink?.kind === 'stale') pass.stale = mergeRecords(pass.stale, requestLink.records);
  const ops: Operation[] = pass.recordLink(ids);
  if (walked.writes.length > 0)
    ops.push({
      type: 'update_request_fields',
      ...ids,
      fields: mergeWrites(walked.writes, 'udf'),
      ...pass.writeSet(walked.writes),
    });
  ops.push(...lifecycle.ops);
  // Last among the writes: a missing Flashduty field parks this one without holding the others back.
  if (requestLink?.kind === 'write') ops.push(requestLink.op);
  ops.push(...pass.skips);
  if (config.syncComments && incident.comments !== undefined && request.notes !== undefined) {
    for (const c of uncopied(incident.comments, request.notes, 'fd'))
      ops.push({ type: 'add_request_note', ...ids, commentId: c.id, text: withOrigin(c.text, 'fd', c.id) });
  }
  return ops;
}

/** The resolution and the status: each its own call, after the fields. */
function lifecycleToSdp(
  config: IntegrationConfig,
  pass: FieldPass,
  incident: IncidentSnapshot,
  request: RequestSnapshot,
  metadata: SdpMetadata | undefined,
): { ops: Operation[]; failures: Fail[] } {
  const ids = { incidentId: incident.id, requestId: request.id };
  const ops: Operation[] = [];
  const failures: Fail[] = [];
  const state = incidentState(incident);
  const resolution = pass.source.resolution ?? null;
  if (state === 'Closed' && resolution !== null) {
    const w = pass.consider(resolutionField, resolution === pass.target.resolution);
    const content = composeResolution(incident.rootCause, incident.resolution);
    if (w && content !== null)
      ops.push({
        type: 'set_request_resolution',
        ...ids,
        content,
        ...pass.writeSet([{ key: 'resolution', to: resolution, ...w }]),
      });
  }
  const statusWrite = pass.consider(
    statusField,
    classifySdpStatus(config.statusMapping.sdpToFlashduty, request.status) === state,
  );
  if (statusWrite) {
    const status = sdpStatusFor(config, state, metadata);
    const f = checkStatus(status, metadata);
    if (f !== null) failures.push(f);
    ops.push({
      type: 'change_request_status',
      ...ids,
      status,
      ...pass.writeSet([{ key: 'status', to: status, ...statusWrite }]),
    });
  }
  return { ops, failures };
}
