import type http from 'node:http';
import { z } from 'zod';
import { sendJson } from './respond';
import type {
  SdpSimulator,
  SimFault,
  SimTriggerInput,
  SimWebhookInput,
  TechnicianChange,
  TechnicianCreate,
} from './index';

const Ms = z.strictObject({ ms: z.number().nonnegative() });
const Rate = z.strictObject({ rate: z.number().min(0).max(1) });
const Note = z.strictObject({ description: z.string(), as: z.string().optional() });
const Grant = z.strictObject({ ttlMs: z.number().nonnegative().optional(), scopes: z.array(z.string()).optional() });

/**
 * `/_sim/...`: the same controls as the in-process simulator object, over HTTP with JSON bodies,
 * for the demo and for tests in another process. Each route calls the matching method.
 */
export function handleControl(
  sim: SdpSimulator,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  body: string,
): void {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname.slice('/_sim/'.length);
  const reply = (value: unknown, status = 200): void => sendJson(res, status, value);
  let json: unknown;
  try {
    json = body === '' ? {} : JSON.parse(body);
  } catch {
    return reply({ error: 'body is not JSON' }, 400);
  }
  try {
    let m: RegExpExecArray | null;
    if (path === 'requests' && method === 'POST') return reply(sim.createRequest(json as TechnicianCreate), 201);
    if (path === 'requests' && method === 'GET') return reply(sim.listRequests());
    if ((m = /^requests\/(\d+)$/.exec(path))) {
      if (method === 'PATCH') return reply(sim.updateRequest(m[1]!, json as TechnicianChange));
      if (method === 'GET') {
        const r = sim.getRequest(m[1]!);
        return r ? reply(r) : reply({ error: 'no such request' }, 404);
      }
    }
    if ((m = /^requests\/(\d+)\/notes$/.exec(path)) && method === 'POST') {
      const n = Note.parse(json);
      return reply(sim.addNote(m[1]!, { description: n.description, ...(n.as ? { as: n.as } : {}) }), 201);
    }
    if (path === 'webhooks' && method === 'POST') return reply(sim.registerWebhook(json as SimWebhookInput), 201);
    if (path === 'triggers' && method === 'POST') return reply(sim.registerTrigger(json as SimTriggerInput), 201);
    if (path === 'webhook-deliveries' && method === 'GET') return reply(sim.webhookDeliveries());
    if (path === 'faults' && method === 'POST') {
      sim.injectFault(json as SimFault);
      return reply({ ok: true }, 201);
    }
    if (path === 'faults' && method === 'DELETE') {
      sim.clearFaults();
      return reply({ ok: true });
    }
    if (path === 'latency' && method === 'PUT') {
      sim.setLatency(Ms.parse(json).ms);
      return reply({ ok: true });
    }
    if (path === 'server-error-rate' && method === 'PUT') {
      sim.setServerErrorRate(Rate.parse(json).rate);
      return reply({ ok: true });
    }
    if (path === 'oauth/expire-tokens' && method === 'POST') {
      sim.expireTokens();
      return reply({ ok: true });
    }
    if (path === 'oauth/revoke' && method === 'POST') {
      sim.revokeRefreshTokens();
      return reply({ ok: true });
    }
    if (path === 'oauth/grant-codes' && method === 'POST') {
      const g = Grant.parse(json);
      return reply({ code: sim.mintGrantCode(g.ttlMs, g.scopes) }, 201);
    }
    if (path === 'oauth/minted' && method === 'GET') {
      return reply({ minted: sim.tokensMinted() });
    }
    if (path === 'clock/advance' && method === 'POST') {
      sim.advanceClock(Ms.parse(json).ms);
      return reply({ now: sim.now() });
    }
    if (path === 'calls' && method === 'GET') return reply(sim.calls());
    if (path === 'calls' && method === 'DELETE') {
      sim.clearCalls();
      return reply({ ok: true });
    }
    reply({ error: `no control route ${method} /_sim/${path}` }, 404);
  } catch (error) {
    const message =
      error instanceof z.ZodError
        ? z.prettifyError(error)
        : error instanceof Error
          ? error.message
          : 'invalid control call';
    reply({ error: message }, 400);
  }
}
