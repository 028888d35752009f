import { z } from 'zod';
import type { SdpCaller } from './caller';
import {
  MAX_ROW_COUNT,
  SdpCreateRequestInput,
  SdpRequestInput,
  invalidInput,
  parseInput,
  requestId,
  type CloseRequestInput,
  type ListRequestsQuery,
  type SdpCondition,
  type SdpRequestPage,
} from './inputs';
import { WireListInfo, WireRequest, type SdpRequest } from './wire';

/** Reading and writing requests: create, read, update, list, page by change time, resolve, close. */

const RequestEnvelope = z.looseObject({ request: WireRequest });
const RequestList = z.looseObject({ requests: z.array(WireRequest).default([]), list_info: WireListInfo });
const AnyEnvelope = z.unknown();

export function createRequestCalls({ base, call }: SdpCaller) {
  async function listRequests(query: ListRequestsQuery = {}): Promise<SdpRequestPage> {
    const rowCount = query.rowCount ?? MAX_ROW_COUNT;
    if (!Number.isInteger(rowCount) || rowCount < 1 || rowCount > MAX_ROW_COUNT) {
      throw invalidInput(`row_count must be between 1 and ${MAX_ROW_COUNT}.`, ['row_count']);
    }
    const startIndex = query.startIndex ?? 1;
    const listInfo = {
      row_count: rowCount,
      start_index: startIndex,
      ...(query.sortField ? { sort_field: query.sortField, sort_order: query.sortOrder ?? 'asc' } : {}),
      ...(query.getTotalCount ? { get_total_count: true } : {}),
      ...(query.searchCriteria ? { search_criteria: query.searchCriteria } : {}),
      ...(query.searchFields ? { search_fields: query.searchFields } : {}),
      ...(query.fieldsRequired ? { fields_required: query.fieldsRequired } : {}),
    };
    const body = await call('GET', `${base}/requests`, RequestList, { list_info: listInfo });
    const totalCount = body.list_info?.total_count === undefined ? undefined : Number(body.list_info.total_count);
    return {
      requests: body.requests,
      hasMoreRows: body.list_info?.has_more_rows ?? false,
      startIndex,
      rowCount: body.requests.length,
      ...(totalCount === undefined ? {} : { totalCount }),
    };
  }

  return {
    async createRequest(input: SdpCreateRequestInput): Promise<SdpRequest> {
      const request = parseInput(SdpCreateRequestInput, input, 'request');
      return (await call('POST', `${base}/requests`, RequestEnvelope, { request })).request;
    },

    async getRequest(id: string): Promise<SdpRequest> {
      return (await call('GET', `${base}/requests/${requestId(id)}`, RequestEnvelope)).request;
    },

    async updateRequest(id: string, patch: SdpRequestInput): Promise<SdpRequest> {
      const request = parseInput(SdpRequestInput, patch, 'request update');
      return (await call('PUT', `${base}/requests/${requestId(id)}`, RequestEnvelope, { request })).request;
    },

    listRequests,

    requestsUpdatedSince: (sinceMs: number, opts: { pageSize?: number; fields?: readonly string[] } = {}) =>
      requestsUpdatedSince(listRequests, sinceMs, opts),

    async setResolution(id: string, content: string): Promise<void> {
      await call('POST', `${base}/requests/${requestId(id)}/resolutions`, AnyEnvelope, {
        resolution: { content, add_to_linked_requests: false },
      });
    },

    async closeRequest(id: string, input: CloseRequestInput = {}): Promise<SdpRequest> {
      const closure_info = {
        ...(input.comments === undefined ? {} : { closure_comments: input.comments }),
        ...(input.closureCode === undefined ? {} : { closure_code: { name: input.closureCode } }),
        ...(input.requesterAck === undefined ? {} : { requester_ack_resolution: input.requesterAck }),
      };
      return (
        await call('PUT', `${base}/requests/${requestId(id)}`, RequestEnvelope, {
          request: { status: { name: input.statusName ?? 'Closed' }, closure_info },
        })
      ).request;
    },
  };
}

/**
 * Keyset paging on last_updated_time: a request updated mid-scan moves to the end of the
 * order, which would shift start_index pages and silently skip a row. Re-querying from the
 * newest time seen (inclusive, skipping IDs already yielded at exactly that time) cannot skip.
 */
async function* requestsUpdatedSince(
  listRequests: (query: ListRequestsQuery) => Promise<SdpRequestPage>,
  sinceMs: number,
  opts: { pageSize?: number; fields?: readonly string[] },
): AsyncGenerator<SdpRequest> {
  if (!Number.isFinite(sinceMs)) throw invalidInput('The watermark must be epoch milliseconds.', ['sinceMs']);
  let since = Math.trunc(sinceMs);
  let condition: SdpCondition = 'greater than';
  let yieldedAtSince = new Set<string>();
  for (let start = 1; ;) {
    const page = await listRequests({
      searchCriteria: [{ field: 'last_updated_time', condition, value: String(since) }],
      sortField: 'last_updated_time',
      sortOrder: 'asc',
      startIndex: start,
      rowCount: opts.pageSize ?? MAX_ROW_COUNT,
      fieldsRequired: [...new Set(['last_updated_time', ...(opts.fields ?? [])])],
    });
    const before = since;
    for (const r of page.requests) {
      const t = r.last_updated_time;
      if (t !== null && t === since && yieldedAtSince.has(r.id)) continue;
      yield r;
      if (t === null) continue;
      if (t > since) {
        since = t;
        yieldedAtSince = new Set([r.id]);
      } else if (t === since) {
        yieldedAtSince.add(r.id);
      }
    }
    if (!page.hasMoreRows || page.requests.length === 0) return;
    if (since === before) {
      // Still inside one instant (more same-ms changes than a page holds): page on within it.
      start += page.requests.length;
    } else {
      start = 1;
      condition = 'greater or equal';
    }
  }
}
