import { describe, expect, it } from 'vitest';
import { fingerprint, fnv1a64 } from '../../../shared/node/sync/digest';

/** The textbook definition, one 64-bit step per UTF-16 code unit. */
function fnv1a64BigInt(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++)
    hash = ((hash ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, '0');
}

describe('fnv1a64', () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('%j → %s (published FNV-1a 64 vectors)', (text, digest) => {
    expect(fnv1a64(text)).toBe(digest);
  });

  it.each([
    [
      'JSON of a link record',
      JSON.stringify([
        ['status', 'Open'],
        ['title', 'Disk full on db-01'],
        ['udf:txt_incident', null],
      ]),
    ],
    ['non-ASCII text', 'Störung – 障害 – 🔥 in Zürich'],
    ['every 16-bit code unit once', Array.from({ length: 0x10000 }, (_, i) => String.fromCharCode(i)).join('')],
  ])('matches the BigInt definition on %s (stored digests stay valid)', (_, text) => {
    expect(fnv1a64(text)).toBe(fnv1a64BigInt(text));
  });
});

describe('fingerprint of synced values', () => {
  it('ignores key order and changes with any value', () => {
    expect(fingerprint({ a: '1', b: null })).toBe(fingerprint({ b: null, a: '1' }));
    expect(fingerprint({ a: '1', b: null })).not.toBe(fingerprint({ a: '1', b: '' }));
    expect(fingerprint({ a: '1' })).toMatch(/^[0-9a-f]{16}$/);
  });
});
