import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/common/errors';
import { errorShape } from '../../../shared/node/sync/error-shapes';

describe('errorShape: what the sync log keeps of a failure', () => {
  const cases: { name: string; error: unknown; shape: { code: string; message: string; fix?: string } }[] = [
    {
      name: 'an app error keeps its code and message',
      error: new AppError('sdp.forbidden', 'SDP refused the call.'),
      shape: { code: 'sdp.forbidden', message: 'SDP refused the call.' },
    },
    { name: 'a plain error is internal', error: new Error('boom'), shape: { code: 'internal', message: 'boom' } },
    {
      name: 'a planned failure keeps code, message and fix',
      error: {
        code: 'priority_missing',
        message: 'Priority "P0" does not exist in SDP.',
        fix: 'Map the severity to a priority that exists in SDP.',
      },
      shape: {
        code: 'priority_missing',
        message: 'Priority "P0" does not exist in SDP.',
        fix: 'Map the severity to a priority that exists in SDP.',
      },
    },
    {
      name: 'a shape without a fix',
      error: { code: 'status_missing', message: 'No such status.' },
      shape: { code: 'status_missing', message: 'No such status.' },
    },
    { name: 'a string', error: 'odd', shape: { code: 'internal', message: 'odd' } },
    {
      name: 'an object of another shape is not "[object Object]"',
      error: { code: 1 },
      shape: { code: 'internal', message: 'An unexpected failure that carried no message.' },
    },
  ];
  it.each(cases)('$name', ({ error, shape }) => {
    expect(errorShape(error)).toEqual(shape);
  });
});
