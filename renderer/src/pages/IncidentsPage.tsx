import { useEffect, useRef, useState } from 'react';
import type { PushOutcome } from '../../../shared/common/contract';
import { useAction } from '../lib/use-action';
import { EMPTY_INCIDENT_FILTER, toIncidentQuery, type IncidentFilter } from '../lib/filters';
import { useQuery } from '../lib/use-query';
import { useApp } from '../store';
import { t } from '../i18n';
import { IncidentFilters } from './IncidentFilters';
import { IncidentsTable } from './IncidentsTable';
import { ErrorText } from '../components/ErrorText';
import { LoadPending } from '../components/LoadPending';

/** Pushing the selected incidents through one integration, with progress and each incident's outcome. */
function usePush(integrationId: string, selected: string[], done: () => void) {
  const backend = useApp((s) => s.backend);
  const [outcomes, setOutcomes] = useState<Record<string, PushOutcome>>({});
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const pushing = useRef(false);
  useEffect(() => {
    if (!backend) return;
    return backend.subscribe('push.progress', (p) => {
      if (!pushing.current || p.integrationId !== integrationId) return;
      setProgress({ done: p.done, total: p.total });
      const last = p.last;
      if (last) setOutcomes((o) => ({ ...o, [last.incidentId]: last }));
    });
  }, [backend, integrationId]);
  const action = useAction(async () => {
    if (!backend || selected.length === 0) return null;
    pushing.current = true;
    setProgress({ done: 0, total: selected.length });
    setOutcomes((o) => Object.fromEntries(Object.entries(o).filter(([id]) => !selected.includes(id))));
    try {
      const { results } = await backend.invoke('incidents.push', { integrationId, incidentIds: selected });
      setOutcomes((o) => ({ ...o, ...Object.fromEntries(results.map((r) => [r.incidentId, r])) }));
      setProgress({ done: results.length, total: results.length });
      done();
    } finally {
      pushing.current = false;
    }
  });
  return { outcomes, progress, error: action.error, busy: action.busy, push: action.start };
}

/** The incidents of one integration's Flashduty account, filtered, loaded again whenever the filter changes. */
function useIncidents(integrationId: string, filter: IncidentFilter) {
  const backend = useApp((s) => s.backend);
  const ready = backend !== null && integrationId !== '';
  const { state: meta } = useQuery(
    ready ? () => backend.invoke('metadata.flashduty', { integrationId }) : null,
    integrationId,
  );
  const { state: rows, reload } = useQuery(
    ready
      ? () =>
          backend.invoke('incidents.list', toIncidentQuery(integrationId, filter, Date.now())).then((r) => r.incidents)
      : null,
    `${integrationId}:${JSON.stringify(filter)}`,
    true,
  );
  return { channels: meta?.status === 'ready' ? meta.value.channels : [], rows, reload };
}

export function IncidentsPage() {
  const integrations = useApp((s) => s.integrations);
  const list = integrations.status === 'ready' ? integrations.value : [];
  const [picked, setPicked] = useState('');
  const integrationId = picked || list[0]?.id || '';
  const [filter, setFilter] = useState<IncidentFilter>(EMPTY_INCIDENT_FILTER);
  const [selected, setSelected] = useState<string[]>([]);
  const { channels, rows, reload } = useIncidents(integrationId, filter);
  const { outcomes, progress, error, busy, push } = usePush(integrationId, selected, () => {
    setSelected([]);
    reload();
  });
  if (integrations.status === 'ready' && list.length === 0) return <p className="empty-state">{t('incidentsEmpty')}</p>;
  const chosenName = list.find((i) => i.id === integrationId)?.name ?? '';
  const visible = rows?.status === 'ready' ? rows.value : [];

  return (
    <div className="page-stack">
      <IncidentFilters
        list={list}
        integrationId={integrationId}
        onPick={setPicked}
        channels={channels}
        filter={filter}
        set={(patch) => setFilter((f) => ({ ...f, ...patch }))}
        reload={reload}
      />
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
        <ErrorText text={error} />
      </div>
      <LoadPending state={rows} />
      {rows?.status === 'ready' && rows.value.length === 0 ? <p className="muted">{t('noIncidents')}</p> : null}
      {visible.length > 0 ? (
        <IncidentsTable rows={visible} selected={selected} setSelected={setSelected} outcomes={outcomes} />
      ) : null}
    </div>
  );
}
