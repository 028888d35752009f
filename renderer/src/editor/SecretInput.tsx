import { useCallback, useEffect, useRef, useState } from 'react';
import type { SecretStateView } from '../../../shared/common/contract';
import { controlProps, Field } from '../components/Field';
import { errorMessage } from '../lib/errors';
import { SECRET_LABEL } from '../i18n/secret-labels';
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

/** Storing and deleting one secret: each call busy while it runs, its error worded for the field. */
function useSecretWrite(name: string, onStored: (s: SecretStateView) => void) {
  const api = useEditor();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (call: () => Promise<SecretStateView | null>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const stored = await call();
      if (stored === null) return;
      onStored(stored);
      api.reloadMeta();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const store = () =>
    run(async () => {
      const integrationId = await api.ensureId();
      if (integrationId === null) return null;
      const stored = await api.backend.invoke('secrets.set', { integrationId, name, value });
      setValue('');
      return stored;
    });
  const remove = () =>
    run(async () => (api.savedId ? api.backend.invoke('secrets.delete', { integrationId: api.savedId, name }) : null));
  return { value, setValue, busy, error, store, remove };
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
  const { value, setValue, busy, error, store, remove } = useSecretWrite(name, onStored);
  const id = `secret-${name.replace(/\W/g, '-')}`;
  const state = states.find((s) => s.name === name);
  const label = SECRET_LABEL[name] ? t(SECRET_LABEL[name]) : t('secretGeneric', { name });
  const replacing = state?.state === 'set';
  return (
    <Field id={id} label={label} errors={error ? [error] : []} hint={t('secretWriteOnly')}>
      <div className="inline">
        <input
          {...controlProps(id, error ? [error] : [])}
          type="password"
          autoComplete="new-password"
          value={value}
          placeholder={replacing ? t('secretReplacePlaceholder') : ''}
          onChange={(e) => setValue(e.target.value)}
        />
        {/* Each secret's buttons name it, so a screen reader tells one "Replace" from the other. */}
        <button
          type="button"
          disabled={busy || value === ''}
          onClick={() => void store()}
          aria-label={t(replacing ? 'secretReplaceNamed' : 'secretStoreNamed', { what: label })}
        >
          {replacing ? t('secretReplace') : t('secretStore')}
        </button>
        {state && state.state !== 'missing' ? (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => void remove()}
            aria-label={t('secretDeleteNamed', { what: label })}
          >
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
