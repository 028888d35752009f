import { useEffect, useRef, useState } from 'react';
import { SEVERITIES } from '../../../shared/common/config';
import type { IncidentRow, PushOutcome } from '../../../shared/common/contract';
import { TimeRangeFields } from '../components/TimeRangeFields';
import { errorMessage } from '../lib/errors';
import { EMPTY_INCIDENT_FILTER, selectionState, toggle, toIncidentQuery, type IncidentFilter } from '../lib/filters';
import { formatTime } from '../lib/format';
import { useQuery } from '../lib/use-query';
import { useApp } from '../store';
import { locale, t } from '../i18n';
import { renderMessage } from '../i18n/messages';

const PROGRESS = ['Triggered', 'Processing', 'Closed'] as const;

function LinkState({ row, outcome }: { row: IncidentRow; outcome: PushOutcome | undefined }) {
  if (outcome) {
    return (
      <span className={`outcome ${outcome.outcome}`} data-testid={`outcome-${row.id}`}>
        {t(`outcome_${outcome.outcome}`)}
        {outcome.requestId ? ` · #${outcome.requestId}` : ''}
        {outcome.outcome === 'failed' || outcome.outcome === 'skipped' ? (
          <span className="block small">{renderMessage(outcome.message)}</span>
        ) : null}
      </span>
    );
  }
  if (row.lastError) return <span className="error-text small">{renderMessage(row.lastError)}</span>;
  if (row.requestId === null) return <span className="muted">{t('notLinkedShort')}</span>;
  return row.requestUrl ? (
    <a
      className="ok-text"
      href={row.requestUrl}
      target="_blank"
      rel="noopener noreferrer"
      data-testid={`request-link-${row.id}`}
    >
      {t('linkedTo', { id: row.requestId })}
    </a>
  ) : (
    <span className="ok-text">{t('linkedTo', { id: row.requestId })}</span>
  );
}

export function IncidentsPage() {
  const backend = useApp((s) => s.backend);
  const integrations = useApp((s) => s.integrations);
  const list = integrations.status === 'ready' ? integrations.value : [];
  const [picked, setPicked] = useState('');
  const integrationId = picked || list[0]?.id || '';
  const [filter, setFilter] = useState<IncidentFilter>(EMPTY_INCIDENT_FILTER);
  const [selected, setSelected] = useState<string[]>([]);
  const [outcomes, setOutcomes] = useState<Record<string, PushOutcome>>({});
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [pushError, setPushError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pushing = useRef(false);
  const ready = backend !== null && integrationId !== '';
  const { state: meta } = useQuery(
    ready ? () => backend.invoke('metadata.flashduty', { integrationId }) : null,
    integrationId,
  );
  const channels = meta?.status === 'ready' ? meta.value.channels : [];
  const { state: rows, reload } = useQuery(
    ready
      ? () =>
          backend.invoke('incidents.list', toIncidentQuery(integrationId, filter, Date.now())).then((r) => r.incidents)
      : null,
    `${integrationId}:${JSON.stringify(filter)}`,
    true,
  );

  useEffect(() => {
    if (!backend) return;
    return backend.subscribe('push.progress', (p) => {
      if (!pushing.current || p.integrationId !== integrationId) return;
      setProgress({ done: p.done, total: p.total });
      const last = p.last;
      if (last) setOutcomes((o) => ({ ...o, [last.incidentId]: last }));
    });
  }, [backend, integrationId]);

  const visible = rows?.status === 'ready' ? rows.value : [];
  const visibleIds = visible.map((r) => r.id);
  const selection = selectionState(selected, visibleIds);
  const set = (patch: Partial<IncidentFilter>): void => setFilter((f) => ({ ...f, ...patch }));

  const push = async (): Promise<void> => {
    if (!backend || selected.length === 0) return;
    pushing.current = true;
    setBusy(true);
    setPushError(null);
    setProgress({ done: 0, total: selected.length });
    setOutcomes((o) => Object.fromEntries(Object.entries(o).filter(([id]) => !selected.includes(id))));
    try {
      const { results } = await backend.invoke('incidents.push', { integrationId, incidentIds: selected });
      setOutcomes((o) => ({ ...o, ...Object.fromEntries(results.map((r) => [r.incidentId, r])) }));
      setProgress({ done: results.length, total: results.length });
      setSelected([]);
      reload();
    } catch (e) {
      setPushError(errorMessage(e));
    } finally {
      pushing.current = false;
      setBusy(false);
    }
  };

  if (integrations.status === 'ready' && list.length === 0) return <p className="empty-state">{t('incidentsEmpty')}</p>;
  const chosenName = list.find((i) => i.id === integrationId)?.name ?? '';

  return (
    <div className="page-stack">
      <div className="filters" role="search" aria-label={t('incidentFilters')}>
        <label>
          <span>{t('pushThrough')}</span>
          <select value={integrationId} onChange={(e) => setPicked(e.target.value)} data-testid="incident-integration">
            {list.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('filterChannel')}</span>
          <select
            value={filter.channelIds[0] ?? ''}
            onChange={(e) => set({ channelIds: e.target.value === '' ? [] : [e.target.value] })}
          >
            <option value="">{t('all')}</option>
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="chips">
          <legend>{t('filterProgress')}</legend>
          {PROGRESS.map((p) => (
            <label key={p} className="chip">
              <input
                type="checkbox"
                checked={filter.progress.includes(p)}
                onChange={() => set({ progress: toggle(filter.progress, p) })}
              />
              {t(`progress_${p}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="chips">
          <legend>{t('filterSeverity')}</legend>
          {SEVERITIES.map((s) => (
            <label key={s} className="chip">
              <input
                type="checkbox"
                checked={filter.severities.includes(s)}
                onChange={() => set({ severities: toggle(filter.severities, s) })}
              />
              {t(`severity_${s}`)}
            </label>
          ))}
        </fieldset>
        <TimeRangeFields value={filter} onChange={set} />
        <button type="button" className="secondary" onClick={reload}>
          {t('refresh')}
        </button>
      </div>

      <div className="toolbar push-bar">
        <button type="button" onClick={() => void push()} disabled={selected.length === 0 || busy} data-testid="push">
          {t('pushToSdp', { n: selected.length })}
        </button>
        <span className="muted">{t('pushVia', { name: chosenName })}</span>
        {progress ? (
          <span className="progress-wrap" data-testid="push-progress">
            <progress max={progress.total} value={progress.done} aria-label={t('pushProgress')} />
            <span>{t('pushProgressText', { done: progress.done, total: progress.total })}</span>
          </span>
        ) : null}
        {pushError ? (
          <span className="error-text" role="alert">
            {pushError}
          </span>
        ) : null}
      </div>

      {rows?.status === 'loading' ? (
        <p className="muted" role="status">
          {t('loading')}
        </p>
      ) : null}
      {rows?.status === 'error' ? (
        <div className="error-box" role="alert">
          {t('loadFailed')}: {rows.message}
        </div>
      ) : null}
      {rows?.status === 'ready' && rows.value.length === 0 ? <p className="muted">{t('noIncidents')}</p> : null}
      {visible.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="incidents-table">
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label={t('selectAll')}
                    checked={selection === 'all'}
                    ref={(el) => {
                      if (el) el.indeterminate = selection === 'some';
                    }}
                    onChange={() => setSelected(selection === 'all' ? [] : visibleIds)}
                  />
                </th>
                <th scope="col">{t('colIncident')}</th>
                <th scope="col" className="nowrap">
                  {t('colSeverity')}
                </th>
                <th scope="col" className="nowrap">
                  {t('colProgress')}
                </th>
                <th scope="col">{t('filterChannel')}</th>
                <th scope="col">{t('colCreated')}</th>
                <th scope="col">{t('colLink')}</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((r) => (
                <tr key={r.id} className={selected.includes(r.id) ? 'selected' : ''} data-testid={`incident-${r.id}`}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('selectIncident', { num: r.num })}
                      checked={selected.includes(r.id)}
                      onChange={() => setSelected((s) => toggle(s, r.id))}
                    />
                  </td>
                  <td>
                    <span className="muted">#{r.num}</span>{' '}
                    {r.url ? (
                      <a href={r.url} target="_blank" rel="noopener noreferrer" data-testid={`incident-link-${r.id}`}>
                        {r.title}
                      </a>
                    ) : (
                      r.title
                    )}
                  </td>
                  <td className="nowrap">
                    <span className={`sev ${r.severity}`}>{t(`severity_${r.severity}`)}</span>
                  </td>
                  <td className="nowrap">{r.snoozed ? t('snoozed') : t(`progress_${r.progress}`)}</td>
                  <td>{r.channelName ?? (r.channelId === '0' ? t('noChannelShort') : r.channelId)}</td>
                  <td>{formatTime(r.createdAt, locale())}</td>
                  <td>
                    <LinkState row={r} outcome={outcomes[r.id]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
