import { z } from 'zod';
import { jsonInt } from './lossless-json';
import {
  MAX_IDS_PER_CALL,
  checkIncidentIds,
  chunk,
  ints,
  invalid,
  listOf,
  pageLimit,
  type CreateIncidentInput,
  type FeedRequest,
  type ResetIncidentInput,
} from './inputs';
import type { FlashdutyTransport } from './transport';
import { feedItemSchema, type FlashdutyFeedItem, type FlashdutyFieldValue } from './types';

/** Changing incidents: create, the batch actions, field resets, comments, and the feed they leave. */

const emptySchema = z.unknown();
const createdSchema = z.object({ incident_id: z.string(), title: z.string().default('') });
const feedPageSchema = z.object({ items: listOf(feedItemSchema), has_next_page: z.boolean().default(false) });

function checkCreate(path: string, input: CreateIncidentInput): string {
  const title = input.title.trim();
  if (title === '' || title.length > 512) throw invalid(path, 'The incident title must be 1 to 512 characters.');
  if ((input.description ?? '').length > 1024)
    throw invalid(path, 'The incident description must be at most 1,024 characters.');
  const assigned = input.assignedPersonIds;
  if (assigned !== undefined && (assigned.length < 1 || assigned.length > 100)) {
    throw invalid(path, 'Assign the incident to 1 to 100 people.');
  }
  return title;
}

function checkReset(path: string, input: ResetIncidentInput) {
  const texts = {
    title: input.title,
    description: input.description,
    impact: input.impact,
    root_cause: input.root_cause,
    resolution: input.resolution,
  };
  const given = Object.entries(texts).filter(([, v]) => v !== undefined);
  if (given.length === 0 && input.severity === undefined)
    throw invalid(path, 'Give at least one incident field to change.');
  for (const [key, value] of given) {
    const max = key === 'title' ? 200 : 6144;
    if (value!.length < 3 || value!.length > max)
      throw invalid(path, `The ${key.replace('_', ' ')} must be 3 to ${max} characters.`);
  }
  return texts;
}

function checkAtMost1024(path: string, what: string, text: string | undefined): void {
  if ((text ?? '').length > 1024) throw invalid(path, `The ${what} must be at most 1,024 characters.`);
}

/** Creates the incident, then sets its custom fields one by one (the create operation takes none). */
async function createIncident(
  call: FlashdutyTransport['call'],
  input: CreateIncidentInput,
): Promise<{ incident_id: string; title: string }> {
  const path = '/incident/create';
  const title = checkCreate(path, input);
  const { assignedPersonIds, channelId } = input;
  const created = await call(
    path,
    {
      title,
      incident_severity: input.severity,
      description: input.description,
      channel_id: channelId === undefined ? undefined : jsonInt(channelId),
      assigned_to: assignedPersonIds === undefined ? undefined : { person_ids: ints(assignedPersonIds) },
    },
    createdSchema,
  );
  for (const [name, value] of Object.entries(input.fields ?? {})) {
    await call(
      '/incident/field/reset',
      { incident_id: created.incident_id, field_name: name, field_value: value },
      emptySchema,
    );
  }
  return created;
}

export function createIncidentActions({ call }: FlashdutyTransport) {
  /** Runs a batch operation over any number of incidents, at most 100 per call. */
  async function batch(path: string, ids: readonly string[], extra: Record<string, unknown> = {}): Promise<void> {
    if (ids.length === 0) throw invalid(path, `${path} needs at least one incident ID.`);
    checkIncidentIds(path, ids);
    for (const part of chunk(ids, MAX_IDS_PER_CALL)) await call(path, { incident_ids: part, ...extra }, emptySchema);
  }

  /** Sets one custom field; `undefined` clears it. */
  async function resetField(incidentId: string, fieldName: string, value: FlashdutyFieldValue | undefined) {
    const path = '/incident/field/reset';
    checkIncidentIds(path, [incidentId]);
    if (fieldName.trim() === '') throw invalid(path, 'Name the custom field to set.');
    await call(path, { incident_id: incidentId, field_name: fieldName, field_value: value }, emptySchema);
  }

  return {
    createIncident: (input: CreateIncidentInput) => createIncident(call, input),

    ack: (incidentIds: readonly string[]) => batch('/incident/ack', incidentIds),
    unack: (incidentIds: readonly string[]) => batch('/incident/unack', incidentIds),

    async resolve(incidentIds: readonly string[], detail: { root_cause?: string; resolution?: string } = {}) {
      checkAtMost1024('/incident/resolve', 'root cause', detail.root_cause);
      checkAtMost1024('/incident/resolve', 'resolution', detail.resolution);
      await batch('/incident/resolve', incidentIds, { root_cause: detail.root_cause, resolution: detail.resolution });
    },

    async reopen(incidentIds: readonly string[], reason?: string): Promise<void> {
      checkAtMost1024('/incident/reopen', 'reopen reason', reason);
      await batch('/incident/reopen', incidentIds, { reason });
    },

    async snooze(incidentIds: readonly string[], minutes: number): Promise<void> {
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
        throw invalid('/incident/snooze', 'Snooze for 1 to 1,440 whole minutes (at most 24 hours).');
      }
      await batch('/incident/snooze', incidentIds, { minutes });
    },

    wake: (incidentIds: readonly string[]) => batch('/incident/wake', incidentIds),

    /** Updates title/description/impact/root cause/resolution/severity in one call. */
    async reset(incidentId: string, input: ResetIncidentInput): Promise<void> {
      const path = '/incident/reset';
      checkIncidentIds(path, [incidentId]);
      const texts = checkReset(path, input);
      await call(path, { incident_id: incidentId, ...texts, incident_severity: input.severity }, emptySchema);
    },

    resetField,

    async comment(incidentIds: readonly string[], text: string, opts: { muteReply?: boolean } = {}): Promise<void> {
      const comment = text.trim();
      if (comment === '' || comment.length > 1024)
        throw invalid('/incident/comment', 'A comment must be 1 to 1,024 characters.');
      await batch('/incident/comment', incidentIds, { comment, mute_reply: opts.muteReply });
    },

    async feed(
      incidentId: string,
      request: FeedRequest = {},
    ): Promise<{ items: FlashdutyFeedItem[]; hasNextPage: boolean }> {
      const path = '/incident/feed';
      checkIncidentIds(path, [incidentId]);
      const limit = pageLimit(path, request.limit);
      const page = await call(
        path,
        { incident_id: incidentId, p: request.p ?? 1, limit, asc: request.asc, types: request.types },
        feedPageSchema,
      );
      return { items: page.items, hasNextPage: page.has_next_page };
    },
  };
}
