/**
 * Flashduty IDs (members, channels, teams, accounts) are int64 on the wire and may exceed 2^53,
 * where `JSON.parse` would silently round them. We read integers outside the safe range as
 * digit strings and write IDs back as bare JSON numbers from their digits.
 */

const NUMBER_TOKEN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Parses JSON text; integers beyond Number.MAX_SAFE_INTEGER become digit strings. */
export function parseJsonLossless(text: string): unknown {
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER_TOKEN.lastIndex = i;
      const match = NUMBER_TOKEN.exec(text);
      if (!match) {
        i++;
        continue;
      }
      const token = match[0];
      if (/^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) {
        out += `${text.slice(last, i)}"${token}"`;
        last = i + token.length;
      }
      i += token.length;
      continue;
    }
    i++;
  }
  return JSON.parse(out + text.slice(last));
}

/** An int64 written to JSON as a bare number from its exact digits. */
export class JsonInt {
  readonly digits: string;
  constructor(value: string | number) {
    const digits = String(value);
    if (!/^-?\d+$/.test(digits)) throw new TypeError(`not an integer: ${digits}`);
    this.digits = digits;
  }
}

export const jsonInt = (value: string | number): JsonInt => new JsonInt(value);

/** JSON.stringify that writes JsonInt values as raw digits; undefined members are dropped. */
export function stringifyJson(value: unknown): string {
  if (value instanceof JsonInt) return value.digits;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stringifyJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function') continue;
      parts.push(`${JSON.stringify(k)}:${stringifyJson(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
