import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { IntegrationSummary, LogEntry, LogLevel } from '../../../shared/common/contract';
import { ChipSet } from '../components/ChipSet';
import { MessageText } from '../components/MessageText';
import { TimeRangeFields } from '../components/TimeRangeFields';
import {
  EMPTY_LOG_FILTER,
  logEntryMatches,
  timeWindow,
  toLogQuery,
  type LogFilter,
  type TimeWindow,
} from '../lib/filters';
import { formatClock } from '../lib/format';
import { useQuery, useSettled } from '../lib/use-query';
import { useApp } from '../store';
import { locale, t } from '../i18n';
import { actionLabel } from '../i18n/messages';
import { FailedOperations } from './FailedOperations';
import { LogDetail } from './LogDetail';
import { IntegrationOptions } from '../components/IntegrationOptions';

const LEVELS: readonly LogLevel[] = ['info', 'warn', 'error'];
const ROW_HEIGHT = 34;
const NO_INTEGRATIONS: readonly IntegrationSummary[] = [];

function Filters({ filter, onChange }: { filter: LogFilter; onChange: (f: LogFilter) => void }) {
  const integrations = useApp((s) => s.integrations);
  const list = integrations.status === 'ready' ? integrations.value : [];
  const set = (patch: Partial<LogFilter>): void => onChange({ ...filter, ...patch });
  return (
    <div className="filters" role="search" aria-label={t('logFilters')}>
      <label>
        <span>{t('filterIntegration')}</span>
        <select value={filter.integrationId} onChange={(e) => set({ integrationId: e.target.value })}>
          <option value="">{t('all')}</option>
          <IntegrationOptions list={list} />
        </select>
      </label>
      <label>
        <span>{t('filterDirection')}</span>
        <select value={filter.direction} onChange={(e) => set({ direction: e.target.value as LogFilter['direction'] })}>
          <option value="">{t('all')}</option>
          <option value="to_sdp">{t('direction_to_sdp')}</option>
          <option value="from_sdp">{t('direction_from_sdp')}</option>
        </select>
      </label>
      <ChipSet
        legend={t('filterLevel')}
        options={LEVELS}
        checked={filter.levels}
        label={(l) => t(`level_${l}`)}
        onChange={(levels) => set({ levels })}
      />
      <label>
        <span>{t('filterEntity')}</span>
        <input
          value={filter.entity}
          onChange={(e) => set({ entity: e.target.value })}
          placeholder={t('filterEntityPlaceholder')}
          spellCheck={false}
        />
      </label>
      <label className="grow">
        <span>{t('filterText')}</span>
        <input type="search" value={filter.text} onChange={(e) => set({ text: e.target.value })} />
      </label>
      <TimeRangeFields value={filter} onChange={set} />
      <button type="button" className="secondary" onClick={() => onChange(EMPTY_LOG_FILTER)}>
        {t('clearFilters')}
      </button>
    </div>
  );
}

/**
 * Older entries than the live ones, fetched for the filter once it settles (not on every key typed);
 * returns why the latest search failed. Any page, even a superseded search's, joins the log: its
 * entries are true history, and the shown rows are filtered here anyway.
 */
function useOlderEntries(filter: LogFilter, span: TimeWindow): string | null {
  const backend = useApp((s) => s.backend);
  const addLog = useApp((s) => s.addLog);
  const query = useMemo(() => toLogQuery(filter, span), [filter, span]);
  const wanted = useSettled(query, 250);
  const { state } = useQuery(
    backend ? () => backend.invoke('log.query', wanted).then((page) => addLog(page.entries)) : null,
    JSON.stringify(wanted),
  );
  return state?.status === 'error' ? state.message : null;
}

/** Newest entries arrive at the top; someone reading further down keeps their place. */
function useKeepPlace(scrollRef: RefObject<HTMLDivElement | null>, rows: readonly LogEntry[]): void {
  const firstShown = useRef<string | null>(null);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const previous = firstShown.current;
    firstShown.current = rows[0]?.id ?? null;
    if (!el || previous === null || el.scrollTop === 0) return;
    const added = rows.findIndex((r) => r.id === previous);
    if (added > 0) el.scrollTop += added * ROW_HEIGHT;
  }, [scrollRef, rows]);
}

/** Where a key moves the selection in a list of `count` rows; null for keys that do not move it. */
function nextIndex(key: string, current: number, count: number): number | null {
  const delta = key === 'ArrowDown' ? 1 : key === 'ArrowUp' ? -1 : key === 'PageDown' ? 10 : key === 'PageUp' ? -10 : 0;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  if (delta === 0) return null;
  return Math.max(0, Math.min(count - 1, current + delta));
}

function LogRow(props: { entry: LogEntry; selected: boolean; top: number; integration: string; onSelect: () => void }) {
  const { entry, selected, top, integration, onSelect } = props;
  return (
    <div
      id={`log-${entry.id}`}
      role="option"
      aria-selected={selected}
      className={`log-row ${entry.level}${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onClick={onSelect}
      data-testid="log-row"
      data-action={entry.action}
    >
      <time dateTime={new Date(entry.at).toISOString()}>{formatClock(entry.at, locale())}</time>
      <span className={`level ${entry.level}`}>{t(`level_${entry.level}`)}</span>
      <span className="log-dir">{entry.direction ? t(`dirShort_${entry.direction}`) : ''}</span>
      <span className="log-action">{actionLabel(entry.action)}</span>
      <span className="log-message">
        <MessageText message={entry.message} />
      </span>
      <span className="log-int muted">{integration}</span>
    </div>
  );
}

function useIntegrationName(): (id: string | null) => string {
  const integrations = useApp((s) => s.integrations);
  const list = integrations.status === 'ready' ? integrations.value : NO_INTEGRATIONS;
  return (id) => (id === null ? '' : (list.find((i) => i.id === id)?.name ?? id));
}

function LogBar(props: {
  shown: number;
  total: number;
  queryError: string | null;
  failedOpen: boolean;
  onToggle: () => void;
}) {
  return (
    <div className="log-bar">
      <span className="muted" role="status" data-testid="log-count">
        {t('logCount', { shown: props.shown, total: props.total })}
      </span>
      {props.queryError ? (
        <span className="warn-text small">
          {t('logQueryFailed')} {props.queryError}
        </span>
      ) : null}
      <button
        type="button"
        className="secondary"
        aria-expanded={props.failedOpen}
        onClick={props.onToggle}
        data-testid="toggle-failed"
      >
        {t('failedOperations')}
      </button>
    </div>
  );
}

/** The filter, the time window it means, and the entries it keeps, newest first. */
function useFilteredLog(log: readonly LogEntry[]) {
  const [filter, setFilter] = useState<LogFilter>(EMPTY_LOG_FILTER);
  // Presets are relative to when the filter was set; a live entry newer than that still shows.
  const [filterNow, setFilterNow] = useState(() => Date.now());
  const changeFilter = (f: LogFilter): void => {
    setFilter(f);
    setFilterNow(Date.now());
  };
  const span = useMemo(
    () => timeWindow(filter.range, filterNow, filter.customFrom, filter.customTo),
    [filter, filterNow],
  );
  // The language is read so a switch re-filters by the words now shown.
  const language = useApp((s) => s.language);
  const rows = useMemo(() => {
    const out: LogEntry[] = [];
    for (let i = log.length - 1; i >= 0; i--) if (logEntryMatches(log[i]!, filter, span)) out.push(log[i]!);
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- language: see above
  }, [log, filter, span, language]);
  return { filter, span, rows, changeFilter };
}

export function LogPage() {
  const log = useApp((s) => s.log);
  const { filter, span, rows, changeFilter } = useFilteredLog(log);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [showFailed, setShowFailed] = useState(false);
  const queryError = useOlderEntries(filter, span);
  const scrollRef = useRef<HTMLDivElement>(null);
  useKeepPlace(scrollRef, rows);
  // The virtualizer's functions are read in render on purpose.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const selectedIndex = selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId);
  const selected = selectedIndex === -1 ? (log.find((e) => e.id === selectedId) ?? null) : rows[selectedIndex]!;
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const next = rows.length === 0 ? null : nextIndex(e.key, selectedIndex, rows.length);
    if (next === null) return;
    e.preventDefault();
    setSelectedId(rows[next]!.id);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const nameOf = useIntegrationName();

  return (
    <div className="log-page">
      <Filters filter={filter} onChange={changeFilter} />
      <LogBar
        shown={rows.length}
        total={log.length}
        queryError={queryError}
        failedOpen={showFailed}
        onToggle={() => setShowFailed((v) => !v)}
      />
      {showFailed ? <FailedOperations /> : null}
      <div className={selected ? 'log-split with-detail' : 'log-split'}>
        {/* Always mounted: the virtualizer binds to this element once, when the page opens. */}
        <div
          ref={scrollRef}
          className="log-scroll"
          role="listbox"
          aria-label={t('navLog')}
          tabIndex={0}
          aria-activedescendant={selected && selectedIndex !== -1 ? `log-${selected.id}` : undefined}
          onKeyDown={onKey}
          data-testid="log-list"
        >
          {log.length === 0 ? <p className="log-empty muted">{t('logEmpty')}</p> : null}
          <div className="log-inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const entry = rows[item.index]!;
              return (
                <LogRow
                  key={entry.id}
                  entry={entry}
                  selected={entry.id === selectedId}
                  top={item.start}
                  integration={nameOf(entry.integrationId)}
                  onSelect={() => setSelectedId(entry.id)}
                />
              );
            })}
          </div>
        </div>
        {selected ? (
          <LogDetail
            entry={selected}
            integrationName={nameOf(selected.integrationId)}
            onClose={() => setSelectedId(null)}
            onFilterEntity={(entity) => changeFilter({ ...filter, entity })}
          />
        ) : null}
      </div>
    </div>
  );
}
