import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';
import { renderWebhookBody } from './render';
import type { Edition } from './seed';
import { SimApiError, type ChangeKind } from './store';

export const SimWebhookInput = z.strictObject({
  name: z.string().min(1),
  url: z.url(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string(),
  escape: z.enum(['json', 'raw']).optional(),
});
export type SimWebhookInput = z.input<typeof SimWebhookInput>;
export const SimTriggerInput = z.strictObject({
  name: z.string().min(1),
  webhookId: z.string(),
  on: z.array(z.enum(['create', 'edit'])).min(1),
});
export type SimTriggerInput = z.input<typeof SimTriggerInput>;

export interface WebhookDelivery {
  webhookId: string;
  triggerId: string;
  event: ChangeKind;
  requestId: string;
  url: string;
  body: string;
  status?: number;
  error?: string;
}

function deliver(d: WebhookDelivery, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve) => {
    const target = new URL(d.url);
    const lib = target.protocol === 'https:' ? https : http;
    const req = lib.request(
      target,
      {
        method: 'POST',
        agent: false,
        timeout: 5000,
        headers: { 'Content-Type': 'application/json', ...headers, 'Content-Length': Buffer.byteLength(d.body) },
      },
      (res) => {
        d.status = res.statusCode ?? 0;
        res.resume();
        res.on('end', resolve);
        res.on('error', () => resolve());
      },
    );
    req.on('timeout', () => req.destroy(new Error('webhook receiver timed out')));
    req.on('error', (e) => {
      d.error = e.message;
      resolve();
    });
    req.end(d.body);
  });
}

/** Webhooks and triggers as an SDP admin sets them up; every matching create/edit POSTs the rendered body. */
export class WebhookHub {
  private readonly webhooks = new Map<string, z.output<typeof SimWebhookInput>>();
  private readonly triggers = new Map<string, z.output<typeof SimTriggerInput>>();
  private readonly sent: WebhookDelivery[] = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly edition: Edition,
    private readonly nextId: () => string,
  ) {}

  registerWebhook(input: SimWebhookInput): { id: string } {
    const id = this.nextId();
    this.webhooks.set(id, SimWebhookInput.parse(input));
    return { id };
  }

  registerTrigger(input: SimTriggerInput): { id: string } {
    const t = SimTriggerInput.parse(input);
    if (!this.webhooks.has(t.webhookId))
      throw new SimApiError(400, 4001, 'Value given for webhook is invalid', 'webhookId');
    const id = this.nextId();
    this.triggers.set(id, t);
    return { id };
  }

  fire(kind: ChangeKind, requestId: string, wire: Record<string, unknown>): void {
    for (const [triggerId, t] of this.triggers) {
      if (!t.on.includes(kind)) continue;
      const hook = this.webhooks.get(t.webhookId);
      if (!hook) continue;
      const d: WebhookDelivery = {
        webhookId: t.webhookId,
        triggerId,
        event: kind,
        requestId,
        url: hook.url,
        body: renderWebhookBody(hook.body, this.edition, wire, hook.escape ?? 'json'),
      };
      this.sent.push(d);
      const p = deliver(d, hook.headers ?? {}).finally(() => this.pending.delete(p));
      this.pending.add(p);
    }
  }

  deliveries(): WebhookDelivery[] {
    return this.sent.map((d) => ({ ...d }));
  }

  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
