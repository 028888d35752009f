import type http from 'node:http';
import { z } from 'zod';
import { OK, failureBody, sendJson, sendText } from './respond';
import type { Edition } from './seed';
import { prng } from '../prng';

export type SimFaultKind =
  | 'http500'
  | 'http502'
  | 'http503'
  | 'rate429'
  | 'rate4015'
  | 'urlBlocked'
  | 'htmlPage'
  | 'dropConnection'
  | 'truncatedBody'
  | 'notFound'
  | 'unauthorized'
  | 'forbidden'
  | 'lostResponse';

export const SimFault = z.strictObject({
  kind: z.enum([
    'http500',
    'http502',
    'http503',
    'rate429',
    'rate4015',
    'urlBlocked',
    'htmlPage',
    'dropConnection',
    'truncatedBody',
    'notFound',
    'unauthorized',
    'forbidden',
    'lostResponse',
  ]),
  /** How many matching calls get the fault (default 1). */
  times: z.number().int().positive().optional(),
  pathIncludes: z.string().optional(),
  method: z.string().optional(),
  target: z.enum(['api', 'accounts']).optional(),
  retryAfterSec: z.number().nonnegative().optional(),
});
export type SimFault = z.input<typeof SimFault>;

type ArmedFault = z.output<typeof SimFault> & { left: number };

/** The faults armed for upcoming calls, plus the standing latency and 5xx rate. */
export class FaultPlan {
  private readonly armed: ArmedFault[] = [];
  latencyMs = 0;
  serverErrorRate = 0;
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = prng(seed);
  }

  inject(fault: SimFault): void {
    const f = SimFault.parse(fault);
    this.armed.push({ ...f, left: f.times ?? 1 });
  }

  clear(): void {
    this.armed.length = 0;
  }

  /** The fault for this call, if any: an armed one first, else a draw against the 5xx rate. */
  take(target: 'api' | 'accounts', method: string, path: string): z.output<typeof SimFault> | undefined {
    const f = this.armed.find(
      (x) =>
        x.left > 0 &&
        (x.target ?? 'api') === target &&
        (x.method === undefined || x.method.toUpperCase() === method) &&
        (x.pathIncludes === undefined || path.includes(x.pathIncludes)),
    );
    if (f) {
      f.left -= 1;
      return f;
    }
    if (target === 'api' && this.serverErrorRate > 0 && this.random() < this.serverErrorRate)
      return { kind: 'http503' };
    return undefined;
  }
}

/** Writes the fault's response (or drops the connection without one). */
export function writeFault(res: http.ServerResponse, f: z.output<typeof SimFault>, edition: Edition): void {
  const retryAfter: Record<string, string> =
    f.retryAfterSec === undefined ? {} : { 'Retry-After': String(f.retryAfterSec) };
  switch (f.kind) {
    case 'http500':
      return sendJson(res, 500, failureBody(4004, 'Internal error'));
    case 'http502':
      return sendText(
        res,
        502,
        '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
      );
    case 'http503':
      return sendText(
        res,
        503,
        '<html><head><title>503 Service Unavailable</title></head><body>Maintenance</body></html>',
        'text/html',
        retryAfter,
      );
    case 'rate429':
      return sendJson(res, 429, failureBody(4015, 'API Rate Limit reached'), retryAfter);
    case 'rate4015':
      return sendJson(res, 400, failureBody(4015, 'API Rate Limit reached'), retryAfter);
    case 'urlBlocked':
      return sendText(
        res,
        400,
        'URL blocked as maximum access limit for the page is exceeded. Please try after sometime.',
      );
    case 'htmlPage':
      return sendText(
        res,
        200,
        '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/j_security_check">Login</form></body></html>',
      );
    case 'truncatedBody': {
      const full = JSON.stringify({ request: { id: '1', subject: 'cut' }, response_status: OK });
      return sendText(res, 200, full.slice(0, Math.floor(full.length / 2)), 'application/json');
    }
    case 'notFound':
      return sendJson(res, 404, failureBody(4007, 'Invalid URL or resource not found'));
    // SDP's status table: 4002 with HTTP 403 when the user (role, or OAuth scope) may not do this.
    case 'forbidden':
      return sendJson(res, 403, failureBody(4002, 'Not allowed to perform this operation'));
    case 'unauthorized':
      return edition === 'onprem'
        ? sendJson(res, 401, failureBody(4022, 'Invalid API key received'))
        : sendJson(res, 401, failureBody(4000, 'Invalid OAuth access token'));
    // lostResponse (API calls): the call was carried out, then the connection broke before the answer (a proxy
    // timeout).
    case 'dropConnection':
    case 'lostResponse':
      res.socket?.destroy();
      return;
  }
}

/** The simulator's fault controls, as its object and its `/_sim/` routes expose them. */
export function faultControls(faults: FaultPlan) {
  return {
    injectFault: (fault: SimFault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    setLatency: (ms: number) => {
      faults.latencyMs = ms;
    },
    setServerErrorRate: (rate: number) => {
      faults.serverErrorRate = rate;
    },
  };
}
