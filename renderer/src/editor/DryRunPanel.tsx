import { useState } from 'react';
import type { DryRun, IncidentRow } from '../../../shared/common/contract';
import { controlProps, Field } from '../components/Field';
import { formatJson } from '../lib/format';
import { loadable, useQuery } from '../lib/use-query';
import type { Loadable } from '../store';
import { t } from '../i18n';
import { renderMessage } from '../i18n/messages';
import { useEditor } from './context';

type Side = 'flashduty' | 'sdp';

function SidePicker({ side, onPick }: { side: Side; onPick: (side: Side) => void }) {
  const option = (value: Side, label: 'dryRunIncident' | 'dryRunRequest') => (
    <label className={side === value ? 'selected' : ''}>
      <input type="radio" name="dry-side" checked={side === value} onChange={() => onPick(value)} />
      {t(label)}
    </label>
  );
  return (
    <fieldset className="segmented">
      <legend className="sr-only">{t('dryRunSide')}</legend>
      {option('flashduty', 'dryRunIncident')}
      {option('sdp', 'dryRunRequest')}
    </fieldset>
  );
}

/** The last week's incidents, to pick one instead of typing its ID. */
function RecentIncidents({
  incidents,
  id,
  onPick,
  onRefresh,
}: {
  incidents: readonly IncidentRow[];
  id: string;
  onPick: (id: string) => void;
  onRefresh: () => void;
}) {
  return (
    <Field id="dry-recent" label={t('dryRunRecent')}>
      <span className="inline">
        <select id="dry-recent" value={id} onChange={(e) => onPick(e.target.value)}>
          <option value="">{t('dryRunPick')}</option>
          {incidents.map((i) => (
            <option key={i.id} value={i.id}>{`#${i.num} ${i.title} (${t(`severity_${i.severity}`)})`}</option>
          ))}
        </select>
        <button type="button" className="secondary small-button" onClick={onRefresh} data-testid="dry-recent-refresh">
          {t('refresh')}
        </button>
      </span>
    </Field>
  );
}

/** "What would be sent": one incident or request run through the planner against live metadata, nothing written. */
export function DryRunPanel() {
  const api = useEditor();
  const { savedId, savedVersion, backend } = api;
  const [side, setSide] = useState<Side>('flashduty');
  const [id, setId] = useState('');
  const [result, setResult] = useState<Loadable<DryRun> | null>(null);
  const { state: recent, reload: reloadRecent } = useQuery(
    savedId
      ? () =>
          backend
            .invoke('incidents.list', { integrationId: savedId, since: Date.now() - 7 * 86_400_000, limit: 50 })
            .then((r) => r.incidents)
      : null,
    `recent:${savedId}:${savedVersion}`,
  );

  const run = async (mode: DryRun['mode']): Promise<void> => {
    setResult({ status: 'loading' });
    const integrationId = await api.ensureSaved();
    if (integrationId === null) {
      setResult(null);
      return;
    }
    setResult(await loadable(() => backend.invoke('sync.dryRun', { integrationId, side, id: id.trim(), mode })));
    // New incidents keep arriving: the list follows each run.
    if (side === 'flashduty') reloadRecent();
  };

  if (!savedId) return <p className="muted">{t('dryRunNeedsSave')}</p>;
  return (
    <div className="dry-run" data-testid="dry-run">
      <div className="inline wrap">
        <SidePicker side={side} onPick={setSide} />
        {side === 'flashduty' && recent?.status === 'ready' ? (
          <RecentIncidents incidents={recent.value} id={id} onPick={setId} onRefresh={reloadRecent} />
        ) : null}
        <Field id="dry-id" label={side === 'flashduty' ? t('incidentId') : t('requestId')}>
          <input
            {...controlProps('dry-id', [])}
            value={id}
            onChange={(e) => setId(e.target.value)}
            spellCheck={false}
          />
        </Field>
        <button
          type="button"
          onClick={() => void run('automatic')}
          disabled={id.trim() === '' || result?.status === 'loading'}
          data-testid="dry-run-go"
        >
          {result?.status === 'loading' ? t('dryRunRunning') : t('dryRunGo')}
        </button>
        {side === 'flashduty' ? (
          <button
            type="button"
            className="secondary"
            onClick={() => void run('manual')}
            disabled={id.trim() === '' || result?.status === 'loading'}
            data-testid="dry-run-push"
          >
            {t('dryRunPush')}
          </button>
        ) : null}
      </div>
      {recent?.status === 'error' ? (
        <p className="muted small">
          {t('recentFailed')} {recent.message}{' '}
          <button type="button" className="link-button" onClick={reloadRecent}>
            {t('retry')}
          </button>
        </p>
      ) : null}
      {result?.status === 'error' ? (
        <p className="error-text" role="alert">
          {result.message}
        </p>
      ) : null}
      {result?.status === 'ready' ? <DryRunResult value={result.value} /> : null}
    </div>
  );
}

function DryRunResult({ value }: { value: DryRun }) {
  return (
    <div className="dry-run-result" data-testid="dry-run-result">
      <p className="muted" data-testid="dry-run-mode">
        {value.mode === 'automatic' ? t('dryRunAsAutomatic') : t('dryRunAsManual')}
      </p>
      <h4>{t('dryRunProblems')}</h4>
      {value.problems.length === 0 ? (
        <p className="ok-text">{t('dryRunNoProblems')}</p>
      ) : (
        <ul className="problems" data-testid="dry-run-problems">
          {value.problems.map((p) => (
            <li key={`${p.code}:${JSON.stringify(p.message)}`} className="error-text">
              <code>{p.code}</code> {renderMessage(p.message)}
            </li>
          ))}
        </ul>
      )}
      <h4>{t('dryRunOperations')}</h4>
      {value.operations.length === 0 ? <p className="muted">{t('dryRunNothing')}</p> : null}
      <ol className="operations">
        {value.operations.map((op, i) => (
          <li key={i}>
            <div>
              <strong>{op.type}</strong> — {renderMessage(op.summary)}
            </div>
            {op.payload === undefined ? null : <pre className="payload">{formatJson(op.payload)}</pre>}
          </li>
        ))}
      </ol>
      <details>
        <summary>{t('dryRunSource')}</summary>
        <pre className="payload">{formatJson(value.source)}</pre>
      </details>
      {value.target ? (
        <details>
          <summary>{t('dryRunTarget')}</summary>
          <pre className="payload">{formatJson(value.target)}</pre>
        </details>
      ) : null}
    </div>
  );
}
