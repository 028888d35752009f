import { describe, expect, it } from 'vitest';
import {
  FlashdutyWebhookError,
  WEBHOOK_EVENT_TYPES,
  WebhookDeduper,
  parseFlashdutyWebhook,
  parseFlashdutyWebhookText,
  type FlashdutyIncidentHint,
} from '../../../shared/node/flashduty/webhook';

const INCIDENT = {
  incident_id: '69da451ef77b1b51f40e83ee',
  num: '0E83EE',
  title: 'CPU usage high - web-server-01',
  description: '',
  incident_severity: 'Critical',
  incident_status: 'Critical',
  progress: 'Processing',
  created_at: 1775912222,
  updated_at: 1775972300,
  start_time: 1775912219,
  ack_time: 1775972300,
  close_time: 0,
  snoozed_before: 0,
  labels: { resource: 'web-server-01' },
  fields: { sdp_request_id: '4512' },
  responders: [
    {
      person_id: 2476444212131,
      person_name: 'Alice',
      email: 'alice@example.com',
      assigned_at: 1775972128,
      acknowledged_at: 1775972300,
    },
  ],
  channel_id: 2551105804131,
  channel_name: 'Ops Channel',
};

const payload = (eventType: string, extra: Record<string, unknown> = {}) => ({
  event_id: `ev-${eventType}`,
  event_type: eventType,
  event_time: 1775972300123,
  person: { person_id: 2476444212131, person_name: 'Alice', email: 'alice@example.com' },
  incident: INCIDENT,
  ...extra,
});

function expectIncident(hint: ReturnType<typeof parseFlashdutyWebhook>): FlashdutyIncidentHint {
  expect(hint.kind).toBe('incident');
  return hint as FlashdutyIncidentHint;
}

describe('parseFlashdutyWebhook', () => {
  it('knows all 20 documented event types', () => {
    expect(WEBHOOK_EVENT_TYPES).toHaveLength(20);
  });

  it.each(WEBHOOK_EVENT_TYPES)('parses %s into an incident hint', (eventType) => {
    const hint = expectIncident(parseFlashdutyWebhook(payload(eventType)));
    expect(hint).toMatchObject({
      eventType,
      eventId: `ev-${eventType}`,
      eventTimeMs: 1775972300123,
      incidentId: INCIDENT.incident_id,
      isCustomAction: eventType === 'i_custom',
      person: { person_id: '2476444212131', person_name: 'Alice' },
    });
    expect(hint.incident).toMatchObject({
      progress: 'Processing',
      ack_time: 1775972300,
      channel_id: '2551105804131',
      fields: { sdp_request_id: '4512' },
    });
    expect(hint.incident.responders[0]?.person_id).toBe('2476444212131');
  });

  it('ignores an unknown event type without failing', () => {
    expect(parseFlashdutyWebhook(payload('i_brand_new'))).toEqual({
      kind: 'ignored',
      reason: 'unknown event type "i_brand_new"',
      eventType: 'i_brand_new',
      eventId: 'ev-i_brand_new',
    });
  });

  it('treats an automatic change (no person) as valid', () => {
    const { person: _person, ...auto } = payload('i_rslv');
    expect(expectIncident(parseFlashdutyWebhook(auto)).person).toBeUndefined();
  });

  it('accepts a manual incident without labels', () => {
    const { labels: _labels, ...incident } = INCIDENT;
    expect(expectIncident(parseFlashdutyWebhook(payload('i_new', { incident }))).incident.labels).toEqual({});
  });

  it('reads a custom action with event_id inside incident and its alerts', () => {
    const { event_id: _id, ...rest } = payload('i_custom');
    const body = {
      ...rest,
      incident: {
        ...INCIDENT,
        event_id: 'inner-1',
        alerts: [
          {
            alert_id: '69da451e0000000000000001',
            title: 'CPU',
            alert_severity: 'Critical',
            alert_status: 'Critical',
            progress: 'Triggered',
            labels: { host: 'a' },
          },
        ],
      },
    };
    const hint = expectIncident(parseFlashdutyWebhook(body));
    expect(hint).toMatchObject({ eventId: 'inner-1', isCustomAction: true });
    expect(hint.alerts).toEqual([expect.objectContaining({ title: 'CPU', labels: { host: 'a' } })]);
  });

  it.each([
    ['a string', 'hello', 'body'],
    ['null', null, 'body'],
    ['no event_type', { ...payload('i_ack'), event_type: undefined }, 'event_type'],
    ['event_time as text', { ...payload('i_ack'), event_time: '1775972300123' }, 'event_time'],
    ['no incident', { ...payload('i_ack'), incident: undefined }, 'incident'],
    ['no event_id anywhere', { ...payload('i_ack'), event_id: undefined }, 'event_id'],
    [
      'a bad incident id',
      { ...payload('i_ack'), incident: { ...INCIDENT, incident_id: 'abc' } },
      'incident.incident_id',
    ],
    [
      'an unknown progress',
      { ...payload('i_ack'), incident: { ...INCIDENT, progress: 'Resolved' } },
      'incident.progress',
    ],
    ['malformed alerts', { ...payload('i_custom'), incident: { ...INCIDENT, alerts: [{ title: 1 }] } }, 'alert'],
  ])('refuses %s with a 400 that names the problem', (_name, body, mention) => {
    let error: unknown;
    try {
      parseFlashdutyWebhook(body);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlashdutyWebhookError);
    expect((error as FlashdutyWebhookError).httpStatus).toBe(400);
    expect((error as FlashdutyWebhookError).message).toContain(mention);
  });
});

describe('parseFlashdutyWebhookText', () => {
  it('keeps person IDs above 2^53 exact', () => {
    const text = JSON.stringify(payload('i_ack')).replace('"person_id":2476444212131', '"person_id":9007199254740993');
    expect(expectIncident(parseFlashdutyWebhookText(text)).person?.person_id).toBe('9007199254740993');
  });

  it('accepts bytes', () => {
    expect(parseFlashdutyWebhookText(Buffer.from(JSON.stringify(payload('i_wake')))).kind).toBe('incident');
  });

  it('refuses non-JSON with 400', () => {
    expect(() => parseFlashdutyWebhookText('{"event_type":')).toThrow(expect.objectContaining({ httpStatus: 400 }));
  });

  it('refuses an oversized body with 413 before parsing', () => {
    expect(() => parseFlashdutyWebhookText('x'.repeat(101), 100)).toThrow(
      expect.objectContaining({ httpStatus: 413, code: 'flashduty.webhook_too_large' }),
    );
  });
});

describe('WebhookDeduper', () => {
  const hint = (eventId: string, incidentId: string, eventTimeMs: number) =>
    expectIncident(
      parseFlashdutyWebhook({
        ...payload('i_ack'),
        event_id: eventId,
        event_time: eventTimeMs,
        incident: { ...INCIDENT, incident_id: incidentId },
      }),
    );
  const A = '69da451ef77b1b51f40e83ee';
  const B = '69da451ef77b1b51f40e83ef';

  it('accepts the first delivery and drops a repeat of the same event_id', () => {
    const d = new WebhookDeduper();
    expect(d.check(hint('e1', A, 100))).toEqual({ accept: true });
    expect(d.check(hint('e1', A, 100))).toEqual({ accept: false, reason: 'duplicate' });
  });

  it('drops an event older than the newest seen for the same incident only', () => {
    const d = new WebhookDeduper();
    expect(d.check(hint('e2', A, 200)).accept).toBe(true);
    expect(d.check(hint('e1', A, 100))).toEqual({ accept: false, reason: 'stale' });
    expect(d.check(hint('e3', B, 100)).accept).toBe(true);
    expect(d.check(hint('e4', A, 200)).accept).toBe(true);
  });

  it('forgets the oldest event IDs beyond its memory bound', () => {
    const d = new WebhookDeduper({ maxEvents: 2 });
    d.check(hint('e1', A, 1));
    d.check(hint('e2', A, 2));
    d.check(hint('e3', A, 3));
    expect(d.check(hint('e3', A, 3))).toEqual({ accept: false, reason: 'duplicate' });
    expect(d.check(hint('e1', A, 4))).toEqual({ accept: true });
  });

  it('forgets the least recently updated incidents beyond its bound', () => {
    const d = new WebhookDeduper({ maxIncidents: 1 });
    d.check(hint('e1', A, 500));
    d.check(hint('e2', B, 10));
    expect(d.check(hint('e3', A, 100)).accept).toBe(true);
  });
});
