import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_FLASHDUTY_TO_SDP_STATUS, DEFAULT_SDP_TO_FLASHDUTY_STATUS } from '../../../shared/common/config';
import { startEngineHarness, type EngineHarness, type EngineHarnessOptions } from '../../helpers/engine';
import { incidentState, incidentsFor, requests, requestsFor } from '../../helpers/engine-world';
import { prng } from '../../../simulators/prng';

let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harness(options: EngineHarnessOptions = {}): Promise<EngineHarness> {
  h = await startEngineHarness(options);
  return h;
}

/** Converges despite faults: each settle lets deferred retries run again. */
async function settleUntil(x: EngineHarness, id: string, done: () => boolean, maxRounds = 60): Promise<void> {
  for (let round = 0; round < maxRounds && !done(); round++) await x.settle(id);
}

function inAgreement(x: EngineHarness, incidentIds: readonly string[]): boolean {
  return incidentIds.every((i) => {
    const found = requestsFor(x.sdp, i);
    return (
      found.length === 1 &&
      DEFAULT_SDP_TO_FLASHDUTY_STATUS[found[0]!.status] === incidentState(x.fd, i) &&
      found[0]!.subject === x.fd.incident(i).title
    );
  });
}

/** Incidents and requests on both sides, a third acked or resolved by responders, a few SDP requests by technicians. */
function workload(x: EngineHarness, seed: number, incidents: number) {
  const random = prng(seed);
  const ids = Array.from(
    { length: incidents },
    (_, k) => x.fd.createIncident({ title: `Faulty day ${k}`, severity: 'Warning' }).incident_id,
  );
  const requestIds = Array.from({ length: 5 }, (_, k) => String(x.sdp.createRequest({ subject: `Walk-in ${k}` }).id));
  return {
    ids,
    requestIds,
    /** Responder actions on incidents that already have their request. */
    act: () => {
      for (const i of ids) {
        if (requestsFor(x.sdp, i).length === 0 || random() > 0.3) continue;
        if (incidentState(x.fd, i) === 'Triggered') x.fd.ack(i);
        else if (incidentState(x.fd, i) === 'Processing') x.fd.resolve(i, { resolution: 'Done' });
      }
    },
  };
}

function expectConverged(x: EngineHarness, ids: readonly string[], requestIds: readonly string[]): void {
  expect(ids.filter((i) => requestsFor(x.sdp, i).length !== 1)).toEqual([]);
  expect(
    ids.filter((i) => DEFAULT_FLASHDUTY_TO_SDP_STATUS[incidentState(x.fd, i)] !== requestsFor(x.sdp, i)[0]!.status),
  ).toEqual([]);
  expect(requestIds.filter((r) => incidentsFor(x.fd, r).length !== 1)).toEqual([]);
  expect(requests(x.sdp)).toHaveLength(ids.length + requestIds.length);
  expect(x.fd.incidents()).toHaveLength(ids.length + requestIds.length);
}

describe('API faults', () => {
  it('converges with 20% of calls on both sides answered 5xx', async () => {
    const x = await harness({ seed: 7 });
    const id = await x.save({ direction: 'two_way' });
    x.sdp.setServerErrorRate(0.2);
    x.fd.setServerErrorRate(0.2);
    const w = workload(x, 1, 30);
    await settleUntil(x, id, () => w.ids.every((i) => requestsFor(x.sdp, i).length > 0));
    w.act();
    await settleUntil(
      x,
      id,
      () => inAgreement(x, w.ids) && w.requestIds.every((r) => incidentsFor(x.fd, r).length === 1),
    );

    expect(x.sdp.calls().filter((c) => c.status >= 500).length).toBeGreaterThan(0);
    expect(x.fd.calls().filter((c) => c.status >= 500).length).toBeGreaterThan(0);
    expectConverged(x, w.ids, w.requestIds);
    expect((await x.call('outbox.list', { integrationId: id, state: 'failed' })).items).toEqual([]);
  });

  it('converges through bursts of 429 with Retry-After on both sides', async () => {
    const x = await harness();
    const id = await x.save({ direction: 'two_way' });
    const w = workload(x, 2, 20);
    x.sdp.injectFault({ kind: 'rate429', times: 15, retryAfterSec: 2 });
    x.fd.injectFault({ kind: 'rate429', times: 15, retryAfterSec: 2 });
    await settleUntil(x, id, () => w.ids.every((i) => requestsFor(x.sdp, i).length > 0));
    x.sdp.injectFault({ kind: 'rate4015', times: 10 });
    x.fd.injectFault({ kind: 'rate429', times: 10, pathIncludes: '/incident/' });
    w.act();
    await settleUntil(
      x,
      id,
      () => inAgreement(x, w.ids) && w.requestIds.every((r) => incidentsFor(x.fd, r).length === 1),
    );

    expect(x.sdp.calls().filter((c) => c.fault === 'rate429' || c.fault === 'rate4015')).toHaveLength(25);
    expect(x.fd.calls().filter((c) => c.fault === 'rate429')).toHaveLength(25);
    expectConverged(x, w.ids, w.requestIds);
  });

  it('SDP Cloud: converges when every access token expires mid-run', async () => {
    const x = await harness({ edition: 'cloud' });
    const id = await x.save({ direction: 'two_way' });
    const w = workload(x, 3, 10);
    await x.settle(id);
    const refreshesBefore = x.sdp
      .calls()
      .filter((c) => c.kind === 'oauth' && c.grantType === 'refresh_token' && c.status === 200).length;
    x.sdp.expireTokens();
    w.act();
    x.sdp.updateRequest(w.requestIds[0]!, { status: 'Resolved' });
    await settleUntil(
      x,
      id,
      () => inAgreement(x, w.ids) && incidentsFor(x.fd, w.requestIds[0]!)[0]?.progress === 'Closed',
    );

    const refreshes = x.sdp
      .calls()
      .filter((c) => c.kind === 'oauth' && c.grantType === 'refresh_token' && c.status === 200).length;
    expect(refreshes).toBeGreaterThan(refreshesBefore);
    expect(x.sdp.calls().some((c) => c.kind === 'api' && c.status === 401)).toBe(true);
    expectConverged(x, w.ids, w.requestIds);
    const [summary] = await x.call('integrations.list', {});
    expect(summary!.state).not.toBe('needs_attention');
  });
});

describe('webhooks', () => {
  it('duplicated and reordered Flashduty deliveries make one request per incident, without polling', async () => {
    const x = await harness();
    const id = await x.save({
      direction: 'two_way',
      ingress: {
        webhooks: true,
        webhookSecret: { env: 'DESKBRIDGE_WEBHOOK_SECRET' },
        flashdutyPollSeconds: 3600,
        sdpPollSeconds: 3600,
      },
    });
    await x.wireWebhooks(id);
    x.fd.setDelivery({ duplicate: true, reorder: true });
    const ids = Array.from(
      { length: 10 },
      (_, k) => x.fd.createIncident({ title: `Webhook ${k}`, severity: 'Info' }).incident_id,
    );
    for (const i of ids.slice(0, 5)) x.fd.ack(i);
    x.fd.flushWebhooks();
    await x.fd.webhooksIdle();
    await x.core.engine.idle();

    expect(x.fd.deliveries().filter((d) => d.status === 200).length).toBeGreaterThanOrEqual(ids.length * 2);
    expect(ids.filter((i) => requestsFor(x.sdp, i).length !== 1)).toEqual([]);
    // Reordered: the ack may arrive before the create; the runner re-reads, so the request still ends In Progress.
    expect(ids.slice(0, 5).map((i) => requestsFor(x.sdp, i)[0]!.status)).toEqual(Array(5).fill('In Progress'));

    // SDP's own webhook carries a technician's change back.
    const request = requestsFor(x.sdp, ids[9]!)[0]!;
    x.sdp.updateRequest(request.id, { status: 'Resolved' });
    await x.sdp.flushWebhooks();
    await x.core.engine.idle();
    expect(x.fd.incident(ids[9]!).progress).toBe('Closed');
  });

  it('changes whose webhooks were lost are caught by the poller', async () => {
    const x = await harness();
    const id = await x.save({
      direction: 'two_way',
      ingress: {
        webhooks: true,
        webhookSecret: { env: 'DESKBRIDGE_WEBHOOK_SECRET' },
        flashdutyPollSeconds: 3600,
        sdpPollSeconds: 3600,
      },
    });
    await x.wireWebhooks(id);
    const kept = x.fd.createIncident({ title: 'Delivered', severity: 'Info' }).incident_id;
    await x.fd.webhooksIdle();
    await x.core.engine.idle();
    expect(requestsFor(x.sdp, kept)).toHaveLength(1);

    // The receiver goes away (all deliveries fail), then the changes land.
    await x.core.engine.stop();
    const lost = x.fd.createIncident({ title: 'Lost webhook', severity: 'Critical' }).incident_id;
    x.fd.ack(kept);
    const walkIn = String(x.sdp.createRequest({ subject: 'Lost SDP webhook' }).id);
    await Promise.all([x.fd.webhooksIdle(), x.sdp.flushWebhooks()]);
    expect(x.fd.deliveries().some((d) => d.status === undefined)).toBe(true);
    expect(requestsFor(x.sdp, lost)).toHaveLength(0);

    await x.core.engine.start(x.core.settings.integrations());
    await x.settle(id);
    await x.settle(id);
    expect(requestsFor(x.sdp, lost)).toHaveLength(1);
    expect(requestsFor(x.sdp, kept)[0]!.status).toBe('In Progress');
    expect(incidentsFor(x.fd, walkIn)).toHaveLength(1);
  });
});
