import { useApp } from '../store';
import { t } from '../strings';

function formatTime(ms: number | null): string {
  return ms === null ? t('never') : new Date(ms).toLocaleString();
}

export function IntegrationsPage() {
  const integrations = useApp((s) => s.integrations);
  const reload = useApp((s) => s.loadIntegrations);

  if (integrations.status === 'loading') return <p className="muted">…</p>;
  if (integrations.status === 'error') {
    return (
      <div className="error-box" role="alert">
        <strong>{t('loadFailed')}:</strong> {integrations.message}{' '}
        <button type="button" onClick={() => void reload()}>{t('retry')}</button>
      </div>
    );
  }
  if (integrations.value.length === 0) {
    return (
      <section className="empty-state" data-testid="integrations-empty">
        <h2>{t('integrationsEmptyTitle')}</h2>
        <p>{t('integrationsEmptyBody')}</p>
        <p className="muted">{t('integrationsEmptySteps')}</p>
      </section>
    );
  }
  return (
    <table className="table" data-testid="integrations-table">
      <thead>
        <tr>
          <th scope="col">{t('colName')}</th>
          <th scope="col">{t('colState')}</th>
          <th scope="col">{t('colDirection')}</th>
          <th scope="col">{t('colPlatform')}</th>
          <th scope="col" className="num">{t('colQueued')}</th>
          <th scope="col" className="num">{t('colFailed')}</th>
          <th scope="col">{t('colLastSync')}</th>
        </tr>
      </thead>
      <tbody>
        {integrations.value.map((i) => (
          <tr key={i.id}>
            <td>{i.name}</td>
            <td><span className={`state ${i.state}`}>{t(`state_${i.state}`)}</span>{i.lastError ? <div className="muted small">{i.lastError}</div> : null}</td>
            <td>{t(`direction_${i.direction}`)}</td>
            <td>{t(`platform_${i.platform}`)}</td>
            <td className="num">{i.queued}</td>
            <td className="num">{i.failed}</td>
            <td>{formatTime(i.lastSyncAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
