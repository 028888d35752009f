import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFlashdutyClient, type FlashdutyCallRecord } from '../../../shared/node/flashduty/client';
import { FlashdutyError } from '../../../shared/node/flashduty/errors';
import { startFlashdutySimulator, type FlashdutySimulator } from '../../../simulators/flashduty';

const DAY = 86_400;
const CAROL = '9007199254740993';
const PAYROLL = '9007199254740995';
const PLATFORM_TEAM = '9007199254741001';

let sim: FlashdutySimulator;
let sleeps: number[];
let records: FlashdutyCallRecord[];

function client(overrides: { appKey?: string; baseUrl?: string } = {}) {
  return createFlashdutyClient(
    { baseUrl: overrides.baseUrl ?? sim.baseUrl, appKey: overrides.appKey ?? sim.appKey },
    {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 1,
      onCall: (r) => records.push(r),
    },
  );
}

async function failure(promise: Promise<unknown>): Promise<FlashdutyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FlashdutyError);
  return error as FlashdutyError;
}

const apiCalls = (path?: string) => sim.calls().filter((c) => path === undefined || c.path === path);
const nowSec = () => Math.floor(Date.now() / 1000);

beforeEach(async () => {
  sim = await startFlashdutySimulator({ rateLimit: false });
  sleeps = [];
  records = [];
});

afterEach(async () => {
  await sim.close();
});

describe('metadata calls', () => {
  it('memberInfo names the user the key acts as', async () => {
    const me = await client().memberInfo();
    expect(me.member_id).toBe(sim.appKeyOwnerId);
    expect(me.member_name).toBe('Alice');
    expect(me.account_id).toBe('2451002751131');
  });

  it('keeps int64 IDs above 2^53 exact in members, channels, teams and persons', async () => {
    const fd = client();
    const members = await fd.listMembers();
    expect(members.map((m) => m.member_id)).toContain(CAROL);
    const channels = await fd.listChannels();
    expect(channels.find((c) => c.channel_name === 'Payroll')?.channel_id).toBe(PAYROLL);
    const teams = await fd.listTeams();
    const platform = teams.find((t) => t.team_name === 'Platform');
    expect(platform?.team_id).toBe(PLATFORM_TEAM);
    expect(platform?.person_ids).toEqual([CAROL]);
    const people = await fd.personInfos([CAROL]);
    expect(people).toEqual([expect.objectContaining({ person_id: CAROL, person_name: 'Carol' })]);
    expect(apiCalls('/person/infos')[0]?.rawBody).toBe(`{"person_ids":[${CAROL}]}`);
  });

  it('filters members by query', async () => {
    expect((await client().listMembers({ query: 'bob' })).map((m) => m.member_name)).toEqual(['Bob']);
  });

  it('lists custom field definitions with their types and options', async () => {
    const fields = await client().listFields();
    expect(fields.map((f) => [f.field_name, f.field_type])).toEqual([
      ['sdp_request_id', 'text'],
      ['affected_service', 'single_select'],
      ['regions', 'multi_select'],
      ['customer_facing', 'checkbox'],
      ['location', 'text'],
    ]);
    expect(fields[1]?.options).toEqual(['payroll', 'billing', 'website']);
  });
});

describe('incident calls', () => {
  it('creates an incident in a channel with a big ID, assigns it and sets custom fields', async () => {
    const fd = client();
    const created = await fd.createIncident({
      title: 'SDP #4512: Payroll portal down',
      severity: 'Critical',
      description: 'From SDP',
      channelId: PAYROLL,
      assignedPersonIds: [CAROL],
      fields: { sdp_request_id: '4512', regions: ['eu'] },
    });
    expect(created.incident_id).toMatch(/^[0-9a-f]{24}$/);
    expect(apiCalls('/incident/create')[0]?.rawBody).toContain(`"channel_id":${PAYROLL}`);
    const incident = await fd.getIncident(created.incident_id);
    expect(incident).toMatchObject({
      title: 'SDP #4512: Payroll portal down',
      incident_severity: 'Critical',
      progress: 'Triggered',
      channel_id: PAYROLL,
      channel_name: 'Payroll',
      creator_id: sim.appKeyOwnerId,
      fields: { sdp_request_id: '4512', regions: ['eu'] },
      num: created.incident_id.slice(-6).toUpperCase(),
    });
    expect(incident.responders.map((r) => r.person_id)).toEqual([CAROL]);
    expect(Math.abs(incident.start_time - nowSec())).toBeLessThan(600);
  });

  it('reads labels of an alert-created incident', async () => {
    const made = sim.createIncident({
      title: 'CPU high',
      severity: 'Warning',
      channelId: '2551105804131',
      labels: { host: 'web-01' },
    });
    const incident = await client().getIncident(made.incident_id);
    expect(incident.labels).toEqual({ host: 'web-01' });
    expect(incident.creator_id).toBe('0');
  });

  it('ack moves to Processing with ack_time; unack returns to Triggered', async () => {
    const fd = client();
    const { incident_id: id } = sim.createIncident({ title: 'Disk full', severity: 'Critical' });
    await fd.ack([id]);
    let incident = await fd.getIncident(id);
    expect(incident.progress).toBe('Processing');
    expect(incident.ack_time).toBeGreaterThan(0);
    expect(incident.responders.find((r) => r.person_id === sim.appKeyOwnerId)?.acknowledged_at).toBeGreaterThan(0);
    await fd.unack([id]);
    incident = await fd.getIncident(id);
    expect(incident.progress).toBe('Triggered');
    expect(incident.ack_time).toBe(0);
  });

  it('snooze sets snoozed_before, wake clears it, and an expired snooze falls back to Triggered', async () => {
    const fd = client();
    const { incident_id: id } = sim.createIncident({ title: 'Latency', severity: 'Info' });
    await fd.snooze([id], 30);
    const snoozed = await fd.getIncident(id);
    expect(snoozed.snoozed_before - snoozed.updated_at).toBe(30 * 60);
    await fd.wake([id]);
    expect((await fd.getIncident(id)).snoozed_before).toBe(0);

    await fd.ack([id]);
    await fd.snooze([id], 1);
    sim.advanceClock(61_000);
    const lapsed = await fd.getIncident(id);
    expect(lapsed.snoozed_before).toBe(0);
    expect(lapsed.progress).toBe('Triggered');
  });

  it('resolve closes with root cause and resolution; reopen returns to Triggered', async () => {
    const fd = client();
    const { incident_id: id } = sim.createIncident({ title: 'TLS expired', severity: 'Critical' });
    await fd.resolve([id], { root_cause: 'Expired cert', resolution: 'Renewed' });
    const closed = await fd.getIncident(id);
    expect(closed).toMatchObject({
      progress: 'Closed',
      root_cause: 'Expired cert',
      resolution: 'Renewed',
      closer_id: sim.appKeyOwnerId,
    });
    expect(closed.close_time).toBeGreaterThan(0);
    await fd.reopen([id], 'SDP request reopened');
    const reopened = await fd.getIncident(id);
    expect(reopened.progress).toBe('Triggered');
    expect(reopened.close_time).toBe(0);
  });

  it('reset changes title and severity and records manual overrides', async () => {
    const fd = client();
    const { incident_id: id } = sim.createIncident({ title: 'Old title', severity: 'Info' });
    sim.advanceClock(5_000);
    await fd.reset(id, { title: 'New title', severity: 'Critical', description: 'Longer text' });
    const incident = await fd.getIncident(id);
    expect(incident).toMatchObject({ title: 'New title', incident_severity: 'Critical', description: 'Longer text' });
    expect(incident.manual_overrides).toEqual(expect.arrayContaining(['title', 'incident_severity']));
    expect(incident.updated_at).toBeGreaterThan(incident.created_at);
  });

  it.each([
    ['sdp_request_id', '4512'],
    ['affected_service', 'billing'],
    ['regions', ['eu', 'us']],
    ['customer_facing', true],
  ] as const)('resetField sets %s', async (name, value) => {
    const fd = client();
    const { incident_id: id } = sim.createIncident({ title: 'Fields', severity: 'Info' });
    await fd.resetField(id, name, typeof value === 'object' ? [...value] : value);
    expect((await fd.getIncident(id)).fields[name]).toEqual(value);
  });

  it('resetField with undefined clears the value', async () => {
    const fd = client();
    const { incident_id: id } = sim.createIncident({ title: 'Fields', severity: 'Info' });
    await fd.resetField(id, 'sdp_request_id', '1');
    await fd.resetField(id, 'sdp_request_id', undefined);
    expect((await fd.getIncident(id)).fields).toEqual({});
  });

  it('comment shows up in the feed with its text', async () => {
    const fd = client();
    const { incident_id: id } = sim.createIncident({ title: 'Feed', severity: 'Info' });
    await fd.comment([id], '  [SDP] rolling back  ', { muteReply: true });
    const feed = await fd.feed(id, { types: ['i_comm'] });
    expect(feed.hasNextPage).toBe(false);
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({
      type: 'i_comm',
      detail: { comment: '[SDP] rolling back', mute_reply: true },
      creator_id: sim.appKeyOwnerId,
    });
  });

  it('listIncidentsByIds batches 150 IDs into calls of at most 100', async () => {
    const ids = Array.from(
      { length: 150 },
      (_, i) => sim.createIncident({ title: `I${i}`, severity: 'Info' }).incident_id,
    );
    const found = await client().listIncidentsByIds(ids);
    expect(found.map((i) => i.incident_id).sort()).toEqual([...ids].sort());
    const sizes = apiCalls('/incident/list-by-ids').map(
      (c) => (c.body as { incident_ids: string[] }).incident_ids.length,
    );
    expect(sizes).toEqual([100, 50]);
  });

  it('batch actions over 100 incidents are split', async () => {
    const ids = Array.from(
      { length: 101 },
      (_, i) => sim.createIncident({ title: `I${i}`, severity: 'Info' }).incident_id,
    );
    await client().ack(ids);
    expect(apiCalls('/incident/ack').map((c) => (c.body as { incident_ids: string[] }).incident_ids.length)).toEqual([
      100, 1,
    ]);
    expect(sim.incidents().every((i) => i.progress === 'Processing')).toBe(true);
  });
});

describe('incident listing', () => {
  it('pages through more than 100 incidents with the cursor, never with p', async () => {
    const base = nowSec() - 10 * DAY;
    for (let i = 0; i < 250; i++)
      sim.createIncident({ title: `Alert ${i}`, severity: 'Warning', startTime: base + (i % 7) * 60 });
    const all = await client().listIncidents({ startTime: base - 60, endTime: base + DAY });
    expect(all).toHaveLength(250);
    expect(new Set(all.map((i) => i.incident_id)).size).toBe(250);
    const bodies = apiCalls('/incident/list').map((c) => c.body as Record<string, unknown>);
    expect(bodies).toHaveLength(3);
    expect(bodies[0]?.search_after_ctx).toBeUndefined();
    expect(typeof bodies[1]?.search_after_ctx).toBe('string');
    expect(bodies[2]?.search_after_ctx).not.toBe(bodies[1]?.search_after_ctx);
    expect(bodies.every((b) => b.p === undefined && b.limit === 100)).toBe(true);
  });

  it('splits a 75-day span into windows of at most 31 days and returns boundary incidents once', async () => {
    const start = nowSec() - 80 * DAY;
    const end = start + 75 * DAY;
    const times = [
      start,
      start + 31 * DAY,
      start + 31 * DAY + 1,
      start + 62 * DAY,
      start + 70 * DAY,
      end,
      end + 1,
      start - 1,
    ];
    const made = times.map((t, i) => sim.createIncident({ title: `T${i}`, severity: 'Info', startTime: t }));
    const found = await client().listIncidents({ startTime: start, endTime: end });
    expect(found.map((i) => i.title).sort()).toEqual(
      made
        .slice(0, 6)
        .map((i) => i.title)
        .sort(),
    );
    const windows = apiCalls('/incident/list').map((c) => c.body as { start_time: number; end_time: number });
    expect(windows.map((w) => [w.start_time - start, w.end_time - start])).toEqual([
      [0, 31 * DAY],
      [31 * DAY, 62 * DAY],
      [62 * DAY, 75 * DAY],
    ]);
  });

  it('walks a long span newest first with asc: false, so stopping early keeps the newest', async () => {
    const start = nowSec() - 80 * DAY;
    const end = start + 75 * DAY;
    for (const [i, t] of [start + DAY, start + 40 * DAY, start + 41 * DAY, start + 70 * DAY].entries())
      sim.createIncident({ title: `N${i}`, severity: 'Info', startTime: t });
    const titles: string[] = [];
    for await (const incident of client().iterateIncidents({ startTime: start, endTime: end, asc: false }))
      titles.push(incident.title);
    expect(titles).toEqual(['N3', 'N2', 'N1', 'N0']);
    const windows = apiCalls('/incident/list').map((c) => c.body as { start_time: number; asc?: boolean });
    expect(windows.map((w) => [w.start_time - start, w.asc])).toEqual([
      [62 * DAY, false],
      [31 * DAY, false],
      [0, false],
    ]);
  });

  it('applies filters and reports the cursor of a single page', async () => {
    const base = nowSec() - DAY;
    sim.createIncident({ title: 'a', severity: 'Critical', startTime: base, channelId: PAYROLL });
    sim.createIncident({ title: 'b', severity: 'Info', startTime: base + 1, channelId: PAYROLL });
    sim.createIncident({ title: 'c', severity: 'Critical', startTime: base + 2 });
    const page = await client().listIncidentsPage({
      startTime: base - 10,
      endTime: base + 10,
      severities: ['Critical'],
      channelIds: [PAYROLL],
      limit: 10,
    });
    expect(page.items.map((i) => i.title)).toEqual(['a']);
    expect(page.hasNextPage).toBe(false);
    expect(apiCalls('/incident/list')[0]?.rawBody).toContain(`"channel_ids":[${PAYROLL}]`);
  });

  it('refuses a single page over more than 31 days without calling Flashduty', async () => {
    const error = await failure(client().listIncidentsPage({ startTime: 0, endTime: 32 * DAY }));
    expect(error.code).toBe('flashduty.invalid_parameter');
    expect(apiCalls()).toHaveLength(0);
  });
});

describe('client-side validation', () => {
  it.each(['ftp://api.flashcat.cloud', 'not a url', 'http://'])('refuses the base URL %j', (baseUrl) => {
    expect(() => createFlashdutyClient({ baseUrl, appKey: 'k' })).toThrow(
      expect.objectContaining({ code: 'flashduty.invalid_parameter' }),
    );
  });

  it('falls back to the public API when the base URL is blank', () => {
    expect(createFlashdutyClient({ baseUrl: ' ', appKey: 'k' }).baseUrl).toBe('https://api.flashcat.cloud');
  });

  it('refuses an empty app key', () => {
    expect(() => createFlashdutyClient({ appKey: '  ' })).toThrow(
      expect.objectContaining({ code: 'flashduty.invalid_parameter' }),
    );
  });

  it.each([
    ['snooze 0 minutes', (fd: ReturnType<typeof client>) => fd.snooze(['69da451ef77b1b51f40e83ee'], 0)],
    ['snooze 1441 minutes', (fd: ReturnType<typeof client>) => fd.snooze(['69da451ef77b1b51f40e83ee'], 1441)],
    ['snooze 1.5 minutes', (fd: ReturnType<typeof client>) => fd.snooze(['69da451ef77b1b51f40e83ee'], 1.5)],
    ['a non-hex incident id', (fd: ReturnType<typeof client>) => fd.ack(['not-an-id'])],
    ['an empty batch', (fd: ReturnType<typeof client>) => fd.wake([])],
    ['a blank comment', (fd: ReturnType<typeof client>) => fd.comment(['69da451ef77b1b51f40e83ee'], '   ')],
    ['a 2-char reset title', (fd: ReturnType<typeof client>) => fd.reset('69da451ef77b1b51f40e83ee', { title: 'ab' })],
    ['a reset with nothing', (fd: ReturnType<typeof client>) => fd.reset('69da451ef77b1b51f40e83ee', {})],
    [
      'an over-long root cause',
      (fd: ReturnType<typeof client>) => fd.resolve(['69da451ef77b1b51f40e83ee'], { root_cause: 'x'.repeat(1025) }),
    ],
  ])('rejects %s before sending', async (_name, run) => {
    const error = await failure(run(client()));
    expect(error.code).toBe('flashduty.invalid_parameter');
    expect(apiCalls()).toHaveLength(0);
  });

  it('accepts the snooze bounds 1 and 1440', async () => {
    const fd = client();
    const { incident_id: id } = sim.createIncident({ title: 'S', severity: 'Info' });
    await fd.snooze([id], 1);
    await fd.snooze([id], 1440);
    expect(apiCalls('/incident/snooze').map((c) => (c.body as { minutes: number }).minutes)).toEqual([1, 1440]);
  });
});

describe('errors', () => {
  it('a bad key is unauthorized, not retried, and the key appears nowhere', async () => {
    const secret = 'very-secret-key-1234567';
    const error = await failure(client({ appKey: secret }).memberInfo());
    expect(error).toMatchObject({
      code: 'flashduty.unauthorized',
      httpStatus: 401,
      fdCode: 'Unauthorized',
      retryable: false,
    });
    expect(error.message).toMatch(/invalid or revoked/);
    expect(error.requestId).toBe(apiCalls()[0]?.requestId);
    expect(apiCalls()).toHaveLength(1);
    expect(JSON.stringify({ message: error.message, details: error.details, stack: error.stack })).not.toContain(
      secret,
    );
  });

  it('a key without manage permission gets access_denied naming the permission', async () => {
    const fd = client({ appKey: sim.readOnlyAppKey });
    const { incident_id: id } = sim.createIncident({ title: 'R', severity: 'Info' });
    expect((await fd.getIncident(id)).incident_id).toBe(id);
    const error = await failure(fd.ack([id]));
    expect(error).toMatchObject({
      code: 'flashduty.access_denied',
      httpStatus: 403,
      fdCode: 'AccessDenied',
      retryable: false,
    });
    expect(error.message).toContain('Incidents Manage');
    expect(apiCalls('/incident/ack')).toHaveLength(1);
  });

  it('an unknown incident is not_found with HTTP 400', async () => {
    const error = await failure(client().getIncident('69da451ef77b1b51f40e83ee'));
    expect(error).toMatchObject({
      code: 'flashduty.not_found',
      httpStatus: 400,
      fdCode: 'ResourceNotFound',
      retryable: false,
    });
    expect(apiCalls()).toHaveLength(1);
  });

  it('a server-side InvalidParameter names the parameter and is not retried', async () => {
    const { incident_id: id } = sim.createIncident({ title: 'F', severity: 'Info' });
    const error = await failure(client().resetField(id, 'affected_service', 'not-an-option'));
    expect(error).toMatchObject({ code: 'flashduty.invalid_parameter', fdCode: 'InvalidParameter', httpStatus: 400 });
    expect(error.message).toContain('field_value');
    expect(apiCalls()).toHaveLength(1);
  });

  it('a wrong base URL path gives route_not_found', async () => {
    const error = await failure(client({ baseUrl: `${sim.baseUrl}/v2` }).memberInfo());
    expect(error).toMatchObject({ code: 'flashduty.route_not_found', httpStatus: 404, fdCode: 'RouteNotFound' });
    expect(error.message).toMatch(/base URL/);
  });

  it('429 is retried after the Retry-After delay', async () => {
    sim.injectFault({ kind: 'rate429', retryAfterSec: 7 });
    expect((await client().memberInfo()).member_name).toBe('Alice');
    expect(sleeps).toEqual([7000]);
    expect(apiCalls().map((c) => c.status)).toEqual([429, 200]);
  });

  it('persistent 429 ends as a retryable rate_limited error after 4 attempts', async () => {
    sim.injectFault({ kind: 'rate429', times: 10 });
    const error = await failure(client().memberInfo());
    expect(error).toMatchObject({
      code: 'flashduty.rate_limited',
      httpStatus: 429,
      fdCode: 'RequestTooFrequently',
      retryable: true,
    });
    expect(apiCalls()).toHaveLength(4);
    expect(sleeps).toEqual([500, 1000, 2000]);
  });

  it.each([500, 502, 503] as const)('HTTP %i is retried with exponential backoff from 500 ms', async (status) => {
    sim.injectFault({ kind: `http${status}`, times: 2 });
    expect((await client().listFields()).length).toBe(5);
    expect(sleeps).toEqual([500, 1000]);
    expect(apiCalls().map((c) => c.status)).toEqual([status, status, 200]);
  });

  it('a dropped connection is a retried network error', async () => {
    sim.injectFault({ kind: 'dropConnection' });
    expect((await client().memberInfo()).member_name).toBe('Alice');
    expect(records.map((r) => r.errorCode)).toEqual(['flashduty.network', undefined]);
  });

  it('an unreachable server ends as a network error after 4 attempts', async () => {
    const url = sim.baseUrl;
    await sim.close();
    const error = await failure(client({ baseUrl: url }).memberInfo());
    expect(error).toMatchObject({ code: 'flashduty.network', retryable: true });
    expect(error.message).toMatch(/Could not reach Flashduty at 127\.0\.0\.1/);
    expect(records).toHaveLength(4);
    sim = await startFlashdutySimulator({ rateLimit: false });
  });

  it.each(['htmlPage', 'truncatedBody'] as const)('a 200 %s answer is a bad_response and not retried', async (kind) => {
    sim.injectFault({ kind });
    const error = await failure(client().memberInfo());
    expect(error).toMatchObject({ code: 'flashduty.bad_response', retryable: false, httpStatus: 200 });
    expect(apiCalls()).toHaveLength(1);
  });

  it('a random 5xx rate is absorbed by retries', async () => {
    sim.setServerErrorRate(0.25);
    const fd = client();
    for (let i = 0; i < 10; i++) expect((await fd.memberInfo()).member_name).toBe('Alice');
    expect(apiCalls().filter((c) => c.fault === 'http500').length).toBeGreaterThan(0);
    expect(sleeps.length).toBe(apiCalls().filter((c) => c.fault === 'http500').length);
  });

  it('records request IDs of every attempt for the sync log', async () => {
    sim.injectFault({ kind: 'http500' });
    await client().memberInfo();
    expect(records.map((r) => [r.path, r.attempt, r.httpStatus, r.requestId])).toEqual(
      apiCalls().map((c, i) => ['/member/info', i + 1, c.status, c.requestId]),
    );
  });
});

describe('client-side call budget', () => {
  function budgeted(budget?: { perSecond?: number; perMinute?: number }) {
    let t = 0;
    const waits: number[] = [];
    const fd = createFlashdutyClient(
      { baseUrl: sim.baseUrl, appKey: sim.appKey, ...(budget ? { budget } : {}) },
      {
        now: () => t,
        sleep: async (ms) => {
          waits.push(ms);
          t += ms;
        },
      },
    );
    return { fd, waits };
  }

  it('defaults to 50 calls per second', async () => {
    const { fd, waits } = budgeted();
    for (let i = 0; i < 51; i++) await fd.memberInfo();
    expect(waits).toEqual([1000]);
  });

  it.each([
    [{ perSecond: 2, perMinute: 100 }, 5, [1000, 1000]],
    [{ perSecond: 100, perMinute: 3 }, 4, [60_000]],
  ])('honours a configured budget %j', async (budget, calls, expected) => {
    const { fd, waits } = budgeted(budget);
    for (let i = 0; i < calls; i++) await fd.memberInfo();
    expect(waits).toEqual(expected);
  });
});

describe('envelope handling against a stub server', () => {
  let stub: http.Server;
  let stubUrl: string;
  let answer: { status: number; body: string; headers?: Record<string, string> };

  beforeEach(async () => {
    stub = http.createServer((_req, res) => {
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
      res.end(answer.body);
    });
    await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r));
    stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    stub.closeAllConnections();
    await new Promise<void>((r) => stub.close(() => r()));
  });

  it('treats an error envelope as failure even with HTTP 200', async () => {
    answer = { status: 200, body: '{"request_id":"R1","error":{"code":"ResourceNotFound","message":"gone"}}' };
    const error = await failure(client({ baseUrl: stubUrl }).memberInfo());
    expect(error).toMatchObject({ code: 'flashduty.not_found', requestId: 'R1', httpStatus: 200 });
  });

  it('takes the request ID from the Flashcat-Request-Id header when the body has none', async () => {
    answer = { status: 401, body: 'nope', headers: { 'Flashcat-Request-Id': 'HDR-9' } };
    const error = await failure(client({ baseUrl: stubUrl }).memberInfo());
    expect(error).toMatchObject({ code: 'flashduty.unauthorized', requestId: 'HDR-9' });
  });

  it('rejects a success envelope whose data has the wrong shape', async () => {
    answer = { status: 200, body: '{"request_id":"R2","data":{"member_name":"x"}}' };
    const error = await failure(client({ baseUrl: stubUrl }).memberInfo());
    expect(error).toMatchObject({ code: 'flashduty.bad_response', requestId: 'R2' });
    expect(error.message).toContain('member_id');
  });

  it('stops paging when the server claims more pages but gives no cursor', async () => {
    answer = { status: 200, body: '{"request_id":"R3","data":{"items":[],"has_next_page":true}}' };
    const error = await failure(client({ baseUrl: stubUrl }).listIncidents({ startTime: 0, endTime: 10 }));
    expect(error.code).toBe('flashduty.bad_response');
  });
});
