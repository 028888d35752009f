import { useEffect, useState } from 'react';
import type { Backend, LogEntry } from '../../../shared/common/contract';
import { FailureText } from '../components/FailureText';
import { MessageText } from '../components/MessageText';
import { loadable, useQuery } from '../lib/use-query';
import { useApp, type Loadable } from '../store';
import { t } from '../i18n';
import { actionLabel } from '../i18n/messages';
import { ApiRequestIds, ChangesTable, EntryFacts, Loaded, TrailList, type Trail } from './LogDetailParts';

/** State that belongs to one entry: selecting another entry shows none of it, and its late answer lands on it alone. */
function useEntryState<T>(entryId: string): [Loadable<T> | null, (state: Loadable<T>) => void] {
  const [held, setHeld] = useState<Readonly<Record<string, Loadable<T>>>>({});
  return [held[entryId] ?? null, (state) => setHeld((all) => ({ ...all, [entryId]: state }))];
}

async function loadTrail(backend: Backend, entry: LogEntry): Promise<Trail> {
  const integrationId = entry.integrationId!;
  return backend.invoke(
    'links.get',
    entry.incidentId !== null
      ? { integrationId, incidentId: entry.incidentId }
      : { integrationId, requestId: entry.requestId ?? '' },
  );
}

/** Every parked operation of the entity this line is about, retried in one call. */
async function retryEntity(backend: Backend, entry: LogEntry): Promise<string> {
  const { requeued } = await backend.invoke('outbox.retry', {
    integrationId: entry.integrationId!,
    logEntryId: entry.id,
  });
  return requeued === 0 ? t('retryNothing') : t('retryQueued', { n: requeued });
}

/** Runs `task` for the entry, reporting it as the entry's Loadable (its answer stays with that entry). */
async function runFor<T>(set: (state: Loadable<T>) => void, task: () => Promise<T>): Promise<void> {
  set({ status: 'loading' });
  set(await loadable(task));
}

/** The trail of the entry, once asked for; asking again (or for another entry) loads it afresh. */
function useTrail(backend: Backend | null, entry: LogEntry) {
  const [askedFor, setAskedFor] = useState<string | null>(null);
  const { state, reload } = useQuery(
    backend && askedFor === entry.id ? () => loadTrail(backend, entry) : null,
    `trail:${entry.id}`,
  );
  const ask = (): void => {
    setAskedFor(entry.id);
    reload();
  };
  return { trail: state, ask };
}

function useEscape(onClose: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !e.defaultPrevented) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
}

export function LogDetail({
  entry,
  integrationName,
  onClose,
  onFilterEntity,
}: {
  entry: LogEntry;
  integrationName: string;
  onClose: () => void;
  onFilterEntity: (id: string) => void;
}) {
  const backend = useApp((s) => s.backend);
  const { trail, ask: showTrail } = useTrail(backend, entry);
  const [retry, setRetry] = useEntryState<string>(entry.id);
  const { state: incident } = useQuery(
    backend && entry.integrationId !== null && entry.incidentId !== null
      ? () => backend.invoke('incidents.get', { integrationId: entry.integrationId!, incidentId: entry.incidentId! })
      : null,
    `incident:${entry.integrationId}:${entry.incidentId}`,
  );
  useEscape(onClose);

  const canTrail = entry.integrationId !== null && (entry.incidentId !== null || entry.requestId !== null);
  const canRetry = entry.level === 'error' && entry.integrationId !== null;
  return (
    <aside className="log-detail" aria-label={t('entryDetail')} data-testid="log-detail">
      <div className="detail-head">
        <h2>{actionLabel(entry.action)}</h2>
        <button type="button" className="secondary small-button" onClick={onClose} aria-label={t('closeDetail')}>
          ✕
        </button>
      </div>
      <p className={`detail-message ${entry.level}`}>
        <MessageText message={entry.message} />
      </p>
      <EntryFacts entry={entry} integrationName={integrationName} incident={incident} onFilterEntity={onFilterEntity} />
      <ChangesTable changes={entry.changes} />
      <ApiRequestIds ids={entry.apiRequestIds} />
      {entry.error ? (
        <div className="error-box" data-testid="entry-error">
          <FailureText failure={entry.error} showCode />
        </div>
      ) : null}
      <div className="inline wrap">
        {canTrail && backend ? (
          <button type="button" className="secondary" onClick={showTrail} data-testid="show-trail">
            {t('showTrail')}
          </button>
        ) : null}
        {canRetry && backend ? (
          <button
            type="button"
            onClick={() => void runFor(setRetry, () => retryEntity(backend, entry))}
            disabled={retry?.status === 'loading'}
            data-testid="retry-entry"
          >
            {t('retryFailed')}
          </button>
        ) : null}
      </div>
      <Loaded state={retry} quiet>
        {(said) => (
          <p className="ok-text" role="status">
            {said}
          </p>
        )}
      </Loaded>
      <Loaded state={trail}>{(value) => <TrailList trail={value} />}</Loaded>
    </aside>
  );
}
