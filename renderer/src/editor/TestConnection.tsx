import type { ConnectionReport } from '../../../shared/common/contract';
import { checkFix, checkLabel, checkResult } from '../lib/check-text';
import { useAction } from '../lib/use-action';
import { t } from '../i18n';
import { useEditor } from './context';
import { ErrorText } from '../components/ErrorText';

function CheckItem({ check }: { check: ConnectionReport['sdp'][number] }) {
  const fix = checkFix(check);
  const mark = check.pending ? '…' : check.ok ? '✓' : '✗';
  return (
    <li
      className={check.pending ? 'check-item ok pending' : check.ok ? 'check-item ok' : 'check-item failed'}
      data-testid={`check-${check.id}`}
      data-code={check.result.code}
    >
      <span className="check-mark" aria-hidden="true">
        {mark}
      </span>
      <span className="check-label">{checkLabel(check.id)}</span>
      <span className="sr-only">
        {check.pending ? t('checkPending') : check.ok ? t('checkPassed') : t('checkFailed')}
      </span>
      <span className="check-message">{checkResult(check)}</span>
      {fix === null ? null : (
        <span className="check-fix" data-code={check.fix?.code}>
          {t('checkFixLine', { fix })}
        </span>
      )}
    </li>
  );
}

function CheckList({ title, checks }: { title: string; checks: ConnectionReport['sdp'] }) {
  return (
    <div className="checks">
      <h4>{title}</h4>
      <ul>
        {checks.map((c) => (
          <CheckItem key={c.id} check={c} />
        ))}
      </ul>
    </div>
  );
}

/** Runs every check of both sides with the saved settings and lists each with its result and fix. */
export function TestConnection() {
  const api = useEditor();
  const test = useAction(async () => {
    const integrationId = await api.ensureSaved();
    if (integrationId === null) return null;
    const report = await api.backend.invoke('connections.test', { integrationId });
    if ([...report.sdp, ...report.flashduty].every((c) => c.ok)) api.reloadMeta();
    return report;
  });
  const report = test.state.kind === 'done' ? test.state.value : null;
  return (
    <div className="test-connection" data-testid="test-connection">
      <button type="button" className="secondary" onClick={() => void test.start()} disabled={test.busy}>
        {test.busy ? t('testing') : t('testConnection')}
      </button>
      <ErrorText text={test.error} block />
      {report ? (
        <div className="check-columns" role="status">
          <CheckList title={t('sdpName')} checks={report.sdp} />
          <CheckList title={t('flashdutyName')} checks={report.flashduty} />
          {report.flashdutyAccount ? (
            <p className="muted small">
              {t('flashdutyAccount')}: {report.flashdutyAccount.name}
              {report.flashdutyAccount.email ? ` <${report.flashdutyAccount.email}>` : ''}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
