import { describe, expect, it } from 'vitest';
import { parseSdpWebhookBody, sdpWebhookBodyTemplate } from '../../../shared/node/sdp/webhook';
import { renderWebhookBody } from '../../../simulators/sdp/render';

const request = (subject: string) => ({
  id: '123640000000240013',
  subject,
  status: { id: '1', name: 'Open' },
  priority: null,
  udf_fields: { txt_incident_id: 'INC-1', udf_sline_301: 'INC-2' },
  last_updated_time: { value: '1717000000000', display_value: 'May 29, 2024 04:26 PM' },
});

describe('simulator webhook rendering', () => {
  it('fills cloud ${path} and on-prem ${{request.path}} placeholders, including UDFs and objects', () => {
    const r = request('s');
    expect(
      renderWebhookBody(
        '${id}|${udf_fields.txt_incident_id}|${last_updated_time}|${status}|${priority.name}',
        'cloud',
        r,
        'json',
      ),
    ).toBe('123640000000240013|INC-1|May 29, 2024 04:26 PM|Open|');
    expect(
      renderWebhookBody(
        '${{request.id}}|${{request.udf_fields.udf_sline_301}}|${{request.status.name}}',
        'onprem',
        r,
        'json',
      ),
    ).toBe('123640000000240013|INC-2|Open');
  });

  it("leaves the other edition's syntax untouched", () => {
    expect(renderWebhookBody('${{request.id}}', 'cloud', request('s'), 'json')).toBe('${{request.id}}');
    expect(renderWebhookBody('${id}', 'onprem', request('s'), 'json')).toBe('${id}');
  });

  const VALUES = [
    'plain',
    'quote " and \\ backslash',
    'new\nline\ttab\r',
    '<b>HTML</b> &amp; <script>x</script>',
    'Müller 東京 🚨',
    '\u0001control',
  ];

  it.each(['cloud', 'onprem'] as const)('json mode: the %s template round-trips every value exactly', (edition) => {
    for (const subject of VALUES) {
      const body = renderWebhookBody(sdpWebhookBodyTemplate(edition), edition, request(subject), 'json');
      expect(JSON.parse(body)).toEqual({
        request_id: '123640000000240013',
        last_updated_time: '1717000000000',
        status: 'Open',
        priority: '',
        subject,
      });
      expect(parseSdpWebhookBody(body)).toMatchObject({ ok: true, subject, recovered: false });
    }
  });

  it.each(['cloud', 'onprem'] as const)(
    'raw mode: the %s template pastes values verbatim; the ID always survives',
    (edition) => {
      for (const subject of VALUES) {
        const body = renderWebhookBody(sdpWebhookBodyTemplate(edition), edition, request(subject), 'raw');
        expect(body).toContain(`"subject": "${subject}"`);
        expect(parseSdpWebhookBody(body)).toMatchObject({
          ok: true,
          requestId: '123640000000240013',
          lastUpdatedTime: 1717000000000,
        });
      }
    },
  );
});
