import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import { withRetry, sleep as realSleep, type RetryHooks, type RetryPolicy } from '../net/backoff';
import { unlessAborted } from '../net/abort';
import { RateBudget } from '../net/rate-budget';
import { SdpError } from './errors';
import { ZohoTokenSource, type ZohoTokenRegistry, type ZohoTokenStore } from './oauth';
import { scopeForCall } from './scopes';
import { createTlsAgent, type SdpTlsSettings } from './tls';
import { interpretSdpResponse, sendHttp, type HttpMethod } from './transport';
import {
  WireGroup,
  WireListInfo,
  WireMetainfo,
  WireNote,
  WirePerson,
  WirePortal,
  WirePriority,
  WireRequest,
  WireStatusDef,
  WireTemplate,
  mandatoryFieldsOf,
  normaliseMetainfo,
  type SdpGroup,
  type SdpNote,
  type SdpPerson,
  type SdpPortal,
  type SdpPriority,
  type SdpRequest,
  type SdpStatus,
  type SdpTemplate,
  type SdpUdfDefinition,
} from './wire';

export { exchangeGrantCode, type GrantCodeExchange, type GrantCodeResult } from './oauth';
export type {
  SdpGroup,
  SdpNote,
  SdpPerson,
  SdpPortal,
  SdpPriority,
  SdpRequest,
  SdpStatus,
  SdpTemplate,
  SdpUdfDefinition,
};
export type { StatusClass } from './status';

export interface SdpCloudSettings {
  edition: 'cloud';
  /** `https://<domain>/app/<portal>/api/v3` */
  apiBaseUrl: string;
  accountsServer: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  rateLimitPerMin?: number;
}

export interface SdpOnpremSettings {
  edition: 'onprem';
  /** `http(s)://host:port/api/v3` */
  apiBaseUrl: string;
  apiKey: string;
  portalId?: string;
  tls?: SdpTlsSettings;
  rateLimitPerMin?: number;
}

export type SdpClientSettings = SdpCloudSettings | SdpOnpremSettings;

const Filled = (what: string) => z.string().trim().min(1, `${what} is empty`);
const SettingsSchema = z.discriminatedUnion('edition', [
  z.looseObject({
    edition: z.literal('cloud'),
    apiBaseUrl: Filled('the API endpoint'),
    accountsServer: z.url({ message: 'the Zoho accounts server must be a URL such as https://accounts.zoho.com' }),
    clientId: Filled('the client ID'),
    clientSecret: Filled('the client secret'),
    refreshToken: Filled('the refresh token'),
    rateLimitPerMin: z.number().positive().optional(),
  }),
  z.looseObject({
    edition: z.literal('onprem'),
    apiBaseUrl: Filled('the API endpoint'),
    apiKey: Filled('the API key'),
    portalId: z.string().regex(/^\d+$/, 'the portal ID must be digits').optional(),
    rateLimitPerMin: z.number().positive().optional(),
  }),
]);

export interface SdpClientOptions {
  retry?: RetryPolicy;
  /** Drives the rate budget, token expiry and Retry-After; tests pass a fake one. */
  clock?: { now: () => number; sleep: (ms: number) => Promise<void> };
  random?: () => number;
  timeoutMs?: number;
  onRetry?: RetryHooks['onRetry'];
  /** Cloud: the app's one token cache per refresh token; without it the client keeps its own. */
  tokens?: ZohoTokenRegistry;
  /** Cloud: where the token cache persists (the keychain), so a restart reuses the access token. */
  tokenStore?: ZohoTokenStore;
  /** Cloud: an access token just minted by a grant-code exchange, used before minting another. */
  initialToken?: { accessToken: string; expiresInSec: number };
  /** Aborted on shutdown: waits for the rate budget or a retry end at once with the shutting-down error. */
  signal?: AbortSignal;
}

/** The official client's policy (3 retries, 2/4/8 s) with room for a server's Retry-After. */
export const SDP_DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 2_000, maxDelayMs: 60_000 };
export const DEFAULT_RATE_PER_MIN = { cloud: 30, onprem: 120 } as const;
export const MAX_ROW_COUNT = 100;

const Lookup = z.union([
  z.strictObject({ name: z.string().min(1) }),
  z.strictObject({ id: z.string().regex(/^\d+$/) }),
]);
const UserRef = z.union([
  z.strictObject({ email_id: z.string().min(1) }),
  z.strictObject({ name: z.string().min(1) }),
  z.strictObject({ id: z.string().regex(/^\d+$/) }),
]);

const RequestInputShape = {
  subject: z.string().min(1).max(250).optional(),
  description: z.string().optional(),
  status: Lookup.optional(),
  priority: Lookup.nullable().optional(),
  urgency: Lookup.nullable().optional(),
  impact: Lookup.nullable().optional(),
  category: Lookup.nullable().optional(),
  template: Lookup.optional(),
  requester: UserRef.optional(),
  technician: UserRef.nullable().optional(),
  group: Lookup.nullable().optional(),
  udf_fields: z.record(z.string().min(1), z.string().nullable()).optional(),
  update_reason: z.string().optional(),
  status_change_comments: z.string().optional(),
  resolution: z.strictObject({ content: z.string() }).optional(),
};
export const SdpRequestInput = z.strictObject(RequestInputShape);
export type SdpRequestInput = z.input<typeof SdpRequestInput>;
export const SdpCreateRequestInput = z.strictObject({ ...RequestInputShape, subject: z.string().min(1).max(250) });
export type SdpCreateRequestInput = z.input<typeof SdpCreateRequestInput>;

export type SdpCondition =
  | 'is'
  | 'is not'
  | 'greater than'
  | 'greater or equal'
  | 'lesser than'
  | 'lesser or equal'
  | 'between'
  | 'not between'
  | 'starts with'
  | 'ends with'
  | 'contains'
  | 'not contains';

export interface SdpSearchCriterion {
  field?: string;
  condition?: SdpCondition;
  value?: string | number | boolean | Record<string, string>;
  values?: (string | number | boolean | Record<string, string>)[];
  /** Joins this criterion to the previous one. */
  logical_operator?: 'AND' | 'OR';
  children?: SdpSearchCriterion[];
}

export interface ListRequestsQuery {
  searchCriteria?: SdpSearchCriterion[];
  searchFields?: Record<string, string>;
  sortField?: string;
  sortOrder?: 'asc' | 'desc';
  startIndex?: number;
  rowCount?: number;
  getTotalCount?: boolean;
  fieldsRequired?: string[];
}

export interface SdpRequestPage {
  requests: SdpRequest[];
  hasMoreRows: boolean;
  startIndex: number;
  rowCount: number;
  totalCount?: number;
}

export interface AddNoteInput {
  description: string;
  showToRequester?: boolean;
  notifyTechnician?: boolean;
  markFirstResponse?: boolean;
}

export interface CloseRequestInput {
  comments?: string;
  closureCode?: string;
  requesterAck?: boolean;
  /** Name of the completed status to use; SDP's is "Closed". */
  statusName?: string;
}

export interface SdpTemplateDetail extends SdpTemplate {
  mandatoryFields: string[];
}

export interface SdpClient {
  readonly edition: 'cloud' | 'onprem';
  createRequest(input: SdpCreateRequestInput): Promise<SdpRequest>;
  getRequest(id: string): Promise<SdpRequest>;
  updateRequest(id: string, patch: SdpRequestInput): Promise<SdpRequest>;
  listRequests(query?: ListRequestsQuery): Promise<SdpRequestPage>;
  /**
   * Every request updated after `sinceMs`, oldest change first, paging until SDP has no more rows.
   * List rows are lean (no last_updated_time, priority, udf_fields or description unless asked for):
   * this always asks for last_updated_time, and for `fields` besides.
   */
  requestsUpdatedSince(
    sinceMs: number,
    options?: { pageSize?: number; fields?: readonly string[] },
  ): AsyncGenerator<SdpRequest>;
  addNote(requestId: string, note: AddNoteInput): Promise<SdpNote>;
  listNotes(requestId: string): Promise<SdpNote[]>;
  setResolution(requestId: string, content: string): Promise<void>;
  /** The portable close: `PUT /requests/{id}` with the Closed status and closure info. */
  closeRequest(requestId: string, input?: CloseRequestInput): Promise<SdpRequest>;
  listTemplates(): Promise<SdpTemplate[]>;
  getTemplate(id: string): Promise<SdpTemplateDetail>;
  listPriorities(): Promise<SdpPriority[]>;
  listStatuses(): Promise<SdpStatus[]>;
  listTechnicians(): Promise<SdpPerson[]>;
  listGroups(): Promise<SdpGroup[]>;
  listUsers(): Promise<SdpPerson[]>;
  getRequestMetainfo(): Promise<SdpUdfDefinition[]>;
  listPortals(): Promise<SdpPortal[]>;
}

function invalidInput(message: string, fields: string[] = []): SdpError {
  return new SdpError('sdp.invalid_input', message, { fields });
}

function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join('.');
  throw invalidInput(`Invalid ${what}${field ? ` field "${field}"` : ''}: ${issue.message}.`, field ? [field] : []);
}

function requestId(id: string): string {
  if (!/^\d+$/.test(id)) throw invalidInput(`"${id}" is not an SDP request ID (digits only).`, ['id']);
  return id;
}

export function normaliseApiBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalidInput(
      'The SDP API endpoint is not a URL. Use http(s)://host:port for on-prem or https://<domain>/app/<portal>/api/v3 for cloud.',
      ['apiBaseUrl'],
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidInput('The SDP API endpoint must start with http:// or https://.', ['apiBaseUrl']);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path.endsWith('/api/v3') ? path : `${path}/api/v3`}`;
}

const RequestEnvelope = z.looseObject({ request: WireRequest });
const RequestList = z.looseObject({ requests: z.array(WireRequest).default([]), list_info: WireListInfo });
const NoteEnvelope = z
  .looseObject({ request_note: WireNote.optional(), note: WireNote.optional() })
  .refine((b) => b.request_note !== undefined || b.note !== undefined, 'no request_note in the response');
// No public recorded response shows the key of the note list
// (sdpod-v3-api/requests/request_note.html#get-list-request-note): accept both.
const NoteList = z.looseObject({
  notes: z.array(WireNote).optional(),
  request_notes: z.array(WireNote).optional(),
  list_info: WireListInfo,
});
const AnyEnvelope = z.unknown();
const TemplateEnvelope = z.looseObject({ request_template: z.record(z.string(), z.unknown()) });
const MetainfoEnvelope = z.looseObject({ metainfo: WireMetainfo });

function cloudTokens(
  settings: SdpCloudSettings,
  http: AxiosInstance,
  now: () => number,
  options: SdpClientOptions,
): ZohoTokenSource {
  const config = {
    accountsServer: settings.accountsServer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    refreshToken: settings.refreshToken,
  };
  const make = () => new ZohoTokenSource(config, http, now, options.tokenStore);
  return options.tokens ? options.tokens.source(config, make, options.tokenStore) : make();
}

function missingScope(scope: string, method: string, path: string): SdpError {
  return new SdpError(
    'sdp.forbidden',
    `SDP Cloud refused ${method} /${path.replace(/^\/+/, '').split('?')[0]} with a freshly minted token: the grant code it came from lacks the scope ${scope} (or its Zoho user may not open this portal).`,
    { httpStatus: 401, details: { scope } },
  );
}

export function createSdpClient(settings: SdpClientSettings, options: SdpClientOptions = {}): SdpClient {
  parseInput(SettingsSchema, settings, 'connection setting');
  const base = normaliseApiBaseUrl(settings.apiBaseUrl);
  const clock = options.clock ?? { now: () => Date.now(), sleep: realSleep };
  const retry = options.retry ?? SDP_DEFAULT_RETRY;
  const perMin = settings.rateLimitPerMin ?? DEFAULT_RATE_PER_MIN[settings.edition];
  const budget = new RateBudget([{ limit: perMin, windowMs: 60_000 }], clock, options.signal);
  let httpsAgent: ReturnType<typeof createTlsAgent>;
  try {
    httpsAgent = settings.edition === 'onprem' ? createTlsAgent(settings.tls) : undefined;
  } catch (error) {
    throw invalidInput(`The certificate trust settings are invalid: ${(error as Error).message}.`, [
      'tls.pinnedSha256',
    ]);
  }
  const http = axios.create({ timeout: options.timeoutMs ?? 30_000, ...(httpsAgent ? { httpsAgent } : {}) });
  const tokens = settings.edition === 'cloud' ? cloudTokens(settings, http, clock.now, options) : undefined;
  const seeded =
    tokens && options.initialToken
      ? tokens.seed(options.initialToken.accessToken, options.initialToken.expiresInSec)
      : undefined;
  const secrets = settings.edition === 'cloud' ? [settings.clientSecret, settings.refreshToken] : [settings.apiKey];

  async function authHeaders(): Promise<{ headers: Record<string, string>; token?: string }> {
    if (settings.edition === 'onprem') {
      return {
        headers: { authtoken: settings.apiKey, ...(settings.portalId ? { PORTALID: settings.portalId } : {}) },
      };
    }
    await seeded;
    const token = await tokens!.token();
    return { headers: { Authorization: `Zoho-oauthtoken ${token}` }, token };
  }

  async function call<S extends z.ZodType>(
    method: HttpMethod,
    url: string,
    schema: S,
    inputData?: unknown,
  ): Promise<z.output<S>> {
    const encoded =
      inputData === undefined ? undefined : new URLSearchParams({ input_data: JSON.stringify(inputData) }).toString();
    const target = method === 'GET' && encoded ? `${url}?${encoded}` : url;
    return withRetry(
      async () => {
        let refreshed = false;
        for (;;) {
          await budget.take();
          const auth = await authHeaders();
          const res = await sendHttp(
            http,
            {
              method,
              url: target,
              headers: {
                Accept: 'application/vnd.manageengine.sdp.v3+json',
                ...auth.headers,
                ...(method !== 'GET' && encoded ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
              },
              ...(method !== 'GET' && encoded ? { data: encoded } : {}),
            },
            { method, url: target },
          );
          if (res.status === 401 && auth.token !== undefined) {
            const scope = scopeForCall(method, url.slice(base.length));
            // A token Zoho has just minted is alive, so a 401 to it means the grant lacks this
            // call's scope (SDP answers both with the same 401). Scopes are fixed per refresh
            // token: remember the refusal instead of minting again on every such call.
            if (scope !== null && (refreshed || tokens!.lacks(scope))) {
              tokens!.markLacking(scope);
              throw missingScope(scope, method, url.slice(base.length));
            }
            // An expired or revoked access token: refresh once (single-flight) and repeat the call.
            if (!refreshed) {
              tokens!.invalidate(auth.token);
              refreshed = true;
              continue;
            }
          }
          return interpretSdpResponse(res, schema, {
            edition: settings.edition,
            secrets: auth.token ? [...secrets, auth.token] : secrets,
            now: clock.now(),
            method,
            url: target,
          });
        }
      },
      retry,
      {
        sleep: (ms) => unlessAborted(clock.sleep(ms), options.signal),
        ...(options.random ? { random: options.random } : {}),
        ...(options.onRetry ? { onRetry: options.onRetry } : {}),
      },
    );
  }

  /**
   * A metadata list, every page. One odd row (a status without flags, a technician without a
   * name) is skipped, never the whole list: SDP builds differ in which fields they return.
   */
  async function listAll<T>(path: string, key: string, item: z.ZodType<T>): Promise<T[]> {
    const schema = z.looseObject({ [key]: z.array(z.unknown()).default([]), list_info: WireListInfo });
    const out: T[] = [];
    for (let start = 1; ;) {
      const page = (await call('GET', `${base}/${path}`, schema, {
        list_info: { row_count: MAX_ROW_COUNT, start_index: start },
      })) as Record<string, unknown> & { list_info?: { has_more_rows?: boolean } };
      const rows = page[key] as unknown[];
      for (const row of rows) {
        const parsed = item.safeParse(row);
        if (parsed.success) out.push(parsed.data);
      }
      if (!page.list_info?.has_more_rows || rows.length === 0) return out;
      start += rows.length;
    }
  }

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
    edition: settings.edition,

    async createRequest(input) {
      const request = parseInput(SdpCreateRequestInput, input, 'request');
      return (await call('POST', `${base}/requests`, RequestEnvelope, { request })).request;
    },

    async getRequest(id) {
      return (await call('GET', `${base}/requests/${requestId(id)}`, RequestEnvelope)).request;
    },

    async updateRequest(id, patch) {
      const request = parseInput(SdpRequestInput, patch, 'request update');
      return (await call('PUT', `${base}/requests/${requestId(id)}`, RequestEnvelope, { request })).request;
    },

    listRequests,

    /**
     * Keyset paging on last_updated_time: a request updated mid-scan moves to the end of the
     * order, which would shift start_index pages and silently skip a row. Re-querying from the
     * newest time seen (inclusive, skipping IDs already yielded at exactly that time) cannot skip.
     */
    async *requestsUpdatedSince(sinceMs, opts = {}) {
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
    },

    async addNote(id, note) {
      if (note.description.trim() === '') throw invalidInput('A note needs some text.', ['description']);
      const body = await call('POST', `${base}/requests/${requestId(id)}/notes`, NoteEnvelope, {
        request_note: {
          description: note.description,
          show_to_requester: note.showToRequester ?? false,
          notify_technician: note.notifyTechnician ?? false,
          mark_first_response: note.markFirstResponse ?? false,
          add_to_linked_requests: false,
        },
      });
      return (body.request_note ?? body.note)!;
    },

    async listNotes(id) {
      const notes: SdpNote[] = [];
      for (let start = 1; ;) {
        const body = await call('GET', `${base}/requests/${requestId(id)}/notes`, NoteList, {
          list_info: { row_count: MAX_ROW_COUNT, start_index: start },
        });
        const rows = body.notes ?? body.request_notes ?? [];
        notes.push(...rows);
        if (!body.list_info?.has_more_rows || rows.length === 0) return notes;
        start += rows.length;
      }
    },

    async setResolution(id, content) {
      await call('POST', `${base}/requests/${requestId(id)}/resolutions`, AnyEnvelope, {
        resolution: { content, add_to_linked_requests: false },
      });
    },

    async closeRequest(id, input = {}) {
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

    listTemplates: () => listAll('request_templates', 'request_templates', WireTemplate),

    async getTemplate(id) {
      const body = await call('GET', `${base}/request_templates/${requestId(id)}`, TemplateEnvelope);
      const raw = body.request_template;
      const t = WireTemplate.safeParse(raw);
      if (!t.success) {
        throw new SdpError(
          'sdp.bad_response',
          'ServiceDesk Plus returned a request template without an id or name.',
          {},
        );
      }
      return { ...t.data, mandatoryFields: mandatoryFieldsOf(raw) };
    },

    listPriorities: () => listAll('priorities', 'priorities', WirePriority),
    listStatuses: () => listAll('statuses', 'statuses', WireStatusDef),
    listTechnicians: () => listAll('technicians', 'technicians', WirePerson),

    async listGroups() {
      try {
        return await listAll('support_groups', 'support_groups', WireGroup);
      } catch (error) {
        // Public clients show `support_groups` on-prem (griffeth-barker/ManageEngine.ServiceDesk.OnPrem,
        // Get-SDPSupportGroup.ps1) and no cloud path; fall back to `groups`.
        if (settings.edition === 'cloud' && error instanceof SdpError && error.code === 'sdp.not_found') {
          return listAll('groups', 'groups', WireGroup);
        }
        throw error;
      }
    },

    listUsers: () =>
      settings.edition === 'cloud'
        ? listAll('users', 'users', WirePerson)
        : listAll('requesters', 'requesters', WirePerson),

    async getRequestMetainfo() {
      return normaliseMetainfo((await call('GET', `${base}/requests/_metainfo`, MetainfoEnvelope)).metainfo);
    },

    async listPortals() {
      // Cloud lists portals outside any portal: https://<domain>/api/v3/portals.
      const root = settings.edition === 'cloud' ? base.replace(/\/app\/[^/]+\/api\/v3$/, '/api/v3') : base;
      const body = await call('GET', `${root}/portals`, z.looseObject({ portals: z.array(WirePortal).default([]) }));
      return body.portals;
    },
  };
}
