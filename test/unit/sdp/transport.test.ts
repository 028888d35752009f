import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { SdpError } from '../../../shared/node/sdp/errors';
import {
  interpretSdpResponse,
  networkFailure,
  parseJsonKeepingIds,
  type HttpResult,
} from '../../../shared/node/sdp/transport';
import { WireRequest } from '../../../shared/node/sdp/wire';

const ctx = {
  edition: 'cloud' as const,
  secrets: ['s3cr3t-token'],
  now: 0,
  method: 'GET' as const,
  url: 'https://sdp.example/app/it/api/v3/requests/1',
};
const Schema = z.looseObject({ request: WireRequest });
const res = (status: number, body: unknown, headers: Record<string, unknown> = {}): HttpResult => ({
  status,
  headers,
  text: typeof body === 'string' ? body : JSON.stringify(body),
});
const request = {
  id: '123640000000240013',
  subject: 's',
  status: { id: '1', name: 'Open', in_progress: true, stop_timer: false },
  created_time: { value: '1717000000000', display_value: 'May 29, 2024' },
};

function failure(result: HttpResult): SdpError {
  try {
    interpretSdpResponse(result, Schema, ctx);
  } catch (e) {
    if (e instanceof SdpError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('interpretSdpResponse', () => {
  it('returns the parsed payload on success (object response_status)', () => {
    const out = interpretSdpResponse(
      res(200, { request, response_status: { status_code: 2000, status: 'success' } }),
      Schema,
      ctx,
    );
    expect(out.request.id).toBe('123640000000240013');
    expect(out.request.created_time).toBe(1717000000000);
  });

  it('accepts 201 and the array form of response_status', () => {
    const out = interpretSdpResponse(
      res(201, { request, response_status: [{ status_code: 2000, status: 'success' }] }),
      Schema,
      ctx,
    );
    expect(out.request.subject).toBe('s');
  });

  it('treats HTTP 200 with status_code >= 4000 as a failure, in both forms', () => {
    const body = {
      response_status: {
        status_code: 4000,
        status: 'failed',
        messages: [{ status_code: 4001, field: 'priority', message: 'bad' }],
      },
    };
    expect(failure(res(200, body))).toMatchObject({ code: 'sdp.invalid_value', fields: ['priority'], httpStatus: 200 });
    const arr = {
      response_status: [{ status_code: 4000, messages: [{ status_code: '4012', fields: ['requester'] }] }],
    };
    expect(failure(res(200, arr))).toMatchObject({ code: 'sdp.mandatory_missing', fields: ['requester'] });
  });

  it('a 200 HTML page is sdp.bad_response, not a crash', () => {
    const err = failure(res(200, '<html><body>Login</body></html>'));
    expect(err.code).toBe('sdp.bad_response');
    expect(err.message).toMatch(/HTML page/);
  });

  it('a truncated JSON body is sdp.bad_response', () => {
    expect(failure(res(200, '{"request":{"id":"1","sub')).code).toBe('sdp.bad_response');
  });

  it('a redirect (login page, proxy) is sdp.bad_response naming the target without secrets', () => {
    const err = failure(res(302, '', { location: 'https://sso.example/login?token=abc' }));
    expect(err.code).toBe('sdp.bad_response');
    expect(err.message).toContain('https://sso.example/login?token=***');
  });

  it('a body of the wrong shape is sdp.bad_response naming the path', () => {
    const err = failure(res(200, { request: { id: '1' }, response_status: { status_code: 2000 } }));
    expect(err.code).toBe('sdp.bad_response');
    expect(err.message).toMatch(/request\.status/);
  });

  it('redacts known secrets out of SDP messages', () => {
    const body = {
      response_status: {
        status_code: 4000,
        messages: [{ status_code: 4001, field: 'x', message: 'token s3cr3t-token is odd' }],
      },
    };
    expect(failure(res(400, body)).message).not.toContain('s3cr3t-token');
  });

  it('reads Retry-After', () => {
    const body = { response_status: { status_code: 4000, messages: [{ status_code: 4015 }] } };
    expect(failure(res(429, body, { 'retry-after': '12' }))).toMatchObject({
      code: 'sdp.rate_limited',
      retryAfterMs: 12_000,
    });
  });
});

describe('parseJsonKeepingIds', () => {
  it('keeps 18-digit numeric IDs exact and leaves strings alone', () => {
    const out = parseJsonKeepingIds(
      '{"id": 123640000000240013, "request_id":123640000000240019, "subject":"\\"id\\": 123640000000240013", "n": 5}',
    ) as Record<string, unknown>;
    expect(out).toEqual({
      id: '123640000000240013',
      request_id: '123640000000240019',
      subject: '"id": 123640000000240013',
      n: 5,
    });
  });
});

describe('networkFailure', () => {
  it.each([
    ['ECONNREFUSED', 'GET', 'sdp.network', true],
    ['ECONNREFUSED', 'POST', 'sdp.network', true],
    ['ECONNRESET', 'GET', 'sdp.network', true],
    ['ECONNRESET', 'PUT', 'sdp.network', true],
    ['ECONNRESET', 'POST', 'sdp.network', false],
    ['ECONNABORTED', 'POST', 'sdp.network', false],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'GET', 'sdp.tls', false],
    ['CERT_HAS_EXPIRED', 'GET', 'sdp.tls', false],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'GET', 'sdp.tls', false],
  ] as const)('%s on %s → %s (retryable %s)', (code, method, expected, retryable) => {
    const err = networkFailure(Object.assign(new Error('x'), { code }), {
      method,
      url: 'https://sdp.example:8443/api/v3/requests',
    });
    expect(err.code).toBe(expected);
    expect(err.retryable).toBe(retryable);
    expect(err.message).toContain('sdp.example:8443');
  });

  it('an idempotent POST (token refresh) is retried after a reset', () => {
    const err = networkFailure(Object.assign(new Error('x'), { code: 'ECONNRESET' }), {
      method: 'POST',
      url: 'https://a.example',
      idempotent: true,
    });
    expect(err.retryable).toBe(true);
  });
});
