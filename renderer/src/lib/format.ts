/** Pretty JSON for payloads; values JSON cannot hold are shown as text rather than failing. */
export function formatJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A from/to value of a change, short enough for a table cell; empty means "nothing". */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return formatJson(value);
}

export function formatTime(ms: number | null, locale: string): string {
  if (ms === null) return '';
  return new Date(ms).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'medium' });
}

export function formatClock(ms: number, locale: string): string {
  return new Date(ms).toLocaleTimeString(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

/** "2 min ago" style age for the integrations list, coarse on purpose. */
export function ageParts(ms: number, now: number): { n: number; unit: 's' | 'm' | 'h' | 'd' } {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return { n: s, unit: 's' };
  if (s < 3600) return { n: Math.floor(s / 60), unit: 'm' };
  if (s < 86_400) return { n: Math.floor(s / 3600), unit: 'h' };
  return { n: Math.floor(s / 86_400), unit: 'd' };
}
