import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { incidentsFor, requestsFor } from '../../helpers/engine-world';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(() => h.close());

const WEBHOOKS = {
  webhooks: true,
  webhookSecret: { env: 'DESKBRIDGE_WEBHOOK_SECRET' },
  flashdutyPollSeconds: 3600,
  sdpPollSeconds: 3600,
} as const;

describe('a draft integration', () => {
  it('reads and previews, but never polls, takes webhooks or writes, until it is turned on', async () => {
    const id = await h.save({ direction: 'two_way', draft: true, ingress: WEBHOOKS });
    const incident = h.fd.createIncident({ title: 'Draft: printer offline', severity: 'Warning' });
    const request = h.sdp.createRequest({ subject: 'Draft: VPN down' });

    // No webhook route is served for a draft, and a poll reads nothing into the engine.
    const setup = await h.call('integrations.webhookSetup', { id });
    expect(setup.sdp.url).toBe('');
    // It says why: a draft takes none yet (not that a secret is missing, which it is not).
    expect(setup.ingress.warning).toEqual({ code: 'ingress.draft_no_webhooks', params: {} });
    await h.settle(id);
    expect(requestsFor(h.sdp, incident.incident_id)).toHaveLength(0);
    expect(incidentsFor(h.fd, String(request.id))).toHaveLength(0);
    await expect(h.call('incidents.push', { integrationId: id, incidentIds: [incident.incident_id] })).rejects.toThrow(
      /draft/,
    );
    expect((await h.call('engine.status', {})).integrations.find((i) => i.id === id)?.state).toBe('draft');

    // A save keeps it a draft; only going live turns it on.
    const stored = await h.call('integrations.get', { id });
    expect((await h.call('integrations.save', { config: { ...stored, name: 'Renamed', draft: false } })).draft).toBe(
      true,
    );

    const preview = await h.call('integrations.goLivePreview', { id });
    expect(preview).toMatchObject({ direction: 'two_way', triggerMode: 'auto', webhooks: true, channels: [] });
    expect(preview.toSdp).toMatchObject({ considered: 1, creates: 1, fails: 0 });
    expect(preview.fromSdp).toMatchObject({ creates: 1 });
    expect(requestsFor(h.sdp, incident.incident_id)).toHaveLength(0);

    expect((await h.call('integrations.goLive', { id })).draft).toBe(false);
    expect((await h.call('integrations.webhookSetup', { id })).sdp.url).not.toBe('');
    await h.converge(id);
    expect(requestsFor(h.sdp, incident.incident_id)).toHaveLength(1);
    expect(incidentsFor(h.fd, String(request.id))).toHaveLength(1);
  });
});
