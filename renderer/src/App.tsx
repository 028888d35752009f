import { useEffect, useRef } from 'react';
import { ConnectionIndicator } from './components/ConnectionIndicator';
import { IncidentsPage } from './pages/IncidentsPage';
import { IntegrationsPage } from './pages/IntegrationsPage';
import { LogPage } from './pages/LogPage';
import { SettingsPage } from './pages/SettingsPage';
import { routeFromHash } from './lib/route';
import { PAGES, useApp, type Page } from './store';
import { applyLanguage, resolveLanguage, t, type PlainKey } from './i18n';

const NAV: Record<Page, PlainKey> = {
  integrations: 'navIntegrations',
  log: 'navLog',
  incidents: 'navIncidents',
  settings: 'navSettings',
};

/** Asks before navigation throws away unsaved editor changes. */
function LeaveDialog() {
  const pending = useApp((s) => s.pendingRoute);
  const confirmLeave = useApp((s) => s.confirmLeave);
  const cancelLeave = useApp((s) => s.cancelLeave);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (pending && !dialog.open) dialog.showModal();
    if (!pending && dialog.open) dialog.close();
  }, [pending]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="leave-title"
      onCancel={cancelLeave}
      data-testid="leave-dialog"
    >
      <h2 id="leave-title">{t('leaveTitle')}</h2>
      <p>{t('leaveBody')}</p>
      <div className="inline end">
        <button type="button" className="secondary" onClick={cancelLeave} autoFocus>
          {t('leaveStay')}
        </button>
        <button type="button" className="danger" onClick={confirmLeave}>
          {t('leaveDiscard')}
        </button>
      </div>
    </dialog>
  );
}

export function App() {
  const page = useApp((s) => s.route.page);
  const setPage = useApp((s) => s.setPage);
  const info = useApp((s) => s.info);
  const status = useApp((s) => s.status);
  const pauseAll = useApp((s) => s.pauseAll);
  const resumeAll = useApp((s) => s.resumeAll);
  // Subscribing makes the whole tree re-render in the new language when it changes.
  const language = useApp((s) => s.language);
  const languageSetting = useApp((s) => s.settings?.language ?? 'system');

  useEffect(() => {
    document.title = `${t('appName')} — ${t(NAV[page])}`;
    document.documentElement.lang = language;
  }, [page, language]);

  useEffect(() => {
    const follow = (): void => useApp.getState().navigate(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', follow);
    // A hash changed between the store reading it and this listener (while the page starts) is followed too.
    follow();
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  useEffect(() => {
    if (languageSetting !== 'system') return;
    const follow = (): void =>
      useApp.setState({ language: applyLanguage(resolveLanguage('system', navigator.languages)) });
    window.addEventListener('languagechange', follow);
    return () => window.removeEventListener('languagechange', follow);
  }, [languageSetting]);

  return (
    <div className="frame">
      <a className="skip-link" href="#content">
        {t('skipToContent')}
      </a>
      <nav className="sidebar" aria-label={t('navMain')}>
        <div className="brand">
          <span className="brand-name">{t('appName')}</span>
          <span className="brand-tagline">{t('tagline')}</span>
          {info?.demo ? <span className="badge">{t('demoBadge')}</span> : null}
        </div>
        <ul>
          {PAGES.map((p) => (
            <li key={p}>
              <button
                type="button"
                className={p === page ? 'nav-item active' : 'nav-item'}
                aria-current={p === page ? 'page' : undefined}
                onClick={() => setPage(p)}
              >
                {t(NAV[p])}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="main">
        <header className="topbar">
          <h1>{t(NAV[page])}</h1>
          <div className="topbar-right">
            {status?.paused ? <span className="badge warn">{t('syncPaused')}</span> : null}
            <button
              type="button"
              className="secondary"
              onClick={() => void (status?.paused ? resumeAll() : pauseAll())}
              disabled={!status}
            >
              {status?.paused ? t('resumeAll') : t('pauseAll')}
            </button>
            <ConnectionIndicator />
          </div>
        </header>
        <main className="content" id="content" tabIndex={-1}>
          {page === 'integrations' ? <IntegrationsPage /> : null}
          {page === 'log' ? <LogPage /> : null}
          {page === 'incidents' ? <IncidentsPage /> : null}
          {page === 'settings' ? <SettingsPage /> : null}
        </main>
      </div>
      <LeaveDialog />
    </div>
  );
}
