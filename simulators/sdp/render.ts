import type { Edition } from './seed';

/**
 * Whether real SDP JSON-escapes substituted values is unconfirmed, so both behaviours exist:
 * `json` escapes quotes, backslashes and control characters; `raw` pastes the text as is, which
 * can yield invalid JSON (a quote or newline in a subject).
 */
export type EscapeMode = 'json' | 'raw';

const PATTERNS: Record<Edition, RegExp> = {
  cloud: /\$\{([A-Za-z0-9_.]+)\}/g,
  onprem: /\$\{\{request\.([A-Za-z0-9_.]+)\}\}/g,
};

function valueAt(request: Record<string, unknown>, path: string): string {
  let cur: unknown = request;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === null || cur === undefined) return '';
  if (typeof cur === 'object') {
    const o = cur as Record<string, unknown>;
    if (typeof o.display_value === 'string') return o.display_value;
    if (typeof o.name === 'string') return o.name;
    return JSON.stringify(cur);
  }
  return String(cur);
}

export function renderWebhookBody(
  template: string,
  edition: Edition,
  request: Record<string, unknown>,
  mode: EscapeMode,
): string {
  return template.replace(PATTERNS[edition], (_match, path: string) => {
    const value = valueAt(request, path);
    return mode === 'json' ? JSON.stringify(value).slice(1, -1) : value;
  });
}
