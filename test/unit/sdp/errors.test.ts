import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/common/errors';
import { SdpError, sdpFailureToError, zohoErrorToError, type SdpFailureFacts } from '../../../shared/node/sdp/errors';

describe('sdpFailureToError', () => {
  // [case, facts, code, retryable]
  const TABLE: [string, Omit<SdpFailureFacts, 'edition'>, string, boolean][] = [
    [
      '4001 invalid value',
      { httpStatus: 400, failure: { statusCode: 4001, fields: ['priority'] } },
      'sdp.invalid_value',
      false,
    ],
    [
      '200 + 4001 is still a failure',
      { httpStatus: 200, failure: { statusCode: 4001, fields: ['status'] } },
      'sdp.invalid_value',
      false,
    ],
    [
      '4021 type mismatch',
      { httpStatus: 400, failure: { statusCode: 4021, fields: ['udf_fields.x'] } },
      'sdp.invalid_value',
      false,
    ],
    ['4002 forbidden', { httpStatus: 403, failure: { statusCode: 4002, fields: [] } }, 'sdp.forbidden', false],
    ['bare 403', { httpStatus: 403, rawText: 'Forbidden' }, 'sdp.forbidden', false],
    ['4007 not found', { httpStatus: 404, failure: { statusCode: 4007, fields: [] } }, 'sdp.not_found', false],
    [
      '4012 mandatory',
      { httpStatus: 400, failure: { statusCode: 4012, fields: ['requester', 'category'] } },
      'sdp.mandatory_missing',
      false,
    ],
    [
      '4009 not editable',
      { httpStatus: 400, failure: { statusCode: 4009, fields: ['template'] } },
      'sdp.read_only_field',
      false,
    ],
    [
      '4014 read-only',
      { httpStatus: 400, failure: { statusCode: 4014, fields: ['id'] } },
      'sdp.read_only_field',
      false,
    ],
    ['4008 not unique', { httpStatus: 400, failure: { statusCode: 4008, fields: [] } }, 'sdp.not_unique', false],
    ['7001 licence', { httpStatus: 400, failure: { statusCode: 7001, fields: [] } }, 'sdp.license', false],
    ['4015 in a 400', { httpStatus: 400, failure: { statusCode: 4015, fields: [] } }, 'sdp.rate_limited', true],
    ['HTTP 429', { httpStatus: 429, rawText: '' }, 'sdp.rate_limited', true],
    [
      'on-prem URL blocked text',
      { httpStatus: 400, rawText: 'URL blocked as maximum access limit for the page is exceeded.' },
      'sdp.rate_limited',
      true,
    ],
    [
      'URL blocked inside a message',
      { httpStatus: 400, failure: { statusCode: 4000, message: 'URL blocked as maximum access limit', fields: [] } },
      'sdp.rate_limited',
      true,
    ],
    ['4022 bad key', { httpStatus: 401, failure: { statusCode: 4022, fields: [] } }, 'sdp.auth', false],
    ['bare 401', { httpStatus: 401, rawText: '' }, 'sdp.auth', false],
    ['4004 internal', { httpStatus: 500, failure: { statusCode: 4004, fields: [] } }, 'sdp.server', true],
    ['502 HTML', { httpStatus: 502, rawText: '<html>Bad Gateway</html>' }, 'sdp.server', true],
    ['400 HTML page', { httpStatus: 400, rawText: '<html>nope</html>' }, 'sdp.bad_response', false],
    [
      'unknown SDP code',
      { httpStatus: 400, failure: { statusCode: 4999, message: 'odd', fields: [] } },
      'sdp.failed',
      false,
    ],
  ];

  it.each(TABLE)('%s → %s', (_case, facts, code, retryable) => {
    const err = sdpFailureToError({ edition: 'onprem', ...facts });
    expect(err).toBeInstanceOf(SdpError);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(retryable);
    expect(err.httpStatus).toBe(facts.httpStatus);
    expect(err.fields).toEqual(facts.failure?.fields ?? []);
    expect(err.details).toMatchObject({ httpStatus: facts.httpStatus });
  });

  it('names the fields and quotes SDP in the message', () => {
    const err = sdpFailureToError({
      edition: 'cloud',
      httpStatus: 400,
      failure: { statusCode: 4012, message: 'Mandatory fields missing', fields: ['requester', 'category'] },
    });
    expect(err.message).toMatch(/requires "requester", "category"/);
    expect(err.message).toMatch(/SDP said: Mandatory fields missing/);
    expect(err.sdpStatusCode).toBe(4012);
  });

  it('carries Retry-After for rate limits and server errors', () => {
    expect(sdpFailureToError({ edition: 'cloud', httpStatus: 429, retryAfterMs: 3000 }).retryAfterMs).toBe(3000);
    expect(sdpFailureToError({ edition: 'cloud', httpStatus: 503, retryAfterMs: 5000 }).retryAfterMs).toBe(5000);
  });

  it('words the auth error for the edition', () => {
    expect(sdpFailureToError({ edition: 'onprem', httpStatus: 401 }).message).toMatch(/API key/);
    expect(sdpFailureToError({ edition: 'cloud', httpStatus: 401 }).message).toMatch(/refresh token|grant code/);
  });
});

describe('zohoErrorToError', () => {
  const TABLE: [string, 'exchange' | 'refresh', string, boolean][] = [
    ['invalid_code', 'exchange', 'sdp.oauth.invalid_code', false],
    ['invalid_client', 'exchange', 'sdp.oauth.invalid_client', false],
    ['invalid_client_secret', 'exchange', 'sdp.oauth.invalid_client', false],
    ['invalid_redirect_uri', 'exchange', 'sdp.oauth.error', false],
    ['Access Denied', 'exchange', 'sdp.oauth.rate_limited', true],
    ['Access Denied', 'refresh', 'sdp.oauth.rate_limited', true],
    ['invalid_code', 'refresh', 'sdp.auth', false],
    ['invalid_client', 'refresh', 'sdp.auth', false],
  ];
  it.each(TABLE)('%s during %s → %s', (error, phase, code, retryable) => {
    const err = zohoErrorToError(error, phase, 600_000);
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(retryable);
    expect(err.details).toMatchObject({ zohoError: error });
  });

  it('passes other errors through by name', () => {
    expect(zohoErrorToError('access_denied', 'exchange', 0).message).toContain('access_denied');
  });
});
