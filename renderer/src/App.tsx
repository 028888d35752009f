import { useEffect } from 'react';
import { ConnectionIndicator } from './components/ConnectionIndicator';
import { IncidentsPage } from './pages/IncidentsPage';
import { IntegrationsPage } from './pages/IntegrationsPage';
import { LogPage } from './pages/LogPage';
import { SettingsPage } from './pages/SettingsPage';
import { PAGES, useApp, type Page } from './store';
import { t, type StringKey } from './strings';

const NAV: Record<Page, StringKey> = {
  integrations: 'navIntegrations',
  log: 'navLog',
  incidents: 'navIncidents',
  settings: 'navSettings',
};

export function App() {
  const page = useApp((s) => s.page);
  const setPage = useApp((s) => s.setPage);
  const info = useApp((s) => s.info);
  const status = useApp((s) => s.status);
  const pauseAll = useApp((s) => s.pauseAll);
  const resumeAll = useApp((s) => s.resumeAll);

  useEffect(() => {
    document.title = `${t('appName')} — ${t(NAV[page])}`;
  }, [page]);

  return (
    <div className="frame">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-name">{t('appName')}</span>
          <span className="brand-tagline">{t('tagline')}</span>
          {info?.demo ? <span className="badge">{t('demoBadge')}</span> : null}
        </div>
        <ul>
          {PAGES.map((p) => (
            <li key={p}>
              <button type="button" className={p === page ? 'nav-item active' : 'nav-item'} aria-current={p === page ? 'page' : undefined} onClick={() => setPage(p)}>
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
            <button type="button" className="secondary" onClick={() => void (status?.paused ? resumeAll() : pauseAll())} disabled={!status}>
              {status?.paused ? t('resumeAll') : t('pauseAll')}
            </button>
            <ConnectionIndicator />
          </div>
        </header>
        <main className="content">
          {page === 'integrations' ? <IntegrationsPage /> : null}
          {page === 'log' ? <LogPage /> : null}
          {page === 'incidents' ? <IncidentsPage /> : null}
          {page === 'settings' ? <SettingsPage /> : null}
        </main>
      </div>
    </div>
  );
}
