import { useEffect, useState } from 'react';
import type { EventPayload, MethodOutput } from '../../../shared/common/contract';
import { CopyButton } from '../components/CopyButton';
import { controlProps, Field } from '../components/Field';
import { errorMessage } from '../lib/errors';
import { useApp } from '../store';
import { LANGUAGE_SETTINGS, t, type LanguageSetting } from '../i18n';

function LanguageCard() {
  const settings = useApp((s) => s.settings);
  const saveSettings = useApp((s) => s.saveSettings);
  const [error, setError] = useState<string | null>(null);
  const value = settings?.language ?? 'system';
  return (
    <section className="card-section" aria-labelledby="settings-language">
      <h2 id="settings-language">{t('settingsLanguage')}</h2>
      <Field
        id="language"
        label={t('settingsLanguageLabel')}
        hint={t('settingsLanguageHint')}
        errors={error ? [error] : []}
      >
        <select
          {...controlProps('language', error ? [error] : [])}
          value={value}
          disabled={!settings}
          onChange={(e) => {
            setError(null);
            saveSettings({ language: e.target.value as LanguageSetting }).catch((err: unknown) =>
              setError(errorMessage(err)),
            );
          }}
        >
          {LANGUAGE_SETTINGS.map((l) => (
            <option key={l} value={l}>
              {t(`lang_${l}`)}
            </option>
          ))}
        </select>
      </Field>
    </section>
  );
}

function WebhookServerCard() {
  const settings = useApp((s) => s.settings);
  const saveSettings = useApp((s) => s.saveSettings);
  const [port, setPort] = useState<string | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  if (!settings) return null;
  const shownPort = port ?? String(settings.webhookPort);
  const save = async (): Promise<void> => {
    const portNumber = Number(shownPort);
    if (!/^\d+$/.test(shownPort.trim()) || portNumber > 65535) {
      setNote({ ok: false, text: t('portInvalid') });
      return;
    }
    try {
      await saveSettings({ webhookPort: portNumber });
      setPort(null);
      setNote({ ok: true, text: t('saved') });
    } catch (e) {
      setNote({ ok: false, text: errorMessage(e) });
    }
  };
  return (
    <section className="card-section" aria-labelledby="settings-webhook">
      <h2 id="settings-webhook">{t('settingsWebhookServer')}</h2>
      <p className="hint">{t('settingsWebhookServerHint')}</p>
      <div className="field-grid">
        <Field id="webhook-port" label={t('ingressPort')}>
          <input id="webhook-port" inputMode="numeric" value={shownPort} onChange={(e) => setPort(e.target.value)} />
        </Field>
      </div>
      <div className="inline">
        <button type="button" onClick={() => void save()} disabled={port === null}>
          {t('save')}
        </button>
        {note ? (
          <span className={note.ok ? 'ok-text' : 'error-text'} role="status">
            {note.text}
          </span>
        ) : null}
      </div>
    </section>
  );
}

function ExportImportCard() {
  const backend = useApp((s) => s.backend);
  const loadIntegrations = useApp((s) => s.loadIntegrations);
  const [exported, setExported] = useState<{ json: string; count: number } | null>(null);
  const [importText, setImportText] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [review, setReview] = useState<ImportPreview['integrations'] | null>(null);

  const doExport = async (): Promise<void> => {
    if (!backend) return;
    try {
      const result = await backend.invoke('config.export', {});
      setExported(result);
      const url = URL.createObjectURL(new Blob([result.json], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'deskbridge-integrations.json';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setNote({ ok: false, text: errorMessage(e) });
    }
  };

  const doImport = async (replace: boolean): Promise<void> => {
    if (!backend) return;
    try {
      const { imported } = await backend.invoke('config.import', { json: importText, replace });
      setNote({
        ok: true,
        text: t('importDone', { n: imported.length, names: imported.map((i) => i.name).join(', ') }),
      });
      setImportText('');
      setReview(null);
      await loadIntegrations();
    } catch (e) {
      setNote({ ok: false, text: errorMessage(e) });
    }
  };
  // A file that replaces existing integrations is shown field by field first; one that only adds imports at once.
  const startImport = async (): Promise<void> => {
    if (!backend) return;
    setNote(null);
    try {
      const preview = await backend.invoke('config.importPreview', { json: importText });
      if (preview.integrations.some((i) => i.replaces)) setReview(preview.integrations);
      else await doImport(false);
    } catch (e) {
      setNote({ ok: false, text: errorMessage(e) });
    }
  };

  return (
    <section className="card-section" aria-labelledby="settings-export">
      <h2 id="settings-export">{t('settingsExportImport')}</h2>
      <p className="hint">{t('exportHint')}</p>
      <div className="inline">
        <button type="button" className="secondary" onClick={() => void doExport()} data-testid="export">
          {t('exportConfig')}
        </button>
        {exported ? (
          <>
            <span className="muted">{t('exportDone', { n: exported.count })}</span>
            <CopyButton text={exported.json} what={t('exportConfig')} />
          </>
        ) : null}
      </div>
      <Field id="import-json" label={t('importLabel')} hint={t('importHint')} wide>
        <textarea
          id="import-json"
          rows={5}
          value={importText}
          onChange={(e) => setImportText(e.target.value)}
          spellCheck={false}
        />
      </Field>
      <div className="inline">
        <label className="file-button secondary">
          <input
            type="file"
            accept="application/json,.json"
            className="sr-only"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then(setImportText);
              e.target.value = '';
            }}
          />
          {t('importFile')}
        </label>
        <button
          type="button"
          onClick={() => void startImport()}
          disabled={importText.trim() === '' || review !== null}
          data-testid="import"
        >
          {t('importConfig')}
        </button>
      </div>
      {review ? (
        <ImportReview items={review} onConfirm={() => void doImport(true)} onCancel={() => setReview(null)} />
      ) : null}
      {note ? (
        <p className={note.ok ? 'ok-text' : 'error-text'} role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </p>
      ) : null}
    </section>
  );
}

function SyncDataCard() {
  const settings = useApp((s) => s.settings);
  const saveSettings = useApp((s) => s.saveSettings);
  const backend = useApp((s) => s.backend);
  const integrations = useApp((s) => s.integrations);
  const [days, setDays] = useState<string | null>(null);
  const [rows, setRows] = useState<string | null>(null);
  // Success is rendered at display time, so it follows a language switch.
  const [note, setNote] = useState<{ ok: true } | { ok: false; text: string } | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [progress, setProgress] = useState<EventPayload<'links.rebuildProgress'> | null>(null);
  const [rebuilding, setRebuilding] = useState(false);
  const [rebuildError, setRebuildError] = useState<string | null>(null);
  const list = integrations.status === 'ready' ? integrations.value : [];
  const integrationId = chosen ?? list[0]?.id ?? null;

  useEffect(() => {
    if (!backend) return;
    return backend.subscribe('links.rebuildProgress', (p) => {
      if (p.integrationId === integrationId) setProgress(p);
    });
  }, [backend, integrationId]);

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
  const rebuild = async (): Promise<void> => {
    if (!backend || integrationId === null) return;
    setRebuilding(true);
    setRebuildError(null);
    setProgress(null);
    try {
      const result = await backend.invoke('links.rebuild', { integrationId });
      setProgress({ integrationId, phase: 'done', ...result });
    } catch (e) {
      setRebuildError(errorMessage(e));
    } finally {
      setRebuilding(false);
    }
  };
  return (
    <section className="card-section" aria-labelledby="settings-sync-data">
      <h2 id="settings-sync-data">{t('settingsSyncData')}</h2>
      <p className="hint">{t('settingsSyncDataHint')}</p>
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
          {t('save')}
        </button>
        {note ? (
          <span className={note.ok ? 'ok-text' : 'error-text'} role="status">
            {note.ok ? t('saved') : note.text}
          </span>
        ) : null}
      </div>
      <h3>{t('rebuildLinks')}</h3>
      <p className="hint">{t('rebuildLinksHint')}</p>
      {list.length === 0 ? (
        <p className="muted">{t('rebuildNoIntegrations')}</p>
      ) : (
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
          {rebuildError ? (
            <span className="error-text" role="alert">
              {rebuildError}
            </span>
          ) : null}
        </div>
      )}
      {progress ? (
        <p className="progress-wrap" data-testid="rebuild-progress" role="status">
          {progress.phase === 'done' ? null : <progress aria-label={t('rebuildProgress')} />}
          <span>{t(`rebuildPhase_${progress.phase}`, { scanned: progress.scanned, linked: progress.linked })}</span>
        </p>
      ) : null}
    </section>
  );
}

type ImportPreview = MethodOutput<'config.importPreview'>;

function ImportReview({
  items,
  onConfirm,
  onCancel,
}: {
  items: ImportPreview['integrations'];
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div
      className="import-review"
      role="group"
      aria-label={t('importReview', { n: items.filter((i) => i.replaces).length })}
      data-testid="import-review"
    >
      <p>{t('importReview', { n: items.filter((i) => i.replaces).length })}</p>
      {items.map((i) =>
        i.replaces ? (
          <div key={i.id}>
            <h3>{t('importReplaces', { name: i.name })}</h3>
            {i.changes.length === 0 ? (
              <p className="muted">{t('importNoChanges')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table diff">
                  <thead>
                    <tr>
                      <th scope="col">{t('diffField')}</th>
                      <th scope="col">{t('diffNow')}</th>
                      <th scope="col">{t('diffAfter')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {i.changes.map((c) => (
                      <tr key={c.path}>
                        <td>
                          <code>{c.path}</code>
                        </td>
                        <td>
                          <code>{c.from ?? '—'}</code>
                        </td>
                        <td>
                          <code>{c.to ?? '—'}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        ) : (
          <p key={i.id}>{t('importAdds', { name: i.name })}</p>
        ),
      )}
      <div className="inline">
        <button type="button" className="danger" onClick={onConfirm} data-testid="import-confirm">
          {t('importReplace')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}

function AboutCard() {
  const info = useApp((s) => s.info);
  if (!info) return <p className="muted">{t('loading')}</p>;
  return (
    <section className="card-section" aria-labelledby="settings-about">
      <h2 id="settings-about">{t('settingsAbout')}</h2>
      <dl className="facts">
        <dt>{t('settingsVersion')}</dt>
        <dd>{info.version}</dd>
        <dt>{t('settingsMode')}</dt>
        <dd>{t(`mode_${info.mode}`)}</dd>
        <dt>{t('settingsDataDir')}</dt>
        <dd>
          <code>{info.dataDir}</code>
        </dd>
      </dl>
    </section>
  );
}

export function SettingsPage() {
  return (
    <div className="settings">
      <LanguageCard />
      <ExportImportCard />
      <WebhookServerCard />
      <SyncDataCard />
      <AboutCard />
    </div>
  );
}
