import { useState } from 'react';
import { DATA_CENTRE_CODES, normaliseSdpAddress, type DataCentreCode } from '../../../shared/common/config';
import { controlProps, Field } from '../components/Field';
import { withDataCentre } from '../lib/form-model';
import { t } from '../i18n';
import { CloudConnect } from './CloudConnect';
import { errorsOf, useEditor } from './context';
import { Group, hinted, labelled, RadioField, SelectField, TextField } from './fields';
import { SECRET_SLOTS, SecretInput, useSecretStates } from './SecretInput';
import { TestConnection } from './TestConnection';

export { SECRET_SLOTS, SecretInput, useSecretStates };

/** SDP's two editions as radio cards: each one's name and the line under it. */
const PLATFORM_CARDS = {
  cloud: ['platformCloudVersion', 'platformCloudHint'],
  onprem: ['platformPrivateVersion', 'platformPrivateHint'],
} as const;

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

export function ConnectionSection() {
  const api = useEditor();
  const { form } = api;
  const { states, load: loadStates, stored } = useSecretStates();
  const envNote = (ref: { secret: string } | { env: string }) =>
    'env' in ref ? <p className="hint">{t('secretFromEnv', { env: ref.env })}</p> : null;

  return (
    <div className="section-body">
      <Group title={t('groupSdp')}>
        <RadioField name="platform" legend="platformType" options={hinted(PLATFORM_CARDS)} />
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
