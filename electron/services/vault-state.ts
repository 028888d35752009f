/**
 * What the renderer may learn about a secret: whether it is there and healthy, and for long
 * secrets the last four characters so an admin can tell which key is stored. Short secrets get
 * no hint at all, because four characters of an eight-character PIN give half of it away.
 */
export type SecretStateName = 'set' | 'missing' | 'invalid' | 'expiring';

export interface SecretState {
  state: SecretStateName;
  last4?: string;
}

/** Below this many characters a secret shows no hint. */
export const LAST4_MIN_LENGTH = 12;

export type SecretMark = 'invalid' | 'expiring';

export function secretState(value: string | null, mark: SecretMark | undefined): SecretState {
  if (value === null) return { state: 'missing' };
  // Code points, not UTF-16 units, so an emoji at the end is never cut in half.
  const chars = Array.from(value);
  const state: SecretStateName = mark ?? 'set';
  return chars.length >= LAST4_MIN_LENGTH ? { state, last4: chars.slice(-4).join('') } : { state };
}

/**
 * Health marks the app sets after a failed connection test or when a token nears expiry. Kept in
 * memory only: they are re-derived by the next test, and nothing about a secret is written outside
 * the keychain. An invalid secret stays invalid when it is also about to expire.
 */
export class SecretMarks {
  readonly #marks = new Map<string, SecretMark>();

  get(account: string): SecretMark | undefined {
    return this.#marks.get(account);
  }

  mark(account: string, mark: SecretMark): void {
    if (mark === 'expiring' && this.#marks.get(account) === 'invalid') return;
    this.#marks.set(account, mark);
  }

  clear(account: string): void {
    this.#marks.delete(account);
  }
}
