import { describe, expect, it } from 'vitest';
import { answerWithin, oneAtATime, retryDroppedCall } from '../../../electron/services/keychain-calls';
import { KeychainNoAnswer } from '../../../electron/services/vault-errors';

const DROPPED = 'Platform failure: DBus error: Message recipient disconnected from message bus without replying';

describe('retryDroppedCall', () => {
  const calls = (outcomes: ReadonlyArray<string | Error>) => {
    let made = 0;
    const call = () => {
      const outcome = outcomes[made++];
      if (outcome === undefined) throw new Error('called more often than expected');
      if (outcome instanceof Error) return Promise.reject(outcome);
      return Promise.resolve(outcome);
    };
    return { call, made: () => made };
  };

  it.each([
    ['answers at once', ['value'], 'value', 1],
    ['a dropped call is made once more', [new Error(DROPPED), 'value'], 'value', 2],
    [
      'dropped twice: the second failure is the answer',
      [new Error(DROPPED), new Error(`${DROPPED} again`)],
      `${DROPPED} again`,
      2,
    ],
    [
      'a locked keyring is not retried',
      [new Error('unlock prompt was dismissed'), 'value'],
      'unlock prompt was dismissed',
      1,
    ],
  ] as const)('%s', async (_name, outcomes, expected, expectedCalls) => {
    const { call, made } = calls(outcomes);
    const answer = await retryDroppedCall(call, 0).catch((error: unknown) => (error as Error).message);
    expect(answer).toBe(expected);
    expect(made()).toBe(expectedCalls);
  });

  it('a call that throws before it returns a promise (the library connects in its constructor) is retried too', async () => {
    let made = 0;
    const answer = await retryDroppedCall(() => {
      made += 1;
      if (made === 1) throw new Error(DROPPED);
      return Promise.resolve('value');
    }, 0);
    expect([answer, made]).toStrictEqual(['value', 2]);
  });
});

describe('answerWithin', () => {
  it('passes an answer or a failure through', async () => {
    expect(await answerWithin(Promise.resolve('value'), 1000)).toBe('value');
    await expect(answerWithin(Promise.reject(new Error('refused')), 1000)).rejects.toThrow('refused');
  });

  it('gives up on a call that never answers with KeychainNoAnswer', async () => {
    const error: unknown = await answerWithin(new Promise(() => undefined), 5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainNoAnswer);
    expect((error as KeychainNoAnswer).waitedMs).toBe(5);
  });
});

describe('oneAtATime', () => {
  it('starts each piece of work only when the one before has settled, failed or not', async () => {
    const turn = oneAtATime();
    const log: string[] = [];
    const gates: Array<() => void> = [];
    const work =
      (name: string, fail = false) =>
      () => {
        log.push(`start ${name}`);
        return new Promise<string>((resolve, reject) => {
          gates.push(() => {
            log.push(`end ${name}`);
            if (fail) reject(new Error(name));
            else resolve(name);
          });
        });
      };
    const first = turn(work('a', true));
    const second = turn(work('b'));
    const third = turn(work('c'));
    await Promise.resolve();
    expect(log).toStrictEqual(['start a']);
    gates[0]!();
    await expect(first).rejects.toThrow('a');
    await new Promise((r) => setImmediate(r));
    expect(log).toStrictEqual(['start a', 'end a', 'start b']);
    gates[1]!();
    expect(await second).toBe('b');
    await new Promise((r) => setImmediate(r));
    gates[2]!();
    expect(await third).toBe('c');
    expect(log).toStrictEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('work that throws before it returns a promise is a failure of its turn, and the queue goes on', async () => {
    const turn = oneAtATime();
    const broken = turn(() => {
      throw new Error('at once');
    });
    await expect(broken).rejects.toThrow('at once');
    expect(await turn(() => Promise.resolve('next'))).toBe('next');
  });
});
