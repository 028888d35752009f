import { useCallback, useEffect, useRef, useState } from 'react';
import type { SecretStateView } from '../../../shared/common/contract';
import { controlProps, Field } from '../components/Field';
import { errorMessage } from '../lib/errors';
import { SECRET_LABEL } from '../lib/secret-labels';
import { t } from '../i18n';
import { useEditor } from './context';

/**
 * Secrets are named by their slot in the config (what `secrets.*` take and `secrets.state` lists),
 * not by the keychain entry the slot's reference points at.
 */
export const SECRET_SLOTS = {
  sdpApiKey: 'sdp.apiKey',
  sdpRefreshToken: 'sdp.refreshToken',
  flashdutyAppKey: 'flashduty.appKey',
  ngrokAuthtoken: 'ingress.mode.authtoken',
} as const;

export function SecretBadge({ state }: { state: SecretStateView | undefined }) {
  if (!state) return <span className="badge">{t('secretUnknown')}</span>;
  const label = t(`secretState_${state.state}`);
  return (
    <span className={`badge secret-${state.state}`} data-testid={`secret-state-${state.name}`}>
      {label}
      {state.last4 ? ` · …${state.last4}` : ''}
    </span>
  );
}

/** A write-only credential: typed, stored in the keychain, cleared. Its value never comes back. */
export function SecretInput({
  name,
  states,
  onStored,
}: {
  name: string;
  states: SecretStateView[];
  onStored: (s: SecretStateView) => void;
}) {
  const api = useEditor();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `secret-${name.replace(/\W/g, '-')}`;
  const state = states.find((s) => s.name === name);
  const store = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const integrationId = await api.ensureId();
      if (integrationId === null) return;
      onStored(await api.backend.invoke('secrets.set', { integrationId, name, value }));
      setValue('');
      api.reloadMeta();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (): Promise<void> => {
    if (!api.savedId) return;
    setBusy(true);
    setError(null);
    try {
      onStored(await api.backend.invoke('secrets.delete', { integrationId: api.savedId, name }));
      api.reloadMeta();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Field
      id={id}
      label={SECRET_LABEL[name] ? t(SECRET_LABEL[name]) : t('secretGeneric', { name })}
      errors={error ? [error] : []}
      hint={t('secretWriteOnly')}
    >
      <div className="inline">
        <input
          {...controlProps(id, error ? [error] : [])}
          type="password"
          autoComplete="new-password"
          value={value}
          placeholder={state?.state === 'set' ? t('secretReplacePlaceholder') : ''}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="button" disabled={busy || value === ''} onClick={() => void store()}>
          {state?.state === 'set' ? t('secretReplace') : t('secretStore')}
        </button>
        {state && state.state !== 'missing' ? (
          <button type="button" className="secondary" disabled={busy} onClick={() => void remove()}>
            {t('secretDelete')}
          </button>
        ) : null}
        <SecretBadge state={state} />
      </div>
    </Field>
  );
}

/** The stored secrets' states (never values), reloaded on demand and patched as the user stores or deletes one. */
export function useSecretStates() {
  const { savedId, backend } = useEditor();
  const [states, setStates] = useState<SecretStateView[]>([]);
  // Loads can overlap (first save, then connect); only the latest answer may land.
  const latest = useRef(0);
  const load = useCallback(
    (integrationId: string | null = savedId) => {
      if (!integrationId) return;
      const ticket = ++latest.current;
      backend.invoke('secrets.state', { integrationId }).then(
        (r) => ticket === latest.current && setStates(r.secrets),
        () => ticket === latest.current && setStates([]),
      );
    },
    [backend, savedId],
  );
  useEffect(() => load(), [load]);
  const stored = (s: SecretStateView): void => setStates((list) => [...list.filter((x) => x.name !== s.name), s]);
  return { states, load, stored };
}
