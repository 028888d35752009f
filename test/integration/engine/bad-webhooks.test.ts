import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringifyJson } from '../../../shared/node/flashduty/lossless-json';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { incidentsFor, requestsFor } from '../../helpers/engine-world';
import { renderMessage } from '../../../renderer/src/i18n/messages';

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

interface Bad {
  name: string;
  to: 'sdp' | 'flashduty';
  secret?: string | null;
  body: (ctx: { incidentId: string; requestId: string }) => string;
  status: number;
}

/** As Flashduty sends it: int64 IDs as bare numbers, written losslessly. */
const fdEvent = (incident: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  stringifyJson({
    event_id: `ev-${Math.random().toString(16).slice(2)}`,
    event_type: 'i_ack',
    event_time: Date.now(),
    incident,
    ...extra,
  });

describe('bad webhook inputs against the running engine', () => {
  it('answers each with the right status, crashes nothing, and loses no change: the poller syncs what the webhooks could not carry', async () => {
    const id = await h.save({ direction: 'two_way', ingress: WEBHOOKS });
    const wired = await h.wireWebhooks(id);
    const incident = h.fd.createIncident({ title: 'Printer offline', severity: 'Warning' });
    await h.fd.webhooksIdle();
    await h.core.engine.idle();
    const request = requestsFor(h.sdp, incident.incident_id)[0]!;
    expect(request).toBeDefined();

    const BAD: Bad[] = [
      {
        name: 'wrong secret',
        to: 'flashduty',
        secret: 'not-the-secret',
        body: ({ incidentId }) => fdEvent(h.fd.renderIncident(incidentId)),
        status: 401,
      },
      {
        name: 'no secret',
        to: 'sdp',
        secret: null,
        body: ({ requestId }) => JSON.stringify({ request_id: requestId }),
        status: 401,
      },
      { name: 'not JSON', to: 'flashduty', body: () => '{"event_id": ', status: 400 },
      { name: 'huge body', to: 'flashduty', body: () => JSON.stringify({ pad: 'x'.repeat(400 * 1024) }), status: 413 },
      {
        name: 'wrong types',
        to: 'flashduty',
        body: ({ incidentId }) => fdEvent({ ...h.fd.renderIncident(incidentId), labels: 'x' }),
        status: 400,
      },
      {
        name: 'injection in the incident ID',
        to: 'flashduty',
        body: ({ incidentId }) =>
          fdEvent({ ...h.fd.renderIncident(incidentId), incident_id: "'; DROP TABLE links; --" }),
        status: 400,
      },
      {
        name: 'SDP request ID with script',
        to: 'sdp',
        body: () => '{"request_id":"<script>alert(1)</script>"}',
        status: 400,
      },
      {
        name: 'SDP placeholders not substituted',
        to: 'sdp',
        body: () => '{"request_id":"${{request.id}}"}',
        status: 400,
      },
      { name: 'SDP broken JSON without an ID', to: 'sdp', body: () => '{"subject": "a "quoted" word"}', status: 400 },
      {
        name: 'unknown Flashduty incident',
        to: 'flashduty',
        body: ({ incidentId }) =>
          fdEvent({ ...h.fd.renderIncident(incidentId), incident_id: 'ffffffffffffffffffffffff' }),
        status: 200,
      },
      { name: 'unknown SDP request', to: 'sdp', body: () => '{"request_id":"987654321"}', status: 202 },
    ];

    // Changes land on both sides while the webhooks that announce them are garbage.
    h.sdp.updateRequest(request.id, { subject: 'Printer "lp-2" offline \\ again', status: 'Resolved' });
    const later = h.fd.createIncident({ title: 'Scanner offline', severity: 'Info' });
    const url = { sdp: wired.sdpUrl, flashduty: wired.flashdutyUrl };
    const statuses: Record<string, number> = {};
    for (const bad of BAD) {
      const secret = bad.secret === undefined ? wired.header.value : bad.secret;
      const response = await fetch(url[bad.to], {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret === null ? {} : { [wired.header.name]: secret }) },
        body: bad.body({ incidentId: incident.incident_id, requestId: request.id }),
      });
      await response.arrayBuffer();
      statuses[bad.name] = response.status;
    }
    expect(statuses).toEqual(Object.fromEntries(BAD.map((b) => [b.name, b.status])));
    await Promise.all([h.fd.webhooksIdle(), h.sdp.flushWebhooks()]);
    await h.core.engine.idle();

    // The first refusal is logged at once with its reason; the rest are counted for the minute's summary.
    const log = await h.call('log.query', { integrationId: id, text: 'webhook_rejected' });
    expect(log.entries).toEqual([expect.objectContaining({ action: 'webhook_rejected' })]);
    expect(renderMessage(log.entries[0]!.message, 'en')).toContain('wrong secret');
    expect(JSON.stringify(log.entries)).not.toContain(wired.header.value);

    await h.settle(id);
    await h.settle(id);
    expect(h.fd.incident(incident.incident_id)).toMatchObject({
      title: 'Printer "lp-2" offline \\ again',
      progress: 'Closed',
    });
    expect(requestsFor(h.sdp, later.incident_id)).toHaveLength(1);
    expect(incidentsFor(h.fd, '987654321')).toHaveLength(0);

    // And the webhook route still works after all of that.
    const third = h.fd.createIncident({ title: 'Badge reader offline', severity: 'Info' });
    await h.fd.webhooksIdle();
    await h.core.engine.idle();
    expect(requestsFor(h.sdp, third.incident_id)).toHaveLength(1);
  });

  it('an event type DeskBridge does not know is answered, logged as ignored in both languages, and changes nothing', async () => {
    const id = await h.save({ direction: 'two_way', ingress: WEBHOOKS });
    const wired = await h.wireWebhooks(id);
    const incident = h.fd.createIncident({ title: 'Projector offline', severity: 'Info' });
    await h.fd.webhooksIdle();
    await h.core.engine.idle();
    const response = await fetch(wired.flashdutyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [wired.header.name]: wired.header.value },
      body: fdEvent(h.fd.renderIncident(incident.incident_id), { event_type: 'i_brand_new' }),
    });
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    await h.core.engine.idle();
    const log = await h.call('log.query', { integrationId: id, text: 'webhook_ignored' });
    expect(log.entries).toHaveLength(1);
    expect(renderMessage(log.entries[0]!.message, 'en')).toBe(
      'Flashduty webhook ignored: unknown event type “i_brand_new”',
    );
    expect(renderMessage(log.entries[0]!.message, 'zh-CN')).toBe(
      '已忽略 Flashduty Webhook：未知的事件类型“i_brand_new”',
    );
  });

  it('an SDP webhook body broken by unescaped placeholders still leads to the change being synced', async () => {
    const id = await h.save({ direction: 'two_way', ingress: WEBHOOKS });
    const setup = await h.call('integrations.webhookSetup', { id });
    // SDP substitutes values raw, so a subject with quotes breaks the JSON the admin pasted.
    const hook = h.sdp.registerWebhook({
      name: 'raw',
      url: setup.sdp.url,
      headers: { [setup.secretHeader.name]: setup.secretHeader.value },
      body: setup.sdp.body,
      escape: 'raw',
    });
    h.sdp.registerTrigger({ name: 'raw', webhookId: hook.id, on: ['create', 'edit'] });
    const created = h.sdp.createRequest({ subject: 'Laptop "X1" won\'t boot {urgent}\n' });
    await h.sdp.flushWebhooks();
    await h.core.engine.idle();
    const delivered = h.sdp.webhookDeliveries();
    expect(delivered).toHaveLength(1);
    expect(() => JSON.parse(delivered[0]!.body)).toThrow();
    expect([200, 202, 400]).toContain(delivered[0]!.status);
    await h.settle(id);
    expect(incidentsFor(h.fd, String(created.id))).toHaveLength(1);
  });

  it('2,000 forged calls cost a counter, not a log row and an event each, and the real sender is still served', async () => {
    const id = await h.save({ direction: 'two_way', ingress: WEBHOOKS });
    const wired = await h.wireWebhooks(id);
    const entries: unknown[] = [];
    const unsubscribe = h.core.bus.onAny((event, payload) => {
      if (event === 'log.entry' && (payload as { action: string }).action === 'webhook_rejected') entries.push(payload);
    });
    // 100 at a time: 2,000 connections at once overflow the listen backlog of a loaded machine
    // (ECONNRESET), which tests the OS, not the webhook server.
    const forged: number[] = [];
    for (let batch = 0; batch < 20; batch++) {
      const statuses = await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const response = await fetch(wired.sdpUrl, {
            method: 'POST',
            headers: { [wired.header.name]: `forged-${batch * 100 + i}` },
            body: '{"request_id":"1"}',
          });
          await response.arrayBuffer();
          return response.status;
        }),
      );
      forged.push(...statuses);
    }
    expect(new Set(forged)).toEqual(new Set([401, 429]));
    const real = h.fd.createIncident({ title: 'Real alert during a flood', severity: 'Info' });
    await h.fd.webhooksIdle();
    await h.core.engine.idle();
    expect(requestsFor(h.sdp, real.incident_id)).toHaveLength(1);
    expect(entries).toHaveLength(1);
    unsubscribe();
    // At shutdown the counted rest becomes one summary line.
    await h.core.engine.stop();
    const log = await h.call('log.query', { integrationId: id, text: 'webhook_rejected' });
    expect(log.entries).toHaveLength(2);
    expect(renderMessage(log.entries[0]!.message, 'en')).toMatch(
      /^1999 rejected webhook call\(s\): (wrong secret \(\d+\), over the rate limit \(\d+\)|over the rate limit \(\d+\), wrong secret \(\d+\))$/,
    );
  });
});
