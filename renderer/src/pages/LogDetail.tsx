import { useEffect, useState } from 'react';
import type { Backend, LogEntry } from '../../../shared/common/contract';
import { FailureText } from '../components/FailureText';
import { MessageText } from '../components/MessageText';
import { errorMessage } from '../lib/errors';
import { useQuery } from '../lib/use-query';
import { useApp, type Loadable } from '../store';
import { t } from '../i18n';
import { actionLabel } from '../i18n/messages';
import { ApiRequestIds, ChangesTable, EntryFacts, Loaded, TrailList, type Trail } from './LogDetailParts';

/** State that belongs to one entry: selecting another entry shows none of it. */
function useEntryState<T>(entryId: string): [Loadable<T> | null, (state: Loadable<T>) => void] {
  const [held, setHeld] = useState<{ forId: string; state: Loadable<T> } | null>(null);
  return [held?.forId === entryId ? held.state : null, (state) => setHeld({ forId: entryId, state })];
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

/** Runs `task` for the entry, reporting it as the entry's Loadable. */
function runFor<T>(set: (state: Loadable<T>) => void, task: () => Promise<T>): void {
  set({ status: 'loading' });
  task().then(
    (value) => set({ status: 'ready', value }),
    (e: unknown) => set({ status: 'error', message: errorMessage(e) }),
  );
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
  const [trail, setTrail] = useEntryState<Trail>(entry.id);
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
          <button
            type="button"
            className="secondary"
            onClick={() => runFor(setTrail, () => loadTrail(backend, entry))}
            data-testid="show-trail"
          >
            {t('showTrail')}
          </button>
        ) : null}
        {canRetry && backend ? (
          <button
            type="button"
            onClick={() => runFor(setRetry, () => retryEntity(backend, entry))}
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
