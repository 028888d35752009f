import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlashdutySimulator, type FlashdutySimulator } from '../../../simulators/flashduty';

let sim: FlashdutySimulator;

beforeEach(async () => {
  sim = await startFlashdutySimulator({ rateLimit: false });
});
afterEach(async () => {
  await sim.close();
});

async function post(
  path: string,
  body: string,
  opts: { key?: string | null; contentType?: string; method?: string } = {},
) {
  const key = opts.key === undefined ? sim.appKey : opts.key;
  const url = `${sim.baseUrl}${path}${key === null ? '' : `?app_key=${encodeURIComponent(key)}`}`;
  const res = await fetch(url, {
    method: opts.method ?? 'POST',
    headers: { 'Content-Type': opts.contentType ?? 'application/json', Connection: 'close' },
    ...(opts.method === 'GET' ? {} : { body }),
  });
  const json = (await res.json()) as { request_id: string; data?: unknown; error?: { code: string; message: string } };
  return { status: res.status, json, requestIdHeader: res.headers.get('flashcat-request-id') };
}

describe('Open API error envelopes', () => {
  it.each([
    ['missing key', '/member/info', '{}', { key: null }, 401, 'Unauthorized'],
    ['wrong key', '/member/info', '{}', { key: 'nope' }, 401, 'Unauthorized'],
    [
      'read-only key on a write',
      '/incident/ack',
      '{"incident_ids":["69da451ef77b1b51f40e83ee"]}',
      { key: 'RO' },
      403,
      'AccessDenied',
    ],
    ['unknown route', '/incident/explode', '{}', {}, 404, 'RouteNotFound'],
    ['wrong method', '/member/info', '', { method: 'GET' }, 405, 'MethodNotAllowed'],
    ['text/plain body', '/member/info', '{}', { contentType: 'text/plain' }, 400, 'InvalidContentType'],
    ['non-JSON body', '/member/info', '{oops', {}, 400, 'InvalidParameter'],
    ['unknown incident', '/incident/info', '{"incident_id":"69da451ef77b1b51f40e83ee"}', {}, 400, 'ResourceNotFound'],
  ] as const)('%s → %i %s', async (_name, path, body, opts, status, code) => {
    const options: { key?: string | null; contentType?: string; method?: string } = { ...opts };
    if (options.key === 'RO') options.key = sim.readOnlyAppKey;
    const res = await post(path, body, options);
    expect(res.status).toBe(status);
    expect(res.json.error?.code).toBe(code);
    expect(res.json.request_id).toBe(res.requestIdHeader);
  });

  it.each([
    ['/incident/snooze', '{"incident_ids":["69da451ef77b1b51f40e83ee"],"minutes":1441}', 'minutes'],
    ['/incident/snooze', '{"incident_ids":["69da451ef77b1b51f40e83ee"],"minutes":0}', 'minutes'],
    ['/incident/ack', '{"incident_ids":["xyz"]}', 'incident_ids.0'],
    ['/incident/ack', '{"incident_ids":[]}', 'incident_ids'],
    ['/incident/create', '{"incident_severity":"Critical","title":"t","channel_id":"2551105804131"}', 'channel_id'],
    ['/incident/create', '{"incident_severity":"Fatal","title":"t"}', 'incident_severity'],
    ['/incident/list', '{"start_time":0,"end_time":2678401}', 'end_time'],
    ['/incident/list', '{"start_time":10,"end_time":5}', 'end_time'],
    ['/incident/list', '{"start_time":0,"end_time":10,"limit":101}', 'limit'],
    ['/incident/list', '{"start_time":0,"end_time":10,"p":101,"limit":100}', 'p'],
    ['/incident/list', '{"start_time":0,"end_time":10,"search_after_ctx":"garbage"}', 'search_after_ctx'],
    ['/incident/reset', '{"incident_id":"69da451ef77b1b51f40e83ee","title":"ab"}', 'title'],
    ['/incident/comment', '{"incident_ids":["69da451ef77b1b51f40e83ee"],"comment":"   "}', 'comment'],
    ['/incident/feed', '{"incident_id":"69da451ef77b1b51f40e83ee","types":["i_bogus"]}', 'types.0'],
    ['/person/infos', '{"person_ids":["2476444212131"]}', 'person_ids.0'],
  ])('%s %s is InvalidParameter naming %s', async (path, body, parameter) => {
    const res = await post(path, body);
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe('InvalidParameter');
    expect(res.json.error?.message).toContain(`${parameter} (`);
  });

  it('an oversized body is EntityTooLarge', async () => {
    const res = await post(
      '/incident/comment',
      JSON.stringify({ incident_ids: ['69da451ef77b1b51f40e83ee'], comment: 'x'.repeat(1_100_000) }),
    );
    expect(res.status).toBe(413);
    expect(res.json.error?.code).toBe('EntityTooLarge');
  });

  it('a batch with one unknown incident changes nothing', async () => {
    const known = sim.createIncident({ title: 'k', severity: 'Info' });
    const res = await post(
      '/incident/ack',
      JSON.stringify({ incident_ids: [known.incident_id, '69da451ef77b1b51f40e83ee'] }),
    );
    expect(res.json.error?.code).toBe('ResourceNotFound');
    expect(sim.incident(known.incident_id).progress).toBe('Triggered');
  });

  it('injected 429s carry Retry-After', async () => {
    sim.injectFault({ kind: 'rate429', retryAfterSec: 3 });
    const res = await fetch(`${sim.baseUrl}/member/info?app_key=${sim.appKey}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    await res.arrayBuffer();
  });

  it('enforces its own per-account rate limit when enabled', async () => {
    await sim.close();
    sim = await startFlashdutySimulator({ rateLimit: { perSecond: 1000, perMinute: 2 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post('/member/info', '{}')).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('never records the app key', async () => {
    await post('/member/info', '{}');
    const [call] = sim.calls();
    expect(call).toMatchObject({ key: 'manage', query: '?app_key=***', status: 200 });
    expect(JSON.stringify(sim.calls())).not.toContain(sim.appKey);
  });
});

describe('control API', () => {
  async function control(method: string, path: string, body?: unknown) {
    const res = await fetch(`${sim.baseUrl}/_sim/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> & unknown[] };
  }

  it('creates an incident as an alert would and acts as a responder', async () => {
    const created = await control('POST', 'incidents', {
      title: 'CPU high',
      severity: 'Critical',
      channel_id: 2551105804131,
      labels: { host: 'web-01' },
    });
    expect(created.json).toMatchObject({
      title: 'CPU high',
      incident_severity: 'Critical',
      progress: 'Triggered',
      labels: { host: 'web-01' },
      channel_name: 'Ops Channel',
    });
    const id = String(created.json.incident_id);
    expect((await control('POST', `incidents/${id}/ack`, { person_id: 5068740052131 })).json).toMatchObject({
      progress: 'Processing',
    });
    expect((await control('POST', `incidents/${id}/snooze`, { minutes: 60 })).json.snoozed_before).toBeGreaterThan(0);
    await control('POST', `incidents/${id}/comment`, { comment: 'on it' });
    expect((await control('POST', `incidents/${id}/resolve`, { root_cause: 'disk' })).json).toMatchObject({
      progress: 'Closed',
      root_cause: 'disk',
    });
    expect(sim.incident(id).feed.map((f) => f.type)).toEqual(['i_new', 'i_ack', 'i_snooze', 'i_comm', 'i_rslv']);
  });

  it('lists every call received and clears them', async () => {
    await post('/member/info', '{}');
    expect((await control('GET', 'calls')).json).toHaveLength(1);
    await control('DELETE', 'calls');
    expect(sim.calls()).toHaveLength(0);
  });

  it('sets faults over HTTP', async () => {
    expect((await control('POST', 'faults', { kind: 'http503', pathIncludes: '/member/' })).status).toBe(201);
    expect((await post('/member/info', '{}')).status).toBe(503);
    expect((await post('/member/info', '{}')).status).toBe(200);
  });

  it('refuses a malformed control body with 400 naming the problem', async () => {
    const res = await control('POST', 'incidents', { severity: 'Fatal' });
    expect(res.status).toBe(400);
    expect(String(res.json.error)).toContain('title');
  });

  it('subscribes webhooks, toggles delivery and advances the clock over HTTP', async () => {
    const sub = await control('POST', 'webhooks', {
      url: 'http://127.0.0.1:9/hook',
      channel_ids: [2551105804131],
      event_types: ['i_ack'],
    });
    expect(String(sub.json.id)).toMatch(/^wh-/);
    expect((await control('PUT', 'webhooks/behaviour', { duplicate: true })).status).toBe(200);
    expect((await control('DELETE', `webhooks/${String(sub.json.id)}`)).status).toBe(200);
    const before = sim.now();
    expect((await control('POST', 'clock/advance', { ms: 60_000 })).json.now).toBeGreaterThanOrEqual(before + 60_000);
  });

  it('answers unknown control paths with 404', async () => {
    expect((await control('POST', 'nothing')).status).toBe(404);
  });
});

describe('incident lifecycle', () => {
  const BOB = '5068740052131';
  const CAROL = '9007199254740993';

  it('stays Processing until the last acker un-acks', () => {
    const { incident_id: id } = sim.createIncident({ title: 'two ackers', severity: 'Warning' });
    sim.ack(id, BOB);
    const ackTime = sim.incident(id).ack_time;
    sim.advanceClock(10_000);
    sim.ack(id, CAROL);
    expect(sim.incident(id).ack_time).toBe(ackTime);
    sim.unack(id, BOB);
    expect(sim.incident(id).progress).toBe('Processing');
    sim.unack(id, CAROL);
    expect(sim.incident(id)).toMatchObject({ progress: 'Triggered', ack_time: 0 });
  });

  it('ignores actions that do not apply to the current state', () => {
    const { incident_id: id } = sim.createIncident({ title: 'closed', severity: 'Info' });
    sim.reopen(id);
    expect(sim.incident(id).feed.map((f) => f.type)).toEqual(['i_new']);
    sim.resolve(id);
    const closeTime = sim.incident(id).close_time;
    sim.advanceClock(5_000);
    sim.resolve(id);
    sim.ack(id);
    sim.snooze(id, 10);
    expect(sim.incident(id)).toMatchObject({ progress: 'Closed', close_time: closeTime, snoozed_before: 0 });
  });

  it('gives alert incidents a 24-hex ID whose last six characters are the num', () => {
    const incident = sim.createIncident({ title: 'ids', severity: 'Info', channelId: '2551105804131' });
    expect(incident.incident_id).toMatch(/^[0-9a-f]{24}$/);
    expect(incident.num).toBe(incident.incident_id.slice(-6).toUpperCase());
    expect(incident.responders.map((r) => r.person_id)).toEqual(['2476444212131']);
  });

  it('a lapsed snooze wakes the incident and says so', () => {
    const { incident_id: id } = sim.createIncident({ title: 'nap', severity: 'Info' });
    sim.ack(id);
    sim.snooze(id, 5);
    sim.advanceClock(5 * 60_000);
    expect(sim.incident(id)).toMatchObject({ snoozed_before: 0, progress: 'Triggered' });
    expect(sim.incident(id).feed.at(-1)).toMatchObject({ type: 'i_wake', creator_id: '0' });
  });
});
