import { t } from '../strings';

export function TokenMissing() {
  return (
    <main className="token-missing" role="main">
      <div className="card">
        <h1>{t('tokenMissingTitle')}</h1>
        <p>{t('tokenMissingBody')}</p>
        <pre className="example">DeskBridge ready: http://127.0.0.1:4780/?token=…</pre>
      </div>
    </main>
  );
}
