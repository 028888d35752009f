import { useState } from 'react';
import type { IntegrationSummary, OutboxItemView } from '../../../shared/common/contract';
import { FailureText } from '../components/FailureText';
import { MessageText } from '../components/MessageText';
import { TableHead } from '../components/TableHead';
import { ActionNote } from '../components/ActionNote';
import { LoadPending } from '../components/LoadPending';
import { useAction } from '../lib/use-action';
import { formatTime } from '../lib/format';
import { useQuery } from '../lib/use-query';
import { useApp } from '../store';
import { locale, t } from '../i18n';
import { actionLabel } from '../i18n/messages';
import { IntegrationOptions } from '../components/IntegrationOptions';

function FailedRow({ item, onRetry }: { item: OutboxItemView; onRetry: () => void }) {
  return (
    <tr data-testid={`failed-${item.id}`}>
      <td>
        {/* A parked plan failure's summary is its reason, shown once in the error column. */}
        <strong>{actionLabel(item.type === 'fail' ? (item.lastError?.code ?? item.type) : item.type)}</strong>
        {item.type === 'fail' ? null : (
          <>
            {' '}
            <MessageText message={item.summary} />
          </>
        )}
        <div className="muted small mono">
          {item.side === 'sdp' ? t('sdpName') : t('flashdutyName')} · {item.entityId}
        </div>
      </td>
      <td className="num">{item.attempts}</td>
      <td>{item.lastError ? <FailureText failure={item.lastError} /> : null}</td>
      <td>{formatTime(item.createdAt, locale())}</td>
      <td className="actions">
        <button type="button" className="small-button" onClick={onRetry}>
          {t('retry')}
        </button>
      </td>
    </tr>
  );
}

function FailedTable({ items, onRetry }: { items: OutboxItemView[]; onRetry: (ids: number[]) => void }) {
  if (items.length === 0) return <p className="muted">{t('noFailed')}</p>;
  return (
    <table className="table compact">
      <TableHead
        columns={[t('operation'), { label: t('attempts'), className: 'nowrap' }, t('lastError'), t('time')]}
        actions
      />
      <tbody>
        {items.map((item) => (
          <FailedRow key={item.id} item={item} onRetry={() => onRetry([item.id])} />
        ))}
      </tbody>
    </table>
  );
}

function IntegrationPicker(props: { list: IntegrationSummary[]; value: string; onChange: (id: string) => void }) {
  return (
    <label>
      <span className="sr-only">{t('filterIntegration')}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <IntegrationOptions list={props.list} />
      </select>
    </label>
  );
}

/** Operations parked as failed, per integration, each retryable (or all at once). */
export function FailedOperations() {
  const backend = useApp((s) => s.backend);
  const integrations = useApp((s) => s.integrations);
  const list = integrations.status === 'ready' ? integrations.value : [];
  const [integrationId, setIntegrationId] = useState('');
  const chosen = integrationId || list[0]?.id || '';
  const { state: items, reload: load } = useQuery(
    backend && chosen !== ''
      ? () => backend.invoke('outbox.list', { integrationId: chosen, state: 'failed' }).then((r) => r.items)
      : null,
    chosen,
    true,
  );

  const { state: retried, start: retry } = useAction(async (ids?: number[]) => {
    if (!backend) return null;
    const { requeued } = await backend.invoke(
      'outbox.retry',
      ids ? { integrationId: chosen, ids } : { integrationId: chosen },
    );
    load();
    return requeued;
  });

  if (list.length === 0) return <p className="muted">{t('noIntegrations')}</p>;
  return (
    <section className="failed-ops" aria-label={t('failedOperations')} data-testid="failed-ops">
      <div className="inline wrap">
        <IntegrationPicker list={list} value={chosen} onChange={setIntegrationId} />
        <button type="button" className="secondary" onClick={load}>
          {t('refresh')}
        </button>
        {items?.status === 'ready' && items.value.length > 0 ? (
          <button type="button" onClick={() => void retry()} data-testid="retry-all">
            {t('retryAll', { n: items.value.length })}
          </button>
        ) : null}
        <ActionNote action={retried} done={(n) => t('retryQueued', { n })} />
      </div>
      <LoadPending state={items ?? null} onRetry={load} />
      {items?.status === 'ready' ? <FailedTable items={items.value} onRetry={(ids) => void retry(ids)} /> : null}
    </section>
  );
}
