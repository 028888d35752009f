import { z } from 'zod';
import { FlashdutyError } from './errors';
import {
  checkIncidentIds,
  inChunks,
  ints,
  invalid,
  listOf,
  pageLimit,
  type IncidentFilter,
  type IncidentPage,
  type IncidentPageRequest,
  type IncidentSpan,
} from './inputs';
import type { FlashdutyTransport } from './transport';
import { incidentSchema, type FlashdutyIncident } from './types';
import { MAX_LIST_WINDOW_SECONDS, splitTimeWindows } from './windows';

/** Reading incidents: one page, a whole span of any length, by ID. */

const incidentPageSchema = z.object({
  items: listOf(incidentSchema),
  has_next_page: z.boolean().default(false),
  search_after_ctx: z.string().optional(),
});

function incidentFilterBody(filter: IncidentFilter): Record<string, unknown> {
  return {
    progress: filter.progress?.join(','),
    incident_severity: filter.severities?.join(','),
    channel_ids: ints(filter.channelIds),
    team_ids: ints(filter.teamIds),
    incident_ids: filter.incidentIds,
    nums: filter.nums,
    query: filter.query,
    is_snoozed: filter.isSnoozed,
    asc: filter.asc,
  };
}

export function createIncidentReads({ call }: FlashdutyTransport) {
  async function listIncidentsPage(request: IncidentPageRequest): Promise<IncidentPage> {
    const path = '/incident/list';
    const { startTime, endTime } = request;
    if (!Number.isInteger(startTime) || !Number.isInteger(endTime) || endTime <= startTime) {
      throw invalid(path, 'The incident search window needs whole Unix seconds with end after start.');
    }
    if (endTime - startTime > MAX_LIST_WINDOW_SECONDS) {
      throw invalid(path, 'One incident list call covers at most 31 days; use iterateIncidents for longer spans.');
    }
    const limit = pageLimit(path, request.limit);
    const page = await call(
      path,
      {
        start_time: startTime,
        end_time: endTime,
        limit,
        search_after_ctx: request.searchAfterCtx,
        ...incidentFilterBody(request),
      },
      incidentPageSchema,
    );
    return {
      items: page.items,
      hasNextPage: page.has_next_page,
      ...(page.has_next_page && page.search_after_ctx ? { searchAfterCtx: page.search_after_ctx } : {}),
    };
  }

  const iterateIncidents = (span: IncidentSpan) => iterateSpan(listIncidentsPage, span);

  return {
    listIncidentsPage,
    iterateIncidents,

    async listIncidents(span: IncidentSpan): Promise<FlashdutyIncident[]> {
      const all: FlashdutyIncident[] = [];
      for await (const incident of iterateIncidents(span)) all.push(incident);
      return all;
    },

    async getIncident(incidentId: string): Promise<FlashdutyIncident> {
      checkIncidentIds('/incident/info', [incidentId]);
      return call('/incident/info', { incident_id: incidentId }, incidentSchema);
    },

    /** Fetches any number of incidents, 100 per call; unknown IDs are simply absent. */
    async listIncidentsByIds(incidentIds: readonly string[]): Promise<FlashdutyIncident[]> {
      const path = '/incident/list-by-ids';
      checkIncidentIds(path, incidentIds);
      const all: FlashdutyIncident[] = [];
      for (const part of inChunks(incidentIds)) {
        const page = await call(path, { incident_ids: part }, incidentPageSchema);
        all.push(...page.items);
      }
      return all;
    },
  };
}

/**
 * Every incident that started within the span, each exactly once: oldest first, or newest first
 * with `asc: false` (windows then run from the end, so a caller stopping early keeps the newest).
 */
async function* iterateSpan(
  listIncidentsPage: (request: IncidentPageRequest) => Promise<IncidentPage>,
  span: IncidentSpan,
): AsyncGenerator<FlashdutyIncident> {
  let windows;
  try {
    windows = splitTimeWindows(span.startTime, span.endTime);
  } catch (error) {
    throw invalid('/incident/list', `The incident search span is not valid: ${(error as Error).message}.`);
  }
  let previousWindowIds = new Set<string>();
  for (const window of span.asc === false ? windows.reverse() : windows) {
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (;;) {
      const page = await listIncidentsPage({
        ...span,
        asc: span.asc ?? true,
        startTime: window.startTime,
        endTime: window.endTime,
        ...(span.pageSize === undefined ? {} : { limit: span.pageSize }),
        ...(cursor === undefined ? {} : { searchAfterCtx: cursor }),
      });
      for (const incident of page.items) {
        if (seen.has(incident.incident_id) || previousWindowIds.has(incident.incident_id)) continue;
        seen.add(incident.incident_id);
        yield incident;
      }
      if (!page.hasNextPage) break;
      if (page.searchAfterCtx === undefined || page.searchAfterCtx === cursor) {
        throw new FlashdutyError(
          'flashduty.bad_response',
          'Flashduty said more incidents follow but gave no new cursor; stopped paging to avoid a loop.',
          { path: '/incident/list' },
        );
      }
      cursor = page.searchAfterCtx;
    }
    previousWindowIds = seen;
  }
}
