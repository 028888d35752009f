import { describe, expect, it } from 'vitest';
import { UnlinkedCreates } from '../../../shared/node/sync/unlinked-creates';

describe('UnlinkedCreates', () => {
  it('routes an incident to the creating pass and holds it until a link names it, then forgets it', () => {
    const creates = new UnlinkedCreates();
    expect(creates.keyOf('i1')).toBeUndefined();
    expect(creates.holds('i1', () => false)).toBe(false);

    creates.add('i1', 'r:347');
    expect(creates.keyOf('i1')).toBe('r:347');
    expect(creates.holds('i1', () => false)).toBe(true);
    expect(creates.holds('i1', () => true)).toBe(false);
    expect(creates.keyOf('i1')).toBeUndefined();
    expect(creates.holds('i1', () => false)).toBe(false);
  });

  it('keeps at most 10,000, forgetting the oldest first', () => {
    const creates = new UnlinkedCreates();
    for (let i = 0; i <= 10_000; i++) creates.add(`i${i}`, `r:${i}`);
    expect(creates.keyOf('i0')).toBeUndefined();
    expect(creates.keyOf('i1')).toBe('r:1');
    expect(creates.keyOf('i10000')).toBe('r:10000');
  });
});
