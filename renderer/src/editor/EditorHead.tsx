import { useState } from 'react';
import type { Backend } from '../../../shared/common/contract';
import { ErrorText } from '../components/ErrorText';
import { useAction } from '../lib/use-action';
import { useApp } from '../store';
import { t } from '../i18n';

/** Delete, after a second click that confirms it; back to the list when done. */
function DeleteButton({ backend, savedId }: { backend: Backend; savedId: string }) {
  const [confirming, setConfirming] = useState(false);
  const removal = useAction(async () => {
    await backend.invoke('integrations.delete', { id: savedId });
    useApp.getState().setDirty(false);
    await useApp.getState().loadIntegrations();
    useApp.getState().navigate({ page: 'integrations', editing: null });
  });
  if (!confirming)
    return (
      <button type="button" className="secondary" onClick={() => setConfirming(true)}>
        {t('delete')}
      </button>
    );
  return (
    <>
      <span>{t('confirmDeleteQ')}</span>
      <button type="button" className="danger" onClick={() => void removal.start()} disabled={removal.busy}>
        {t('confirmDelete')}
      </button>
      <button type="button" className="secondary" onClick={() => setConfirming(false)}>
        {t('cancel')}
      </button>
      <ErrorText text={removal.error} />
    </>
  );
}

/** The editor's title bar: back to the list, the integration's name, its save state, delete and save. */
export function EditorHead({
  backend,
  name,
  savedId,
  dirty,
  saved,
  busy,
}: {
  backend: Backend;
  name: string;
  savedId: string | null;
  dirty: boolean;
  saved: boolean;
  busy: boolean;
}) {
  const navigate = useApp((s) => s.navigate);
  return (
    <div className="editor-head">
      <div>
        <button type="button" className="link-button" onClick={() => navigate({ page: 'integrations', editing: null })}>
          ← {t('backToList')}
        </button>
        <h2>{name.trim() === '' ? t('newIntegration') : name}</h2>
      </div>
      <div className="inline">
        {dirty ? (
          <span className="badge warn" data-testid="unsaved">
            {t('unsaved')}
          </span>
        ) : null}
        {saved && !dirty ? (
          <span className="ok-text" role="status">
            {t('saved')}
          </span>
        ) : null}
        {savedId ? <DeleteButton backend={backend} savedId={savedId} /> : null}
        <button type="submit" disabled={busy} data-testid="save">
          {busy ? t('saving') : t('save')}
        </button>
      </div>
    </div>
  );
}
