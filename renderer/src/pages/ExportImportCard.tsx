import { useState } from 'react';
import { CopyButton } from '../components/CopyButton';
import { Field } from '../components/Field';
import { ActionNote } from '../components/ActionNote';
import { ErrorText } from '../components/ErrorText';
import { useAction } from '../lib/use-action';
import { useApp } from '../store';
import { t } from '../i18n';
import { ImportReview, type ImportPreview } from './ImportReview';

/** Export to a download, and import that shows a replacing file field by field before it applies it. */
function useImportExport() {
  const backend = useApp((s) => s.backend);
  const loadIntegrations = useApp((s) => s.loadIntegrations);
  const [importText, setImportText] = useState('');
  const [review, setReview] = useState<ImportPreview['integrations'] | null>(null);

  const exported = useAction(async () => {
    if (!backend) return null;
    const result = await backend.invoke('config.export', {});
    const url = URL.createObjectURL(new Blob([result.json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'deskbridge-integrations.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    return result;
  });

  // A file that replaces existing integrations is shown field by field first (`replace` false); one that only adds
  // imports at once. The admin's confirmation imports it with `replace`.
  const imported = useAction(async (replace: boolean) => {
    if (!backend) return null;
    if (!replace) {
      const preview = await backend.invoke('config.importPreview', { json: importText });
      if (preview.integrations.some((i) => i.replaces)) {
        setReview(preview.integrations);
        return null;
      }
    }
    const answer = await backend.invoke('config.import', { json: importText, replace });
    setImportText('');
    setReview(null);
    await loadIntegrations();
    return answer.imported;
  });

  return { exported, imported, importText, setImportText, review, setReview };
}

export function ExportImportCard() {
  const { exported, imported, importText, setImportText, review, setReview } = useImportExport();
  return (
    <section className="card-section" aria-labelledby="settings-export">
      <h2 id="settings-export">{t('settingsExportImport')}</h2>
      <p className="hint">{t('exportHint')}</p>
      <div className="inline">
        <button type="button" className="secondary" onClick={() => void exported.start()} data-testid="export">
          {t('exportConfig')}
        </button>
        {exported.state.kind === 'done' ? (
          <>
            <span className="muted">{t('exportDone', { n: exported.state.value.count })}</span>
            <CopyButton text={exported.state.value.json} what={t('exportConfig')} />
          </>
        ) : null}
        <ErrorText text={exported.error} />
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
          onClick={() => void imported.start(false)}
          disabled={importText.trim() === '' || review !== null}
          data-testid="import"
        >
          {t('importConfig')}
        </button>
      </div>
      {review ? (
        <ImportReview items={review} onConfirm={() => void imported.start(true)} onCancel={() => setReview(null)} />
      ) : null}
      <ActionNote
        action={imported.state}
        done={(list) => t('importDone', { n: list.length, names: list.map((i) => i.name).join(', ') })}
        block
        testId="import-note"
      />
    </section>
  );
}
