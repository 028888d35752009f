import { useState } from 'react';
import { errorMessage } from '../lib/errors';
import { formatTime } from '../lib/format';
import { useQuery } from '../lib/use-query';
import { useApp } from '../store';
import { locale, t } from '../i18n';

/** Operations parked as failed, per integration, each retryable (or all at once). */
export function FailedOperations() {
  const backend = useApp((s) => s.backend);
  const integrations = useApp((s) => s.integrations);
  const list = integrations.status === 'ready' ? integrations.value : [];
  const [integrationId, setIntegrationId] = useState('');
  const chosen = integrationId || list[0]?.id || '';
  const [note, setNote] = useState<string | null>(null);
  const { state: items, reload: load } = useQuery(
    backend && chosen !== ''
      ? () => backend.invoke('outbox.list', { integrationId: chosen, state: 'failed' }).then((r) => r.items)
      : null,
    chosen,
    true,
  );

  const retry = async (ids?: number[]): Promise<void> => {
    if (!backend) return;
    try {
      const { requeued } = await backend.invoke(
        'outbox.retry',
        ids ? { integrationId: chosen, ids } : { integrationId: chosen },
      );
      setNote(t('retryQueued', { n: requeued }));
      load();
    } catch (e) {
      setNote(errorMessage(e));
    }
  };

  if (list.length === 0) return <p className="muted">{t('noIntegrations')}</p>;
  return (
    <section className="failed-ops" aria-label={t('failedOperations')} data-testid="failed-ops">
      <div className="inline wrap">
        <label>
          <span className="sr-only">{t('filterIntegration')}</span>
          <select value={chosen} onChange={(e) => setIntegrationId(e.target.value)}>
            {list.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={load}>
          {t('refresh')}
        </button>
        {items?.status === 'ready' && items.value.length > 0 ? (
          <button type="button" onClick={() => void retry()} data-testid="retry-all">
            {t('retryAll', { n: items.value.length })}
          </button>
        ) : null}
        {note ? <span role="status">{note}</span> : null}
      </div>
      {items?.status === 'loading' ? <p className="muted">{t('loading')}</p> : null}
      {items?.status === 'error' ? (
        <p className="error-text" role="alert">
          {items.message}
        </p>
      ) : null}
      {items?.status === 'ready' && items.value.length === 0 ? <p className="muted">{t('noFailed')}</p> : null}
      {items?.status === 'ready' && items.value.length > 0 ? (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">{t('operation')}</th>
              <th scope="col">{t('attempts')}</th>
              <th scope="col">{t('lastError')}</th>
              <th scope="col">{t('time')}</th>
              <th scope="col">
                <span className="sr-only">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.value.map((item) => (
              <tr key={item.id} data-testid={`failed-${item.id}`}>
                <td>
                  {/* A parked plan failure's summary is its reason, shown once in the error column. */}
                  {item.type === 'fail' ? (
                    <strong>{item.lastError?.code ?? item.type}</strong>
                  ) : (
                    <>
                      <strong>{item.type}</strong> {item.summary}
                    </>
                  )}
                  <div className="muted small mono">
                    {item.side === 'sdp' ? t('sdpName') : t('flashdutyName')} · {item.entityId}
                  </div>
                </td>
                <td className="num">{item.attempts}</td>
                <td>
                  {item.lastError ? (
                    <>
                      {item.lastError.message}
                      {item.lastError.fix ? (
                        <div className="small">
                          <strong>{t('fix')}:</strong> {item.lastError.fix}
                        </div>
                      ) : null}
                    </>
                  ) : null}
                </td>
                <td>{formatTime(item.createdAt, locale())}</td>
                <td>
                  <button type="button" className="small-button" onClick={() => void retry([item.id])}>
                    {t('retry')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
