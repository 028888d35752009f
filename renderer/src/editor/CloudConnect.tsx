import { useState } from 'react';
import { DATA_CENTRES, SDP_CLOUD_SCOPES } from '../../../shared/common/config';
import type { SecretStateView } from '../../../shared/common/contract';
import { Field } from '../components/Field';
import { useAction } from '../lib/use-action';
import { t } from '../i18n';
import { useEditor } from './context';
import { SECRET_SLOTS, SecretBadge } from './SecretInput';
import { ActionNote } from '../components/ActionNote';

/** A one-off credential box: typed or pasted, sent once by Connect, never filled in by the browser. */
function PasswordField(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint}>
      <input
        id={props.id}
        type="password"
        autoComplete="new-password"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Field>
  );
}

function CloudSteps() {
  const dc = DATA_CENTRES[useEditor().form.dataCenter];
  return (
    <ol className="steps">
      <li>{t('cloudStep1', { console: dc.developerConsole })}</li>
      <li>{t('cloudStep2', { scopes: SDP_CLOUD_SCOPES.join(',') })}</li>
      <li>{t('cloudStep3')}</li>
    </ol>
  );
}

/** SDP Cloud's connect flow: the Self Client's secret and a one-time grant code, exchanged for a refresh token. */
export function CloudConnect({ states, onStored }: { states: SecretStateView[]; onStored: () => void }) {
  const api = useEditor();
  const [clientSecret, setClientSecret] = useState('');
  const [grantCode, setGrantCode] = useState('');
  const refresh = states.find((s) => s.name === SECRET_SLOTS.sdpRefreshToken);
  const connecting = useAction(async () => {
    const integrationId = await api.ensureId();
    if (integrationId === null) return null;
    await api.backend.invoke('connections.connectSdpCloud', { integrationId, clientSecret, grantCode });
    setClientSecret('');
    setGrantCode('');
    onStored();
    api.reloadMeta();
  });
  return (
    <div className="connect-box">
      <CloudSteps />
      <div className="field-grid">
        {(
          [
            ['connect-client-secret', 'clientSecret', 'secretWriteOnly', clientSecret, setClientSecret],
            ['connect-grant-code', 'grantCode', 'grantCodeHint', grantCode, setGrantCode],
          ] as const
        ).map(([id, label, hint, value, onChange]) => (
          <PasswordField key={id} id={id} label={t(label)} hint={t(hint)} value={value} onChange={onChange} />
        ))}
      </div>
      <div className="inline">
        <button
          type="button"
          onClick={() => void connecting.start()}
          disabled={connecting.busy || clientSecret === '' || grantCode === ''}
          data-testid="connect-cloud"
        >
          {connecting.busy ? t('connecting') : t('connect')}
        </button>
        <span>{t('refreshTokenLabel')}:</span> <SecretBadge state={refresh} />
        <ActionNote action={connecting.state} done={() => t('connectedOk')} />
      </div>
    </div>
  );
}
