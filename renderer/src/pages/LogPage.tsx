import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { IntegrationSummary, LogEntry, LogLevel } from '../../../shared/common/contract';
import { TimeRangeFields } from '../components/TimeRangeFields';
import { EMPTY_LOG_FILTER, logEntryMatches, timeWindow, toggle, toLogQuery, type LogFilter } from '../lib/filters';
import { formatClock } from '../lib/format';
import { useApp } from '../store';
import { locale, t } from '../i18n';
import { FailedOperations } from './FailedOperations';
import { LogDetail } from './LogDetail';

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
          {list.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
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
      <fieldset className="chips">
        <legend>{t('filterLevel')}</legend>
        {LEVELS.map((l) => (
          <label key={l} className="chip">
            <input
              type="checkbox"
              checked={filter.levels.includes(l)}
              onChange={() => set({ levels: toggle(filter.levels, l) })}
            />
            {t(`level_${l}`)}
          </label>
        ))}
      </fieldset>
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

export function LogPage() {
  const log = useApp((s) => s.log);
  const backend = useApp((s) => s.backend);
  const addLog = useApp((s) => s.addLog);
  const [filter, setFilter] = useState<LogFilter>(EMPTY_LOG_FILTER);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [showFailed, setShowFailed] = useState(false);
  const [queryError, setQueryError] = useState<string | null>(null);
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
  const rows = useMemo(() => {
    const out: LogEntry[] = [];
    for (let i = log.length - 1; i >= 0; i--) if (logEntryMatches(log[i]!, filter, span)) out.push(log[i]!);
    return out;
  }, [log, filter, span]);

  useEffect(() => {
    if (!backend) return;
    const timer = setTimeout(() => {
      backend.invoke('log.query', toLogQuery(filter, span)).then(
        (page) => {
          setQueryError(null);
          addLog(page.entries);
        },
        (e: unknown) => setQueryError((e as Error).message),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [backend, filter, span, addLog]);

  const scrollRef = useRef<HTMLDivElement>(null);
  // Newest entries arrive at the top; someone reading further down keeps their place.
  const firstShown = useRef<string | null>(null);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const previous = firstShown.current;
    firstShown.current = rows[0]?.id ?? null;
    if (!el || previous === null || el.scrollTop === 0) return;
    const added = rows.findIndex((r) => r.id === previous);
    if (added > 0) el.scrollTop += added * ROW_HEIGHT;
  }, [rows]);
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
    if (rows.length === 0) return;
    const delta =
      e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : e.key === 'PageDown' ? 10 : e.key === 'PageUp' ? -10 : 0;
    let next = selectedIndex + delta;
    if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = rows.length - 1;
    else if (delta === 0) return;
    e.preventDefault();
    next = Math.max(0, Math.min(rows.length - 1, next));
    setSelectedId(rows[next]!.id);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const integrations = useApp((s) => s.integrations);
  const intNames = integrations.status === 'ready' ? integrations.value : NO_INTEGRATIONS;
  const nameOf = (id: string | null): string => (id === null ? '' : (intNames.find((i) => i.id === id)?.name ?? id));

  return (
    <div className="log-page">
      <Filters filter={filter} onChange={changeFilter} />
      <div className="log-bar">
        <span className="muted" role="status" data-testid="log-count">
          {t('logCount', { shown: rows.length, total: log.length })}
        </span>
        {queryError ? (
          <span className="warn-text small">
            {t('logQueryFailed')} {queryError}
          </span>
        ) : null}
        <button
          type="button"
          className="secondary"
          aria-expanded={showFailed}
          onClick={() => setShowFailed((v) => !v)}
          data-testid="toggle-failed"
        >
          {t('failedOperations')}
        </button>
      </div>
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
                <div
                  key={entry.id}
                  id={`log-${entry.id}`}
                  role="option"
                  aria-selected={entry.id === selectedId}
                  className={`log-row ${entry.level}${entry.id === selectedId ? ' selected' : ''}`}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => setSelectedId(entry.id)}
                  data-testid="log-row"
                >
                  <time dateTime={new Date(entry.at).toISOString()}>{formatClock(entry.at, locale())}</time>
                  <span className={`level ${entry.level}`}>{t(`level_${entry.level}`)}</span>
                  <span className="log-dir">{entry.direction ? t(`dirShort_${entry.direction}`) : ''}</span>
                  <span className="log-action">{entry.action}</span>
                  <span className="log-message">{entry.message}</span>
                  <span className="log-int muted">{nameOf(entry.integrationId)}</span>
                </div>
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
