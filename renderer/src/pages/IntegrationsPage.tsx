import { IntegrationEditor } from '../editor/IntegrationEditor';
import { ageParts, formatTime } from '../lib/format';
import { useNow } from '../lib/use-query';
import { useApp } from '../store';
import { locale, t } from '../i18n';

function LastSync({ at, now }: { at: number | null; now: number }) {
  if (at === null) return <span className="muted">{t('never')}</span>;
  const { n, unit } = ageParts(at, now);
  return (
    <time dateTime={new Date(at).toISOString()} title={formatTime(at, locale())}>
      {t(`ago_${unit}`, { n })}
    </time>
  );
}

export function IntegrationsPage() {
  const integrations = useApp((s) => s.integrations);
  const reload = useApp((s) => s.loadIntegrations);
  const route = useApp((s) => s.route);
  const session = useApp((s) => s.session);
  const navigate = useApp((s) => s.navigate);
  const backend = useApp((s) => s.backend);
  const setPaused = useApp((s) => s.setIntegrationPaused);
  const now = useNow(15_000);

  if (route.editing !== null && backend)
    return <IntegrationEditor key={session} backend={backend} editing={route.editing} />;

  const add = (
    <button
      type="button"
      onClick={() => navigate({ page: 'integrations', editing: 'new' })}
      data-testid="add-integration"
    >
      {t('addIntegration')}
    </button>
  );
  if (integrations.status === 'loading')
    return (
      <p className="muted" role="status">
        {t('loading')}
      </p>
    );
  if (integrations.status === 'error') {
    return (
      <div className="error-box" role="alert">
        <strong>{t('loadFailed')}:</strong> {integrations.message}{' '}
        <button type="button" onClick={() => void reload()}>
          {t('retry')}
        </button>
      </div>
    );
  }
  if (integrations.value.length === 0) {
    return (
      <section className="empty-state" data-testid="integrations-empty">
        <h2>{t('integrationsEmptyTitle')}</h2>
        <p>{t('integrationsEmptyBody')}</p>
        <p className="muted">{t('integrationsEmptySteps')}</p>
        {add}
      </section>
    );
  }
  return (
    <div className="page-stack">
      <div className="toolbar">{add}</div>
      <div className="table-wrap">
        <table className="table" data-testid="integrations-table">
          <thead>
            <tr>
              <th scope="col">{t('colName')}</th>
              <th scope="col">{t('colState')}</th>
              <th scope="col">{t('colDirection')}</th>
              <th scope="col">{t('colPlatform')}</th>
              <th scope="col">{t('colTrigger')}</th>
              <th scope="col" className="num">
                {t('colQueued')}
              </th>
              <th scope="col" className="num">
                {t('colFailed')}
              </th>
              <th scope="col">{t('colLastSync')}</th>
              <th scope="col">
                <span className="sr-only">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {integrations.value.map((i) => (
              <tr key={i.id} data-testid={`integration-${i.id}`}>
                <td>
                  <button
                    type="button"
                    className="link-button strong"
                    onClick={() => navigate({ page: 'integrations', editing: i.id })}
                  >
                    {i.name}
                  </button>
                </td>
                <td>
                  <span className={`state ${i.state}`} data-testid="state">
                    {t(`state_${i.state}`, {
                      n: i.failed,
                      since: i.unreachableSince === null ? '' : formatTime(i.unreachableSince, locale()),
                    })}
                  </span>
                  {i.lastError ? <div className="muted small clamp">{i.lastError}</div> : null}
                  {i.ingress && i.ingress.state !== 'off' && i.ingress.state !== 'connected' ? (
                    <div className="warn-text small">
                      {t('ingressState', { mode: i.ingress.mode, state: i.ingress.state })}
                    </div>
                  ) : null}
                </td>
                <td>{t(`direction_${i.direction}`)}</td>
                <td>{t(`platform_${i.platform}`)}</td>
                <td>{t(`trigger_${i.triggerMode}`)}</td>
                <td className="num">{i.queued}</td>
                <td className={i.failed > 0 ? 'num error-text' : 'num'}>{i.failed}</td>
                <td>
                  <LastSync at={i.lastSyncAt} now={now} />
                </td>
                <td className="actions">
                  {i.state === 'disabled' || i.state === 'draft' ? null : (
                    <button
                      type="button"
                      className="secondary small-button"
                      onClick={() => void setPaused(i.id, i.state !== 'paused')}
                      aria-label={t(i.state === 'paused' ? 'resumeNamed' : 'pauseNamed', { name: i.name })}
                    >
                      {i.state === 'paused' ? t('resume') : t('pause')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
