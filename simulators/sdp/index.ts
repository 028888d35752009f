import http from 'node:http';
import https from 'node:https';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { ZohoAccounts } from './accounts';
import { createApiRouter } from './api';
import { handleControl } from './control-http';
import { FaultPlan, writeFault, type SimFault, type SimFaultKind } from './faults';
import { failureBody, readBody, sendJson } from './respond';
import { IdGen, seedMetadata, type Edition, type SimStatusInput, type SimUser } from './seed';
import { requiredScope, scopeGranted } from './scopes';
import { RequestStore, SimApiError, noteToWire, requestToWire, type RequestIn } from './store';
import { WebhookHub, type SimTriggerInput, type SimWebhookInput, type WebhookDelivery } from './webhooks';

export type { EscapeMode } from './render';
export { FLASHDUTY_GUIDE_STATUSES, type Edition, type SimStatusInput } from './seed';
export { SimFault, type SimFaultKind } from './faults';
export { SimTriggerInput, SimWebhookInput, type WebhookDelivery } from './webhooks';

export interface SdpSimulatorOptions {
  edition: Edition;
  port?: number;
  host?: string;
  portal?: string;
  /** Serve HTTPS with this key pair (on-prem private-certificate tests). */
  tls?: { key: string; cert: string };
  tokenTtlSec?: number;
  grantCodeTtlMs?: number;
  /** Seed for the 5xx-rate fault's random draws, so a run is repeatable. */
  seed?: number;
  /** Extra requesters beyond the seed, to make metadata lists span several pages. */
  extraRequesters?: number;
  /**
   * Time stands still except through advanceClock, and changes in the same instant share one
   * last_updated_time (as real SDP's can); by default every change gets a distinct, later time.
   */
  frozenClock?: boolean;
  /** Statuses the admin added beyond the edition's defaults (e.g. those Flashduty's guide maps, on-prem). */
  addStatuses?: readonly SimStatusInput[];
}

export interface SimCall {
  seq: number;
  kind: 'api' | 'oauth';
  method: string;
  path: string;
  status: number;
  sdpStatusCode?: number;
  inputData?: unknown;
  accept?: string;
  authHeader?: 'authtoken' | 'technician_key' | 'zoho-oauthtoken' | 'bearer' | 'none';
  portalId?: string;
  grantType?: string;
  fault?: SimFaultKind;
}

export const TechnicianChange = z.strictObject({
  subject: z.string().optional(),
  description: z.string().optional(),
  status: z.string().optional(),
  priority: z.string().nullable().optional(),
  technician: z.string().nullable().optional(),
  group: z.string().nullable().optional(),
  udf_fields: z.record(z.string(), z.unknown()).optional(),
  /** Email of the technician making the change; defaults to the first technician. */
  as: z.string().optional(),
});
export type TechnicianChange = z.input<typeof TechnicianChange>;
export const TechnicianCreate = TechnicianChange.extend({
  subject: z.string(),
  requester: z.string().optional(),
  template: z.string().optional(),
});
export type TechnicianCreate = z.input<typeof TechnicianCreate>;

export type SdpSimCredentials =
  { apiKey: string } | { accountsServer: string; clientId: string; clientSecret: string; grantCode: string };

export interface SdpSimulator {
  readonly edition: Edition;
  /** What the client's apiBaseUrl takes: `…/api/v3` on-prem, `…/app/<portal>/api/v3` cloud. */
  readonly baseUrl: string;
  readonly origin: string;
  readonly portal: string;
  readonly credentials: SdpSimCredentials;
  /** A grant code with the given scopes (default: every scope DeskBridge asks for). */
  mintGrantCode(ttlMs?: number, scopes?: readonly string[]): string;
  /** Access tokens the Zoho side minted since start (grant exchanges and refreshes). */
  tokensMinted(): number;
  createRequest(input: TechnicianCreate): Record<string, unknown>;
  updateRequest(id: string, change: TechnicianChange): Record<string, unknown>;
  addNote(id: string, note: { description: string; as?: string }): Record<string, unknown>;
  /** The SDP admin adds a technician (Admin → Users → Technicians): listed from then on, and a requester too. */
  addTechnician(name: string, email: string): void;
  getRequest(id: string): Record<string, unknown> | undefined;
  listRequests(): Record<string, unknown>[];
  registerWebhook(input: SimWebhookInput): { id: string };
  registerTrigger(input: SimTriggerInput): { id: string };
  webhookDeliveries(): WebhookDelivery[];
  /** Resolves when every webhook POST started so far has finished. */
  flushWebhooks(): Promise<void>;
  injectFault(fault: SimFault): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  setServerErrorRate(rate: number): void;
  /** "Token expiry now": every issued access token stops working. */
  expireTokens(): void;
  revokeRefreshTokens(): void;
  advanceClock(ms: number): void;
  now(): number;
  calls(): SimCall[];
  clearCalls(): void;
  close(): Promise<void>;
}

const apiKeyFormat = (): string =>
  randomBytes(16)
    .toString('hex')
    .toUpperCase()
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

export async function startSdpSimulator(opts: SdpSimulatorOptions): Promise<SdpSimulator> {
  const edition = opts.edition;
  const portal = opts.portal ?? 'itdesk';
  if (!/^[A-Za-z0-9_-]+$/.test(portal))
    throw new RangeError('portal name may only contain letters, digits, "-" and "_"');
  let clockOffset = 0;
  const startedAt = Date.now();
  const now = (): number => (opts.frozenClock ? startedAt : Date.now()) + clockOffset;
  const ids = new IdGen(edition);
  const meta = seedMetadata(edition, ids, portal, opts.extraRequesters ?? 0, opts.addStatuses);
  const apiKey = apiKeyFormat();
  const accounts = new ZohoAccounts(now, opts.tokenTtlSec ?? 3600, opts.grantCodeTtlMs ?? 10 * 60_000);
  const faults = new FaultPlan(opts.seed ?? 1);
  const hub = new WebhookHub(edition, () => ids.next());
  const callLog: SimCall[] = [];
  let seq = 0;

  const store: RequestStore = new RequestStore(
    edition,
    meta,
    ids,
    now,
    (kind, request) => hub.fire(kind, request.id, requestToWire(store, request)),
    !opts.frozenClock,
  );
  const routeApi = createApiRouter(edition, store, meta);

  const technician = (email: string | undefined): SimUser => {
    if (email === undefined) return meta.technicians[0]!;
    const t = meta.technicians.find((u) => u.email_id.toLowerCase() === email.toLowerCase());
    if (!t) throw new SimApiError(400, 4001, `no technician with email ${email}`, 'as');
    return t;
  };
  const userRef = (v: string): { email_id: string } | { name: string } =>
    v.includes('@') ? { email_id: v } : { name: v };
  const changeToInput = (c: z.output<typeof TechnicianChange>): RequestIn => ({
    ...(c.subject === undefined ? {} : { subject: c.subject }),
    ...(c.description === undefined ? {} : { description: c.description }),
    ...(c.status === undefined ? {} : { status: { name: c.status } }),
    ...(c.priority === undefined ? {} : { priority: c.priority === null ? null : { name: c.priority } }),
    ...(c.technician === undefined ? {} : { technician: c.technician === null ? null : userRef(c.technician) }),
    ...(c.group === undefined ? {} : { group: c.group === null ? null : { name: c.group } }),
    ...(c.udf_fields === undefined ? {} : { udf_fields: c.udf_fields }),
  });

  const authenticate = (
    req: http.IncomingMessage,
    method: string,
    rest: string,
  ): { ok: boolean; scheme: SimCall['authHeader'] } => {
    if (edition === 'onprem') {
      const key = req.headers.authtoken ?? req.headers.technician_key;
      const scheme =
        req.headers.authtoken !== undefined
          ? 'authtoken'
          : req.headers.technician_key !== undefined
            ? 'technician_key'
            : 'none';
      return { ok: key === apiKey, scheme };
    }
    const m = /^(Zoho-oauthtoken|Bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m) return { ok: false, scheme: 'none' };
    const scopes = accounts.accessTokenScopes(m[2]!);
    const needed = requiredScope(method, rest);
    // Out of scope is answered like a dead token: HTTP 401 with the same body. Public clients only
    // report a 401 / "Authentication failed" for calls their scopes do not cover (PTTG-IT/SDP-MCP's
    // test notes; a public SDP sink connector's test: "401 is the expected error when the OAuth
    // token is missing SDPOnDemand.setup.READ scope"); no public record shows a distinct body.
    const ok = scopes !== undefined && (needed === null || scopeGranted(scopes, needed));
    return { ok, scheme: m[1]!.toLowerCase() === 'bearer' ? 'bearer' : 'zoho-oauthtoken' };
  };

  const handleApi = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    body: string,
    rest: string,
  ): void => {
    const method = (req.method ?? 'GET').toUpperCase();
    const call: SimCall = { seq: ++seq, kind: 'api', method, path: url.pathname, status: 0 };
    const accept = req.headers.accept;
    if (accept !== undefined) call.accept = accept;
    if (typeof req.headers.portalid === 'string') call.portalId = req.headers.portalid;
    callLog.push(call);
    const fault = faults.take('api', method, url.pathname);
    if (fault && fault.kind !== 'lostResponse') {
      call.fault = fault.kind;
      writeFault(res, fault, edition);
      call.status = fault.kind === 'dropConnection' ? 0 : res.statusCode;
      return;
    }
    const finish = (status: number, payload: unknown): void => {
      call.status = status;
      const rs = (payload as { response_status?: unknown }).response_status;
      const first = Array.isArray(rs) ? rs[0] : rs;
      const inner = (first as { messages?: { status_code?: number }[]; status_code?: number } | undefined) ?? {};
      const code = inner.messages?.[0]?.status_code ?? inner.status_code;
      if (typeof code === 'number') call.sdpStatusCode = code;
      sendJson(res, status, payload);
    };
    const auth = authenticate(req, method, rest);
    call.authHeader = auth.scheme;
    if (!auth.ok) {
      return edition === 'onprem'
        ? finish(401, failureBody(4022, 'Invalid API key received'))
        : finish(401, failureBody(4000, 'Invalid OAuth access token'));
    }
    if (edition === 'onprem' && call.portalId !== undefined && !meta.portals.some((p) => p.id === call.portalId)) {
      return finish(400, failureBody(4001, 'Value given for PORTALID is invalid', 'PORTALID'));
    }
    let input: unknown;
    try {
      const fromBody = /x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')
        ? new URLSearchParams(body).get('input_data')
        : null;
      const raw = fromBody ?? url.searchParams.get('input_data');
      input = raw === null ? undefined : JSON.parse(raw);
    } catch {
      return finish(400, failureBody(4001, 'Value given for input_data is invalid JSON', 'input_data'));
    }
    if (input !== undefined) call.inputData = input;
    try {
      const result = routeApi(method, rest, input);
      if (fault) {
        call.fault = fault.kind;
        return writeFault(res, fault, edition);
      }
      finish(result.status, result.body);
    } catch (error) {
      if (error instanceof SimApiError)
        return finish(error.httpStatus, failureBody(error.statusCode, error.message, error.field));
      finish(500, failureBody(4004, 'Internal error'));
    }
  };

  const handleOAuth = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string): void => {
    const method = (req.method ?? 'GET').toUpperCase();
    const call: SimCall = { seq: ++seq, kind: 'oauth', method, path: url.pathname, status: 0 };
    callLog.push(call);
    const params: Record<string, string> = {
      ...Object.fromEntries(url.searchParams),
      ...Object.fromEntries(new URLSearchParams(body)),
    };
    if (params.grant_type !== undefined) call.grantType = params.grant_type;
    const fault = faults.take('accounts', method, url.pathname);
    if (fault) {
      call.fault = fault.kind;
      writeFault(res, fault, edition);
      call.status = fault.kind === 'dropConnection' ? 0 : res.statusCode;
      return;
    }
    if (method !== 'POST') {
      call.status = 405;
      return sendJson(res, 405, { error: 'method_not_allowed' });
    }
    const outcome = accounts.handleToken(params);
    call.status = outcome.httpStatus;
    sendJson(res, outcome.httpStatus, outcome.body);
  };

  const apiPrefix = edition === 'cloud' ? `/app/${portal}/api/v3/` : '/api/v3/';
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sim.invalid');
      const body = await readBody(req);
      if (url.pathname.startsWith('/_sim/')) return handleControl(sim, req, res, url, body);
      if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
      if (edition === 'cloud' && url.pathname === '/oauth/v2/token') return handleOAuth(req, res, url, body);
      if (url.pathname === '/api/v3/portals') return handleApi(req, res, url, body, 'portals-root');
      if (url.pathname.startsWith(apiPrefix))
        return handleApi(req, res, url, body, url.pathname.slice(apiPrefix.length).replace(/\/+$/, ''));
      sendJson(res, 404, failureBody(4007, 'Invalid URL or resource not found'));
    })().catch(() => {
      if (!res.headersSent) sendJson(res, 500, failureBody(4004, 'Internal error'));
    });
  };

  const server = opts.tls
    ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, handler)
    : http.createServer(handler);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `${opts.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const sim: SdpSimulator = {
    edition,
    baseUrl: `${origin}${apiPrefix.replace(/\/$/, '')}`,
    origin,
    portal,
    credentials:
      edition === 'onprem'
        ? { apiKey }
        : {
            accountsServer: origin,
            clientId: accounts.clientId,
            clientSecret: accounts.clientSecret,
            grantCode: accounts.mintGrantCode(),
          },
    mintGrantCode: (ttlMs, scopes) => accounts.mintGrantCode(ttlMs, scopes),
    tokensMinted: () => accounts.mintCount,
    createRequest(input: TechnicianCreate): Record<string, unknown> {
      const c = TechnicianCreate.parse(input);
      const r = store.create(
        {
          ...changeToInput(c),
          ...(c.requester === undefined ? {} : { requester: userRef(c.requester) }),
          ...(c.template === undefined ? {} : { template: { name: c.template } }),
        },
        technician(c.as),
      );
      return requestToWire(store, r);
    },
    updateRequest(id: string, change: TechnicianChange): Record<string, unknown> {
      const c = TechnicianChange.parse(change);
      return requestToWire(store, store.update(id, changeToInput(c), technician(c.as)));
    },
    addNote(id: string, note: { description: string; as?: string }): Record<string, unknown> {
      return noteToWire(
        store.addNote(id, { description: note.description, show_to_requester: false }, technician(note.as)),
      );
    },
    getRequest(id: string): Record<string, unknown> | undefined {
      const r = store.all().find((x) => x.id === id);
      return r ? requestToWire(store, r) : undefined;
    },
    listRequests(): Record<string, unknown>[] {
      return store.all().map((r) => requestToWire(store, r));
    },
    registerWebhook: (input) => hub.registerWebhook(input),
    registerTrigger: (input) => hub.registerTrigger(input),
    webhookDeliveries: () => hub.deliveries(),
    flushWebhooks: () => hub.flush(),
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    addTechnician: (name, email) => {
      const user = { id: ids.next(), name, email_id: email, is_technician: true, is_vip_user: false };
      meta.technicians.push(user);
      meta.requesters.push(user);
    },
    setLatency: (ms) => {
      faults.latencyMs = ms;
    },
    setServerErrorRate: (rate) => {
      faults.serverErrorRate = rate;
    },
    expireTokens: () => accounts.expireAccessTokens(),
    revokeRefreshTokens: () => accounts.revokeRefreshTokens(),
    advanceClock: (ms) => {
      clockOffset += ms;
    },
    now,
    calls: () => callLog.map((c) => ({ ...c })),
    clearCalls: () => {
      callLog.length = 0;
    },
    close: async () => {
      await hub.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return sim;
}
