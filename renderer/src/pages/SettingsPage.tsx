import { useState } from 'react';
import { controlProps, Field } from '../components/Field';
import { ActionNote } from '../components/ActionNote';
import { useAction } from '../lib/use-action';
import { useApp } from '../store';
import { LANGUAGE_SETTINGS, t, type LanguageSetting } from '../i18n';
import { ExportImportCard } from './ExportImportCard';
import { SyncDataCard } from './SyncDataCard';

function LanguageCard() {
  const settings = useApp((s) => s.settings);
  const saveSettings = useApp((s) => s.saveSettings);
  const { start: choose, error } = useAction((language: LanguageSetting) => saveSettings({ language }));
  const value = settings?.language ?? 'system';
  return (
    <section className="card-section" aria-labelledby="settings-language">
      <h2 id="settings-language">{t('settingsLanguage')}</h2>
      <Field
        id="language"
        label={t('settingsLanguageLabel')}
        hint={t('settingsLanguageHint')}
        errors={error ? [error] : []}
      >
        <select
          {...controlProps('language', error ? [error] : [])}
          value={value}
          disabled={!settings}
          onChange={(e) => void choose(e.target.value as LanguageSetting)}
        >
          {LANGUAGE_SETTINGS.map((l) => (
            <option key={l} value={l}>
              {t(`lang_${l}`)}
            </option>
          ))}
        </select>
      </Field>
    </section>
  );
}

function WebhookServerCard() {
  const settings = useApp((s) => s.settings);
  const saveSettings = useApp((s) => s.saveSettings);
  const [port, setPort] = useState<string | null>(null);
  const { state: saved, start: save } = useAction(async (shown: string) => {
    const portNumber = Number(shown);
    if (!/^\d+$/.test(shown.trim()) || portNumber > 65535) throw new Error(t('portInvalid'));
    await saveSettings({ webhookPort: portNumber });
    setPort(null);
  });
  if (!settings) return null;
  const shownPort = port ?? String(settings.webhookPort);
  return (
    <section className="card-section" aria-labelledby="settings-webhook">
      <h2 id="settings-webhook">{t('settingsWebhookServer')}</h2>
      <p className="hint">{t('settingsWebhookServerHint')}</p>
      <div className="field-grid">
        <Field id="webhook-port" label={t('ingressPort')}>
          <input id="webhook-port" inputMode="numeric" value={shownPort} onChange={(e) => setPort(e.target.value)} />
        </Field>
      </div>
      <div className="inline">
        <button type="button" onClick={() => void save(shownPort)} disabled={port === null}>
          {t('saveWebhookPort')}
        </button>
        <ActionNote action={saved} done={() => t('saved')} />
      </div>
    </section>
  );
}

function AboutCard() {
  const info = useApp((s) => s.info);
  if (!info) return <p className="muted">{t('loading')}</p>;
  return (
    <section className="card-section" aria-labelledby="settings-about">
      <h2 id="settings-about">{t('settingsAbout')}</h2>
      <dl className="facts">
        <dt>{t('settingsVersion')}</dt>
        <dd>{info.version}</dd>
        <dt>{t('settingsMode')}</dt>
        <dd>{t(`mode_${info.mode}`)}</dd>
        <dt>{t('settingsDataDir')}</dt>
        <dd>
          <code>{info.dataDir}</code>
        </dd>
      </dl>
    </section>
  );
}

export function SettingsPage() {
  return (
    <div className="settings">
      <LanguageCard />
      <ExportImportCard />
      <WebhookServerCard />
      <SyncDataCard />
      <AboutCard />
    </div>
  );
}
