import { afterEach, describe, expect, it } from 'vitest';
import { sdpRequestUrl, type IntegrationDraftInput } from '../../../shared/common/config';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { flashdutyWrites, onlyRequestFor, sdpWrites } from '../../helpers/engine-world';

/**
 * An incident that started in Flashduty learns its SDP request: number and link in the request ID
 * marker's custom field, written once, after the create, as "#<number> <url>".
 */
let h: EngineHarness;
afterEach(() => h.close());

const ROWS: { name: string; edition: 'onprem' | 'cloud'; config: Partial<IntegrationDraftInput> }[] = [
  { name: 'to_sdp, on-prem', edition: 'onprem', config: { direction: 'to_sdp' } },
  { name: 'two_way, on-prem', edition: 'onprem', config: { direction: 'two_way' } },
  { name: 'two_way, SDP Cloud', edition: 'cloud', config: { direction: 'two_way' } },
];

describe('the request number and link on the incident', () => {
  it.each(ROWS)('$name: written once after the create; a second pass writes nothing', async (row) => {
    h = await startEngineHarness({ edition: row.edition });
    const id = await h.save(row.config);
    const incident = h.fd.createIncident({ title: `Disk full (${row.name})`, severity: 'Critical' }).incident_id;
    await h.converge(id);

    const request = onlyRequestFor(h.sdp, incident);
    const raw = h.sdp.getRequest(request.id) as { display_id: unknown };
    const config = await h.call('integrations.get', { id });
    const expected = `#${String(raw.display_id)} ${sdpRequestUrl(config.sdp, request.id)}`;
    expect(h.fd.incident(incident).fields.sdp_request_id).toBe(expected);
    const trail = (await h.call('links.get', { integrationId: id, incidentId: incident })).trail;
    expect(trail.filter((e) => e.action === 'set_request_link')).toHaveLength(1);

    const [fdBefore, sdpBefore] = [flashdutyWrites(h.fd), sdpWrites(h.sdp)];
    await h.converge(id);
    expect([flashdutyWrites(h.fd) - fdBefore, sdpWrites(h.sdp) - sdpBefore]).toEqual([0, 0]);
    expect((await h.call('outbox.list', { integrationId: id })).items).toEqual([]);
  });

  it('costs one SDP call and one Flashduty write in the create’s own pass; the next polls re-read nothing', async () => {
    h = await startEngineHarness();
    const id = await h.save({ direction: 'two_way' });
    // Metadata and the first polls' cursors come first: what follows is the new incident's own cost.
    await h.converge(id);
    const [fdFrom, sdpFrom] = [h.fd.calls().length, h.sdp.calls().length];
    const incident = h.fd.createIncident({ title: 'Cache cluster degraded', severity: 'Critical' }).incident_id;
    await h.settle(id);

    const request = onlyRequestFor(h.sdp, incident);
    expect(String(h.fd.incident(incident).fields.sdp_request_id)).toContain(`woID=${request.id}`);
    // Besides each poller's list: the create, the link write, and a look for comments to copy.
    const sdpCalls = h.sdp
      .calls()
      .slice(sdpFrom)
      .filter((c) => c.kind === 'api' && !(c.method === 'GET' && /\/requests$/.test(c.path)))
      .map((c) => `${c.method} ${c.path.replace(/^.*\/api\/v3/, '')}`);
    const fdCalls = h.fd
      .calls()
      .slice(fdFrom)
      .filter((c) => c.path !== '/incident/list')
      .map((c) => `${c.method} ${c.path}`);
    expect(sdpCalls).toEqual(['POST /requests']);
    expect(fdCalls).toEqual(['POST /incident/field/reset', 'POST /incident/feed']);

    // The link write is ours: the next polls list the incident changed but read neither side again.
    const [fdAfter, sdpAfter] = [h.fd.calls().length, h.sdp.calls().length];
    h.advanceEngineClock(6_000);
    await h.converge(id, 2);
    const reads = [
      ...h.fd
        .calls()
        .slice(fdAfter)
        .filter((c) => c.path !== '/incident/list'),
      ...h.sdp
        .calls()
        .slice(sdpAfter)
        .filter((c) => c.kind === 'api' && !/\/requests$/.test(c.path)),
    ].map((c) => `${c.method} ${c.path}`);
    expect(reads).toEqual([]);
  });

  it('a field Flashduty does not have parks one failure with the reason and the fix; the request is still made', async () => {
    h = await startEngineHarness();
    const id = await h.save({ direction: 'to_sdp', toSdp: { requestLink: { enabled: true, field: 'sdp_link' } } });
    const incident = h.fd.createIncident({ title: 'Queue backed up', severity: 'Warning' }).incident_id;
    await h.converge(id);

    expect(onlyRequestFor(h.sdp, incident)).toBeDefined();
    const failed = (await h.call('outbox.list', { integrationId: id, state: 'failed' })).items;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      type: 'set_request_link',
      entityId: incident,
      lastError: { code: 'fd_field_missing' },
    });
    // The field is named as data, Flashduty's own words quoted; the fix is worded by the UI.
    expect(failed[0]!.lastError!.message).toMatchObject({
      code: 'fail.fd_field_missing',
      params: { field: 'sdp_link', error: { code: 'quoted' } },
    });
    expect(failed[0]!.lastError!.fix).toEqual({ code: 'fix.fd_field_missing', params: {} });
    expect(h.fd.incident(incident).fields.sdp_link).toBeUndefined();

    // Parked once: later polls do not try again by themselves.
    const resets = () => h.fd.calls().filter((c) => c.path === '/incident/field/reset').length;
    const before = resets();
    await h.converge(id);
    expect(resets()).toBe(before);
    expect((await h.call('outbox.list', { integrationId: id })).items).toHaveLength(1);
  });
});
