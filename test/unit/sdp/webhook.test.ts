import { describe, expect, it } from 'vitest';
import { parseSdpWebhookBody, sdpWebhookBodyTemplate } from '../../../shared/node/sdp/webhook';

describe('sdpWebhookBodyTemplate', () => {
  it('uses ${path} placeholders on cloud, request ID first and subject last', () => {
    const t = sdpWebhookBodyTemplate('cloud');
    expect(t).toContain('"request_id": "${id}"');
    expect(t).toContain('"last_updated_time": "${last_updated_time.value}"');
    expect(t).toContain('"status": "${status.name}"');
    expect(t).toContain('"priority": "${priority.name}"');
    expect(t.indexOf('request_id')).toBeLessThan(t.indexOf('"subject": "${subject}"'));
    expect(t.trim().endsWith('"subject": "${subject}"\n}'.trim())).toBe(true);
  });

  it('uses ${{request.path}} placeholders on-prem', () => {
    const t = sdpWebhookBodyTemplate('onprem');
    expect(t).toContain('"request_id": "${{request.id}}"');
    expect(t).toContain('"subject": "${{request.subject}}"');
    expect(t).not.toMatch(/\$\{(?!\{request\.)/);
  });

  it("is itself valid JSON, so SDP's JSON body editor accepts it", () => {
    expect(() => JSON.parse(sdpWebhookBodyTemplate('cloud'))).not.toThrow();
    expect(() => JSON.parse(sdpWebhookBodyTemplate('onprem'))).not.toThrow();
  });
});

describe('parseSdpWebhookBody', () => {
  const ID = '123640000000240013';

  it('reads a well-formed body', () => {
    const body = JSON.stringify({
      request_id: ID,
      last_updated_time: '1717000000000',
      status: 'Open',
      priority: 'High',
      subject: 'a "b"',
    });
    expect(parseSdpWebhookBody(body)).toEqual({
      ok: true,
      requestId: ID,
      lastUpdatedTime: 1717000000000,
      status: 'Open',
      priority: 'High',
      subject: 'a "b"',
      recovered: false,
    });
  });

  it('keeps an 18-digit request_id exact even when sent as a number', () => {
    expect(parseSdpWebhookBody(`{"request_id": ${ID}, "subject": "x"}`)).toMatchObject({ ok: true, requestId: ID });
  });

  it('treats empty placeholders (no priority) as absent', () => {
    const body = JSON.stringify({ request_id: '7', last_updated_time: '', status: 'Open', priority: '', subject: '' });
    expect(parseSdpWebhookBody(body)).toEqual({
      ok: true,
      requestId: '7',
      status: 'Open',
      subject: '',
      recovered: false,
    });
  });

  it.each([
    [
      'a quote in the subject',
      `{"request_id": "${ID}", "last_updated_time": "1717000000000", "status": "Open", "priority": "High", "subject": "say "hi""}`,
    ],
    [
      'a newline in the subject',
      `{"request_id": "${ID}", "last_updated_time": "1717000000000", "status": "Open", "priority": "High", "subject": "a\nb"}`,
    ],
    [
      'an injected request_id in the subject',
      `{"request_id": "${ID}", "last_updated_time": "1717000000000", "status": "Open", "priority": "High", "subject": "x", "request_id": "1"" }`,
    ],
  ])('recovers the ID and time from raw substitution with %s', (_case, raw) => {
    expect(parseSdpWebhookBody(raw)).toEqual({
      ok: true,
      requestId: ID,
      lastUpdatedTime: 1717000000000,
      recovered: true,
    });
  });

  it.each([
    ['an empty body', '  ', /empty/],
    ['unfilled cloud placeholders', sdpWebhookBodyTemplate('cloud'), /placeholder syntax/],
    ['unfilled on-prem placeholders', sdpWebhookBodyTemplate('onprem'), /placeholder syntax/],
    ['no request_id', '{"subject":"x"}', /no "request_id"/],
    ['a non-numeric request_id', '{"request_id":"abc"}', /not an SDP request ID/],
    ['garbage', 'hello <html>', /no request ID could be found/],
    ['broken JSON without an ID', '{"subject": "a"b"}', /no request ID could be found/],
  ])('refuses %s with a clear error', (_case, raw, message) => {
    const r = parseSdpWebhookBody(raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(message);
  });
});
