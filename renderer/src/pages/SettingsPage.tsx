import { useApp } from '../store';
import { t } from '../strings';

export function SettingsPage() {
  const info = useApp((s) => s.info);
  if (!info) return <p className="muted">…</p>;
  return (
    <dl className="facts">
      <dt>{t('settingsVersion')}</dt>
      <dd>{info.version}</dd>
      <dt>{t('settingsMode')}</dt>
      <dd>{t(`mode_${info.mode}`)}</dd>
      <dt>{t('settingsDataDir')}</dt>
      <dd><code>{info.dataDir}</code></dd>
    </dl>
  );
}
