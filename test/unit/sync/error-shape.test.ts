import { describe, expect, it } from 'vitest';
import { errorMessageOf, msg, type Failure } from '../../../shared/common/contract';
import { AppError } from '../../../shared/common/errors';
import { errorShape, withKnownFix } from '../../../shared/node/sync/error-shapes';
import { renderMessage } from '../../../renderer/src/i18n/messages';

describe('errorShape: what the sync log keeps of a failure', () => {
  it("words an SDP refusal in the reader's language, with the API's own text quoted", () => {
    const { message } = errorShape(
      new AppError('sdp.forbidden', 'SDP refused the call.', { details: { sdpMessage: 'No permission' } }),
    );
    expect(renderMessage(message, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    expect(renderMessage(message, 'zh-CN')).toContain('No permission');
    expect(renderMessage(message, 'zh-CN')).not.toContain('SDP refused the call.');
  });

  const quoted = (text: string) => msg('quoted', { text });
  const cases: { name: string; error: unknown; shape: Failure }[] = [
    {
      name: 'an app error keeps its code and details, worded by code; its English text is the fallback',
      error: new AppError('sdp.forbidden', 'SDP refused the call.', { details: { sdpMessage: 'No permission' } }),
      shape: {
        code: 'sdp.forbidden',
        message: errorMessageOf('sdp.forbidden', 'SDP refused the call.', { sdpMessage: 'No permission' }),
      },
    },
    {
      name: 'a plain error is internal',
      error: new Error('boom'),
      shape: { code: 'internal', message: quoted('boom') },
    },
    {
      name: 'a planned failure keeps code, message and fix',
      error: {
        code: 'priority_missing',
        message: msg('fail.priority_missing', { priority: 'P0' }),
        fix: msg('fix.priority_missing'),
      },
      shape: {
        code: 'priority_missing',
        message: msg('fail.priority_missing', { priority: 'P0' }),
        fix: msg('fix.priority_missing'),
      },
    },
    {
      name: 'a failure without a fix',
      error: { code: 'status_missing', message: msg('fail.status_missing', { status: 'Onhold' }) },
      shape: { code: 'status_missing', message: msg('fail.status_missing', { status: 'Onhold' }) },
    },
    { name: 'a string', error: 'odd', shape: { code: 'internal', message: quoted('odd') } },
    {
      name: 'an object of another shape is not "[object Object]"',
      error: { code: 1 },
      shape: { code: 'internal', message: msg('failure.unknown') },
    },
    {
      name: 'a refused request-link field names the field, with Flashduty’s words quoted',
      error: new AppError('fd_field_missing', 'English account', {
        details: { fieldName: 'sdp_link' },
        cause: new AppError('flashduty.invalid_parameter', 'field not found'),
      }),
      shape: {
        code: 'fd_field_missing',
        message: msg('fail.fd_field_missing', { field: 'sdp_link', error: quoted('field not found') }),
      },
    },
  ];
  it.each(cases)('$name', ({ error, shape }) => {
    expect(errorShape(error)).toEqual(shape);
  });

  it('a failure the admin fixes gets its fix, worded in either language', () => {
    const failure = withKnownFix(errorShape(new AppError('udf_not_text', 'x')));
    expect(failure.fix).toEqual(msg('fix.udf_not_text'));
    expect(renderMessage(failure.fix!, 'zh-CN')).toBe('将自定义字段映射到单行或多行文本字段。');
    expect(withKnownFix(errorShape(new AppError('sdp.server', 'x'))).fix).toBeUndefined();
  });
});
