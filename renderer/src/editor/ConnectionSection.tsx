import { useCallback, useEffect, useRef, useState } from 'react';
import {
  DATA_CENTRE_CODES,
  DATA_CENTRES,
  normaliseSdpAddress,
  SDP_CLOUD_SCOPES,
  type DataCentreCode,
} from '../../../shared/common/config';
import type { ConnectionReport, SecretStateView } from '../../../shared/common/contract';
import { controlProps, Field } from '../components/Field';
import { withDataCentre } from '../lib/form-model';
import { errorMessage } from '../lib/errors';
import { t, type PlainKey } from '../i18n';
import { errorsOf, useEditor } from './context';
import { Group, labelled, RadioField, SelectField, TextField } from './fields';

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

const SECRET_LABEL: Record<string, PlainKey> = {
  'sdp.apiKey': 'secretSdpApiKey',
  'sdp.clientSecret': 'secretSdpClientSecret',
  'sdp.refreshToken': 'secretSdpRefreshToken',
  'flashduty.appKey': 'secretFlashdutyAppKey',
  'ingress.webhookSecret': 'secretWebhook',
  'ingress.mode.authtoken': 'secretNgrok',
};

function SecretBadge({ state }: { state: SecretStateView | undefined }) {
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

/**
 * The SDP address (on-prem) or API domain (cloud). People paste whatever their browser shows; on
 * leaving the field it keeps what the connection uses (and a cloud portal named in the path), and
 * says what it kept and what it removed.
 */
function AddressField({ name }: { name: 'endpoint' | 'apiDomain' }) {
  const api = useEditor();
  const [note, setNote] = useState<string | null>(null);
  const id = `f-${name}`;
  const errors = errorsOf(api, name);
  const platform = name === 'endpoint' ? 'onprem' : 'cloud';
  const tidy = (): void => {
    const address = normaliseSdpAddress(api.form[name], platform);
    if (address === null || address.removed === null) {
      setNote(null);
      return;
    }
    api.update({ [name]: address.kept, ...(address.portal === null ? {} : { portal: address.portal }) });
    setNote(
      address.portal === null
        ? t('addressKept', { kept: address.kept, removed: address.removed })
        : t('addressKeptPortal', { kept: address.kept, portal: address.portal, removed: address.removed }),
    );
  };
  return (
    <Field
      id={id}
      label={t(name)}
      hint={t(name === 'endpoint' ? 'endpointHint' : 'apiDomainHint')}
      errors={errors}
      wide={name === 'endpoint'}
    >
      <input
        {...controlProps(id, errors)}
        type="text"
        value={api.form[name]}
        placeholder={name === 'endpoint' ? 'https://sdp.example.com:8080' : undefined}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          setNote(null);
          api.update({ [name]: e.target.value });
        }}
        onBlur={tidy}
      />
      {note === null ? null : (
        <p className="hint ok-text" role="status" data-testid={`kept-${name}`}>
          {note}
        </p>
      )}
    </Field>
  );
}

function CloudConnect({ states, onStored }: { states: SecretStateView[]; onStored: (integrationId: string) => void }) {
  const api = useEditor();
  const [clientSecret, setClientSecret] = useState('');
  const [grantCode, setGrantCode] = useState('');
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'busy' } | { kind: 'ok' } | { kind: 'error'; message: string }
  >({ kind: 'idle' });
  const dc = DATA_CENTRES[api.form.dataCenter];
  const refresh = states.find((s) => s.name === SECRET_SLOTS.sdpRefreshToken);
  const connect = async (): Promise<void> => {
    setState({ kind: 'busy' });
    try {
      const integrationId = await api.ensureId();
      if (integrationId === null) {
        setState({ kind: 'idle' });
        return;
      }
      await api.backend.invoke('connections.connectSdpCloud', { integrationId, clientSecret, grantCode });
      setClientSecret('');
      setGrantCode('');
      setState({ kind: 'ok' });
      // The integration may have been saved just now: name it, rather than rely on this render's view of it.
      onStored(integrationId);
      api.reloadMeta();
    } catch (e) {
      setState({ kind: 'error', message: errorMessage(e) });
    }
  };
  return (
    <div className="connect-box">
      <ol className="steps">
        <li>{t('cloudStep1', { console: dc.developerConsole })}</li>
        <li>{t('cloudStep2', { scopes: SDP_CLOUD_SCOPES.join(',') })}</li>
        <li>{t('cloudStep3')}</li>
      </ol>
      <div className="field-grid">
        <Field id="connect-client-secret" label={t('clientSecret')} hint={t('secretWriteOnly')}>
          <input
            id="connect-client-secret"
            type="password"
            autoComplete="new-password"
            value={clientSecret}
            onChange={(e) => setClientSecret(e.target.value)}
          />
        </Field>
        <Field id="connect-grant-code" label={t('grantCode')} hint={t('grantCodeHint')}>
          <input
            id="connect-grant-code"
            type="password"
            autoComplete="off"
            value={grantCode}
            onChange={(e) => setGrantCode(e.target.value)}
          />
        </Field>
      </div>
      <div className="inline">
        <button
          type="button"
          onClick={() => void connect()}
          disabled={state.kind === 'busy' || clientSecret === '' || grantCode === ''}
          data-testid="connect-cloud"
        >
          {state.kind === 'busy' ? t('connecting') : t('connect')}
        </button>
        <span>{t('refreshTokenLabel')}:</span> <SecretBadge state={refresh} />
        {state.kind === 'ok' ? (
          <span className="ok-text" role="status">
            {t('connectedOk')}
          </span>
        ) : null}
        {state.kind === 'error' ? (
          <span className="error-text" role="alert">
            {state.message}
          </span>
        ) : null}
      </div>
    </div>
  );
}

function CheckList({ title, checks }: { title: string; checks: ConnectionReport['sdp'] }) {
  return (
    <div className="checks">
      <h4>{title}</h4>
      <ul>
        {checks.map((c) => (
          <li
            key={c.id}
            className={c.pending ? 'check-item ok pending' : c.ok ? 'check-item ok' : 'check-item failed'}
            data-testid={`check-${c.id}`}
          >
            <span className="check-mark" aria-hidden="true">
              {c.pending ? '…' : c.ok ? '✓' : '✗'}
            </span>
            <span className="check-label">{c.label}</span>
            <span className="sr-only">
              {c.pending ? t('checkPending') : c.ok ? t('checkPassed') : t('checkFailed')}
            </span>
            <span className="check-message">{c.message}</span>
            {c.fix ? (
              <span className="check-fix">
                {t('fix')}: {c.fix}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function TestConnection() {
  const api = useEditor();
  const [result, setResult] = useState<
    | { kind: 'idle' }
    | { kind: 'busy' }
    | { kind: 'done'; report: ConnectionReport }
    | { kind: 'error'; message: string }
  >({ kind: 'idle' });
  const run = async (): Promise<void> => {
    setResult({ kind: 'busy' });
    try {
      const integrationId = await api.ensureSaved();
      if (integrationId === null) {
        setResult({ kind: 'idle' });
        return;
      }
      const report = await api.backend.invoke('connections.test', { integrationId });
      setResult({ kind: 'done', report });
      if ([...report.sdp, ...report.flashduty].every((c) => c.ok)) api.reloadMeta();
    } catch (e) {
      setResult({ kind: 'error', message: errorMessage(e) });
    }
  };
  return (
    <div className="test-connection" data-testid="test-connection">
      <button type="button" className="secondary" onClick={() => void run()} disabled={result.kind === 'busy'}>
        {result.kind === 'busy' ? t('testing') : t('testConnection')}
      </button>
      {result.kind === 'error' ? (
        <p className="error-text" role="alert">
          {result.message}
        </p>
      ) : null}
      {result.kind === 'done' ? (
        <div className="check-columns" role="status">
          <CheckList title={t('sdpName')} checks={result.report.sdp} />
          <CheckList title={t('flashdutyName')} checks={result.report.flashduty} />
          {result.report.flashdutyAccount ? (
            <p className="muted small">
              {t('flashdutyAccount')}: {result.report.flashdutyAccount.name}
              {result.report.flashdutyAccount.email ? ` <${result.report.flashdutyAccount.email}>` : ''}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
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

export function ConnectionSection() {
  const api = useEditor();
  const { form } = api;
  const { states, load: loadStates, stored } = useSecretStates();
  const envNote = (ref: { secret: string } | { env: string }) =>
    'env' in ref ? <p className="hint">{t('secretFromEnv', { env: ref.env })}</p> : null;

  return (
    <div className="section-body">
      <Group title={t('groupSdp')}>
        <RadioField
          name="platform"
          legend="platformType"
          options={[
            { value: 'cloud', label: t('platformCloudVersion'), hint: t('platformCloudHint') },
            { value: 'onprem', label: t('platformPrivateVersion'), hint: t('platformPrivateHint') },
          ]}
        />
        {form.platform === 'cloud' ? (
          <div className="field-grid">
            <SelectField<DataCentreCode>
              name="dataCenter"
              label="dataCentre"
              hint="dataCentreHint"
              options={DATA_CENTRE_CODES.map((c) => ({ value: c, label: `${t(`dataCentre_${c}`)} (${c})` }))}
              onPick={(code) => api.change((f) => withDataCentre(f, code))}
            />
            <TextField name="portal" label="portal" hint="portalHint" placeholder="itdesk" />
            <AddressField name="apiDomain" />
            <TextField name="accountsServer" label="accountsServer" hint="accountsServerHint" />
            <TextField name="clientId" label="clientId" hint="clientIdHint" wide />
          </div>
        ) : (
          <div className="field-grid">
            <AddressField name="endpoint" />
            <TextField name="portalId" label="portalId" hint="portalIdHint" />
            <SelectField
              name="tlsMode"
              label="tlsMode"
              options={labelled({ system: 'tlsSystem', ca: 'tlsCa', pin: 'tlsPin' })}
            />
            {form.tlsMode === 'ca' ? <TextField name="caFile" label="caFile" hint="caFileHint" wide /> : null}
            {form.tlsMode === 'pin' ? (
              <TextField name="pinnedSha256" label="pinnedSha256" hint="pinnedHint" wide />
            ) : null}
          </div>
        )}
      </Group>

      <Group title={t('groupCredentials')} hint={t('credentialsHint')}>
        {errorsOf(api, 'secrets').length > 0 ? (
          <p className="field-errors" role="alert">
            {errorsOf(api, 'secrets').join(' ')}
          </p>
        ) : null}
        {form.platform === 'cloud' ? (
          <CloudConnect states={states} onStored={loadStates} />
        ) : 'secret' in form.refs.sdpApiKey ? (
          <SecretInput name={SECRET_SLOTS.sdpApiKey} states={states} onStored={stored} />
        ) : (
          envNote(form.refs.sdpApiKey)
        )}
        <TextField name="flashdutyApiBase" label="flashdutyApiBase" hint="flashdutyApiBaseHint" />
        {'secret' in form.refs.flashdutyAppKey ? (
          <SecretInput name={SECRET_SLOTS.flashdutyAppKey} states={states} onStored={stored} />
        ) : (
          envNote(form.refs.flashdutyAppKey)
        )}
      </Group>

      <Group title={t('groupTest')} hint={t('testHint')}>
        <TestConnection />
      </Group>
    </div>
  );
}
