import { z } from 'zod';
import { AppError } from '../../common/errors';
import { parseJsonLossless } from './lossless-json';
import { incidentSchema, int64IdSchema, type FlashdutyIncident } from './types';

/** Incident webhook event types Flashduty documents; anything else is ignored, not fatal. */
export const WEBHOOK_EVENT_TYPES = [
  'i_new',
  'i_ack',
  'i_unack',
  'i_snooze',
  'i_wake',
  'i_rslv',
  'i_reopen',
  'i_merge',
  'i_comm',
  'i_assign',
  'i_a_rspd',
  'i_storm',
  'i_custom',
  'i_r_title',
  'i_r_desc',
  'i_r_impact',
  'i_r_rc',
  'i_r_rsltn',
  'i_r_severity',
  'i_r_field',
] as const;
export type FlashdutyWebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Bodies above this are refused before parsing; a real snapshot is a few KB. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

export interface FlashdutyWebhookPerson {
  person_id: string;
  person_name?: string;
  email?: string;
}

export interface FlashdutyWebhookAlert {
  alert_id: string;
  title: string;
  alert_severity?: string;
  alert_status?: string;
  progress?: string;
  labels: Record<string, string>;
}

/** What one delivery tells the engine: "this incident changed; here is its snapshot". */
export type FlashdutyWebhookHint =
  | {
      kind: 'incident';
      eventType: FlashdutyWebhookEventType;
      eventId: string;
      /** Unix MILLISECONDS (incident timestamps inside `incident` are seconds). */
      eventTimeMs: number;
      incidentId: string;
      /** The acting user; absent for automatic changes. */
      person?: FlashdutyWebhookPerson;
      /** Full snapshot after the change. */
      incident: FlashdutyIncident;
      /** True for a custom-action button press (`i_custom`). */
      isCustomAction: boolean;
      /** Alerts of the incident; custom-action payloads carry them. */
      alerts: FlashdutyWebhookAlert[];
    }
  | { kind: 'ignored'; reason: string; eventType: string; eventId?: string };

export type FlashdutyIncidentHint = Extract<FlashdutyWebhookHint, { kind: 'incident' }>;

/** A webhook body we cannot use; `httpStatus` is what the receiver should answer. */
export class FlashdutyWebhookError extends AppError {
  readonly httpStatus: number;
  constructor(code: 'flashduty.webhook_invalid' | 'flashduty.webhook_too_large', message: string, httpStatus: number) {
    super(code, message, { details: { httpStatus } });
    this.name = 'FlashdutyWebhookError';
    this.httpStatus = httpStatus;
  }
}

const envelopeSchema = z.object({
  event_type: z.string().min(1),
  event_id: z.string().optional(),
  event_time: z.number().int().nonnegative(),
  person: z
    .object({ person_id: int64IdSchema, person_name: z.string().optional(), email: z.string().optional() })
    .nullish(),
  incident: z.record(z.string(), z.unknown()),
});

const alertSchema = z.object({
  alert_id: z.string(),
  title: z.string().default(''),
  alert_severity: z.string().optional(),
  alert_status: z.string().optional(),
  progress: z.string().optional(),
  labels: z
    .record(z.string(), z.string())
    .nullish()
    .transform((v) => v ?? {}),
});

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'body';
  return `${where}: ${issue?.message ?? 'invalid'}`;
}

const isKnownType = (t: string): t is FlashdutyWebhookEventType =>
  (WEBHOOK_EVENT_TYPES as readonly string[]).includes(t);

/**
 * Parses an already-decoded incident webhook or custom-action body. Throws
 * FlashdutyWebhookError (400) when the body is not a Flashduty incident event.
 */
export function parseFlashdutyWebhook(body: unknown): FlashdutyWebhookHint {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) {
    throw new FlashdutyWebhookError(
      'flashduty.webhook_invalid',
      `Not a Flashduty incident webhook (${describeIssue(envelope.error)}). Point only Flashduty incident webhooks and custom actions at this address.`,
      400,
    );
  }
  const { event_type: eventType, event_time: eventTimeMs, person, incident: rawIncident } = envelope.data;
  // The custom-action docs show event_id inside `incident`; accept it there too.
  const eventId =
    envelope.data.event_id ?? (typeof rawIncident.event_id === 'string' ? rawIncident.event_id : undefined);
  if (!isKnownType(eventType)) {
    return { kind: 'ignored', reason: `unknown event type "${eventType}"`, eventType, ...(eventId ? { eventId } : {}) };
  }
  if (eventId === undefined || eventId === '') {
    throw new FlashdutyWebhookError('flashduty.webhook_invalid', 'Flashduty webhook has no event_id.', 400);
  }
  const incident = incidentSchema.safeParse(rawIncident);
  if (!incident.success) {
    throw new FlashdutyWebhookError(
      'flashduty.webhook_invalid',
      `Flashduty webhook ${eventType} carries an unusable incident (incident.${describeIssue(incident.error)}).`,
      400,
    );
  }
  const alerts = z.array(alertSchema).nullish().safeParse(rawIncident.alerts);
  if (!alerts.success) {
    throw new FlashdutyWebhookError(
      'flashduty.webhook_invalid',
      `Flashduty webhook alerts are malformed (${describeIssue(alerts.error)}).`,
      400,
    );
  }
  return {
    kind: 'incident',
    eventType,
    eventId,
    eventTimeMs,
    incidentId: incident.data.incident_id,
    ...(person ? { person } : {}),
    incident: incident.data,
    isCustomAction: eventType === 'i_custom',
    alerts: alerts.data ?? [],
  };
}

/**
 * Parses raw request bytes: refuses oversized bodies (413) and non-JSON (400), keeps int64 IDs
 * exact, then hands over to parseFlashdutyWebhook.
 */
export function parseFlashdutyWebhookText(
  raw: string | Uint8Array,
  maxBytes = MAX_WEBHOOK_BYTES,
): FlashdutyWebhookHint {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.byteLength;
  if (size > maxBytes) {
    throw new FlashdutyWebhookError(
      'flashduty.webhook_too_large',
      `Webhook body is ${size} bytes; at most ${maxBytes} are accepted.`,
      413,
    );
  }
  const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8');
  let body: unknown;
  try {
    body = parseJsonLossless(text);
  } catch {
    throw new FlashdutyWebhookError('flashduty.webhook_invalid', 'Webhook body is not valid JSON.', 400);
  }
  return parseFlashdutyWebhook(body);
}

export type DedupeVerdict = { accept: true } | { accept: false; reason: 'duplicate' | 'stale' };

/**
 * Flashduty may deliver an event twice and retries can reorder events. Each delivery is a full
 * snapshot, so an event older than the newest one seen for its incident carries nothing new.
 * Memory is bounded: the oldest remembered event IDs and incidents are forgotten first.
 */
export class WebhookDeduper {
  private readonly eventIds = new Set<string>();
  private readonly newestByIncident = new Map<string, number>();

  constructor(private readonly limits: { maxEvents?: number; maxIncidents?: number } = {}) {}

  check(hint: FlashdutyIncidentHint): DedupeVerdict {
    if (this.eventIds.has(hint.eventId)) return { accept: false, reason: 'duplicate' };
    const newest = this.newestByIncident.get(hint.incidentId);
    if (newest !== undefined && hint.eventTimeMs < newest) {
      this.remember(hint.eventId);
      return { accept: false, reason: 'stale' };
    }
    this.remember(hint.eventId);
    this.newestByIncident.delete(hint.incidentId);
    this.newestByIncident.set(hint.incidentId, hint.eventTimeMs);
    const maxIncidents = this.limits.maxIncidents ?? 10_000;
    while (this.newestByIncident.size > maxIncidents)
      this.newestByIncident.delete(this.newestByIncident.keys().next().value!);
    return { accept: true };
  }

  private remember(eventId: string): void {
    this.eventIds.add(eventId);
    const maxEvents = this.limits.maxEvents ?? 10_000;
    while (this.eventIds.size > maxEvents) this.eventIds.delete(this.eventIds.keys().next().value!);
  }
}
