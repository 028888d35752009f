import { describe, expect, it } from 'vitest';
import { jsonInt, parseJsonLossless, stringifyJson } from '../../../shared/node/flashduty/lossless-json';

describe('parseJsonLossless', () => {
  it.each([
    ['{"id":9007199254740993}', { id: '9007199254740993' }],
    ['{"id":-9223372036854775808}', { id: '-9223372036854775808' }],
    ['[18446744073709551615,1]', ['18446744073709551615', 1]],
    ['{"id":9007199254740991}', { id: 9007199254740991 }],
    ['{"n":1.5e3,"f":0.25}', { n: 1500, f: 0.25 }],
    [
      '{"s":"9007199254740993 stays text","q":"a\\"9007199254740993"}',
      { s: '9007199254740993 stays text', q: 'a"9007199254740993' },
    ],
    ['{"e":"\\\\","id":12345678901234567890}', { e: '\\', id: '12345678901234567890' }],
  ])('parses %s', (text, expected) => {
    expect(parseJsonLossless(text)).toEqual(expected);
  });

  it('still rejects invalid JSON', () => {
    expect(() => parseJsonLossless('{"a":')).toThrow(SyntaxError);
  });
});

describe('stringifyJson', () => {
  it('writes JsonInt as bare digits and drops undefined members', () => {
    expect(stringifyJson({ ids: [jsonInt('9007199254740993'), jsonInt(5)], skip: undefined, s: 'x', n: null })).toBe(
      '{"ids":[9007199254740993,5],"s":"x","n":null}',
    );
  });

  it('round-trips big IDs digit for digit', () => {
    const text = stringifyJson({ channel_id: jsonInt('9223372036854775807') });
    expect(parseJsonLossless(text)).toEqual({ channel_id: '9223372036854775807' });
  });

  it('refuses to build a JsonInt from non-digits', () => {
    expect(() => jsonInt('12a')).toThrow(TypeError);
  });
});
