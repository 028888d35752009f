import { describe, expect, it } from 'vitest';
import { loadable, shownState, type Answer } from '../../../renderer/src/lib/use-query';

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

describe('shownState: what a query shows for its current key', () => {
  const ready = (key: string, value: string): Answer<string> => ({ key, state: { status: 'ready', value } });
  const failed: Answer<string> = { key: 'a#0', state: { status: 'error', message: 'SDP is down' } };
  it.each<[string, Answer<string> | null, string | null, boolean, unknown]>([
    ['nothing to load', ready('a#0', 'A'), null, true, null],
    ['asked, no answer yet', null, 'a#0', false, { status: 'loading' }],
    ['the answer to this key', ready('a#0', 'A'), 'a#0', false, { status: 'ready', value: 'A' }],
    ['an error for this key', failed, 'a#0', true, failed.state],
    ['a late answer to an older key is not this key’s', ready('a#0', 'A'), 'b#0', false, { status: 'loading' }],
    ['nor to an older round of the same key', ready('a#0', 'A'), 'a#1', false, { status: 'loading' }],
    [
      'keepPrevious: the last value while the next loads',
      ready('a#0', 'A'),
      'a#1',
      true,
      { status: 'ready', value: 'A' },
    ],
    ['keepPrevious keeps values, not errors', failed, 'a#1', true, { status: 'loading' }],
  ])('%s', (_, answer, key, keepPrevious, expected) => {
    expect(shownState(answer, key, keepPrevious)).toEqual(expected);
  });
});
