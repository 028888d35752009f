import { useApp } from '../store';
import { t } from '../strings';

export function LogPage() {
  const log = useApp((s) => s.log);
  if (log.length === 0) return <p className="empty-state">{t('logEmpty')}</p>;
  return (
    <ol className="log" aria-live="polite">
      {log.slice(-200).reverse().map((entry) => (
        <li key={entry.id} className={`log-entry ${entry.level}`}>
          <time dateTime={new Date(entry.at).toISOString()}>{new Date(entry.at).toLocaleTimeString()}</time>
          <span className="log-action">{entry.action}</span>
          <span>{entry.message}</span>
        </li>
      ))}
    </ol>
  );
}
