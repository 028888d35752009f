import type { ReactNode } from 'react';
import type { LogEntry, MethodOutput } from '../../../shared/common/contract';
import { CopyButton } from '../components/CopyButton';
import { MessageText } from '../components/MessageText';
import { TableHead } from '../components/TableHead';
import { formatClock, formatTime, formatValue } from '../lib/format';
import type { Loadable } from '../store';
import { locale, t } from '../i18n';
import { actionLabel } from '../i18n/messages';

export type Trail = MethodOutput<'links.get'>;
type Incident = MethodOutput<'incidents.get'>;

/** An incident or request ID that narrows the log to that item when clicked. */
function EntityId({ id, onFilter }: { id: string; onFilter: (id: string) => void }) {
  return (
    <button type="button" className="link-button mono" onClick={() => onFilter(id)} title={t('filterByThis')}>
      {id}
    </button>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** The 24-character ID tells people little: the incident's short number and title, when they could be read. */
function IncidentName({ incident }: { incident: Loadable<Incident> | null }) {
  if (incident?.status !== 'ready') return null;
  const { num, url, title } = incident.value;
  return (
    <div data-testid="entry-incident">
      <span className="muted">{`#${num}`}</span>{' '}
      {url ? (
        <a href={url} target="_blank" rel="noopener noreferrer">
          {title}
        </a>
      ) : (
        title
      )}
    </div>
  );
}

export function EntryFacts(props: {
  entry: LogEntry;
  integrationName: string;
  incident: Loadable<Incident> | null;
  onFilterEntity: (id: string) => void;
}) {
  const { entry, integrationName, incident, onFilterEntity } = props;
  return (
    <dl className="facts">
      <Fact label={t('time')}>{formatTime(entry.at, locale())}</Fact>
      <Fact label={t('level')}>{t(`level_${entry.level}`)}</Fact>
      {entry.integrationId ? <Fact label={t('filterIntegration')}>{integrationName}</Fact> : null}
      {entry.direction ? <Fact label={t('filterDirection')}>{t(`direction_${entry.direction}`)}</Fact> : null}
      {entry.incidentId ? (
        <Fact label={t('incidentId')}>
          <EntityId id={entry.incidentId} onFilter={onFilterEntity} />
          <IncidentName incident={incident} />
        </Fact>
      ) : null}
      {entry.requestId ? (
        <Fact label={t('requestId')}>
          <EntityId id={entry.requestId} onFilter={onFilterEntity} />
        </Fact>
      ) : null}
    </dl>
  );
}

export function ChangesTable({ changes }: { changes: LogEntry['changes'] }) {
  if (changes.length === 0) return null;
  return (
    <table className="table compact" data-testid="changes">
      <caption>{t('changes')}</caption>
      <TableHead columns={[t('field'), t('from'), t('to')]} />
      <tbody>
        {changes.map((c, i) => (
          <tr key={i}>
            <td>{c.field}</td>
            <td className="from">{formatValue(c.from)}</td>
            <td className="to">{formatValue(c.to)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ApiRequestIds({ ids }: { ids: readonly string[] }) {
  if (ids.length === 0) return null;
  return (
    <div className="api-ids">
      <h3>{t('apiRequestIds')}</h3>
      <ul>
        {ids.map((id) => (
          <li key={id}>
            <code>{id}</code> <CopyButton text={id} what={t('apiRequestIds')} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What an action under the detail brought: its result, or why it failed (and, unless `quiet`, that it runs). */
export function Loaded<T>(props: { state: Loadable<T> | null; quiet?: boolean; children: (value: T) => ReactNode }) {
  const { state, quiet = false, children } = props;
  if (state?.status === 'loading') return quiet ? null : <p className="muted">{t('loading')}</p>;
  if (state?.status === 'error')
    return (
      <p className="error-text" role="alert">
        {state.message}
      </p>
    );
  return state?.status === 'ready' ? children(state.value) : null;
}

/** Every log line of the item, oldest last, with the pair it is linked to. */
export function TrailList({ trail }: { trail: Trail }) {
  return (
    <div className="trail" data-testid="trail">
      <h3>{t('trail')}</h3>
      <p className="muted small">
        {trail.link
          ? t('linkedPair', { incident: trail.link.incidentId, request: trail.link.requestId })
          : t('notLinked')}
      </p>
      <ol>
        {trail.trail.map((e) => (
          <li key={e.id} className={e.level}>
            <time dateTime={new Date(e.at).toISOString()}>{formatClock(e.at, locale())}</time>{' '}
            <strong>{actionLabel(e.action)}</strong> <MessageText message={e.message} />
          </li>
        ))}
      </ol>
    </div>
  );
}
