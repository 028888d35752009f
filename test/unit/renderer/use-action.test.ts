import { afterEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../shared/common/contract';
import { applyLanguage } from '../../../renderer/src/i18n';
import { latestOnly, runAction, type Action } from '../../../renderer/src/lib/use-action';

async function steps<T>(run: () => Promise<T | null>): Promise<Action<T>[]> {
  const seen: Action<T>[] = [];
  await runAction(run, (s) => seen.push(s));
  return seen;
}

describe('runAction: a user-started call, step by step', () => {
  afterEach(() => applyLanguage('en'));
  it.each<[string, () => Promise<unknown>, Action<unknown>]>([
    ['an answer', () => Promise.resolve({ requeued: 2 }), { kind: 'done', value: { requeued: 2 } }],
    ['an answer of nothing', () => Promise.resolve(undefined), { kind: 'done', value: undefined }],
    ['null: the call did not happen', () => Promise.resolve(null), { kind: 'idle' }],
    ['an Error', () => Promise.reject(new Error('SDP is down')), { kind: 'error', message: 'SDP is down' }],
    [
      'a throw before the first await',
      () => {
        throw new Error('no backend');
      },
      { kind: 'error', message: 'no backend' },
    ],
  ])('%s', async (_, run, last) => {
    expect(await steps(run)).toEqual([{ kind: 'busy' }, last]);
  });

  it.each([
    ['en', 'DeskBridge is not reachable'],
    ['zh-CN', '无法连接 DeskBridge'],
  ] as const)('a failure with a code is worded by the code in %s', async (language, words) => {
    applyLanguage(language);
    const [, last] = await steps(() => Promise.reject(new ContractError({ code: 'http.offline', message: 'offline' })));
    expect(last).toEqual({ kind: 'error', message: expect.stringContaining(words) });
  });
});

describe('latestOnly: only the latest start reports', () => {
  it('drops a late answer to an earlier start, and any answer after drop', () => {
    const shown: string[] = [];
    const latest = latestOnly<string>((s) => shown.push(s));
    const first = latest.next();
    first('first busy');
    const second = latest.next();
    second('second busy');
    first('first answer, late');
    second('second answer');
    latest.drop();
    second('after the dialog closed');
    expect(shown).toEqual(['first busy', 'second busy', 'second answer']);
  });
});
