import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/common/errors';
import { FlashdutyError, KNOWN_FLASHDUTY_CODES, errorFromResponse } from '../../../shared/node/flashduty/errors';

describe('errorFromResponse', () => {
  it.each([
    ['InvalidParameter', 400, 'flashduty.invalid_parameter', false],
    ['BadRequest', 400, 'flashduty.invalid_parameter', false],
    ['InvalidContentType', 400, 'flashduty.invalid_parameter', false],
    ['ResourceNotFound', 400, 'flashduty.not_found', false],
    ['NoLicense', 400, 'flashduty.plan_required', false],
    ['ReferenceExist', 400, 'flashduty.conflict', false],
    ['Unauthorized', 401, 'flashduty.unauthorized', false],
    ['BalanceNotEnough', 402, 'flashduty.plan_required', false],
    ['AccessDenied', 403, 'flashduty.access_denied', false],
    ['RouteNotFound', 404, 'flashduty.route_not_found', false],
    ['MethodNotAllowed', 405, 'flashduty.route_not_found', false],
    ['UndonedOrderExist', 409, 'flashduty.plan_required', false],
    ['EntityTooLarge', 413, 'flashduty.invalid_parameter', false],
    ['RequestLocked', 423, 'flashduty.locked', false],
    ['RequestVerifyRequired', 428, 'flashduty.locked', false],
    ['DangerousOperation', 428, 'flashduty.locked', false],
    ['RequestTooFrequently', 429, 'flashduty.rate_limited', true],
    ['InternalError', 500, 'flashduty.server', true],
    ['ServiceUnavailable', 503, 'flashduty.server', true],
  ])('%s (HTTP %i) → %s, retryable %s', (fdCode, httpStatus, code, retryable) => {
    const error = errorFromResponse({ path: '/incident/ack', httpStatus, fdCode, requestId: 'R' });
    expect(error).toBeInstanceOf(FlashdutyError);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code, retryable, fdCode, httpStatus, requestId: 'R' });
    expect(error.details).toMatchObject({ path: '/incident/ack', fdCode, httpStatus, requestId: 'R' });
    expect(error.message.length).toBeGreaterThan(20);
  });

  it('covers every code of the reference table', () => {
    expect(KNOWN_FLASHDUTY_CODES).toHaveLength(19);
  });

  it.each([
    [401, 'flashduty.unauthorized'],
    [403, 'flashduty.access_denied'],
    [404, 'flashduty.route_not_found'],
    [429, 'flashduty.rate_limited'],
    [502, 'flashduty.server'],
    [418, 'flashduty.invalid_parameter'],
  ])('falls back on HTTP %i without a known code', (httpStatus, code) => {
    expect(errorFromResponse({ path: '/x', httpStatus, fdCode: 'SomethingNew' }).code).toBe(code);
  });

  it('says which permission is missing', () => {
    expect(errorFromResponse({ path: '/incident/list', httpStatus: 403, fdCode: 'AccessDenied' }).message).toContain(
      'Incidents Read',
    );
    expect(errorFromResponse({ path: '/incident/resolve', httpStatus: 403, fdCode: 'AccessDenied' }).message).toContain(
      'Incidents Manage',
    );
  });

  it('keeps Retry-After only for retryable errors', () => {
    expect(
      errorFromResponse({ path: '/x', httpStatus: 429, fdCode: 'RequestTooFrequently', retryAfterMs: 2000 })
        .retryAfterMs,
    ).toBe(2000);
    expect(
      errorFromResponse({ path: '/x', httpStatus: 400, fdCode: 'InvalidParameter', retryAfterMs: 2000 }).retryAfterMs,
    ).toBeUndefined();
  });

  it('quotes the server message for validation errors', () => {
    const error = errorFromResponse({
      path: '/incident/snooze',
      httpStatus: 400,
      fdCode: 'InvalidParameter',
      serverMessage: 'minutes too big',
    });
    expect(error.message).toContain('minutes too big');
  });
});
