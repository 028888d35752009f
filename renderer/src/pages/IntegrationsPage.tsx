import type { IntegrationSummary } from '../../../shared/common/contract';
import { LoadPending } from '../components/LoadPending';
import { MessageText } from '../components/MessageText';
import { TableHead } from '../components/TableHead';
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

/** The state, and under it what explains it: the last error and a webhook route that is not up. */
function StateCell({ i }: { i: IntegrationSummary }) {
  const route = i.ingress && i.ingress.state !== 'off' && i.ingress.state !== 'connected' ? i.ingress : null;
  return (
    <td>
      <span className={`state ${i.state}`} data-testid="state">
        {t(`state_${i.state}`, {
          n: i.failed,
          since: i.unreachableSince === null ? '' : formatTime(i.unreachableSince, locale()),
        })}
      </span>
      {i.lastError ? (
        <div className="muted small clamp">
          <MessageText message={i.lastError} />
        </div>
      ) : null}
      {route ? (
        <div className="warn-text small" data-testid="ingress-state">
          {t('ingressState', {
            mode: t(`ingressRoute_${route.mode}`),
            state: t(`ingressRouteState_${route.state}`),
          })}
          {route.message ? (
            <>
              {' '}
              <MessageText message={route.message} />
            </>
          ) : null}
        </div>
      ) : null}
    </td>
  );
}

function IntegrationRow({ i, now }: { i: IntegrationSummary; now: number }) {
  const navigate = useApp((s) => s.navigate);
  const setPaused = useApp((s) => s.setIntegrationPaused);
  return (
    <tr data-testid={`integration-${i.id}`}>
      <td>
        <button
          type="button"
          className="link-button strong"
          onClick={() => navigate({ page: 'integrations', editing: i.id })}
        >
          {i.name}
        </button>
      </td>
      <StateCell i={i} />
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
  );
}

function IntegrationsTable({ list }: { list: IntegrationSummary[] }) {
  const now = useNow(15_000);
  return (
    <div className="table-wrap">
      <table className="table" data-testid="integrations-table">
        <TableHead
          columns={[
            t('colName'),
            t('colState'),
            t('colDirection'),
            t('colPlatform'),
            t('colTrigger'),
            { label: t('colQueued'), className: 'num' },
            { label: t('colFailed'), className: 'num' },
            t('colLastSync'),
          ]}
          actions
        />
        <tbody>
          {list.map((i) => (
            <IntegrationRow key={i.id} i={i} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function IntegrationsPage() {
  const integrations = useApp((s) => s.integrations);
  const reload = useApp((s) => s.loadIntegrations);
  const route = useApp((s) => s.route);
  const session = useApp((s) => s.session);
  const navigate = useApp((s) => s.navigate);
  const backend = useApp((s) => s.backend);

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
  if (integrations.status !== 'ready') return <LoadPending state={integrations} onRetry={() => void reload()} />;
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
      <IntegrationsTable list={integrations.value} />
    </div>
  );
}
