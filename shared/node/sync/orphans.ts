import type { FlashdutyClient } from '../flashduty/client';
import type { Operation } from './types';

/** Flashduty's start times are whole seconds and its clock is not ours: the window reaches this far back. */
const CLOCK_SLACK_S = 60;

/**
 * Flashduty creates an incident and sets its fields in two calls, so an interrupted create (a
 * crash, a lost answer, a 5xx on the field) can leave an incident without our marker, which the
 * marker search cannot find. Such an incident started after the create was first staged, carries
 * its exact title, and has no marker value; when one exists, its marker is written now, so the
 * create adopts it instead of making a second one. Only asked when an earlier attempt is on record.
 */
export async function markUnmarkedCreate(
  fd: FlashdutyClient,
  op: Extract<Operation, { type: 'create_incident' }>,
  firstStagedAtMs: number,
  nowMs: number,
): Promise<string | null> {
  if (op.marker.kind !== 'custom_field') return null;
  const field = op.marker.name;
  const from = Math.floor(firstStagedAtMs / 1000) - CLOCK_SLACK_S;
  for await (const incident of fd.iterateIncidents({
    startTime: from,
    endTime: Math.ceil(nowMs / 1000) + CLOCK_SLACK_S,
    ...(op.incident.channelId !== null ? { channelIds: [op.incident.channelId] } : {}),
  })) {
    const marker = incident.fields[field];
    if (incident.title !== op.incident.title || (marker !== undefined && marker !== null && marker !== '')) continue;
    await fd.resetField(incident.incident_id, field, op.marker.value);
    return incident.incident_id;
  }
  return null;
}
