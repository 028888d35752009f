import { originOf } from './markers';

/**
 * The source's comments (or notes) not yet on the target: not copies themselves, not already
 * copied (the target's copies carry the source's origin tag and ID), and not empty.
 */
export function uncopied<T extends { id: string; text: string }>(
  source: readonly T[],
  target: readonly { text: string }[],
  sourceTag: 'fd' | 'sdp',
): T[] {
  const copied = new Set(
    target.flatMap((item) => {
      const o = originOf(item.text);
      return o?.side === sourceTag ? [o.id] : [];
    }),
  );
  return source.filter((c) => originOf(c.text) === null && !copied.has(c.id) && c.text.trim() !== '');
}
