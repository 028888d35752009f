import type { IntegrationConfig } from '../../common/config';
import { AppError, isAppError } from '../../common/errors';
import type { FlashdutyClient } from '../flashduty/client';
import type { SdpClient, SdpRequest } from '../sdp/client';
import { createRequestBody, requestBody } from '../sdp/request-body';
import type { Operation } from './types';
import { passBoundary } from './write-boundary';

export interface ExecutorClients {
  sdp: SdpClient;
  flashduty: FlashdutyClient;
}

/** What an operation produced: the entity it created or found, for the link. */
export interface ExecResult {
  createdRequestId?: string;
  createdIncidentId?: string;
  /** The number SDP shows for the request a create made (its display ID), when the answer carries it. */
  createdDisplayId?: string | null;
  /** True when creation found an existing entity carrying our marker and linked it instead. */
  adopted?: boolean;
  /**
   * For a write to SDP: the request's last_updated_time our write left behind, as SDP answered it;
   * null when the answer does not say (the next poll then re-reads the pair).
   */
  sdpUpdatedAtMs?: number | null;
}

export interface ExecContext {
  config: IntegrationConfig;
  clients: ExecutorClients;
  now: () => number;
  /**
   * Set when an earlier attempt at this create was recorded (it may have made the entity before the
   * link was saved): when that first attempt started (ms). Unset, a create creates without searching.
   */
  mayExistSinceMs?: number;
  /** When the source request was created (ms): bounds the Flashduty search for a create's marker. */
  sourceCreatedAtMs?: number;
  /** Told the new incident's ID as soon as Flashduty answers a create, before its marker is written. */
  onIncidentCreated?: (incidentId: string) => void;
}

/** Clocks of SDP and this machine may disagree this much; the created_time window allows for it. */
const CLOCK_SLACK_MS = 10 * 60_000;
/** Requests with the same subject in the window that are read to find the marker. */
const MAX_CANDIDATES = 10;

/**
 * A request already carrying the incident's marker: a crash between create and link must not make
 * a second one. A text UDF marker is searched directly (public clients search single-line UDFs with
 * `is`); `description` is not documented as searchable, so the description marker is found by the
 * subject, among requests created since the first attempt, and confirmed on the full request.
 */
async function findRequestByMarker(
  sdp: SdpClient,
  op: Extract<Operation, { type: 'create_request' }>,
  sinceMs: number,
): Promise<string | null> {
  if (op.marker.kind === 'udf') {
    try {
      const page = await sdp.listRequests({
        searchCriteria: [{ field: `udf_fields.${op.marker.key}`, condition: 'is', value: op.marker.value }],
        rowCount: 10,
        sortField: 'created_time',
        sortOrder: 'asc',
      });
      return page.requests[0]?.id ?? null;
    } catch (error) {
      // An instance that refuses a search on this field: look for it by subject like the description marker.
      if (!isAppError(error) || error.code !== 'sdp.invalid_input') throw error;
    }
  }
  const page = await sdp.listRequests({
    searchCriteria: [
      { field: 'subject', condition: 'is', value: op.request.subject },
      {
        field: 'created_time',
        condition: 'greater or equal',
        value: String(Math.max(0, sinceMs - CLOCK_SLACK_MS)),
        logical_operator: 'AND',
      },
    ],
    rowCount: MAX_CANDIDATES,
    sortField: 'created_time',
    sortOrder: 'asc',
  });
  for (const candidate of page.requests) {
    const full = await sdp.getRequest(candidate.id);
    if (carriesMarker(full, op.marker)) return full.id;
  }
  return null;
}

function carriesMarker(request: SdpRequest, marker: Extract<Operation, { type: 'create_request' }>['marker']): boolean {
  if (marker.kind === 'udf') return request.udf_fields[marker.key] === marker.value;
  return (request.description ?? '').includes(marker.text);
}

async function findIncidentByMarker(
  ctx: ExecContext,
  op: Extract<Operation, { type: 'create_incident' }>,
): Promise<string | null> {
  const marker = op.marker;
  const from = Math.floor((ctx.sourceCreatedAtMs ?? ctx.now() - 31 * 86_400_000) / 1000) - 300;
  for await (const incident of ctx.clients.flashduty.iterateIncidents({
    startTime: from,
    endTime: Math.ceil(ctx.now() / 1000) + 60,
    ...(op.incident.channelId !== null ? { channelIds: [op.incident.channelId] } : {}),
  })) {
    const value = marker.kind === 'custom_field' ? incident.fields[marker.name] : incident.labels[marker.key];
    if (value !== undefined && String(value) === marker.value) return incident.incident_id;
  }
  return null;
}

/** The entity an interrupted create may have made: found by its marker, never created. */
export async function findCreatedByMarker(
  ctx: ExecContext & { mayExistSinceMs: number },
  op: Extract<Operation, { type: 'create_request' | 'create_incident' }>,
): Promise<string | null> {
  return op.type === 'create_request'
    ? findRequestByMarker(ctx.clients.sdp, op, ctx.mayExistSinceMs)
    : findIncidentByMarker(ctx, op);
}

async function createRequest(
  ctx: ExecContext,
  op: Extract<Operation, { type: 'create_request' }>,
): Promise<ExecResult> {
  if (ctx.mayExistSinceMs !== undefined) {
    const existing = await findRequestByMarker(ctx.clients.sdp, op, ctx.mayExistSinceMs);
    if (existing !== null) return { createdRequestId: existing, adopted: true };
  }
  const r = op.request;
  const udf = { ...(r.udf ?? {}), ...(op.marker.kind === 'udf' ? { [op.marker.key]: op.marker.value } : {}) };
  const description =
    op.marker.kind === 'description' && !r.description.includes(op.marker.text)
      ? `${r.description}\n\n${op.marker.text}`.trim()
      : r.description;
  const created = await ctx.clients.sdp.createRequest(createRequestBody({ ...r, udf, description }));
  if (r.resolution !== null && r.resolution !== '') {
    passBoundary('created:create_request', op.incidentId);
    await ctx.clients.sdp.setResolution(created.id, r.resolution);
    return { createdRequestId: created.id, createdDisplayId: created.display_id, sdpUpdatedAtMs: null };
  }
  return {
    createdRequestId: created.id,
    createdDisplayId: created.display_id,
    sdpUpdatedAtMs: created.last_updated_time ?? null,
  };
}

const markerName = (op: Extract<Operation, { type: 'create_incident' }>): string =>
  op.marker.kind === 'custom_field' ? op.marker.name : '';

async function createIncident(
  ctx: ExecContext,
  op: Extract<Operation, { type: 'create_incident' }>,
): Promise<ExecResult> {
  if (op.marker.kind === 'label') {
    throw new AppError(
      'sync.label_marker',
      'Flashduty’s Open API cannot set labels on an incident, so the request ID cannot be kept in a label. Choose a custom field for it (Integration → Basics).',
    );
  }
  if (ctx.mayExistSinceMs !== undefined) {
    const existing = await findIncidentByMarker(ctx, op);
    if (existing !== null) return { createdIncidentId: existing, adopted: true };
  }
  const fd = ctx.clients.flashduty;
  // Flashduty's create takes no fields: the marker is a second call, and a crash between the two
  // leaves an unmarked incident that only markUnmarkedCreate (orphans.ts) can find.
  const created = await fd.createIncident({
    title: op.incident.title,
    severity: op.incident.severity,
    description: op.incident.description,
    ...(op.incident.channelId !== null ? { channelId: op.incident.channelId } : {}),
  });
  const id = created.incident_id;
  ctx.onIncidentCreated?.(id);
  passBoundary('created:create_incident', op.requestId);
  // The marker first: once it is there, a crash only leaves work the marker search can find.
  const fields = Object.entries(op.incident.fields).sort(
    ([a], [b]) => Number(b === markerName(op)) - Number(a === markerName(op)),
  );
  for (const [name, value] of fields) await fd.resetField(id, name, value);
  if (op.state !== 'Triggered') passBoundary('marked:create_incident', op.requestId);
  switch (op.state) {
    case 'Processing':
      await fd.ack([id]);
      break;
    case 'Snoozed':
      await fd.snooze([id], op.snoozeMinutes);
      break;
    case 'Closed':
      await fd.resolve([id], {});
      break;
    case 'Triggered':
      break;
  }
  return { createdIncidentId: id };
}

/**
 * Flashduty answers a field it does not have (or one that is not a text field) with an invalid
 * parameter: that is the admin's to fix, so it is said in their terms, and parked (not retryable).
 */
async function setRequestLink(ctx: ExecContext, op: Extract<Operation, { type: 'set_request_link' }>): Promise<void> {
  try {
    await ctx.clients.flashduty.resetField(op.incidentId, op.fieldName, op.value);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'flashduty.invalid_parameter') throw error;
    throw new AppError(
      'fd_field_missing',
      `Flashduty refused the SDP request's number and link in incident custom field "${op.fieldName}" (${error.message}); the field must exist and be a text field.`,
      { cause: error, details: { fieldName: op.fieldName, ...error.details } },
    );
  }
}

/**
 * Carries out one planned operation against the APIs. Pure bookkeeping operations (skip, fail,
 * record_link) make no call; the runner handles them.
 */
export async function executeOperation(ctx: ExecContext, op: Operation): Promise<ExecResult> {
  const { sdp, flashduty: fd } = ctx.clients;
  switch (op.type) {
    case 'create_request':
      return createRequest(ctx, op);
    case 'update_request_fields':
      return {
        sdpUpdatedAtMs: (await sdp.updateRequest(op.requestId, requestBody(op.fields))).last_updated_time ?? null,
      };
    case 'change_request_status':
      // SDP's portable close route records closure info; other statuses are a plain update.
      if (op.status.toLowerCase() === 'closed') {
        await sdp.closeRequest(op.requestId, { statusName: op.status });
        return { sdpUpdatedAtMs: null };
      }
      return {
        sdpUpdatedAtMs:
          (await sdp.updateRequest(op.requestId, requestBody({ status: op.status }))).last_updated_time ?? null,
      };
    case 'set_request_resolution':
      await sdp.setResolution(op.requestId, op.content);
      return { sdpUpdatedAtMs: null };
    case 'add_request_note':
      await sdp.addNote(op.requestId, { description: op.text });
      return { sdpUpdatedAtMs: null };
    case 'create_incident':
      return createIncident(ctx, op);
    case 'ack':
      await fd.ack([op.incidentId]);
      return {};
    case 'unack':
      await fd.unack([op.incidentId]);
      return {};
    case 'snooze':
      await fd.snooze([op.incidentId], op.minutes);
      return {};
    case 'wake':
      await fd.wake([op.incidentId]);
      return {};
    case 'resolve':
      await fd.resolve([op.incidentId], {
        ...(op.rootCause !== null ? { root_cause: op.rootCause } : {}),
        ...(op.resolution !== null ? { resolution: op.resolution } : {}),
      });
      return {};
    case 'reopen':
      await fd.reopen([op.incidentId], op.reason);
      return {};
    case 'reset_incident':
      await fd.reset(op.incidentId, {
        ...(op.title !== undefined ? { title: op.title } : {}),
        ...(op.description !== undefined ? { description: op.description } : {}),
        ...(op.severity !== undefined ? { severity: op.severity } : {}),
      });
      return {};
    case 'set_incident_field':
      await fd.resetField(op.incidentId, op.fieldName, op.value);
      return {};
    case 'set_request_link':
      await setRequestLink(ctx, op);
      return {};
    case 'add_incident_comment':
      await fd.comment([op.incidentId], op.text, { muteReply: true });
      return {};
    case 'record_link':
    case 'skip':
    case 'fail':
      return {};
  }
}
