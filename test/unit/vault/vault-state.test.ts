import { describe, expect, it } from 'vitest';
import { LAST4_MIN_LENGTH } from '../../../electron/services/vault';
import { SecretMarks, secretState, type SecretMark } from '../../../electron/services/vault-state';

describe('secretState', () => {
  const cases: ReadonlyArray<readonly [string, string | null, SecretMark | undefined, object]> = [
    ['absent', null, undefined, { state: 'missing' }],
    ['absent even when marked', null, 'invalid', { state: 'missing' }],
    ['short secret shows no hint', 'abcdefghijk', undefined, { state: 'set' }],
    ['12 characters shows last 4', 'abcdefghijkl', undefined, { state: 'set', last4: 'ijkl' }],
    ['marked invalid keeps the hint', 'abcdefghijklmnop', 'invalid', { state: 'invalid', last4: 'mnop' }],
    ['marked expiring', 'abcdefghijklmnop', 'expiring', { state: 'expiring', last4: 'mnop' }],
    [
      'counts code points, never splits an emoji',
      'ключ-секрет-🔑🔒🔓🔐',
      undefined,
      { state: 'set', last4: '🔑🔒🔓🔐' },
    ],
    ['11 code points of 2 UTF-16 units each are still short', '🔑'.repeat(11), undefined, { state: 'set' }],
  ];
  it.each(cases)('%s', (_name, value, mark, expected) => {
    expect(secretState(value, mark)).toStrictEqual(expected);
  });

  it('uses 12 as the threshold', () => {
    expect(LAST4_MIN_LENGTH).toBe(12);
  });
});

describe('SecretMarks', () => {
  it('keeps invalid when expiring comes later, but expiring yields to invalid', () => {
    const marks = new SecretMarks();
    marks.mark('a/x', 'invalid');
    marks.mark('a/x', 'expiring');
    expect(marks.get('a/x')).toBe('invalid');
    marks.mark('b/x', 'expiring');
    marks.mark('b/x', 'invalid');
    expect(marks.get('b/x')).toBe('invalid');
  });

  it('clears one account only', () => {
    const marks = new SecretMarks();
    marks.mark('a/x', 'invalid');
    marks.mark('a/y', 'expiring');
    marks.clear('a/x');
    expect(marks.get('a/x')).toBeUndefined();
    expect(marks.get('a/y')).toBe('expiring');
  });
});
