import { useEffect, useState } from 'react';
import type { LogEntry, MethodOutput } from '../../../shared/common/contract';
import { CopyButton } from '../components/CopyButton';
import { errorMessage } from '../lib/errors';
import { useQuery } from '../lib/use-query';
import { formatClock, formatTime, formatValue } from '../lib/format';
import { useApp, type Loadable } from '../store';
import { locale, t } from '../i18n';

type Trail = MethodOutput<'links.get'>;

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
  const [trail, setTrail] = useState<{ forId: string; state: Loadable<Trail> } | null>(null);
  const [retry, setRetry] = useState<{ forId: string; state: Loadable<string> } | null>(null);
  const trailState = trail?.forId === entry.id ? trail.state : null;
  // The 24-character ID tells people little: name the incident by its short number and title (best effort).
  const { state: incident } = useQuery(
    backend && entry.integrationId !== null && entry.incidentId !== null
      ? () => backend.invoke('incidents.get', { integrationId: entry.integrationId!, incidentId: entry.incidentId! })
      : null,
    `incident:${entry.integrationId}:${entry.incidentId}`,
  );
  const retryState = retry?.forId === entry.id ? retry.state : null;

  const loadTrail = async (): Promise<void> => {
    if (!backend || entry.integrationId === null) return;
    setTrail({ forId: entry.id, state: { status: 'loading' } });
    try {
      const input =
        entry.incidentId !== null
          ? { integrationId: entry.integrationId, incidentId: entry.incidentId }
          : { integrationId: entry.integrationId, requestId: entry.requestId ?? '' };
      setTrail({ forId: entry.id, state: { status: 'ready', value: await backend.invoke('links.get', input) } });
    } catch (e) {
      setTrail({ forId: entry.id, state: { status: 'error', message: errorMessage(e) } });
    }
  };

  const retryFailed = async (): Promise<void> => {
    if (!backend || entry.integrationId === null) return;
    setRetry({ forId: entry.id, state: { status: 'loading' } });
    try {
      const { requeued } = await backend.invoke('outbox.retry', {
        integrationId: entry.integrationId,
        logEntryId: entry.id,
      });
      const said = requeued === 0 ? t('retryNothing') : t('retryQueued', { n: requeued });
      setRetry({ forId: entry.id, state: { status: 'ready', value: said } });
    } catch (e) {
      setRetry({ forId: entry.id, state: { status: 'error', message: errorMessage(e) } });
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !e.defaultPrevented) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const canTrail = entry.integrationId !== null && (entry.incidentId !== null || entry.requestId !== null);
  return (
    <aside className="log-detail" aria-label={t('entryDetail')} data-testid="log-detail">
      <div className="detail-head">
        <h2>{entry.action}</h2>
        <button type="button" className="secondary small-button" onClick={onClose} aria-label={t('closeDetail')}>
          ✕
        </button>
      </div>
      <p className={`detail-message ${entry.level}`}>{entry.message}</p>
      <dl className="facts">
        <dt>{t('time')}</dt>
        <dd>{formatTime(entry.at, locale())}</dd>
        <dt>{t('level')}</dt>
        <dd>{t(`level_${entry.level}`)}</dd>
        {entry.integrationId ? (
          <>
            <dt>{t('filterIntegration')}</dt>
            <dd>{integrationName}</dd>
          </>
        ) : null}
        {entry.direction ? (
          <>
            <dt>{t('filterDirection')}</dt>
            <dd>{t(`direction_${entry.direction}`)}</dd>
          </>
        ) : null}
        {entry.incidentId ? (
          <>
            <dt>{t('incidentId')}</dt>
            <dd>
              <button
                type="button"
                className="link-button mono"
                onClick={() => onFilterEntity(entry.incidentId!)}
                title={t('filterByThis')}
              >
                {entry.incidentId}
              </button>
              {incident?.status === 'ready' ? (
                <div data-testid="entry-incident">
                  <span className="muted">#{incident.value.num}</span>{' '}
                  {incident.value.url ? (
                    <a href={incident.value.url} target="_blank" rel="noopener noreferrer">
                      {incident.value.title}
                    </a>
                  ) : (
                    incident.value.title
                  )}
                </div>
              ) : null}
            </dd>
          </>
        ) : null}
        {entry.requestId ? (
          <>
            <dt>{t('requestId')}</dt>
            <dd>
              <button
                type="button"
                className="link-button mono"
                onClick={() => onFilterEntity(entry.requestId!)}
                title={t('filterByThis')}
              >
                {entry.requestId}
              </button>
            </dd>
          </>
        ) : null}
      </dl>

      {entry.changes.length > 0 ? (
        <table className="table compact" data-testid="changes">
          <caption>{t('changes')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field')}</th>
              <th scope="col">{t('from')}</th>
              <th scope="col">{t('to')}</th>
            </tr>
          </thead>
          <tbody>
            {entry.changes.map((c, i) => (
              <tr key={i}>
                <td>{c.field}</td>
                <td className="from">{formatValue(c.from)}</td>
                <td className="to">{formatValue(c.to)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {entry.apiRequestIds.length > 0 ? (
        <div className="api-ids">
          <h3>{t('apiRequestIds')}</h3>
          <ul>
            {entry.apiRequestIds.map((id) => (
              <li key={id}>
                <code>{id}</code> <CopyButton text={id} what={t('apiRequestIds')} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {entry.error ? (
        <div className="error-box" data-testid="entry-error">
          <p>
            <code>{entry.error.code}</code> {entry.error.message}
          </p>
          {entry.error.fix ? (
            <p>
              <strong>{t('fix')}:</strong> {entry.error.fix}
            </p>
          ) : null}
        </div>
      ) : null}

      <div className="inline wrap">
        {canTrail ? (
          <button type="button" className="secondary" onClick={() => void loadTrail()} data-testid="show-trail">
            {t('showTrail')}
          </button>
        ) : null}
        {entry.level === 'error' && entry.integrationId !== null ? (
          <button
            type="button"
            onClick={() => void retryFailed()}
            disabled={retryState?.status === 'loading'}
            data-testid="retry-entry"
          >
            {t('retryFailed')}
          </button>
        ) : null}
      </div>
      {retryState?.status === 'ready' ? (
        <p className="ok-text" role="status">
          {retryState.value}
        </p>
      ) : null}
      {retryState?.status === 'error' ? (
        <p className="error-text" role="alert">
          {retryState.message}
        </p>
      ) : null}

      {trailState?.status === 'loading' ? <p className="muted">{t('loading')}</p> : null}
      {trailState?.status === 'error' ? (
        <p className="error-text" role="alert">
          {trailState.message}
        </p>
      ) : null}
      {trailState?.status === 'ready' ? (
        <div className="trail" data-testid="trail">
          <h3>{t('trail')}</h3>
          {trailState.value.link ? (
            <p className="muted small">
              {t('linkedPair', {
                incident: trailState.value.link.incidentId,
                request: trailState.value.link.requestId,
              })}
            </p>
          ) : (
            <p className="muted small">{t('notLinked')}</p>
          )}
          <ol>
            {trailState.value.trail.map((e) => (
              <li key={e.id} className={e.level}>
                <time dateTime={new Date(e.at).toISOString()}>{formatClock(e.at, locale())}</time>{' '}
                <strong>{e.action}</strong> {e.message}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </aside>
  );
}
