import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { stringifyJson } from '../../shared/node/flashduty/lossless-json';

export interface WebhookSubscription {
  id: string;
  url: string;
  headers: Record<string, string>;
  /** Channel IDs this subscription covers; undefined = all channels. */
  channelIds?: string[];
  /** Event types to send; undefined = all. */
  eventTypes?: string[];
}

export interface DeliveryBehaviour {
  /** Send every event twice with the same event_id, as a retry after a lost answer would. */
  duplicate: boolean;
  /** Hold events until flush(), then send them newest first. */
  reorder: boolean;
}

export interface DeliveryRecord {
  target: string;
  eventId: string;
  eventType: string;
  incidentId: string;
  attempt: number;
  /** HTTP status, or undefined when the attempt failed at the network level. */
  status?: number;
  error?: string;
}

export interface OutboundEvent {
  payload: Record<string, unknown>;
  eventId: string;
  eventType: string;
  incidentId: string;
}

/** Flashduty's delivery rules: POST JSON, a deadline per attempt, one retry on network errors only. */
export class WebhookSender {
  readonly deliveries: DeliveryRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private held: {
    target: { url: string; headers: Record<string, string>; id: string; timeoutMs: number };
    event: OutboundEvent;
  }[] = [];
  behaviour: DeliveryBehaviour = { duplicate: false, reorder: false };
  private chain: Promise<void> = Promise.resolve();

  send(
    target: { id: string; url: string; headers: Record<string, string>; timeoutMs: number },
    event: OutboundEvent,
  ): void {
    if (this.behaviour.reorder) {
      this.held.push({ target, event });
      return;
    }
    this.enqueue(target, event);
  }

  /** Releases held events newest first. */
  flush(): void {
    const held = this.held.reverse();
    this.held = [];
    for (const { target, event } of held) this.enqueue(target, event);
  }

  /** Resolves when every queued delivery has finished (including the retry). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private enqueue(
    target: { id: string; url: string; headers: Record<string, string>; timeoutMs: number },
    event: OutboundEvent,
  ): void {
    const copies = this.behaviour.duplicate ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      // Deliveries go out one after another so "in order" really is in order at the receiver.
      const run = this.chain.then(() => this.deliver(target, event));
      this.chain = run;
      this.inFlight.add(run);
      void run.finally(() => this.inFlight.delete(run));
    }
  }

  private async deliver(
    target: { id: string; url: string; headers: Record<string, string>; timeoutMs: number },
    event: OutboundEvent,
  ): Promise<void> {
    const body = stringifyJson(event.payload);
    for (let attempt = 1; attempt <= 2; attempt++) {
      const record: DeliveryRecord = {
        target: target.id,
        eventId: event.eventId,
        eventType: event.eventType,
        incidentId: event.incidentId,
        attempt,
      };
      try {
        record.status = await postOnce(target.url, target.headers, body, target.timeoutMs);
        this.deliveries.push(record);
        return;
      } catch (error) {
        record.error = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.name : 'network error');
        this.deliveries.push(record);
      }
    }
  }
}

/** One POST on a fresh connection; rejects on network errors and on the deadline. */
function postOnce(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const lib = url.startsWith('https:') ? https : http;
    const req = lib.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          clearTimeout(deadline);
          resolve(res.statusCode ?? 0);
        });
        res.on('error', reject);
      },
    );
    const deadline = setTimeout(
      () => req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })),
      timeoutMs,
    );
    req.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    req.end(body);
  });
}

export const newEventId = (): string => randomBytes(16).toString('hex');
