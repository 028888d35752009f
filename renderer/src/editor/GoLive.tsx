import { useState } from 'react';
import type { IntegrationConfig } from '../../../shared/common/config';
import type { GoLivePreview } from '../../../shared/common/contract';
import { useAction } from '../lib/use-action';
import { useQuery } from '../lib/use-query';
import { t } from '../i18n';
import { renderMessage } from '../i18n/messages';
import { useEditor } from './context';
import { ErrorText } from '../components/ErrorText';

function FirstSide({ text, side }: { text: string; side: NonNullable<GoLivePreview['toSdp']> }) {
  return (
    <li>
      {text}
      {side.truncated ? <div className="muted small">{t('goLiveTruncated', { n: side.considered })}</div> : null}
      {side.fails > 0 ? (
        <div className="error-text small">
          {t('goLiveFails', { n: side.fails })}
          <ul>
            {side.problems.map((p) => (
              <li key={JSON.stringify(p)}>{renderMessage(p)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}

function Summary({ preview }: { preview: GoLivePreview }) {
  return (
    <>
      <dl>
        <dt>{t('goLiveDirection')}</dt>
        <dd>{t(`direction_${preview.direction}`)}</dd>
        <dt>{t('goLiveTrigger')}</dt>
        <dd>
          {t(`trigger_${preview.triggerMode}`)}
          {preview.triggerMode === 'auto' ? ` · ${t('goLiveConditions', { n: preview.conditions })}` : ''}
        </dd>
        <dt>{t('goLiveChannels')}</dt>
        <dd>{preview.channels.length === 0 ? t('goLiveAllChannels') : preview.channels.join(', ')}</dd>
        <dt>{t('goLiveWebhooks')}</dt>
        <dd>{preview.webhooks ? t('goLiveWebhooksOn') : t('goLiveWebhooksOff')}</dd>
      </dl>
      <h4>{t('goLiveFirstSync')}</h4>
      <ul data-testid="go-live-first-sync">
        {preview.toSdp ? (
          <FirstSide
            side={preview.toSdp}
            text={t('goLiveToSdp', { considered: preview.toSdp.considered, creates: preview.toSdp.creates })}
          />
        ) : null}
        {preview.toSdp && preview.triggerMode === 'manual' ? <li className="muted">{t('goLiveManual')}</li> : null}
        {preview.fromSdp ? (
          <FirstSide
            side={preview.fromSdp}
            text={t('goLiveFromSdp', { considered: preview.fromSdp.considered, creates: preview.fromSdp.creates })}
          />
        ) : null}
      </ul>
    </>
  );
}

/**
 * A draft's way to go live: the summary of what the first sync will do, then a confirmation.
 * Only a saved, unchanged draft can be turned on, so the summary describes what will run.
 */
export function GoLive({ onLive }: { onLive: (config: IntegrationConfig) => void }) {
  const { backend, savedId, dirty } = useEditor();
  // Each opening asks afresh; closing drops an answer still on its way.
  const [opened, setOpened] = useState(false);
  const { state: preview, reload } = useQuery(
    opened && savedId !== null ? () => backend.invoke('integrations.goLivePreview', { id: savedId }) : null,
    `go-live:${savedId}`,
  );
  const going = useAction(async (id: string) => {
    onLive(await backend.invoke('integrations.goLive', { id }));
    setOpened(false);
  });
  if (savedId === null) return null;

  const open = (): void => {
    going.reset();
    setOpened(true);
    reload();
  };

  if (preview === null) {
    return (
      <span className="inline">
        <button
          type="button"
          onClick={open}
          disabled={dirty}
          title={dirty ? t('turnOnSaveFirst') : undefined}
          data-testid="turn-on"
        >
          {t('turnOn')}
        </button>
        {dirty ? <span className="muted small">{t('turnOnSaveFirst')}</span> : null}
      </span>
    );
  }
  return (
    <section className="go-live" role="dialog" aria-modal="false" aria-labelledby="go-live-title" data-testid="go-live">
      <h3 id="go-live-title">{t('goLiveTitle')}</h3>
      {preview.status === 'loading' ? (
        <p className="muted" role="status">
          {t('goLiveChecking')}
        </p>
      ) : null}
      <ErrorText text={preview.status === 'error' ? preview.message : null} block />
      {preview.status === 'ready' ? <Summary preview={preview.value} /> : null}
      <ErrorText text={going.error} block />
      <div className="inline">
        <button
          type="button"
          onClick={() => void going.start(savedId)}
          disabled={going.busy || preview.status !== 'ready'}
          data-testid="turn-on-confirm"
        >
          {t('turnOnConfirm')}
        </button>
        <button type="button" className="secondary" onClick={() => setOpened(false)}>
          {t('cancel')}
        </button>
      </div>
    </section>
  );
}
