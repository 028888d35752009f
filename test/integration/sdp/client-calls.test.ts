import { afterEach, describe, expect, it } from 'vitest';
import { apiCalls, startPair, type Pair } from './harness';

const EDITIONS = ['cloud', 'onprem'] as const;
/** A running status that is not Open: cloud ships "In Progress"; on-prem has only Open among its defaults. */
const WORKING = { cloud: 'In Progress', onprem: 'Open' } as const;
const UDF = {
  cloud: {
    text: 'txt_incident_id',
    multi: 'txt_runbook',
    pick: 'txt_env',
    date: 'date_detected',
    num: 'num_impact_count',
  },
  onprem: {
    text: 'udf_sline_301',
    multi: 'udf_mline_302',
    pick: 'udf_pick_303',
    date: 'udf_date_304',
    num: 'udf_long_305',
  },
};

describe.each(EDITIONS)('SDP client calls against the %s simulator', (edition) => {
  let pair: Pair;
  afterEach(async () => {
    await pair?.sim.close();
  });

  it('creates a request and reads it back with string IDs, epoch-ms times and text UDFs', async () => {
    pair = await startPair(edition);
    const created = await pair.client.createRequest({
      subject: '[P1] API latency high',
      description: '<p>Alert from on-call</p>',
      priority: { name: 'High' },
      status: { name: 'Open' },
      requester: { email_id: 'oncall-bot@example.com' },
      group: { name: 'Network' },
      udf_fields: { [UDF[edition].text]: 'INC-4711' },
    });
    expect(created.id).toMatch(/^\d+$/);
    if (edition === 'cloud') expect(created.id).toHaveLength(18);
    const got = await pair.client.getRequest(created.id);
    expect(got).toMatchObject({
      id: created.id,
      subject: '[P1] API latency high',
      description: '<p>Alert from on-call</p>',
      status: { name: 'Open', in_progress: true, stop_timer: false },
      priority: { name: 'High' },
      requester: { email_id: 'oncall-bot@example.com' },
      group: { name: 'Network' },
      technician: null,
      template: { name: 'Default Request' },
      resolution: null,
    });
    expect(got.udf_fields[UDF[edition].text]).toBe('INC-4711');
    expect(typeof got.created_time).toBe('number');
    expect(got.last_updated_time).toBe(got.created_time);
    expect(typeof got.priority!.id).toBe('string');
  });

  it("sends the v3 Accept header, the form field input_data and the edition's auth header", async () => {
    pair = await startPair(edition);
    await pair.client.createRequest({ subject: 'headers' });
    const [call] = apiCalls(pair.sim);
    expect(call!.accept).toBe('application/vnd.manageengine.sdp.v3+json');
    expect(call!.authHeader).toBe(edition === 'cloud' ? 'zoho-oauthtoken' : 'authtoken');
    expect(call!.inputData).toEqual({ request: { subject: 'headers' } });
  });

  it('updates only the fields sent and moves last_updated_time forward', async () => {
    pair = await startPair(edition);
    const created = await pair.client.createRequest({ subject: 'partial', priority: { name: 'Low' } });
    const updated = await pair.client.updateRequest(created.id, {
      status: { name: WORKING[edition] },
      technician: { email_id: 'alice@example.com' },
      update_reason: 'Acknowledged in on-call',
    });
    expect(updated.subject).toBe('partial');
    expect(updated.priority?.name).toBe('Low');
    expect(updated.status.name).toBe(WORKING[edition]);
    expect(updated.technician?.email_id).toBe('alice@example.com');
    expect(updated.last_updated_time!).toBeGreaterThan(created.last_updated_time!);
    const cleared = await pair.client.updateRequest(created.id, { technician: null });
    expect(cleared.technician).toBeNull();
  });

  it('lists with search criteria, sorting, row_count paging, has_more_rows and total count', async () => {
    pair = await startPair(edition);
    const made = [];
    for (const p of ['Low', 'High', 'High', 'Urgent', 'High'])
      made.push(await pair.client.createRequest({ subject: `req ${p}`, priority: { name: p } }));
    const first = await pair.client.listRequests({
      searchCriteria: [{ field: 'priority.name', condition: 'is', values: ['High', 'Urgent'] }],
      sortField: 'created_time',
      sortOrder: 'desc',
      rowCount: 3,
      getTotalCount: true,
    });
    expect(first.totalCount).toBe(4);
    expect(first.hasMoreRows).toBe(true);
    expect(first.requests.map((r) => r.id)).toEqual([made[4]!.id, made[3]!.id, made[2]!.id]);
    // List rows are a subset: description is not in them.
    expect(first.requests[0]!.description).toBeNull();
    const second = await pair.client.listRequests({
      searchCriteria: [{ field: 'priority.name', condition: 'is', values: ['High', 'Urgent'] }],
      sortField: 'created_time',
      sortOrder: 'desc',
      rowCount: 3,
      startIndex: 4,
    });
    expect(second.hasMoreRows).toBe(false);
    expect(second.requests.map((r) => r.id)).toEqual([made[1]!.id]);
    const simple = await pair.client.listRequests({ searchFields: { 'priority.name': 'Low' } });
    expect(simple.requests.map((r) => r.id)).toEqual([made[0]!.id]);
  });

  it('pages through requests updated after a watermark, oldest change first', async () => {
    pair = await startPair(edition);
    const a = await pair.client.createRequest({ subject: 'a' });
    const b = await pair.client.createRequest({ subject: 'b' });
    const c = await pair.client.createRequest({ subject: 'c' });
    const d = await pair.client.createRequest({ subject: 'd' });
    const watermark = b.last_updated_time!;
    await pair.client.updateRequest(a.id, { priority: { name: 'High' } });
    const seen: string[] = [];
    for await (const r of pair.client.requestsUpdatedSince(watermark, { pageSize: 1 })) seen.push(r.id);
    expect(seen).toEqual([c.id, d.id, a.id]);
    const first = apiCalls(pair.sim).find((x) => x.method === 'GET')!;
    expect(first.inputData).toMatchObject({
      list_info: {
        row_count: 1,
        sort_field: 'last_updated_time',
        sort_order: 'asc',
        search_criteria: [{ field: 'last_updated_time', condition: 'greater than', value: String(watermark) }],
      },
    });
  });

  it('does not skip a request when another is updated while paging', async () => {
    pair = await startPair(edition);
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await pair.client.createRequest({ subject: `r${i}` }));
    const seen: string[] = [];
    for await (const r of pair.client.requestsUpdatedSince(0, { pageSize: 2 })) {
      seen.push(r.id);
      // A technician edits the first request right after we read it: it moves to the end.
      if (seen.length === 1) pair.sim.updateRequest(r.id, { priority: 'Urgent' });
    }
    const ids = made.map((r) => r.id);
    expect(seen).toEqual([...ids, ids[0]]);
  });

  it('steps past more same-millisecond changes than fit on one page', async () => {
    pair = await startPair(edition, { sim: { frozenClock: true } });
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await pair.client.createRequest({ subject: `tie ${i}` }));
    pair.sim.advanceClock(5);
    made.push(await pair.client.createRequest({ subject: 'later' }));
    expect(new Set(made.slice(0, 3).map((r) => r.last_updated_time)).size).toBe(1);
    const seen: string[] = [];
    for await (const r of pair.client.requestsUpdatedSince(made[0]!.last_updated_time! - 1, { pageSize: 1 }))
      seen.push(r.id);
    expect(seen.sort()).toEqual(made.map((r) => r.id).sort());
  });

  it('adds a note and lists notes', async () => {
    pair = await startPair(edition);
    const r = await pair.client.createRequest({ subject: 'noted' });
    const note = await pair.client.addNote(r.id, { description: 'Ack by alice via on-call' });
    expect(note).toMatchObject({ description: 'Ack by alice via on-call', show_to_requester: false });
    expect(note.id).toMatch(/^\d+$/);
    pair.sim.addNote(r.id, { description: 'Technician note' });
    const notes = await pair.client.listNotes(r.id);
    expect(notes.map((n) => n.description)).toEqual(['Ack by alice via on-call', 'Technician note']);
    expect(typeof notes[0]!.added_time).toBe('number');
  });

  it('sets the resolution and closes through the portable PUT route', async () => {
    pair = await startPair(edition);
    const r = await pair.client.createRequest({ subject: 'to close' });
    await pair.client.setResolution(r.id, 'Rolled back deploy');
    expect((await pair.client.getRequest(r.id)).resolution?.content).toBe('Rolled back deploy');
    const closed = await pair.client.closeRequest(r.id, { comments: 'Resolved by on-call', closureCode: 'Success' });
    expect(closed.status).toMatchObject({ name: 'Closed', in_progress: false });
    expect(typeof closed.completed_time).toBe('number');
    const put = apiCalls(pair.sim).at(-1)!;
    expect(put.method).toBe('PUT');
    expect(put.path).toMatch(new RegExp(`/requests/${r.id}$`));
    expect(put.inputData).toEqual({
      request: {
        status: { name: 'Closed' },
        closure_info: { closure_comments: 'Resolved by on-call', closure_code: { name: 'Success' } },
      },
    });
  });

  it("lists templates and reads a template's mandatory fields", async () => {
    pair = await startPair(edition);
    const templates = await pair.client.listTemplates();
    expect(templates.map((t) => t.name)).toEqual(['Default Request', 'Incident with requester', 'New hire']);
    expect(templates.find((t) => t.name === 'Default Request')!.isDefault).toBe(true);
    expect(templates.find((t) => t.name === 'New hire')!.isServiceTemplate).toBe(true);
    const strict = await pair.client.getTemplate(templates[1]!.id);
    expect(strict.mandatoryFields.sort()).toEqual(['requester', 'subject']);
    expect((await pair.client.getTemplate(templates[0]!.id)).mandatoryFields).toEqual(['subject']);
  });

  it('lists priorities and classifies statuses by their flags', async () => {
    pair = await startPair(edition);
    expect((await pair.client.listPriorities()).map((p) => p.name)).toEqual(['Low', 'Medium', 'High', 'Urgent']);
    const statuses = await pair.client.listStatuses();
    const byName = Object.fromEntries(statuses.map((s) => [s.name, s.classification]));
    expect(byName).toEqual(
      edition === 'cloud'
        ? {
            Open: 'open',
            'In Progress': 'in_progress',
            Assigned: 'in_progress',
            'Pending Verification': 'in_progress',
            Staging: 'in_progress',
            'On Hold': 'on_hold',
            Resolved: 'completed',
            Closed: 'completed',
            Canceled: 'completed',
            Rejected: 'completed',
          }
        : // On-prem's four default statuses (SDP help, "Configuring Status").
          { Open: 'open', Onhold: 'on_hold', Resolved: 'completed', Closed: 'completed' },
    );
  });

  it('lists technicians, groups and requesters, following has_more_rows past 100 rows', async () => {
    pair = await startPair(edition, { sim: { extraRequesters: 130 } });
    expect((await pair.client.listTechnicians()).map((t) => t.email)).toEqual([
      'alice@example.com',
      'bala@example.com',
      'chloe@example.com',
    ]);
    expect((await pair.client.listGroups()).map((g) => g.name)).toEqual(['Network', 'Database', 'Service Desk']);
    const users = await pair.client.listUsers();
    expect(users.length).toBeGreaterThan(130);
    expect(users.some((u) => u.email === 'oncall-bot@example.com')).toBe(true);
    const userPages = apiCalls(pair.sim).filter((c) => /\/(users|requesters)$/.test(c.path));
    expect(userPages).toHaveLength(2);
    expect(userPages.map((c) => (c.inputData as { list_info: { start_index: number } }).list_info.start_index)).toEqual(
      [1, 101],
    );
  });

  it('reads UDF definitions from _metainfo and tells text fields from others', async () => {
    pair = await startPair(edition);
    const defs = await pair.client.getRequestMetainfo();
    const k = UDF[edition];
    const by = Object.fromEntries(defs.map((d) => [d.key, d]));
    expect(by[k.text]).toMatchObject({ displayName: 'Incident ID', isText: true, textKind: 'single_line' });
    expect(by[k.multi]).toMatchObject({ isText: true, textKind: 'multi_line' });
    expect(by[k.pick]).toMatchObject({ isText: false, allowedValues: ['prod', 'stage'] });
    expect(by[k.date]).toMatchObject({ isText: false, type: 'datetime' });
    expect(by[k.num]).toMatchObject({ isText: false, type: 'integer' });
  });

  it('lists portals', async () => {
    pair = await startPair(edition, { sim: { portal: 'helpdesk' } });
    const portals = await pair.client.listPortals();
    expect(portals).toHaveLength(1);
    expect(portals[0]!.name).toBe('helpdesk');
    if (edition === 'cloud') {
      expect(portals[0]!.appContext).toBe('helpdesk');
      expect(apiCalls(pair.sim).at(-1)!.path).toBe('/api/v3/portals');
    } else {
      expect(portals[0]!.id).toBe('1');
    }
  });
});

describe('edition specifics', () => {
  let pair: Pair;
  afterEach(async () => {
    await pair?.sim.close();
  });

  it('cloud falls back to /groups when /support_groups is not found', async () => {
    pair = await startPair('cloud');
    pair.sim.injectFault({ kind: 'notFound', pathIncludes: '/support_groups' });
    expect((await pair.client.listGroups()).map((g) => g.name)).toContain('Network');
    expect(apiCalls(pair.sim).map((c) => c.path.split('/').at(-1))).toEqual(['support_groups', 'groups']);
  });

  it('on-prem sends PORTALID when a portal is configured', async () => {
    pair = await startPair('onprem', { settings: { portalId: '1' } });
    await pair.client.listPriorities();
    expect(apiCalls(pair.sim)[0]!.portalId).toBe('1');
  });

  it('accepts an on-prem endpoint without /api/v3 and adds it', async () => {
    pair = await startPair('onprem');
    const { createSdpClient } = await import('../../../shared/node/sdp/client');
    const c = pair.sim.credentials as { apiKey: string };
    const client = createSdpClient({ edition: 'onprem', apiBaseUrl: `${pair.sim.origin}/`, apiKey: c.apiKey });
    expect((await client.listPriorities()).length).toBe(4);
  });
});
