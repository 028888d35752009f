import { useApp } from '../store';
import { t } from '../i18n';

const LABEL = { online: 'connectionOnline', connecting: 'connectionConnecting', offline: 'connectionOffline' } as const;

export function ConnectionIndicator() {
  const connection = useApp((s) => s.connection);
  return (
    <span className={`connection ${connection}`} role="status" aria-live="polite" data-testid="connection">
      <span className="dot" aria-hidden="true" />
      {t(LABEL[connection])}
    </span>
  );
}
