import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRelaySimulator, type RelaySimulator } from '../../../simulators/relay/index';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { until } from '../../helpers/until';

let h: EngineHarness;
let relay: RelaySimulator;
beforeEach(async () => {
  [h, relay] = await Promise.all([startEngineHarness(), startRelaySimulator({ pingIntervalMs: 0 })]);
});
afterEach(async () => {
  await h.close();
  await relay.close();
});

describe('relay ingress end to end', () => {
  it('receives Flashduty webhooks through the relay; what the relay drops while down, the poller catches', async () => {
    const config = await h.call('integrations.save', {
      config: h.draft({
        direction: 'to_sdp',
        ingress: {
          webhooks: true,
          webhookSecret: { env: 'DESKBRIDGE_WEBHOOK_SECRET' },
          flashdutyPollSeconds: 3600,
          sdpPollSeconds: 3600,
          mode: { type: 'relay', channelUrl: relay.channelUrl('deskbridge-e2e') },
        },
      }),
    });
    const ingress = () => h.core.board.snapshot().integrations.find((i) => i.id === config.id)?.ingress;
    await until(() => ingress()?.state === 'connected', 'the relay subscription');
    const setup = await h.call('integrations.webhookSetup', { id: config.id });
    expect(setup.ingress.mode).toBe('relay');
    expect(setup.flashduty.incidentWebhookUrl.startsWith(relay.channelUrl('deskbridge-e2e'))).toBe(true);
    h.fd.subscribe({
      url: setup.flashduty.incidentWebhookUrl,
      headers: { [setup.secretHeader.name]: setup.secretHeader.value },
    });
    // The catch-up poll a second after start must be over, or on a slow machine it could see the incident first.
    await until(() => h.fd.calls().some((c) => c.path === '/incident/list'), 'the catch-up poll at start');

    h.fd.createIncident({ title: 'Through the relay', severity: 'Warning' });
    await until(() => h.sdp.listRequests().some((r) => r.subject === 'Through the relay'), 'the relayed webhook');
    // The request exists a moment before the engine logs it: wait for the pass to finish.
    await h.core.engine.idle();
    const viaRelay = await h.call('log.query', { integrationId: config.id, text: 'Through the relay' });
    expect(viaRelay.entries.some((e) => e.action === 'create_request' && e.message.code !== 'missed_by_webhook')).toBe(
      true,
    );

    // The relay goes away: the route shows it, and the webhook sent meanwhile is lost.
    await relay.close();
    await until(() => ingress()?.state !== 'connected', 'the route to notice');
    h.fd.createIncident({ title: 'Sent while the relay was down', severity: 'Warning' });
    await h.fd.webhooksIdle();
    expect(h.sdp.listRequests().some((r) => r.subject === 'Sent while the relay was down')).toBe(false);

    await h.core.engine.runtime(config.id)!.pollOnce();
    await h.core.engine.idle();
    expect(h.sdp.listRequests().some((r) => r.subject === 'Sent while the relay was down')).toBe(true);
    const log = await h.call('log.query', { integrationId: config.id, text: 'Sent while the relay was down' });
    expect(log.entries.some((e) => e.message.code === 'missed_by_webhook')).toBe(true);
  });
});
