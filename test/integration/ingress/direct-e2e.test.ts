import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { until } from '../../helpers/until';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(() => h.close());

describe('direct ingress end to end: both simulators post webhooks to DeskBridge', () => {
  it('syncs a change in each direction by webhook alone (pollers idle), with the setup helper’s exact URLs, header and body', async () => {
    const config = await h.call('integrations.save', {
      config: h.draft({
        direction: 'two_way',
        ingress: {
          webhooks: true,
          webhookSecret: { env: 'DESKBRIDGE_WEBHOOK_SECRET' },
          flashdutyPollSeconds: 3600,
          sdpPollSeconds: 3600,
        },
      }),
    });
    const setup = await h.call('integrations.webhookSetup', { id: config.id });
    expect(setup.ingress).toMatchObject({ mode: 'direct', warning: null });
    expect(setup.sdp.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\//);
    const headers = { [setup.secretHeader.name]: setup.secretHeader.value };
    const hook = h.sdp.registerWebhook({ name: 'DeskBridge', url: setup.sdp.url, headers, body: setup.sdp.body });
    h.sdp.registerTrigger({ name: 'on create and edit', webhookId: hook.id, on: ['create', 'edit'] });
    h.fd.subscribe({ url: setup.flashduty.incidentWebhookUrl, headers });
    // Past the catch-up polls a second after start, the next polls are an hour away: what syncs now came by webhook.
    await until(() => h.fd.calls().some((c) => c.path === '/incident/list'), 'the Flashduty catch-up poll');
    await until(
      () => h.sdp.calls().some((c) => c.method === 'GET' && c.path.endsWith('/requests')),
      'the SDP catch-up poll',
    );

    // Flashduty → SDP: a new incident's i_new webhook makes the request.
    const incident = h.fd.createIncident({ title: 'Webhook-borne incident', severity: 'Critical' });
    await until(() => h.sdp.listRequests().some((r) => r.subject === 'Webhook-borne incident'), 'the request');
    await h.core.engine.idle();
    const request = h.sdp.listRequests().find((r) => r.subject === 'Webhook-borne incident')!;

    // SDP → Flashduty: a technician's status change reaches the incident through SDP's webhook.
    h.sdp.updateRequest(String(request.id), { status: 'In Progress' });
    await until(() => h.fd.incident(incident.incident_id).progress === 'Processing', 'the acknowledgement');
    expect(h.sdp.webhookDeliveries().every((d) => d.status === 202)).toBe(true);
    expect(h.fd.deliveries().length).toBeGreaterThan(0);
  });

  it('names the change first seen by the poller when the webhook was lost', async () => {
    const config = await h.call('integrations.save', {
      config: h.draft({
        direction: 'two_way',
        trigger: { mode: 'auto', match: 'all', conditions: [] },
        ingress: {
          webhooks: true,
          webhookSecret: { env: 'DESKBRIDGE_WEBHOOK_SECRET' },
          flashdutyPollSeconds: 3600,
          sdpPollSeconds: 3600,
        },
      }),
    });
    // No subscriptions: every webhook is "lost"; polling must still sync the change.
    h.fd.createIncident({ title: 'Lost webhook incident', severity: 'Warning' });
    await h.core.engine.runtime(config.id)!.pollOnce();
    await h.core.engine.idle();
    expect(h.sdp.listRequests().map((r) => r.subject)).toContain('Lost webhook incident');
    const log = await h.call('log.query', { integrationId: config.id, limit: 200 });
    expect(log.entries.some((e) => e.action === 'create_request' && e.message.code === 'missed_by_webhook')).toBe(true);
  });
});
