import { useState } from 'react';
import { CopyButton } from '../components/CopyButton';
import { Field } from '../components/Field';
import { errorMessage } from '../lib/errors';
import { useApp } from '../store';
import { t } from '../i18n';
import { ImportReview, type ImportPreview } from './ImportReview';

/** Export to a download, and import that shows a replacing file field by field before it applies it. */
function useImportExport() {
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

  return { exported, importText, setImportText, note, review, setReview, doExport, doImport, startImport };
}

export function ExportImportCard() {
  const { exported, importText, setImportText, note, review, setReview, doExport, doImport, startImport } =
    useImportExport();
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
        <p className={note.ok ? 'ok-text' : 'error-text'} role={note.ok ? 'status' : 'alert'} data-testid="import-note">
          {note.text}
        </p>
      ) : null}
    </section>
  );
}
