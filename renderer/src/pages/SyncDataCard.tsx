import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../shared/common/contract';
import { Field } from '../components/Field';
import { errorMessage } from '../lib/errors';
import { useApp } from '../store';
import { t } from '../i18n';
import { ErrorText } from '../components/ErrorText';

/** How long the sync log is kept, in days and entries. */
function Retention() {
  const settings = useApp((s) => s.settings);
  const saveSettings = useApp((s) => s.saveSettings);
  const [days, setDays] = useState<string | null>(null);
  const [rows, setRows] = useState<string | null>(null);
  // Success is rendered at display time, so it follows a language switch.
  const [note, setNote] = useState<{ ok: true } | { ok: false; text: string } | null>(null);
  if (!settings) return null;
  const shownDays = days ?? String(settings.logRetentionDays);
  const shownRows = rows ?? String(settings.logMaxRows);
  const saveRetention = async (): Promise<void> => {
    const d = Number(shownDays);
    const r = Number(shownRows.replace(/[,\s]/g, ''));
    if (!Number.isInteger(d) || d < 1 || d > 3650 || !Number.isInteger(r) || r < 1000 || r > 10_000_000) {
      setNote({ ok: false, text: t('retentionInvalid') });
      return;
    }
    try {
      await saveSettings({ logRetentionDays: d, logMaxRows: r });
      setDays(null);
      setRows(null);
      setNote({ ok: true });
    } catch (e) {
      setNote({ ok: false, text: errorMessage(e) });
    }
  };
  return (
    <>
      <div className="field-grid">
        <Field id="log-retention-days" label={t('logRetentionDays')}>
          <input
            id="log-retention-days"
            inputMode="numeric"
            value={shownDays}
            onChange={(e) => setDays(e.target.value)}
          />
        </Field>
        <Field id="log-max-rows" label={t('logMaxRows')}>
          <input id="log-max-rows" inputMode="numeric" value={shownRows} onChange={(e) => setRows(e.target.value)} />
        </Field>
      </div>
      <div className="inline">
        <button type="button" onClick={() => void saveRetention()} disabled={days === null && rows === null}>
          {t('saveRetention')}
        </button>
        {note ? (
          <span className={note.ok ? 'ok-text' : 'error-text'} role="status">
            {note.ok ? t('saved') : note.text}
          </span>
        ) : null}
      </div>
    </>
  );
}

/** Rebuild one integration's links from the markers both sides carry, with live progress. */
function useRebuild(integrationId: string | null) {
  const backend = useApp((s) => s.backend);
  const [progress, setProgress] = useState<EventPayload<'links.rebuildProgress'> | null>(null);
  const [rebuilding, setRebuilding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!backend) return;
    return backend.subscribe('links.rebuildProgress', (p) => {
      if (p.integrationId === integrationId) setProgress(p);
    });
  }, [backend, integrationId]);
  const rebuild = async (): Promise<void> => {
    if (!backend || integrationId === null) return;
    setRebuilding(true);
    setError(null);
    setProgress(null);
    try {
      const result = await backend.invoke('links.rebuild', { integrationId });
      setProgress({ integrationId, phase: 'done', ...result });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRebuilding(false);
    }
  };
  return { progress, rebuilding, error, rebuild };
}

function RebuildLinks() {
  const integrations = useApp((s) => s.integrations);
  const [chosen, setChosen] = useState<string | null>(null);
  const list = integrations.status === 'ready' ? integrations.value : [];
  const integrationId = chosen ?? list[0]?.id ?? null;
  const { progress, rebuilding, error, rebuild } = useRebuild(integrationId);
  if (list.length === 0) return <p className="muted">{t('rebuildNoIntegrations')}</p>;
  return (
    <>
      <div className="inline">
        <label htmlFor="rebuild-integration">{t('rebuildIntegration')}</label>
        <select
          id="rebuild-integration"
          value={integrationId ?? ''}
          onChange={(e) => setChosen(e.target.value)}
          disabled={rebuilding}
        >
          {list.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="secondary"
          onClick={() => void rebuild()}
          disabled={rebuilding}
          data-testid="rebuild-links"
        >
          {t('rebuildLinks')}
        </button>
        <ErrorText text={error} />
      </div>
      {progress ? (
        <p className="progress-wrap" data-testid="rebuild-progress" role="status">
          {progress.phase === 'done' ? null : <progress aria-label={t('rebuildProgress')} />}
          <span>{t(`rebuildPhase_${progress.phase}`, { scanned: progress.scanned, linked: progress.linked })}</span>
        </p>
      ) : null}
    </>
  );
}

/** Sync log retention, and rebuilding links after the sync database was lost or replaced. */
export function SyncDataCard() {
  const settings = useApp((s) => s.settings);
  if (!settings) return null;
  return (
    <section className="card-section" aria-labelledby="settings-sync-data">
      <h2 id="settings-sync-data">{t('settingsSyncData')}</h2>
      <p className="hint">{t('settingsSyncDataHint')}</p>
      <Retention />
      <h3>{t('rebuildLinks')}</h3>
      <p className="hint">{t('rebuildLinksHint')}</p>
      <RebuildLinks />
    </section>
  );
}
