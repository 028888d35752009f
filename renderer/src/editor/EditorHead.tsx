import { useState } from 'react';
import type { Backend } from '../../../shared/common/contract';
import { errorMessage } from '../lib/errors';
import { useApp } from '../store';
import { t } from '../i18n';

/** Delete, after a second click that confirms it; back to the list when done. */
function DeleteButton({
  backend,
  savedId,
  onError,
}: {
  backend: Backend;
  savedId: string;
  onError: (message: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const remove = async (): Promise<void> => {
    try {
      await backend.invoke('integrations.delete', { id: savedId });
      useApp.getState().setDirty(false);
      await useApp.getState().loadIntegrations();
      useApp.getState().navigate({ page: 'integrations', editing: null });
    } catch (e) {
      onError(errorMessage(e));
    }
  };
  if (!confirming)
    return (
      <button type="button" className="secondary" onClick={() => setConfirming(true)}>
        {t('delete')}
      </button>
    );
  return (
    <>
      <span>{t('confirmDeleteQ')}</span>
      <button type="button" className="danger" onClick={() => void remove()}>
        {t('confirmDelete')}
      </button>
      <button type="button" className="secondary" onClick={() => setConfirming(false)}>
        {t('cancel')}
      </button>
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
  onError,
}: {
  backend: Backend;
  name: string;
  savedId: string | null;
  dirty: boolean;
  saved: boolean;
  busy: boolean;
  onError: (message: string) => void;
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
        {savedId ? <DeleteButton backend={backend} savedId={savedId} onError={onError} /> : null}
        <button type="submit" disabled={busy} data-testid="save">
          {busy ? t('saving') : t('save')}
        </button>
      </div>
    </div>
  );
}
