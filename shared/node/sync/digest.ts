import type { SyncedValues } from './types';

/**
 * A short, stable digest of synced values (FNV-1a 64 over canonical JSON with sorted keys), so a
 * poller or a cache can tell at a glance whether anything it looked at changed. Not a security hash.
 */
export function fingerprint(values: SyncedValues): string {
  return fnv1a64(
    JSON.stringify(
      Object.keys(values)
        .sort()
        .map((k) => [k, values[k] ?? null]),
    ),
  );
}

/**
 * FNV-1a 64 over UTF-16 code units, in four 16-bit limbs: plain numbers stay exact and are
 * several times cheaper than BigInt arithmetic. The prime is 2^40 + 0x1b3.
 */
export function fnv1a64(text: string): string {
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = 0; i < text.length; i++) {
    h0 ^= text.charCodeAt(i);
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  return [h3, h2, h1, h0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
}
