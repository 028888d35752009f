import { t } from '../i18n';

export function TokenMissing() {
  return (
    <main className="token-missing" role="main">
      <div className="card">
        <h1>{t('tokenMissingTitle')}</h1>
        <p>{t('tokenMissingBody')}</p>
        {/* This page is served by the server itself: its address is the one the terminal printed. */}
        <pre className="example">DeskBridge ready: {window.location.origin}/?token=…</pre>
      </div>
    </main>
  );
}
