import type { IncidentRow, PushOutcome } from '../../../shared/common/contract';
import { selectionState, toggle } from '../lib/filters';
import { formatTime } from '../lib/format';
import { TableHead } from '../components/TableHead';
import { locale, t } from '../i18n';
import { renderMessage } from '../i18n/messages';

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

function IncidentRowView({
  row: r,
  selected,
  onToggle,
  outcome,
}: {
  row: IncidentRow;
  selected: boolean;
  onToggle: () => void;
  outcome: PushOutcome | undefined;
}) {
  return (
    <tr className={selected ? 'selected' : ''} data-testid={`incident-${r.id}`}>
      <td>
        <input
          type="checkbox"
          aria-label={t('selectIncident', { num: r.num })}
          checked={selected}
          onChange={onToggle}
        />
      </td>
      <td>
        <span className="muted">{`#${r.num}`}</span>{' '}
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
        <LinkState row={r} outcome={outcome} />
      </td>
    </tr>
  );
}

/** The listed incidents, each selectable for a push, with its link or the outcome of the last push. */
export function IncidentsTable({
  rows,
  selected,
  setSelected,
  outcomes,
}: {
  rows: readonly IncidentRow[];
  selected: readonly string[];
  setSelected: (update: (selected: string[]) => string[]) => void;
  outcomes: Readonly<Record<string, PushOutcome>>;
}) {
  const ids = rows.map((r) => r.id);
  const selection = selectionState(selected, ids);
  return (
    <div className="table-wrap">
      <table className="table" data-testid="incidents-table">
        <TableHead
          lead={
            <input
              type="checkbox"
              aria-label={t('selectAll')}
              checked={selection === 'all'}
              ref={(el) => {
                if (el) el.indeterminate = selection === 'some';
              }}
              onChange={() => setSelected(() => (selection === 'all' ? [] : ids))}
            />
          }
          columns={[
            t('colIncident'),
            { label: t('colSeverity'), className: 'nowrap' },
            { label: t('colProgress'), className: 'nowrap' },
            t('filterChannel'),
            t('colCreated'),
            t('colLink'),
          ]}
        />
        <tbody>
          {rows.map((r) => (
            <IncidentRowView
              key={r.id}
              row={r}
              selected={selected.includes(r.id)}
              onToggle={() => setSelected((s) => toggle(s, r.id))}
              outcome={outcomes[r.id]}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
