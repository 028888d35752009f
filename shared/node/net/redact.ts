/**
 * Secrets ride in query strings (Flashduty `app_key`) and headers (SDP `authtoken`, Zoho tokens).
 * Everything that may reach a log, an error or the renderer passes through these first.
 */
const SECRET_QUERY_KEYS = [
  'app_key',
  'authtoken',
  'technician_key',
  'access_token',
  'refresh_token',
  'client_secret',
  'code',
  'token',
];
const SECRET_HEADER_KEYS = ['authorization', 'authtoken', 'technician_key', 'x-deskbridge-secret'];

export function redactUrl(url: string): string {
  return url.replace(/([?&])([^=&#]+)=([^&#]*)/g, (match, sep: string, key: string) =>
    SECRET_QUERY_KEYS.includes(decodeURIComponent(key).toLowerCase()) ? `${sep}${key}=***` : match,
  );
}

export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k, SECRET_HEADER_KEYS.includes(k.toLowerCase()) ? '***' : v]),
  );
}

/** Replaces every occurrence of the given secret values in free text (e.g. an upstream error body). */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  return out;
}
