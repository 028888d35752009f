import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { z } from 'zod';
import { FLASHDUTY_DEFAULT_API_BASE } from '../../common/config';
import { parseRetryAfter, sleep as realSleep, withRetry, type RetryPolicy } from '../net/backoff';
import { unlessAborted } from '../net/abort';
import { RateBudget } from '../net/rate-budget';
import { redactText, redactUrl } from '../net/redact';
import { FlashdutyError, errorFromResponse } from './errors';
import { jsonInt, parseJsonLossless, stringifyJson } from './lossless-json';
import {
  INCIDENT_ID_PATTERN,
  channelSchema,
  feedItemSchema,
  fieldDefinitionSchema,
  incidentSchema,
  memberInfoSchema,
  memberSchema,
  personSchema,
  teamSchema,
  type FlashdutyChannel,
  type FlashdutyFeedItem,
  type FlashdutyFieldDefinition,
  type FlashdutyFieldValue,
  type FlashdutyIncident,
  type FlashdutyMember,
  type FlashdutyMemberInfo,
  type FlashdutyPerson,
  type FlashdutyProgress,
  type FlashdutySeverity,
  type FlashdutyTeam,
} from './types';
import { MAX_LIST_WINDOW_SECONDS, splitTimeWindows } from './windows';

export interface FlashdutySettings {
  /** Defaults to FLASHDUTY_DEFAULT_API_BASE (also when blank). */
  baseUrl?: string;
  /** Secret: sent as the `app_key` query parameter, never logged. */
  appKey: string;
  /** Client-side call budget per account; defaults to Flashduty's 50/s and 1,000/min. */
  budget?: { perSecond?: number; perMinute?: number };
}

/** One HTTP attempt, for the sync log. Contains no secrets. */
export interface FlashdutyCallRecord {
  path: string;
  attempt: number;
  httpStatus?: number;
  requestId?: string;
  errorCode?: string;
  durationMs: number;
}

export interface FlashdutyClientOptions {
  /** Defaults to 4 attempts (3 retries), 500 ms doubling, 30 s cap. */
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  /** Per-attempt timeout; defaults to 30 s. */
  timeoutMs?: number;
  onCall?: (record: FlashdutyCallRecord) => void;
  /** Aborted on shutdown: waits for the rate budget or a retry end at once with the shutting-down error. */
  signal?: AbortSignal;
}

export const FLASHDUTY_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };
const MAX_IDS_PER_CALL = 100;
const PAGE_LIMIT = 100;

export interface IncidentFilter {
  progress?: FlashdutyProgress[];
  severities?: FlashdutySeverity[];
  /** "0" selects standalone incidents. */
  channelIds?: string[];
  teamIds?: string[];
  incidentIds?: string[];
  nums?: string[];
  query?: string;
  isSnoozed?: boolean;
  asc?: boolean;
}

export interface IncidentPageRequest extends IncidentFilter {
  /** Unix seconds; at most 31 days before endTime. */
  startTime: number;
  /** Unix seconds. */
  endTime: number;
  /** 1..100, default 100. */
  limit?: number;
  /** Cursor from the previous page; absent for the first page. */
  searchAfterCtx?: string;
}

export interface IncidentPage {
  items: FlashdutyIncident[];
  hasNextPage: boolean;
  /** Present while hasNextPage is true. */
  searchAfterCtx?: string;
}

export interface IncidentSpan extends IncidentFilter {
  /** Unix seconds; any span length, split into ≤ 31-day windows. */
  startTime: number;
  /** Unix seconds. */
  endTime: number;
  pageSize?: number;
}

export interface CreateIncidentInput {
  title: string;
  severity: FlashdutySeverity;
  description?: string;
  /** Omit for a standalone incident. */
  channelId?: string;
  assignedPersonIds?: string[];
  /** Set after creation through /incident/field/reset (the create operation takes no fields). */
  fields?: Record<string, FlashdutyFieldValue>;
}

export interface ResetIncidentInput {
  title?: string;
  description?: string;
  impact?: string;
  root_cause?: string;
  resolution?: string;
  severity?: FlashdutySeverity;
}

export interface FeedRequest {
  p?: number;
  limit?: number;
  asc?: boolean;
  types?: string[];
}

const emptySchema = z.unknown();
const envelopeSchema = z.object({
  request_id: z.string().optional(),
  data: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string().optional() }).nullish(),
});

const incidentPageSchema = z.object({
  items: z
    .array(incidentSchema)
    .nullish()
    .transform((v) => v ?? []),
  has_next_page: z.boolean().default(false),
  search_after_ctx: z.string().optional(),
});
const createdSchema = z.object({ incident_id: z.string(), title: z.string().default('') });
const feedPageSchema = z.object({
  items: z
    .array(feedItemSchema)
    .nullish()
    .transform((v) => v ?? []),
  has_next_page: z.boolean().default(false),
});
const pagedSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z
      .array(item)
      .nullish()
      .transform((v) => v ?? []),
    total: z.number().int().optional(),
    has_next_page: z.boolean().optional(),
  });
const itemsSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z
      .array(item)
      .nullish()
      .transform((v) => v ?? []),
  });

function invalid(path: string, message: string): FlashdutyError {
  return new FlashdutyError('flashduty.invalid_parameter', message, { path });
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function headerValue(res: AxiosResponse, name: string): string | undefined {
  const value: unknown = res.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export type FlashdutyClient = ReturnType<typeof createFlashdutyClient>;

export function createFlashdutyClient(settings: FlashdutySettings, options: FlashdutyClientOptions = {}) {
  const appKey = settings.appKey.trim();
  if (appKey === '') throw invalid('app_key', 'Enter the Flashduty APP key (Account Settings → APP Key in Flashduty).');
  const baseUrl = (settings.baseUrl?.trim() || FLASHDUTY_DEFAULT_API_BASE).replace(/\/+$/, '');
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    throw invalid(
      'base_url',
      `"${redactUrl(baseUrl)}" is not a valid Flashduty API base URL; it should look like ${FLASHDUTY_DEFAULT_API_BASE}.`,
    );
  }
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? realSleep;
  const retry = options.retry ?? FLASHDUTY_RETRY;
  const budget = new RateBudget(
    [
      { limit: settings.budget?.perSecond ?? 50, windowMs: 1_000 },
      { limit: settings.budget?.perMinute ?? 1_000, windowMs: 60_000 },
    ],
    { now, sleep: wait },
    options.signal,
  );
  const http: AxiosInstance = axios.create({
    baseURL: baseUrl,
    timeout: options.timeoutMs ?? 30_000,
    params: { app_key: appKey },
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    responseType: 'text',
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxRedirects: 0,
  });
  const scrub = (text: string): string => redactText(redactUrl(text), [appKey]);

  async function attempt(
    path: string,
    body: string,
    attemptNo: number,
  ): Promise<{ data: unknown; requestId: string | undefined }> {
    await budget.take();
    const started = now();
    const record = (r: Omit<FlashdutyCallRecord, 'path' | 'attempt' | 'durationMs'>) =>
      options.onCall?.({ path, attempt: attemptNo, durationMs: now() - started, ...r });
    let res: AxiosResponse;
    try {
      res = await http.post(path, body);
    } catch (error) {
      const reason = axios.isAxiosError(error) ? (error.code ?? error.message) : String(error);
      const failure = new FlashdutyError(
        'flashduty.network',
        `Could not reach Flashduty at ${new URL(baseUrl).host} (${scrub(reason)}). Check the network connection and the API base URL.`,
        { path, retryable: true },
      );
      record({ errorCode: failure.code });
      throw failure;
    }
    const requestIdHeader = headerValue(res, 'flashcat-request-id');
    const retryAfterMs = parseRetryAfter(headerValue(res, 'retry-after'), now());
    let parsed: unknown;
    try {
      parsed = parseJsonLossless(typeof res.data === 'string' ? res.data : '');
    } catch {
      parsed = undefined;
    }
    const envelope = envelopeSchema.safeParse(parsed);
    const requestId = (envelope.success ? envelope.data.request_id : undefined) ?? requestIdHeader;
    let failure: FlashdutyError | undefined;
    if (envelope.success && envelope.data.error) {
      failure = errorFromResponse({
        path,
        httpStatus: res.status,
        fdCode: envelope.data.error.code,
        serverMessage: scrub(envelope.data.error.message ?? ''),
        ...(requestId === undefined ? {} : { requestId }),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    } else if (res.status < 200 || res.status >= 300) {
      failure = errorFromResponse({
        path,
        httpStatus: res.status,
        ...(requestId === undefined ? {} : { requestId }),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    } else if (!envelope.success || envelope.data.data === undefined) {
      failure = new FlashdutyError(
        'flashduty.bad_response',
        `Flashduty answered ${path} with something that is not its JSON envelope. Check the API base URL points at Flashduty.`,
        { path, httpStatus: res.status, ...(requestId === undefined ? {} : { requestId }) },
      );
    }
    record({
      httpStatus: res.status,
      ...(requestId === undefined ? {} : { requestId }),
      ...(failure === undefined ? {} : { errorCode: failure.code }),
    });
    if (failure) throw failure;
    return { data: envelope.success ? envelope.data.data : undefined, requestId };
  }

  async function call<T extends z.ZodType>(path: string, body: unknown, schema: T): Promise<z.output<T>> {
    const text = stringifyJson(body);
    const { data, requestId } = await withRetry((n) => attempt(path, text, n), retry, {
      sleep: (ms) => unlessAborted(wait(ms), options.signal),
      ...(options.random ? { random: options.random } : {}),
    });
    const result = schema.safeParse(data);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new FlashdutyError(
        'flashduty.bad_response',
        `Flashduty's answer to ${path} did not have the expected shape (at "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}).`,
        { path, ...(requestId === undefined ? {} : { requestId }) },
      );
    }
    return result.data;
  }

  function checkIncidentIds(path: string, ids: readonly string[]): void {
    const bad = ids.find((id) => !INCIDENT_ID_PATTERN.test(id));
    if (bad !== undefined) throw invalid(path, `"${bad}" is not a Flashduty incident ID (24 hexadecimal characters).`);
  }

  /** Runs a batch operation over any number of incidents, at most 100 per call. */
  async function batch(path: string, ids: readonly string[], extra: Record<string, unknown> = {}): Promise<void> {
    if (ids.length === 0) throw invalid(path, `${path} needs at least one incident ID.`);
    checkIncidentIds(path, ids);
    for (const part of chunk(ids, MAX_IDS_PER_CALL)) await call(path, { incident_ids: part, ...extra }, emptySchema);
  }

  const ints = (ids: readonly string[] | undefined) => ids?.map((id) => jsonInt(id));

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

  async function listIncidentsPage(request: IncidentPageRequest): Promise<IncidentPage> {
    const path = '/incident/list';
    const { startTime, endTime } = request;
    if (!Number.isInteger(startTime) || !Number.isInteger(endTime) || endTime <= startTime) {
      throw invalid(path, 'The incident search window needs whole Unix seconds with end after start.');
    }
    if (endTime - startTime > MAX_LIST_WINDOW_SECONDS) {
      throw invalid(path, 'One incident list call covers at most 31 days; use iterateIncidents for longer spans.');
    }
    const limit = request.limit ?? PAGE_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMIT)
      throw invalid(path, 'The page size must be 1 to 100.');
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

  /**
   * Every incident that started within the span, each exactly once: oldest first, or newest first
   * with `asc: false` (windows then run from the end, so a caller stopping early keeps the newest).
   */
  async function* iterateIncidents(span: IncidentSpan): AsyncGenerator<FlashdutyIncident> {
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

  async function listIncidents(span: IncidentSpan): Promise<FlashdutyIncident[]> {
    const all: FlashdutyIncident[] = [];
    for await (const incident of iterateIncidents(span)) all.push(incident);
    return all;
  }

  async function listAllPages<T extends z.ZodType>(
    path: string,
    body: Record<string, unknown>,
    item: T,
  ): Promise<z.output<T>[]> {
    const all: z.output<T>[] = [];
    for (let p = 1; ; p++) {
      const page = await call(path, { ...body, p, limit: PAGE_LIMIT }, pagedSchema(item));
      all.push(...page.items);
      const more =
        page.has_next_page ??
        (page.total !== undefined ? p * PAGE_LIMIT < page.total : page.items.length === PAGE_LIMIT);
      if (!more || page.items.length === 0) return all;
    }
  }

  return {
    /** The base URL with nothing secret in it, for display and logs. */
    baseUrl: redactUrl(baseUrl),

    listIncidentsPage,
    iterateIncidents,
    listIncidents,

    async getIncident(incidentId: string): Promise<FlashdutyIncident> {
      checkIncidentIds('/incident/info', [incidentId]);
      return call('/incident/info', { incident_id: incidentId }, incidentSchema);
    },

    /** Fetches any number of incidents, 100 per call; unknown IDs are simply absent. */
    async listIncidentsByIds(incidentIds: readonly string[]): Promise<FlashdutyIncident[]> {
      const path = '/incident/list-by-ids';
      checkIncidentIds(path, incidentIds);
      const all: FlashdutyIncident[] = [];
      for (const part of chunk([...new Set(incidentIds)], MAX_IDS_PER_CALL)) {
        const page = await call(path, { incident_ids: part }, incidentPageSchema);
        all.push(...page.items);
      }
      return all;
    },

    async createIncident(input: CreateIncidentInput): Promise<{ incident_id: string; title: string }> {
      const path = '/incident/create';
      const title = input.title.trim();
      if (title === '' || title.length > 512) throw invalid(path, 'The incident title must be 1 to 512 characters.');
      if ((input.description ?? '').length > 1024)
        throw invalid(path, 'The incident description must be at most 1,024 characters.');
      if (
        input.assignedPersonIds !== undefined &&
        (input.assignedPersonIds.length < 1 || input.assignedPersonIds.length > 100)
      ) {
        throw invalid(path, 'Assign the incident to 1 to 100 people.');
      }
      const created = await call(
        path,
        {
          title,
          incident_severity: input.severity,
          description: input.description,
          channel_id: input.channelId === undefined ? undefined : jsonInt(input.channelId),
          assigned_to:
            input.assignedPersonIds === undefined ? undefined : { person_ids: ints(input.assignedPersonIds) },
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
    },

    ack: (incidentIds: readonly string[]) => batch('/incident/ack', incidentIds),
    unack: (incidentIds: readonly string[]) => batch('/incident/unack', incidentIds),

    async resolve(
      incidentIds: readonly string[],
      detail: { root_cause?: string; resolution?: string } = {},
    ): Promise<void> {
      for (const key of ['root_cause', 'resolution'] as const) {
        if ((detail[key] ?? '').length > 1024)
          throw invalid('/incident/resolve', `The ${key.replace('_', ' ')} must be at most 1,024 characters.`);
      }
      await batch('/incident/resolve', incidentIds, { root_cause: detail.root_cause, resolution: detail.resolution });
    },

    async reopen(incidentIds: readonly string[], reason?: string): Promise<void> {
      if ((reason ?? '').length > 1024)
        throw invalid('/incident/reopen', 'The reopen reason must be at most 1,024 characters.');
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
      await call(path, { incident_id: incidentId, ...texts, incident_severity: input.severity }, emptySchema);
    },

    /** Sets one custom field; `undefined` clears it. */
    async resetField(incidentId: string, fieldName: string, value: FlashdutyFieldValue | undefined): Promise<void> {
      const path = '/incident/field/reset';
      checkIncidentIds(path, [incidentId]);
      if (fieldName.trim() === '') throw invalid(path, 'Name the custom field to set.');
      await call(path, { incident_id: incidentId, field_name: fieldName, field_value: value }, emptySchema);
    },

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
      const limit = request.limit ?? PAGE_LIMIT;
      if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMIT)
        throw invalid(path, 'The page size must be 1 to 100.');
      const page = await call(
        path,
        { incident_id: incidentId, p: request.p ?? 1, limit, asc: request.asc, types: request.types },
        feedPageSchema,
      );
      return { items: page.items, hasNextPage: page.has_next_page };
    },

    listChannels: (filter: { query?: string; teamIds?: string[] } = {}): Promise<FlashdutyChannel[]> =>
      listAllPages('/channel/list', { query: filter.query, team_ids: ints(filter.teamIds) }, channelSchema),

    listTeams: (filter: { query?: string } = {}): Promise<FlashdutyTeam[]> =>
      listAllPages('/team/list', { query: filter.query }, teamSchema),

    listMembers: (filter: { query?: string } = {}): Promise<FlashdutyMember[]> =>
      listAllPages('/member/list', { query: filter.query }, memberSchema),

    /** The user this app key acts as; actions made with the key carry this member_id. */
    memberInfo: (): Promise<FlashdutyMemberInfo> => call('/member/info', {}, memberInfoSchema),

    async listFields(): Promise<FlashdutyFieldDefinition[]> {
      return (await call('/field/list', {}, itemsSchema(fieldDefinitionSchema))).items;
    },

    async personInfos(personIds: readonly string[]): Promise<FlashdutyPerson[]> {
      if (personIds.length === 0) return [];
      const all: FlashdutyPerson[] = [];
      for (const part of chunk([...new Set(personIds)], MAX_IDS_PER_CALL)) {
        all.push(...(await call('/person/infos', { person_ids: ints(part) }, itemsSchema(personSchema))).items);
      }
      return all;
    },
  };
}
