import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SECRET_HEADER,
  startWebhookServer,
  webhookPath,
  type WebhookEvent,
  type WebhookServer,
} from '../../../electron/ingress/webhook-server';

const SECRET = 'wh-secret-abcdefghijklmnop';
const ID = 'int1';
const events: WebhookEvent[] = [];
let server: WebhookServer;
let base: string;

const incident = {
  incident_id: '69da451ef77b1b51f40e83ee',
  num: '0E83EE',
  title: 'CPU high',
  description: '',
  incident_severity: 'Critical',
  progress: 'Processing',
  created_at: 1775912222,
  updated_at: 1775972300,
  start_time: 1775912219,
  ack_time: 1775972300,
  close_time: 0,
  snoozed_before: 0,
  channel_id: 2551105804131,
  labels: { resource: 'web-01' },
  fields: {},
  responders: [],
};
const fdBody = (patch: Record<string, unknown> = {}) =>
  JSON.stringify({
    event_id: `e-${Math.random()}`,
    event_type: 'i_ack',
    event_time: 1775972300123,
    incident,
    ...patch,
  });

beforeAll(async () => {
  server = await startWebhookServer({
    host: '127.0.0.1',
    port: 0,
    routes: () => new Map([[ID, { integrationId: ID, secret: SECRET }]]),
    onEvent: (e) => events.push(e),
    rateLimit: { burst: 1000, perSecond: 1000 },
    unauthenticatedLimit: { burst: 1000, perSecond: 1000 },
  });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.close());

interface Send {
  path?: string;
  method?: string;
  secret?: string | null;
  body?: string;
  headers?: Record<string, string>;
}
async function send({
  path = webhookPath(ID, SECRET, 'flashduty'),
  method = 'POST',
  secret = SECRET,
  body = '',
  headers = {},
}: Send) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(secret === null ? {} : { [SECRET_HEADER]: secret }),
      ...headers,
    },
    ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
  });
  return { status: response.status, body: await response.text() };
}

const sdpPath = webhookPath(ID, SECRET, 'sdp');
const fdPath = webhookPath(ID, SECRET, 'flashduty');
const actionPath = webhookPath(ID, SECRET, 'flashduty-action');

describe('webhook server: bad input gets the right status and crashes nothing', () => {
  const cases: [string, Send, number][] = [
    ['no secret header', { secret: null, body: fdBody() }, 401],
    ['wrong secret', { secret: 'nope', body: fdBody() }, 401],
    ['secret in another case', { secret: SECRET.toUpperCase(), body: fdBody() }, 401],
    ['secret of another integration', { secret: 'wh-secret-of-someone-else', body: fdBody() }, 401],
    ['empty secret', { secret: '', body: fdBody() }, 401],
    ['unknown integration', { path: webhookPath('other', SECRET, 'flashduty'), body: fdBody() }, 404],
    ['right integration, wrong path token', { path: `/hooks/${ID}/${'A'.repeat(32)}/flashduty`, body: fdBody() }, 404],
    ['unknown kind', { path: fdPath.replace('/flashduty', '/jira'), body: fdBody() }, 404],
    ['path traversal', { path: `/hooks/../../etc/passwd`, body: fdBody() }, 404],
    ['root path', { path: '/', body: '' }, 404],
    ['GET instead of POST', { method: 'GET' }, 405],
    ['PUT instead of POST', { method: 'PUT', body: fdBody() }, 405],
    ['Flashduty: not JSON', { body: '{"event_id": ' }, 400],
    ['Flashduty: empty body', { body: '' }, 400],
    ['Flashduty: JSON array', { body: '[1,2,3]' }, 400],
    ['Flashduty: JSON null', { body: 'null' }, 400],
    ['Flashduty: event_time as text', { body: fdBody({ event_time: 'yesterday' }) }, 400],
    [
      'Flashduty: incident missing',
      { body: JSON.stringify({ event_id: 'x', event_type: 'i_ack', event_time: 1 }) },
      400,
    ],
    [
      'Flashduty: incident_id not hex',
      { body: fdBody({ incident: { ...incident, incident_id: "'; DROP TABLE links; --" } }) },
      400,
    ],
    ['Flashduty: incident is a string', { body: fdBody({ incident: 'x' }) }, 400],
    ['Flashduty: labels wrong type', { body: fdBody({ incident: { ...incident, labels: 'x' } }) }, 400],
    ['Flashduty: body over the limit', { body: JSON.stringify({ pad: 'x'.repeat(300 * 1024) }) }, 413],
    ['Flashduty: deeply nested junk', { body: '['.repeat(5000) + ']'.repeat(5000) }, 400],
    ['SDP: empty body', { path: sdpPath, body: '' }, 400],
    ['SDP: JSON without request_id', { path: sdpPath, body: '{"subject":"x"}' }, 400],
    ['SDP: request_id not digits', { path: sdpPath, body: '{"request_id":"<script>alert(1)</script>"}' }, 400],
    ['SDP: request_id SQL injection', { path: sdpPath, body: `{"request_id":"1 OR 1=1"}` }, 400],
    ['SDP: placeholders not substituted', { path: sdpPath, body: '{"request_id":"${{request.id}}"}' }, 400],
    ['SDP: garbage', { path: sdpPath, body: '\u0000\u0001\u0002' }, 400],
    [
      'SDP: body over the limit',
      { path: sdpPath, body: `{"request_id":"1","subject":"${'y'.repeat(300 * 1024)}"}` },
      413,
    ],
    ['SDP: broken JSON without an ID', { path: sdpPath, body: '{"subject": "a "quoted" word"}' }, 400],
    ['action: wrong secret', { path: actionPath, secret: 'x', body: fdBody({ event_type: 'i_custom' }) }, 401],
    ['action: not JSON', { path: actionPath, body: 'hello' }, 400],
  ];

  it.each(cases.map(([name, input, status]) => ({ name, input, status })))(
    '$name → $status',
    async ({ input, status }) => {
      const before = events.length;
      const result = await send(input);
      expect(result.status).toBe(status);
      expect(JSON.parse(result.body)).toEqual({ error: expect.any(String) });
      const added = events.slice(before);
      expect(added).toEqual([expect.objectContaining({ kind: 'rejected', status })]);
    },
  );

  it('lists at least 30 kinds of bad input', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  it('still serves good calls after all of that', async () => {
    const before = events.length;
    expect((await send({ body: fdBody() })).status).toBe(200);
    expect(events.slice(before)).toEqual([
      expect.objectContaining({
        kind: 'flashduty',
        integrationId: ID,
        hint: expect.objectContaining({ kind: 'incident', incidentId: incident.incident_id }),
      }),
    ]);
  });
});

describe('webhook server: good input', () => {
  it('accepts an SDP body with raw-substituted quotes by recovering the request ID', async () => {
    const before = events.length;
    const raw =
      '{\n  "request_id": "123456789012345678",\n  "last_updated_time": "1775972300123",\n  "status": "Open",\n  "priority": "High",\n  "subject": "Printer "3F" on fire\n"\n}';
    expect((await send({ path: sdpPath, body: raw })).status).toBe(202);
    expect(events.slice(before)).toEqual([
      {
        kind: 'sdp',
        integrationId: ID,
        notice: expect.objectContaining({
          requestId: '123456789012345678',
          lastUpdatedTime: 1775972300123,
          recovered: true,
        }),
      },
    ]);
  });

  it('acknowledges an unknown Flashduty event type without failing the sender', async () => {
    const before = events.length;
    expect((await send({ body: fdBody({ event_type: 'i_future_thing' }) })).status).toBe(200);
    expect(events.slice(before)).toEqual([
      expect.objectContaining({ kind: 'flashduty', hint: expect.objectContaining({ kind: 'ignored' }) }),
    ]);
  });

  it('routes custom actions to their own kind', async () => {
    const before = events.length;
    expect((await send({ path: actionPath, body: fdBody({ event_type: 'i_custom' }) })).status).toBe(200);
    expect(events.slice(before)[0]).toMatchObject({
      kind: 'flashduty-action',
      hint: { kind: 'incident', isCustomAction: true },
    });
  });

  it('answers 429 with Retry-After once an endpoint exceeds its rate', async () => {
    const limited = await startWebhookServer({
      host: '127.0.0.1',
      port: 0,
      routes: () => new Map([[ID, { integrationId: ID, secret: SECRET }]]),
      onEvent: () => undefined,
      rateLimit: { burst: 3, perSecond: 0.001 },
    });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const r = await fetch(`http://127.0.0.1:${limited.port}${sdpPath}`, {
        method: 'POST',
        headers: { [SECRET_HEADER]: SECRET },
        body: '{"request_id":"1"}',
      });
      statuses.push(r.status);
      retryAfter ??= r.headers.get('retry-after');
    }
    await limited.close();
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('checks the secret before the rate limit: 300 forged calls do not cost the real sender its budget', async () => {
    const guarded = await startWebhookServer({
      host: '127.0.0.1',
      port: 0,
      routes: () => new Map([[ID, { integrationId: ID, secret: SECRET }]]),
      onEvent: () => undefined,
      rateLimit: { burst: 5, perSecond: 0.001 },
      unauthenticatedLimit: { burst: 10, perSecond: 0.001 },
    });
    const post = async (secret: string, path = sdpPath) => {
      const r = await fetch(`http://127.0.0.1:${guarded.port}${path}`, {
        method: 'POST',
        headers: { [SECRET_HEADER]: secret },
        body: '{"request_id":"1"}',
      });
      await r.arrayBuffer();
      return r.status;
    };
    const forged: number[] = [];
    for (let i = 0; i < 300; i++) forged.push(await post(`forged-${i}`, i % 2 === 0 ? sdpPath : '/hooks/nope'));
    const real: number[] = [];
    for (let i = 0; i < 5; i++) real.push(await post(SECRET));
    await guarded.close();
    // Strangers share their own small budget: the first few get their real answer, the rest 429.
    expect(forged.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 401 : 404)));
    expect(new Set(forged.slice(10))).toEqual(new Set([429]));
    expect(real).toEqual([202, 202, 202, 202, 202]);
  });

  it('survives a client that hangs up mid-body', async () => {
    await new Promise<void>((resolve) => {
      const req = request(`${base}${fdPath}`, {
        method: 'POST',
        headers: { [SECRET_HEADER]: SECRET, 'content-length': '1000' },
      });
      req.on('error', () => resolve());
      req.write('{"event_id":');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 20);
    });
    expect((await send({ body: fdBody() })).status).toBe(200);
  });
});
