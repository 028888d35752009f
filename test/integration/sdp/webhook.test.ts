import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSdpWebhookBody, sdpWebhookBodyTemplate } from '../../../shared/node/sdp/webhook';
import { startPair, type Pair } from './harness';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

async function startReceiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/sdp`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const NASTY = 'He said "roll back" <b>now</b>\n\tline 2 \\ Müller 東京 🚨';

describe.each(['cloud', 'onprem'] as const)('webhooks from the %s simulator', (edition) => {
  // Each edition's default On Hold status (cloud "On Hold", on-prem "Onhold").
  const onHold = edition === 'cloud' ? 'On Hold' : 'Onhold';
  let pair: Pair;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  afterEach(async () => {
    await pair?.sim.close();
    await receiver?.close();
  });

  async function setUp(escape: 'json' | 'raw'): Promise<void> {
    pair = await startPair(edition);
    receiver = await startReceiver();
    const hook = pair.sim.registerWebhook({
      name: 'DeskBridge',
      url: receiver.url,
      headers: { 'X-DeskBridge-Secret': 'shared-secret' },
      body: sdpWebhookBodyTemplate(edition),
      escape,
    });
    pair.sim.registerTrigger({ name: 'Sync to DeskBridge', webhookId: hook.id, on: ['create', 'edit'] });
  }

  it('JSON-escaped values: the pasted template yields JSON carrying every value exactly', async () => {
    await setUp('json');
    const r = await pair.client.createRequest({ subject: NASTY, priority: { name: 'High' } });
    await pair.client.updateRequest(r.id, { priority: { name: 'Urgent' } });
    pair.sim.updateRequest(r.id, { status: onHold });
    await pair.sim.flushWebhooks();
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received[0]!.headers['x-deskbridge-secret']).toBe('shared-secret');
    expect(receiver.received[0]!.headers['content-type']).toBe('application/json');
    const final = await pair.client.getRequest(r.id);
    expect(JSON.parse(receiver.received[2]!.body)).toEqual({
      request_id: r.id,
      last_updated_time: String(final.last_updated_time),
      status: onHold,
      priority: 'Urgent',
      subject: NASTY,
    });
    const parsed = receiver.received.map((x) => parseSdpWebhookBody(x.body));
    expect(parsed.map((p) => p.ok && [p.requestId, p.status, p.priority, p.subject, p.recovered])).toEqual([
      [r.id, 'Open', 'High', NASTY, false],
      [r.id, 'Open', 'Urgent', NASTY, false],
      [r.id, onHold, 'Urgent', NASTY, false],
    ]);
    expect(parsed[2]).toMatchObject({ lastUpdatedTime: final.last_updated_time });
  });

  it('raw substitution: invalid JSON, yet the request ID and time are recovered', async () => {
    await setUp('raw');
    const r = await pair.client.createRequest({ subject: NASTY });
    await pair.sim.flushWebhooks();
    const [delivery] = receiver.received;
    expect(() => JSON.parse(delivery!.body)).toThrow();
    const parsed = parseSdpWebhookBody(delivery!.body);
    expect(parsed).toEqual({ ok: true, requestId: r.id, lastUpdatedTime: r.last_updated_time, recovered: true });
  });

  it('raw substitution of plain values is still valid JSON', async () => {
    await setUp('raw');
    const r = await pair.client.createRequest({ subject: 'Disk full on db-01', priority: { name: 'Low' } });
    await pair.sim.flushWebhooks();
    expect(parseSdpWebhookBody(receiver.received[0]!.body)).toMatchObject({
      ok: true,
      requestId: r.id,
      subject: 'Disk full on db-01',
      priority: 'Low',
      recovered: false,
    });
  });

  it("only the triggers' events fire", async () => {
    pair = await startPair(edition);
    receiver = await startReceiver();
    const hook = pair.sim.registerWebhook({
      name: 'create only',
      url: receiver.url,
      body: sdpWebhookBodyTemplate(edition),
    });
    pair.sim.registerTrigger({ name: 'on create', webhookId: hook.id, on: ['create'] });
    const r = await pair.client.createRequest({ subject: 'one' });
    await pair.client.updateRequest(r.id, { subject: 'two' });
    await pair.sim.flushWebhooks();
    expect(pair.sim.webhookDeliveries().map((d) => d.event)).toEqual(['create']);
  });
});

it("a template in the other edition's syntax arrives unfilled and is reported as such", async () => {
  const pair = await startPair('cloud');
  const receiver = await startReceiver();
  try {
    const hook = pair.sim.registerWebhook({
      name: 'wrong syntax',
      url: receiver.url,
      body: sdpWebhookBodyTemplate('onprem'),
    });
    pair.sim.registerTrigger({ name: 't', webhookId: hook.id, on: ['create'] });
    await pair.client.createRequest({ subject: 'x' });
    await pair.sim.flushWebhooks();
    const parsed = parseSdpWebhookBody(receiver.received[0]!.body);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/placeholder syntax/);
  } finally {
    await pair.sim.close();
    await receiver.close();
  }
});
