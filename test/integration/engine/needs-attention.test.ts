import { afterEach, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness, type EngineHarnessOptions } from '../../helpers/engine';
import { flashdutyWrites, incidentsFor, requestsFor, sdpWrites } from '../../helpers/engine-world';

let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harness(options: EngineHarnessOptions = {}): Promise<EngineHarness> {
  h = await startEngineHarness(options);
  return h;
}

async function health(x: EngineHarness, id: string) {
  const status = await x.call('engine.status', {});
  return status.integrations.find((i) => i.id === id)!;
}

describe('needs attention: credentials stop working', () => {
  it('SDP key revoked: stops writing, keeps the changes, and catches up once reconnected', async () => {
    const x = await harness();
    const id = await x.save({ direction: 'two_way' });
    const first = x.fd.createIncident({ title: 'Before the revocation', severity: 'Info' }).incident_id;
    await x.settle(id);
    const requestId = requestsFor(x.sdp, first)[0]!.id;

    // Every SDP call is refused from now on, as after the admin deleted the API key.
    x.sdp.injectFault({ kind: 'unauthorized', times: 100_000 });
    x.fd.ack(first);
    await x.settle(id);
    expect(await health(x, id)).toMatchObject({
      state: 'needs_attention',
      lastError: { code: 'error', params: { code: 'sdp.auth', english: expect.stringMatching(/.+/) } },
    });
    const log = await x.call('log.query', { integrationId: id, text: 'needs_attention' });
    expect(log.entries.length).toBeGreaterThan(0);

    x.sdp.clearCalls();
    x.fd.clearCalls();
    const during = x.fd.createIncident({ title: 'During the outage', severity: 'Critical' }).incident_id;
    x.fd.resolve(first, { resolution: 'Fixed while SDP was unreachable' });
    x.sdp.updateRequest(requestId, { subject: 'Renamed by a technician meanwhile' });
    await x.call('incidents.push', { integrationId: id, incidentIds: [during] });
    await x.settle(id);
    await x.settle(id);
    expect(sdpWrites(x.sdp) + flashdutyWrites(x.fd)).toBe(0);
    expect((await health(x, id)).state).toBe('needs_attention');
    expect(
      (await x.call('outbox.list', { integrationId: id, state: 'pending' })).items.map((i) => i.entityId),
    ).toContain(during);

    // The admin installs a working key and reconnects (saving the integration rebuilds its clients).
    x.sdp.clearFaults();
    const config = await x.call('integrations.get', { id });
    await x.call('integrations.save', { config });
    await x.settle(id);
    await x.settle(id);

    expect((await health(x, id)).state).not.toBe('needs_attention');
    expect(requestsFor(x.sdp, during)).toHaveLength(1);
    expect(requestsFor(x.sdp, first)[0]).toMatchObject({ status: 'Resolved' });
    expect(x.fd.incident(first).title).toBe('Renamed by a technician meanwhile');
    expect((await x.call('outbox.list', { integrationId: id })).items).toEqual([]);
  });

  it('Flashduty app key refused: nothing is written until the key is fixed, then the backlog syncs', async () => {
    const x = await harness();
    const id = await x.save({
      direction: 'two_way',
      flashduty: { apiBase: x.fd.baseUrl, appKey: { env: 'FD_KEY_WRONG' } },
    });
    const walkIn = String(x.sdp.createRequest({ subject: 'Walk-in while the key is wrong' }).id);
    const incident = x.fd.createIncident({ title: 'Raised while the key is wrong', severity: 'Warning' }).incident_id;
    await x.settle(id);
    await x.settle(id);

    expect(await health(x, id)).toMatchObject({ state: 'needs_attention' });
    expect(x.fd.calls().every((c) => c.status === 401)).toBe(true);
    expect(sdpWrites(x.sdp) + flashdutyWrites(x.fd)).toBe(0);

    const config = await x.call('integrations.get', { id });
    await x.call('integrations.save', {
      config: { ...config, flashduty: { ...config.flashduty, appKey: { env: 'FD_KEY' } } },
    });
    await x.settle(id);
    await x.settle(id);
    expect((await health(x, id)).state).not.toBe('needs_attention');
    expect(incidentsFor(x.fd, walkIn)).toHaveLength(1);
    expect(requestsFor(x.sdp, incident)).toHaveLength(1);
  });

  it('SDP Cloud refresh token revoked: needs attention, then a new grant code catches up', async () => {
    const x = await harness({ edition: 'cloud' });
    const id = await x.save({ direction: 'to_sdp' });
    const before = x.fd.createIncident({ title: 'Cloud before', severity: 'Info' }).incident_id;
    await x.settle(id);
    expect(requestsFor(x.sdp, before)).toHaveLength(1);

    x.sdp.revokeRefreshTokens();
    x.sdp.expireTokens();
    const after = x.fd.createIncident({ title: 'Cloud after the revocation', severity: 'Critical' }).incident_id;
    x.fd.ack(before);
    await x.settle(id);
    await x.settle(id);
    expect(await health(x, id)).toMatchObject({ state: 'needs_attention' });
    expect(requestsFor(x.sdp, after)).toHaveLength(0);
    expect(JSON.stringify(await x.call('log.query', { integrationId: id }))).not.toContain(
      (x.sdp.credentials as { clientSecret: string }).clientSecret,
    );

    await x.connectCloud(id);
    await x.settle(id);
    await x.settle(id);
    expect((await health(x, id)).state).not.toBe('needs_attention');
    expect(requestsFor(x.sdp, after)).toHaveLength(1);
    expect(requestsFor(x.sdp, before)[0]!.status).toBe('In Progress');
  });
});
