import https from 'node:https';
import { existsSync, readFileSync } from 'node:fs';
import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { exchangeGrantCode } from '../../../shared/node/sdp/client';
import { runSdpSimulatorCli } from '../../../simulators/sdp/cli';
import { startSdpSimulator, type SdpSimulator } from '../../../simulators/sdp';

/** Raw HTTP against the simulator, to pin down SDP behaviours the client never provokes. */
async function sdp(
  sim: SdpSimulator,
  method: string,
  path: string,
  opts: { input?: unknown; inQuery?: boolean; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const key = (sim.credentials as { apiKey: string }).apiKey;
  const encoded =
    opts.input === undefined ? undefined : new URLSearchParams({ input_data: JSON.stringify(opts.input) }).toString();
  const inQuery = method === 'GET' || opts.inQuery;
  const res = await fetch(`${sim.baseUrl}/${path}${inQuery && encoded ? `?${encoded}` : ''}`, {
    method,
    headers: {
      Accept: 'application/vnd.manageengine.sdp.v3+json',
      ...(opts.headers ?? { authtoken: key }),
      ...(!inQuery && encoded ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(!inQuery && encoded ? { body: encoded } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const messages = (json: Record<string, unknown>): unknown => (json.response_status as { messages?: unknown }).messages;

describe('on-prem simulator wire behaviour', () => {
  let sim: SdpSimulator;
  afterEach(async () => {
    await sim?.close();
  });

  it('rejects unknown JSON keys with 4001 EXTRA_KEY_FOUND_IN_JSON', async () => {
    sim = await startSdpSimulator({ edition: 'onprem' });
    const res = await sdp(sim, 'POST', 'requests', { input: { request: { subject: 'x', colour: 'red' } } });
    expect(res.status).toBe(400);
    expect(messages(res.json)).toEqual([
      { status_code: 4001, field: 'request.colour', type: 'failed', message: 'EXTRA_KEY_FOUND_IN_JSON' },
    ]);
    const udf = await sdp(sim, 'POST', 'requests', {
      input: { request: { subject: 'x', udf_fields: { udf_sline_999: 'a' } } },
    });
    expect(messages(udf.json)).toMatchObject([{ status_code: 4001, field: 'udf_fields.udf_sline_999' }]);
  });

  it('refuses values that do not fit a non-text UDF', async () => {
    sim = await startSdpSimulator({ edition: 'onprem' });
    const pick = await sdp(sim, 'POST', 'requests', {
      input: { request: { subject: 'x', udf_fields: { udf_pick_303: 'qa' } } },
    });
    expect(messages(pick.json)).toMatchObject([{ status_code: 4001, field: 'udf_fields.udf_pick_303' }]);
    const num = await sdp(sim, 'POST', 'requests', {
      input: { request: { subject: 'x', udf_fields: { udf_long_305: 'many' } } },
    });
    expect(messages(num.json)).toMatchObject([{ status_code: 4021, field: 'udf_fields.udf_long_305' }]);
  });

  it('answers a wrong key with 401 and 4022', async () => {
    sim = await startSdpSimulator({ edition: 'onprem' });
    const res = await sdp(sim, 'GET', 'priorities', { headers: { authtoken: 'not-the-key' } });
    expect(res.status).toBe(401);
    expect(messages(res.json)).toMatchObject([{ status_code: 4022 }]);
  });

  it('reads input_data from the query when the body has none, and accepts the legacy TECHNICIAN_KEY', async () => {
    sim = await startSdpSimulator({ edition: 'onprem' });
    const key = (sim.credentials as { apiKey: string }).apiKey;
    const res = await sdp(sim, 'POST', 'requests', {
      input: { request: { subject: 'via query' } },
      inQuery: true,
      headers: { TECHNICIAN_KEY: key },
    });
    expect(res.status).toBe(200);
    expect((res.json.request as { subject: string }).subject).toBe('via query');
    expect(sim.calls().at(-1)!.authHeader).toBe('technician_key');
  });

  it('uses the object form of response_status for on-prem lists and honours PUT /requests/{id}/close', async () => {
    sim = await startSdpSimulator({ edition: 'onprem' });
    const r = sim.createRequest({ subject: 'close me' });
    const list = await sdp(sim, 'GET', 'requests', { input: { list_info: { row_count: 10 } } });
    expect(Array.isArray(list.json.response_status)).toBe(false);
    const closed = await sdp(sim, 'PUT', `requests/${String(r.id)}/close`, {
      input: { request: { closure_info: { closure_comments: 'done', closure_code: { name: 'Success' } } } },
    });
    expect(messages(closed.json)).toMatchObject([{ message: 'Request(s) closed successfully.' }]);
    expect(sim.getRequest(String(r.id))!.status).toMatchObject({ name: 'Closed' });
  });

  it.each([
    [[{ field: 'subject', condition: 'contains', value: 'disk' }], ['Disk full', 'disk slow']],
    [[{ field: 'subject', condition: 'not contains', value: 'disk' }], ['CPU hot']],
    [[{ field: 'subject', condition: 'starts with', value: 'cpu' }], ['CPU hot']],
    [[{ field: 'subject', condition: 'ends with', value: 'slow' }], ['disk slow']],
    [[{ field: 'priority.name', condition: 'is not', values: ['High'] }], ['disk slow', 'CPU hot']],
    [[{ field: 'priority', condition: 'is', value: { name: 'High' } }], ['Disk full']],
    [[{ field: 'display_id', condition: 'between', values: ['101', '102'] }], ['Disk full', 'disk slow']],
    [[{ field: 'display_id', condition: 'not between', values: ['101', '102'] }], ['CPU hot']],
    [[{ field: 'display_id', condition: 'gte', value: '102' }], ['disk slow', 'CPU hot']],
    [[{ field: 'display_id', condition: 'lt', value: '102' }], ['Disk full']],
    [
      [
        { field: 'priority.name', condition: 'is', value: 'High' },
        { field: 'subject', condition: 'contains', value: 'cpu', logical_operator: 'OR' },
      ],
      ['Disk full', 'CPU hot'],
    ],
    [
      [
        {
          field: 'subject',
          condition: 'contains',
          value: 'disk',
          children: [{ field: 'priority.name', condition: 'is', value: 'Low', logical_operator: 'AND' }],
        },
      ],
      ['disk slow'],
    ],
    [
      [
        { field: 'status.name', condition: 'is', value: 'Open' },
        {
          field: 'priority.name',
          condition: 'is',
          value: 'High',
          logical_operator: 'AND',
          children: [{ field: 'priority.name', condition: 'is', value: 'Medium', logical_operator: 'OR' }],
        },
      ],
      ['Disk full', 'CPU hot'],
    ],
  ])('search_criteria %j', async (criteria, expected) => {
    sim = await startSdpSimulator({ edition: 'onprem' });
    sim.createRequest({ subject: 'Disk full', priority: 'High' });
    sim.createRequest({ subject: 'disk slow', priority: 'Low' });
    sim.createRequest({ subject: 'CPU hot', priority: 'Medium' });
    const res = await sdp(sim, 'GET', 'requests', {
      input: { list_info: { row_count: 100, search_criteria: criteria, sort_field: 'display_id', sort_order: 'asc' } },
    });
    expect(res.status).toBe(200);
    expect((res.json.requests as { subject: string }[]).map((r) => r.subject)).toEqual(expected);
  });

  it('list rows are lean: exactly the recorded default subset unless fields_required asks for more', async () => {
    sim = await startSdpSimulator({ edition: 'onprem' });
    sim.createRequest({ subject: 'lean', priority: 'High', udf_fields: { udf_sline_301: 'x' } });
    const lean = await sdp(sim, 'GET', 'requests', { input: { list_info: { row_count: 10 } } });
    const row = (lean.json.requests as Record<string, unknown>[])[0]!;
    expect(Object.keys(row).sort()).toEqual(
      [
        'cancel_flag_comments',
        'cancellation_requested',
        'created_time',
        'display_id',
        'due_by_time',
        'group',
        'has_draft',
        'has_notes',
        'id',
        'is_service_request',
        'requester',
        'status',
        'subject',
        'technician',
        'template',
      ].sort(),
    );
    const more = await sdp(sim, 'GET', 'requests', {
      input: {
        list_info: { row_count: 10, fields_required: ['last_updated_time', 'priority', 'udf_fields.udf_sline_301'] },
      },
    });
    expect((more.json.requests as Record<string, unknown>[])[0]).toMatchObject({
      subject: 'lean',
      priority: { name: 'High' },
      udf_fields: { udf_sline_301: 'x' },
      last_updated_time: { value: expect.any(String) },
    });
    expect((more.json.requests as Record<string, unknown>[])[0]).not.toHaveProperty('description');
    const bad = await sdp(sim, 'GET', 'requests', { input: { list_info: { fields_required: ['colour'] } } });
    expect(bad.status).toBe(400);
    expect(messages(bad.json)).toMatchObject([{ status_code: 4001, field: 'fields_required' }]);
  });

  it.each([
    [{ field: 'description', condition: 'contains', value: 'x' }, 400],
    [{ field: 'udf_fields.udf_mline_302', condition: 'is', value: 'x' }, 400],
    [{ field: 'udf_fields.udf_sline_301', condition: 'contains', value: 'x' }, 400],
    [{ field: 'technician.name', condition: 'is', value: 'x' }, 400],
    [{ field: 'udf_fields.udf_sline_301', condition: 'is', value: 'x' }, 200],
    [{ field: 'subject', condition: 'is', value: 'x' }, 200],
    [{ field: 'requester.email_id', condition: 'is', value: 'x' }, 200],
  ])('searching %j answers %i: only fields public clients search are searchable', async (criterion, status) => {
    sim = await startSdpSimulator({ edition: 'onprem' });
    const res = await sdp(sim, 'GET', 'requests', { input: { list_info: { search_criteria: [criterion] } } });
    expect(res.status).toBe(status);
    if (status === 400) expect(messages(res.json)).toMatchObject([{ status_code: 4001, field: criterion.field }]);
  });

  it('lostResponse carries the call out, then breaks the connection before the answer', async () => {
    sim = await startSdpSimulator({ edition: 'onprem' });
    sim.injectFault({ kind: 'lostResponse', method: 'POST', pathIncludes: '/requests' });
    await expect(
      sdp(sim, 'POST', 'requests', { input: { request: { subject: 'made, answer lost' } } }),
    ).rejects.toThrow();
    expect(sim.listRequests().map((r) => r.subject)).toEqual(['made, answer lost']);
    expect(sim.calls().at(-1)).toMatchObject({ fault: 'lostResponse' });
  });

  it('a search on an unknown field is 4001 naming it', async () => {
    sim = await startSdpSimulator({ edition: 'onprem' });
    const res = await sdp(sim, 'GET', 'requests', {
      input: { list_info: { search_criteria: { field: 'colour', condition: 'is', value: 'x' } } },
    });
    expect(res.status).toBe(400);
    expect(messages(res.json)).toMatchObject([{ status_code: 4001, field: 'colour' }]);
  });
});

describe('cloud simulator wire behaviour', () => {
  let sim: SdpSimulator;
  afterEach(async () => {
    await sim?.close();
  });

  it('requires the portal path and a live Zoho token, and lists with an array response_status', async () => {
    sim = await startSdpSimulator({ edition: 'cloud', portal: 'itdesk' });
    const c = sim.credentials as { accountsServer: string; clientId: string; clientSecret: string; grantCode: string };
    const { accessToken } = await exchangeGrantCode({ ...c, code: c.grantCode });
    const get = (url: string, token: string): Promise<Response> =>
      fetch(url, {
        headers: { Authorization: `Zoho-oauthtoken ${token}`, Accept: 'application/vnd.manageengine.sdp.v3+json' },
      });
    expect((await get(`${sim.baseUrl}/priorities`, 'bogus')).status).toBe(401);
    expect((await get(`${sim.origin}/app/otherportal/api/v3/priorities`, accessToken)).status).toBe(404);
    const ok = await get(`${sim.baseUrl}/priorities`, accessToken);
    expect(Array.isArray(((await ok.json()) as { response_status: unknown }).response_status)).toBe(true);
  });

  it.each([
    [
      'requests.READ + setup.READ',
      ['SDPOnDemand.requests.READ', 'SDPOnDemand.setup.READ'],
      { priorities: 200, technicians: 401, 'requests/_metainfo': 401, requests: 200 },
    ],
    [
      'users.ALL covers users.READ',
      ['SDPOnDemand.users.ALL'],
      { priorities: 401, technicians: 200, users: 200, requests: 401 },
    ],
    [
      'custommodule.READ only',
      ['SDPOnDemand.custommodule.READ'],
      { 'requests/_metainfo': 200, requests: 401, request_templates: 401 },
    ],
  ] as const)(
    'enforces the scopes a grant code was minted with (%s); out of scope is the dead-token 401',
    async (_what, scopes, expected) => {
      sim = await startSdpSimulator({ edition: 'cloud' });
      const c = sim.credentials as { accountsServer: string; clientId: string; clientSecret: string };
      const { accessToken } = await exchangeGrantCode({ ...c, code: sim.mintGrantCode(undefined, scopes) });
      const deadTokenBody = await (
        await fetch(`${sim.baseUrl}/priorities`, { headers: { Authorization: 'Zoho-oauthtoken 1000.dead' } })
      ).json();
      for (const [path, status] of Object.entries(expected)) {
        const res = await fetch(`${sim.baseUrl}/${path}`, {
          headers: {
            Authorization: `Zoho-oauthtoken ${accessToken}`,
            Accept: 'application/vnd.manageengine.sdp.v3+json',
          },
        });
        expect([path, res.status]).toStrictEqual([path, status]);
        if (status === 401) expect(await res.json()).toStrictEqual(deadTokenBody);
      }
    },
  );
});

describe('control API over HTTP', () => {
  let sim: SdpSimulator;
  afterEach(async () => {
    await sim?.close();
  });

  it('lets a technician create and change requests, and exposes the call log', async () => {
    sim = await startSdpSimulator({ edition: 'onprem' });
    const post = (path: string, body: unknown, method = 'POST'): Promise<Response> =>
      fetch(`${sim.origin}/_sim/${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = (await (
      await post('requests', { subject: 'from the demo', priority: 'Low', requester: 'bob@example.com' })
    ).json()) as { id: string };
    const patched = await post(
      `requests/${created.id}`,
      { status: 'Onhold', technician: 'bala@example.com', priority: 'Urgent' },
      'PATCH',
    );
    expect(await patched.json()).toMatchObject({
      status: { name: 'Onhold', stop_timer: true },
      technician: { email_id: 'bala@example.com' },
      priority: { name: 'Urgent' },
    });
    expect(
      (await post(`requests/${created.id}/notes`, { description: 'looking', as: 'alice@example.com' })).status,
    ).toBe(201);
    const bad = await post(`requests/${created.id}`, { status: 'Nope' }, 'PATCH');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/status/);
    expect((await post('faults', { kind: 'rate429', times: 1 })).status).toBe(201);
    await fetch(`${sim.baseUrl}/priorities`, {
      headers: { authtoken: (sim.credentials as { apiKey: string }).apiKey },
    });
    const calls = (await (await fetch(`${sim.origin}/_sim/calls`)).json()) as { fault?: string; status: number }[];
    expect(calls).toMatchObject([{ fault: 'rate429', status: 429 }]);
  });
});

describe('command line', () => {
  it.each([
    ['cloud', ['sdp', '--edition', 'cloud', '--port', '0', '--portal', 'helpdesk']],
    ['onprem', ['--edition', 'onprem', '--port', '0']],
  ] as const)('prints the %s base URL and working credentials', async (edition, argv) => {
    const lines: string[] = [];
    const stop = new AbortController();
    let printed: () => void = () => undefined;
    const ready = new Promise<void>((r) => (printed = r));
    const expectedLines = edition === 'cloud' ? 9 : 2;
    const run = runSdpSimulatorCli([...argv], {
      out: (l) => {
        lines.push(l);
        if (lines.length === expectedLines) printed();
      },
      signal: stop.signal,
    });
    await ready;
    const base = /^SDP simulator \((cloud|onprem)\) ready: (\S+)$/.exec(lines[0]!);
    expect(base?.[1]).toBe(edition);
    if (edition === 'cloud') {
      // https with a CA made for the run: what the connection form needs, trusted as NODE_EXTRA_CA_CERTS says.
      expect(base![2]).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/app\/helpdesk\/api\/v3$/);
      const [caFile, trust, domain, portal, acc, id, secret, code] = lines.slice(1).map((l) => l.split(': ')[1]!);
      expect(lines.slice(1).map((l) => l.split(': ')[0])).toEqual([
        'ca file',
        'trust it',
        'api domain',
        'portal',
        'accounts server',
        'client id',
        'client secret',
        'grant code',
      ]);
      expect(trust).toBe(`NODE_EXTRA_CA_CERTS=${caFile} npm start`);
      const url = new URL(base![2]!);
      expect([domain, portal, acc]).toStrictEqual([url.host, 'helpdesk', url.origin]);
      const agent = new https.Agent({ ca: readFileSync(caFile!, 'utf8') });
      const grant = await exchangeGrantCode(
        { accountsServer: acc!, clientId: id!, clientSecret: secret!, code: code! },
        { http: axios.create({ httpsAgent: agent }) },
      );
      expect(grant.refreshToken).toBeTruthy();
      agent.destroy();
    } else {
      expect(base![2]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
      const key = /^api key: (\S+)$/.exec(lines[1]!)![1]!;
      const res = await fetch(`${base![2]}/priorities`, { headers: { authtoken: key } });
      expect(res.status).toBe(200);
    }
    stop.abort();
    await run;
    if (edition === 'cloud') expect(existsSync(lines[1]!.split(': ')[1]!)).toBe(false);
  });

  it('rejects a bad edition', async () => {
    await expect(runSdpSimulatorCli(['sdp', '--edition', 'saas'], { out: () => undefined })).rejects.toThrow(
      /--edition/,
    );
  });
});
