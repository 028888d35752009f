import type { LogEntry, LogLevel, MethodInput } from '../../../shared/common/contract';
import { actionLabel, renderMessage } from '../i18n/messages';

export type TimeRange = 'all' | '15m' | '1h' | '24h' | '7d' | 'custom';
export const TIME_RANGES: readonly TimeRange[] = ['all', '15m', '1h', '24h', '7d', 'custom'];
const RANGE_MS: Record<Exclude<TimeRange, 'all' | 'custom'>, number> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
};

export interface TimeWindow {
  from: number | null;
  to: number | null;
}

/**
 * A preset counts back from `now`; a custom range takes the `datetime-local` texts (local time), either side optional.
 */
export function timeWindow(range: TimeRange, now: number, customFrom = '', customTo = ''): TimeWindow {
  if (range === 'all') return { from: null, to: null };
  if (range !== 'custom') return { from: now - RANGE_MS[range], to: null };
  const parse = (v: string): number | null => {
    if (v.trim() === '') return null;
    const ms = new Date(v).getTime();
    return Number.isNaN(ms) ? null : ms;
  };
  return { from: parse(customFrom), to: parse(customTo) };
}

export interface LogFilter {
  integrationId: string;
  direction: '' | 'to_sdp' | 'from_sdp';
  levels: LogLevel[];
  /** Matches the incident ID or number, or the request ID (substring). */
  entity: string;
  text: string;
  range: TimeRange;
  customFrom: string;
  customTo: string;
}

export const EMPTY_LOG_FILTER: LogFilter = {
  integrationId: '',
  direction: '',
  levels: [],
  entity: '',
  text: '',
  range: 'all',
  customFrom: '',
  customTo: '',
};

function stringify(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The same rule the list applies to live entries as they stream in and to loaded pages. */
export function logEntryMatches(entry: LogEntry, f: LogFilter, window: TimeWindow): boolean {
  if (f.integrationId !== '' && entry.integrationId !== f.integrationId) return false;
  if (f.direction !== '' && entry.direction !== f.direction) return false;
  if (f.levels.length > 0 && !f.levels.includes(entry.level)) return false;
  if (window.from !== null && entry.at < window.from) return false;
  if (window.to !== null && entry.at > window.to) return false;
  const entity = f.entity.trim().toLowerCase();
  if (
    entity !== '' &&
    !(entry.incidentId ?? '').toLowerCase().includes(entity) &&
    !(entry.requestId ?? '').toLowerCase().includes(entity)
  )
    return false;
  const text = f.text.trim().toLowerCase();
  if (text !== '') {
    // The words shown, in the language shown, and the codes behind them.
    const haystack = [
      entry.action,
      actionLabel(entry.action),
      renderMessage(entry.message),
      entry.error ? renderMessage(entry.error.message) : '',
      entry.error?.code ?? '',
      ...entry.changes.map((c) => `${c.field} ${stringify(c.from)} ${stringify(c.to)}`),
    ]
      .join('\n')
      .toLowerCase();
    if (!haystack.includes(text)) return false;
  }
  return true;
}

/** The server-side query for the same filter, so older entries beyond what streamed in are found too. */
export function toLogQuery(f: LogFilter, window: TimeWindow, limit = 2000): MethodInput<'log.query'> {
  const entity = f.entity.trim();
  return {
    ...(f.integrationId === '' ? {} : { integrationId: f.integrationId }),
    ...(f.direction === '' ? {} : { direction: f.direction }),
    ...(f.levels.length === 0 ? {} : { levels: f.levels }),
    ...(/^[0-9a-f]{24}$/.test(entity)
      ? { incidentId: entity }
      : /^\d{1,20}$/.test(entity)
        ? { requestId: entity }
        : {}),
    ...(f.text.trim() === '' ? {} : { text: f.text.trim().slice(0, 200) }),
    ...(window.from === null ? {} : { from: window.from }),
    ...(window.to === null ? {} : { to: window.to }),
    limit,
  };
}

/** Oldest first; entries of the same millisecond in the order the log wrote them (its IDs count up). */
function byTime(a: LogEntry, b: LogEntry): number {
  return a.at - b.at || Number(a.id) - Number(b.id);
}

/**
 * Merges entries into a list kept oldest → newest, without duplicates (a live entry may also come
 * back in a query page), trimmed to the newest `limit`.
 */
export function mergeLog(current: readonly LogEntry[], incoming: readonly LogEntry[], limit: number): LogEntry[] {
  if (incoming.length === 0) return current as LogEntry[];
  const seen = new Set(current.map((e) => e.id));
  const fresh = incoming.filter((e) => !seen.has(e.id) && (seen.add(e.id), true));
  if (fresh.length === 0) return current as LogEntry[];
  const last = current[current.length - 1];
  // The common case (live entries newer than everything held) appends without re-sorting the whole list.
  const inOrder = last === undefined || fresh.every((e) => byTime(e, last) > 0);
  const merged = inOrder ? [...current, ...fresh.sort(byTime)] : [...current, ...fresh].sort(byTime);
  return merged.length > limit ? merged.slice(merged.length - limit) : merged;
}

export interface IncidentFilter {
  channelIds: string[];
  progress: ('Triggered' | 'Processing' | 'Closed')[];
  severities: ('Critical' | 'Warning' | 'Info')[];
  range: TimeRange;
  customFrom: string;
  customTo: string;
}

export const EMPTY_INCIDENT_FILTER: IncidentFilter = {
  channelIds: [],
  progress: [],
  severities: [],
  range: '24h',
  customFrom: '',
  customTo: '',
};

export function toIncidentQuery(
  integrationId: string,
  f: IncidentFilter,
  now: number,
  limit = 200,
): MethodInput<'incidents.list'> {
  const w = timeWindow(f.range, now, f.customFrom, f.customTo);
  return {
    integrationId,
    ...(f.channelIds.length === 0 ? {} : { channelIds: f.channelIds }),
    ...(f.progress.length === 0 ? {} : { progress: f.progress }),
    ...(f.severities.length === 0 ? {} : { severities: f.severities }),
    ...(w.from === null ? {} : { since: w.from }),
    ...(w.to === null ? {} : { until: w.to }),
    limit,
  };
}

/** Adds or removes one value of a multi-select, keeping the original order of the others. */
export function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** How much of the visible list is selected, for the "select all" checkbox (checked / mixed / clear). */
export function selectionState(selected: readonly string[], visible: readonly string[]): 'none' | 'some' | 'all' {
  const chosen = visible.filter((id) => selected.includes(id)).length;
  if (chosen === 0) return 'none';
  return chosen === visible.length ? 'all' : 'some';
}
