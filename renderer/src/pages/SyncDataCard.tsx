import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../shared/common/contract';
import { Field } from '../components/Field';
import { ActionNote } from '../components/ActionNote';
import { useAction } from '../lib/use-action';
import { useApp } from '../store';
import { t } from '../i18n';
import { ErrorText } from '../components/ErrorText';

/** How long the sync log is kept, in days and entries. */
function Retention() {
  const settings = useApp((s) => s.settings);
  const saveSettings = useApp((s) => s.saveSettings);
  const [days, setDays] = useState<string | null>(null);
  const [rows, setRows] = useState<string | null>(null);
  const { state: saved, start: save } = useAction(async (shownDays: string, shownRows: string) => {
    const d = Number(shownDays);
    const r = Number(shownRows.replace(/[,\s]/g, ''));
    if (!Number.isInteger(d) || d < 1 || d > 3650 || !Number.isInteger(r) || r < 1000 || r > 10_000_000)
      throw new Error(t('retentionInvalid'));
    await saveSettings({ logRetentionDays: d, logMaxRows: r });
    setDays(null);
    setRows(null);
  });
  if (!settings) return null;
  const shownDays = days ?? String(settings.logRetentionDays);
  const shownRows = rows ?? String(settings.logMaxRows);
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
        <button type="button" onClick={() => void save(shownDays, shownRows)} disabled={days === null && rows === null}>
          {t('saveRetention')}
        </button>
        <ActionNote action={saved} done={() => t('saved')} />
      </div>
    </>
  );
}

/** Rebuild one integration's links from the markers both sides carry, with live progress. */
function useRebuild(integrationId: string | null) {
  const backend = useApp((s) => s.backend);
  const [progress, setProgress] = useState<EventPayload<'links.rebuildProgress'> | null>(null);
  useEffect(() => {
    if (!backend) return;
    return backend.subscribe('links.rebuildProgress', (p) => {
      if (p.integrationId === integrationId) setProgress(p);
    });
  }, [backend, integrationId]);
  const action = useAction(async () => {
    if (!backend || integrationId === null) return null;
    setProgress(null);
    const result = await backend.invoke('links.rebuild', { integrationId });
    setProgress({ integrationId, phase: 'done', ...result });
  });
  return { progress, rebuilding: action.busy, error: action.error, rebuild: action.start };
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
