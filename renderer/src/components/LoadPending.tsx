import type { Loadable } from '../store';
import { t } from '../i18n';

/**
 * What a page (or its main part) shows until its load has a value: that it is loading, announced,
 * or why it failed (after `failed`, "Could not load:" unless named), with a retry where one helps.
 */
export function LoadPending({
  state,
  failed = `${t('loadFailed')}:`,
  onRetry,
}: {
  /** Null: nothing asked yet (a query with nothing to load), so nothing to show. */
  state: Loadable<unknown> | null;
  failed?: string;
  onRetry?: () => void;
}) {
  if (state === null) return null;
  if (state.status === 'loading')
    return (
      <p className="muted" role="status">
        {t('loading')}
      </p>
    );
  if (state.status === 'error')
    return (
      <div className="error-box" role="alert">
        <strong>{failed}</strong> {state.message}
        {onRetry ? (
          <>
            {' '}
            <button type="button" onClick={onRetry}>
              {t('retry')}
            </button>
          </>
        ) : null}
      </div>
    );
  return null;
}
