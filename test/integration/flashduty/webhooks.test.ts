import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFlashdutyClient } from '../../../shared/node/flashduty/client';
import {
  FlashdutyWebhookError,
  WebhookDeduper,
  parseFlashdutyWebhookText,
  type FlashdutyIncidentHint,
} from '../../../shared/node/flashduty/webhook';
import { startFlashdutySimulator, type FlashdutySimulator } from '../../../simulators/flashduty';

const PAYROLL = '9007199254740995';
const OPS = '2551105804131';
const CAROL = '9007199254740993';

interface Received {
  headers: http.IncomingHttpHeaders;
  status: number;
  hint?: FlashdutyIncidentHint;
}

/** A receiver shaped like DeskBridge's: parse, dedupe, answer 200 or a clear 4xx. */
async function startReceiver(opts: { dropFirst?: number; maxBytes?: number } = {}) {
  const received: Received[] = [];
  const accepted: FlashdutyIncidentHint[] = [];
  const deduper = new WebhookDeduper();
  let drops = opts.dropFirst ?? 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (drops > 0) {
        drops--;
        req.socket.destroy();
        return;
      }
      let status = 200;
      let hint: FlashdutyIncidentHint | undefined;
      try {
        const parsed = parseFlashdutyWebhookText(Buffer.concat(chunks), opts.maxBytes);
        if (parsed.kind === 'incident') {
          hint = parsed;
          if (deduper.check(parsed).accept) accepted.push(parsed);
        }
      } catch (error) {
        status = error instanceof FlashdutyWebhookError ? error.httpStatus : 500;
      }
      received.push({ headers: req.headers, status, ...(hint ? { hint } : {}) });
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=t`,
    received,
    accepted,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

let sim: FlashdutySimulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeEach(async () => {
  sim = await startFlashdutySimulator({ rateLimit: false });
  receiver = await startReceiver();
});
afterEach(async () => {
  await sim.close();
  await receiver.close();
});

const types = () => receiver.received.map((r) => r.hint?.eventType);

describe('outbound incident webhooks', () => {
  it('honours custom headers, channel scope and event types', async () => {
    sim.subscribe({
      url: receiver.url,
      headers: { 'X-Sync-Secret': 's3cret' },
      channelIds: [PAYROLL],
      eventTypes: ['i_new', 'i_ack'],
    });
    const ops = sim.createIncident({ title: 'ops', severity: 'Info', channelId: OPS });
    const pay = sim.createIncident({ title: 'pay', severity: 'Critical', channelId: PAYROLL });
    sim.ack(ops.incident_id);
    sim.ack(pay.incident_id, CAROL);
    sim.resolve(pay.incident_id);
    await sim.webhooksIdle();
    expect(receiver.received.map((r) => [r.hint?.eventType, r.hint?.incidentId])).toEqual([
      ['i_new', pay.incident_id],
      ['i_ack', pay.incident_id],
    ]);
    expect(receiver.received[0]?.headers['x-sync-secret']).toBe('s3cret');
    expect(receiver.received[0]?.hint?.person).toBeUndefined();
    expect(receiver.received[1]?.hint?.person).toMatchObject({ person_id: CAROL, person_name: 'Carol' });
    expect(receiver.received[1]?.hint?.incident).toMatchObject({ progress: 'Processing', channel_id: PAYROLL });
  });

  it('sends a snapshot for every API change, attributed to the key owner', async () => {
    sim.subscribe({ url: receiver.url, headers: {} });
    const fd = createFlashdutyClient({ baseUrl: sim.baseUrl, appKey: sim.appKey });
    const { incident_id: id } = await fd.createIncident({ title: 'Manual', severity: 'Info', channelId: OPS });
    await fd.ack([id]);
    await fd.unack([id]);
    await fd.snooze([id], 10);
    await fd.wake([id]);
    await fd.comment([id], 'note');
    await fd.reset(id, { title: 'Renamed', severity: 'Critical' });
    await fd.resetField(id, 'customer_facing', true);
    await fd.resolve([id], { resolution: 'fixed' });
    await fd.reopen([id]);
    await sim.webhooksIdle();
    expect(types()).toEqual([
      'i_new',
      'i_ack',
      'i_unack',
      'i_snooze',
      'i_wake',
      'i_comm',
      'i_r_title',
      'i_r_severity',
      'i_r_field',
      'i_rslv',
      'i_reopen',
    ]);
    const hints = receiver.received.map((r) => r.hint!);
    expect(hints.every((h) => h.person?.person_id === sim.appKeyOwnerId)).toBe(true);
    const byType = Object.fromEntries(hints.map((h) => [h.eventType, h.incident]));
    expect(byType.i_ack).toMatchObject({ progress: 'Processing' });
    expect(byType.i_unack).toMatchObject({ progress: 'Triggered' });
    expect(byType.i_snooze?.snoozed_before).toBeGreaterThan(0);
    expect(byType.i_wake?.snoozed_before).toBe(0);
    expect(byType.i_r_severity).toMatchObject({ title: 'Renamed', incident_severity: 'Critical' });
    expect(byType.i_r_field?.fields).toEqual({ customer_facing: true });
    expect(byType.i_rslv).toMatchObject({ progress: 'Closed', resolution: 'fixed' });
    expect(byType.i_reopen).toMatchObject({ progress: 'Triggered' });
    expect(hints[0]!.eventTimeMs).toBeGreaterThan(1e12);
    expect(new Set(hints.map((h) => h.eventId)).size).toBe(hints.length);
  });

  it('delivers duplicates with the same event_id, which the deduper drops', async () => {
    sim.subscribe({ url: receiver.url, headers: {} });
    sim.setDelivery({ duplicate: true });
    const { incident_id: id } = sim.createIncident({ title: 'dup', severity: 'Info' });
    sim.ack(id);
    await sim.webhooksIdle();
    expect(types()).toEqual(['i_new', 'i_new', 'i_ack', 'i_ack']);
    expect(receiver.received[0]?.hint?.eventId).toBe(receiver.received[1]?.hint?.eventId);
    expect(receiver.accepted.map((h) => h.eventType)).toEqual(['i_new', 'i_ack']);
  });

  it('reorders on request; the older snapshot is dropped as stale', async () => {
    sim.subscribe({ url: receiver.url, headers: {} });
    const { incident_id: id } = sim.createIncident({ title: 'order', severity: 'Info' });
    await sim.webhooksIdle();
    sim.setDelivery({ reorder: true });
    sim.advanceClock(1_000);
    sim.ack(id);
    sim.advanceClock(1_000);
    sim.resolve(id);
    expect(receiver.received).toHaveLength(1);
    sim.flushWebhooks();
    await sim.webhooksIdle();
    expect(types()).toEqual(['i_new', 'i_rslv', 'i_ack']);
    expect(receiver.accepted.map((h) => h.eventType)).toEqual(['i_new', 'i_rslv']);
    expect(receiver.accepted.at(-1)?.incident.progress).toBe('Closed');
  });

  it('retries once after a network error, not after an HTTP error', async () => {
    const flaky = await startReceiver({ dropFirst: 1 });
    try {
      sim.subscribe({ url: flaky.url, headers: {} });
      sim.createIncident({ title: 'retry', severity: 'Info' });
      await sim.webhooksIdle();
      expect(sim.deliveries().map((d) => [d.attempt, d.status, d.error !== undefined])).toEqual([
        [1, undefined, true],
        [2, 200, false],
      ]);
      expect(flaky.accepted).toHaveLength(1);
    } finally {
      await flaky.close();
    }
  });

  it('does not retry a non-2xx answer', async () => {
    const strict = await startReceiver({ maxBytes: 10 });
    try {
      sim.subscribe({ url: strict.url, headers: {} });
      sim.createIncident({ title: 'too big for it', severity: 'Info' });
      await sim.webhooksIdle();
      expect(sim.deliveries().map((d) => [d.attempt, d.status])).toEqual([[1, 413]]);
    } finally {
      await strict.close();
    }
  });

  it('fires a custom action with alerts and event_id inside incident', async () => {
    sim.subscribe({ url: receiver.url, headers: {}, eventTypes: ['i_custom'] });
    const action = await startReceiver();
    try {
      const made = sim.createIncident({
        title: 'disk',
        severity: 'Critical',
        channelId: OPS,
        labels: { host: 'db-1' },
      });
      const eventId = sim.fireCustomAction({
        incidentId: made.incident_id,
        url: action.url,
        headers: { 'X-Action': 'create-sdp' },
        personId: CAROL,
        eventIdInIncident: true,
      });
      await sim.webhooksIdle();
      const hint = action.received[0]?.hint;
      expect(action.received[0]?.headers['x-action']).toBe('create-sdp');
      expect(hint).toMatchObject({
        eventType: 'i_custom',
        eventId,
        isCustomAction: true,
        incidentId: made.incident_id,
        person: { person_id: CAROL },
      });
      expect(hint?.alerts).toEqual([expect.objectContaining({ title: 'disk', labels: { host: 'db-1' } })]);
      expect(types()).toEqual(['i_custom']);
      expect(sim.incident(made.incident_id).feed.map((f) => f.type)).toContain('i_custom');
    } finally {
      await action.close();
    }
  });
});

describe('receiver robustness', () => {
  async function postRaw(body: string) {
    const res = await fetch(receiver.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    await res.arrayBuffer();
    return res.status;
  }

  it.each([
    ['not JSON', '{"event_type":'],
    ['a JSON array', '[]'],
    ['no incident', '{"event_type":"i_ack","event_id":"e","event_time":1}'],
    [
      'a bad incident id',
      '{"event_type":"i_ack","event_id":"e","event_time":1,"incident":{"incident_id":"zz","title":"t","incident_severity":"Info","progress":"Triggered"}}',
    ],
  ])('answers 400 to %s and keeps serving', async (_name, body) => {
    expect(await postRaw(body)).toBe(400);
    expect(await postRaw('{"event_type":"i_future","event_time":1,"incident":{}}')).toBe(200);
  });

  it('answers 413 to an oversized payload', async () => {
    expect(await postRaw(`{"pad":"${'x'.repeat(1024 * 1024)}"}`)).toBe(413);
  });
});
