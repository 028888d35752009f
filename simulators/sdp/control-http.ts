import { z } from 'zod';
import { controlErrorMessage, type ControlReply } from '../http';
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

type Reply = [body: unknown, status?: number];
type Route = [method: string, path: RegExp, run: (sim: SdpSimulator, json: unknown, id: string) => Reply];
const OK: Reply = [{ ok: true }];

/** Each route calls the matching simulator method; `id` is the path's request ID where it has one. */
const ROUTES: Route[] = [
  ['POST', /^requests$/, (sim, json) => [sim.createRequest(json as TechnicianCreate), 201]],
  ['GET', /^requests$/, (sim) => [sim.listRequests()]],
  ['PATCH', /^requests\/(\d+)$/, (sim, json, id) => [sim.updateRequest(id, json as TechnicianChange)]],
  [
    'GET',
    /^requests\/(\d+)$/,
    (sim, _json, id) => {
      const r = sim.getRequest(id);
      return r ? [r] : [{ error: 'no such request' }, 404];
    },
  ],
  [
    'POST',
    /^requests\/(\d+)\/notes$/,
    (sim, json, id) => {
      const n = Note.parse(json);
      return [sim.addNote(id, { description: n.description, ...(n.as ? { as: n.as } : {}) }), 201];
    },
  ],
  ['POST', /^webhooks$/, (sim, json) => [sim.registerWebhook(json as SimWebhookInput), 201]],
  ['POST', /^triggers$/, (sim, json) => [sim.registerTrigger(json as SimTriggerInput), 201]],
  ['GET', /^webhook-deliveries$/, (sim) => [sim.webhookDeliveries()]],
  ['POST', /^faults$/, (sim, json) => (sim.injectFault(json as SimFault), [{ ok: true }, 201])],
  ['DELETE', /^faults$/, (sim) => (sim.clearFaults(), OK)],
  ['PUT', /^latency$/, (sim, json) => (sim.setLatency(Ms.parse(json).ms), OK)],
  ['PUT', /^server-error-rate$/, (sim, json) => (sim.setServerErrorRate(Rate.parse(json).rate), OK)],
  ['POST', /^oauth\/expire-tokens$/, (sim) => (sim.expireTokens(), OK)],
  ['POST', /^oauth\/revoke$/, (sim) => (sim.revokeRefreshTokens(), OK)],
  [
    'POST',
    /^oauth\/grant-codes$/,
    (sim, json) => {
      const g = Grant.parse(json);
      return [{ code: sim.mintGrantCode(g.ttlMs, g.scopes) }, 201];
    },
  ],
  ['GET', /^oauth\/minted$/, (sim) => [{ minted: sim.tokensMinted() }]],
  ['POST', /^clock\/advance$/, (sim, json) => (sim.advanceClock(Ms.parse(json).ms), [{ now: sim.now() }])],
  ['GET', /^calls$/, (sim) => [sim.calls()]],
  ['DELETE', /^calls$/, (sim) => (sim.clearCalls(), OK)],
];

/**
 * `/_sim/...`: the same controls as the in-process simulator object, over HTTP with JSON bodies,
 * for the demo and for tests in another process.
 */
export function handleControl(sim: SdpSimulator, method: string, path: string, body: string): ControlReply {
  let json: unknown;
  try {
    json = body === '' ? {} : JSON.parse(body);
  } catch {
    return { status: 400, body: { error: 'body is not JSON' } };
  }
  try {
    for (const [routeMethod, pattern, run] of ROUTES) {
      const m = routeMethod === method ? pattern.exec(path) : null;
      if (!m) continue;
      const [value, status = 200] = run(sim, json, m[1] ?? '');
      return { status, body: value };
    }
    return { status: 404, body: { error: `no control route ${method} /_sim/${path}` } };
  } catch (error) {
    return { status: 400, body: { error: controlErrorMessage(error) } };
  }
}
