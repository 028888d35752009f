import http from 'node:http';
import https from 'node:https';
import { readBody } from '../../shared/node/net/http-body';
import type { ControlReply } from '../http';
import type { ZohoAccounts } from './accounts';
import type { ApiRouter } from './api';
import { type FaultPlan, writeFault, type SimFaultKind } from './faults';
import { failureBody, sendJson } from './respond';
import { requiredScope, scopeGranted } from './scopes';
import type { Edition, SimMetadata } from './seed';
import { SimApiError } from './store';

/** The SDP API and the Zoho token endpoint over HTTP: who is calling, faults, input_data, the answer. */

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

export interface ServeContext {
  edition: Edition;
  apiKey: string;
  accounts: ZohoAccounts;
  faults: FaultPlan;
  meta: SimMetadata;
  routeApi: ApiRouter;
  calls: CallLog;
}

/** Every call the simulator received, numbered in arrival order (numbers keep counting after a clear). */
export class CallLog {
  private seq = 0;
  private readonly log: SimCall[] = [];

  record(call: Omit<SimCall, 'seq'>): SimCall {
    const recorded = { seq: ++this.seq, ...call };
    this.log.push(recorded);
    return recorded;
  }

  snapshot(): SimCall[] {
    return this.log.map((c) => ({ ...c }));
  }

  clear(): void {
    this.log.length = 0;
  }
}

function authenticate(
  ctx: ServeContext,
  req: http.IncomingMessage,
  method: string,
  rest: string,
): { ok: boolean; scheme: SimCall['authHeader'] } {
  if (ctx.edition === 'onprem') {
    const key = req.headers.authtoken ?? req.headers.technician_key;
    const scheme =
      req.headers.authtoken !== undefined
        ? 'authtoken'
        : req.headers.technician_key !== undefined
          ? 'technician_key'
          : 'none';
    return { ok: key === ctx.apiKey, scheme };
  }
  const m = /^(Zoho-oauthtoken|Bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return { ok: false, scheme: 'none' };
  const scopes = ctx.accounts.accessTokenScopes(m[2]!);
  const needed = requiredScope(method, rest);
  // Out of scope is answered like a dead token: HTTP 401 with the same body. Public clients only
  // report a 401 / "Authentication failed" for calls their scopes do not cover (PTTG-IT/SDP-MCP's
  // test notes; a public SDP sink connector's test: "401 is the expected error when the OAuth
  // token is missing SDPOnDemand.setup.READ scope"); no public record shows a distinct body.
  const ok = scopes !== undefined && (needed === null || scopeGranted(scopes, needed));
  return { ok, scheme: m[1]!.toLowerCase() === 'bearer' ? 'bearer' : 'zoho-oauthtoken' };
}

/** `input_data` from a form body (writes) or the query string (reads); undefined when absent. */
function readInputData(req: http.IncomingMessage, url: URL, body: string): unknown {
  const fromBody = /x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')
    ? new URLSearchParams(body).get('input_data')
    : null;
  const raw = fromBody ?? url.searchParams.get('input_data');
  return raw === null ? undefined : JSON.parse(raw);
}

/** The inner SDP code of an answer, for the call log. */
function sdpStatusCodeOf(payload: unknown): number | undefined {
  const rs = (payload as { response_status?: unknown }).response_status;
  const first = Array.isArray(rs) ? rs[0] : rs;
  const inner = (first as { messages?: { status_code?: number }[]; status_code?: number } | undefined) ?? {};
  const code = inner.messages?.[0]?.status_code ?? inner.status_code;
  return typeof code === 'number' ? code : undefined;
}

export function serveApi(
  ctx: ServeContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  body: string,
  rest: string,
): void {
  const { edition } = ctx;
  const method = (req.method ?? 'GET').toUpperCase();
  const call = ctx.calls.record({ kind: 'api', method, path: url.pathname, status: 0 });
  if (req.headers.accept !== undefined) call.accept = req.headers.accept;
  if (typeof req.headers.portalid === 'string') call.portalId = req.headers.portalid;
  const fault = ctx.faults.take('api', method, url.pathname);
  if (fault && fault.kind !== 'lostResponse') {
    call.fault = fault.kind;
    writeFault(res, fault, edition);
    call.status = fault.kind === 'dropConnection' ? 0 : res.statusCode;
    return;
  }
  const finish = (status: number, payload: unknown): void => {
    call.status = status;
    const code = sdpStatusCodeOf(payload);
    if (code !== undefined) call.sdpStatusCode = code;
    sendJson(res, status, payload);
  };
  const auth = authenticate(ctx, req, method, rest);
  call.authHeader = auth.scheme;
  if (!auth.ok) {
    return edition === 'onprem'
      ? finish(401, failureBody(4022, 'Invalid API key received'))
      : finish(401, failureBody(4000, 'Invalid OAuth access token'));
  }
  if (edition === 'onprem' && call.portalId !== undefined && !ctx.meta.portals.some((p) => p.id === call.portalId)) {
    return finish(400, failureBody(4001, 'Value given for PORTALID is invalid', 'PORTALID'));
  }
  let input: unknown;
  try {
    input = readInputData(req, url, body);
  } catch {
    return finish(400, failureBody(4001, 'Value given for input_data is invalid JSON', 'input_data'));
  }
  if (input !== undefined) call.inputData = input;
  try {
    const result = ctx.routeApi(method, rest, input);
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
}

export function serveOAuth(
  ctx: ServeContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  body: string,
): void {
  const method = (req.method ?? 'GET').toUpperCase();
  const call = ctx.calls.record({ kind: 'oauth', method, path: url.pathname, status: 0 });
  const params: Record<string, string> = {
    ...Object.fromEntries(url.searchParams),
    ...Object.fromEntries(new URLSearchParams(body)),
  };
  if (params.grant_type !== undefined) call.grantType = params.grant_type;
  const fault = ctx.faults.take('accounts', method, url.pathname);
  if (fault) {
    call.fault = fault.kind;
    writeFault(res, fault, ctx.edition);
    call.status = fault.kind === 'dropConnection' ? 0 : res.statusCode;
    return;
  }
  if (method !== 'POST') {
    call.status = 405;
    return sendJson(res, 405, { error: 'method_not_allowed' });
  }
  const outcome = ctx.accounts.handleToken(params);
  call.status = outcome.httpStatus;
  sendJson(res, outcome.httpStatus, outcome.body);
}

type Control = (method: string, path: string, body: string) => ControlReply;

/** The simulator's server: `/_sim/` controls, the Zoho token endpoint (cloud) and the API under its prefix. */
export function createSdpServer(
  ctx: ServeContext,
  apiPrefix: string,
  tls: { key: string; cert: string } | undefined,
  control: Control,
): http.Server {
  const route = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sim.invalid');
      const body = (await readBody(req)).bytes.toString('utf8');
      if (url.pathname.startsWith('/_sim/')) {
        const reply = control((req.method ?? 'GET').toUpperCase(), url.pathname.slice('/_sim/'.length), body);
        return sendJson(res, reply.status, reply.body);
      }
      if (ctx.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, ctx.faults.latencyMs));
      if (ctx.edition === 'cloud' && url.pathname === '/oauth/v2/token') return serveOAuth(ctx, req, res, url, body);
      if (url.pathname === '/api/v3/portals') return serveApi(ctx, req, res, url, body, 'portals-root');
      if (url.pathname.startsWith(apiPrefix))
        return serveApi(ctx, req, res, url, body, url.pathname.slice(apiPrefix.length).replace(/\/+$/, ''));
      sendJson(res, 404, failureBody(4007, 'Invalid URL or resource not found'));
    })().catch(() => {
      if (!res.headersSent) sendJson(res, 500, failureBody(4004, 'Internal error'));
    });
  };
  return tls ? https.createServer({ key: tls.key, cert: tls.cert }, route) : http.createServer(route);
}
