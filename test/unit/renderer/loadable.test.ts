import { describe, expect, it } from 'vitest';
import { loadable } from '../../../renderer/src/lib/use-query';

describe('loadable: the one way from a call to a Loadable', () => {
  it.each<[string, () => Promise<unknown>, unknown]>([
    ['a value', () => Promise.resolve([1, 2]), { status: 'ready', value: [1, 2] }],
    ['an Error', () => Promise.reject(new Error('SDP is down')), { status: 'error', message: 'SDP is down' }],
    [
      'a throw before the first await',
      () => {
        throw new Error('no backend');
      },
      { status: 'error', message: 'no backend' },
    ],
    ['a non-Error', () => Promise.reject('plain text'), { status: 'error', message: 'plain text' }],
  ])('%s', async (_, run, expected) => {
    expect(await loadable(run)).toEqual(expected);
  });
});
