import type { SetupStep } from '../../../shared/common/contract';
import { CopyButton } from '../components/CopyButton';
import { LoadPending } from '../components/LoadPending';
import { useQuery } from '../lib/use-query';
import { useApp } from '../store';
import { t, translate, type PlainKey } from '../i18n';
import { renderMessage } from '../i18n/messages';
import { SECRET_SLOTS, SecretInput, useSecretStates } from './ConnectionSection';
import { useEditor } from './context';
import { CheckField, Group, hinted, RadioField, TextField } from './fields';

/** The ways webhooks come in: each one's name, and the line under it on its radio card. */
const INGRESS_CARDS: Readonly<Record<string, readonly [label: PlainKey, hint: PlainKey]>> = {
  direct: ['ingressDirect', 'ingressDirectHint'],
  ngrok: ['ingressNgrok', 'ingressNgrokHint'],
  relay: ['ingressRelay', 'ingressRelayHint'],
};

function CopyRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="copy-row">
      <span className="copy-label">{label}</span>
      <code className="copy-value" data-testid={testId}>
        {value}
      </code>
      <CopyButton text={value} what={label} testId={`copy-${testId}`} />
    </div>
  );
}

function Steps({ steps, testId }: { steps: readonly SetupStep[]; testId: string }) {
  return (
    <ol className="steps" data-testid={testId}>
      {steps.map((s) => (
        <li key={s.step} data-step={s.step}>
          {translate(`setupStep_${s.step}`, s.params)}
        </li>
      ))}
    </ol>
  );
}

function WebhookHelper() {
  const api = useEditor();
  const { savedId, savedVersion, backend } = api;
  // Asked again when the route comes up or its address changes (a save may answer before the engine
  // serves the route; a tunnel may reconnect with a new address).
  const route = useApp((s) => {
    const ingress = s.status?.integrations.find((i) => i.id === savedId)?.ingress;
    return ingress ? `${ingress.state}:${ingress.url ?? ''}` : '';
  });
  const { state: setup } = useQuery(
    savedId ? () => backend.invoke('integrations.webhookSetup', { id: savedId }) : null,
    `${savedId}:${savedVersion}:${route}`,
  );

  if (!savedId) return <p className="muted">{t('webhookNeedsSave')}</p>;
  if (setup?.status !== 'ready') return <LoadPending state={setup} failed={t('webhookSetupFailed')} />;
  const w = setup.value;
  const header = `${w.secretHeader.name}: ${w.secretHeader.value}`;
  return (
    <div className="webhook-helper" data-testid="webhook-helper">
      {api.dirty ? <p className="warn-text">{t('webhookStale')}</p> : null}
      {!w.webhooksEnabled ? <p className="warn-text">{t('webhooksOffNote')}</p> : null}
      {w.ingress.warning ? (
        <p className="warn-text" role="alert">
          {renderMessage(w.ingress.warning)}
        </p>
      ) : null}
      {w.sdp.unreachableFrom !== null ? (
        <p className="warn-text" role="alert" data-testid="webhook-unreachable">
          {t('webhookUnreachable', { host: w.sdp.unreachableFrom })}
        </p>
      ) : null}
      <p className="muted small">
        {t('ingressPublicBase')}: <code>{w.ingress.publicBase}</code> (
        {INGRESS_CARDS[w.ingress.mode] ? t(INGRESS_CARDS[w.ingress.mode]![0]) : <code>{w.ingress.mode}</code>})
      </p>

      <h4>
        {t('webhookSdpTitle', {
          edition: w.sdp.edition === 'cloud' ? t('platformCloudVersion') : t('platformPrivateVersion'),
        })}
      </h4>
      <Steps steps={w.sdp.steps} testId="sdp-steps" />
      <CopyRow label={t('webhookUrl')} value={w.sdp.url} testId="sdp-url" />
      <CopyRow label={t('webhookMethod')} value={`${w.sdp.method} · ${w.sdp.contentType}`} testId="sdp-method" />
      <CopyRow label={t('webhookHeader')} value={header} testId="sdp-header" />
      <div className="copy-row block">
        <span className="copy-label">{t('webhookBody')}</span>
        <pre className="copy-value body" data-testid="sdp-body">
          {w.sdp.body}
        </pre>
        <CopyButton text={w.sdp.body} what={t('webhookBody')} testId="copy-sdp-body" />
      </div>

      <h4>{t('webhookFdTitle')}</h4>
      <Steps steps={w.flashduty.steps} testId="fd-steps" />
      <CopyRow label={t('fdIncidentWebhookUrl')} value={w.flashduty.incidentWebhookUrl} testId="fd-webhook-url" />
      <CopyRow label={t('fdCustomActionUrl')} value={w.flashduty.customActionUrl} testId="fd-action-url" />
      <CopyRow label={t('webhookHeader')} value={header} testId="fd-header" />
      {w.flashduty.events.length > 0 ? (
        <p className="muted small">
          {t('fdEvents')}: {w.flashduty.events.join(', ')}
        </p>
      ) : null}
    </div>
  );
}

export function InboundSection() {
  const api = useEditor();
  const { form } = api;
  const secrets = useSecretStates();
  return (
    <div className="section-body">
      <Group title={t('groupPolling')} hint={t('pollingHint')} grid>
        <TextField name="flashdutyPollSeconds" label="flashdutyPollSeconds" type="number" />
        <TextField name="sdpPollSeconds" label="sdpPollSeconds" type="number" />
        <TextField name="commentPollSeconds" label="commentPollSeconds" hint="commentPollSecondsHint" type="number" />
      </Group>
      <Group title={t('groupWebhooks')} hint={t('webhooksHint')}>
        <CheckField name="webhooks" label="webhooksOn" />
        <RadioField name="ingressType" legend="ingressMode" options={hinted(INGRESS_CARDS)} />
        {form.ingressType === 'direct' ? (
          <div className="field-grid">
            <TextField name="ingressHost" label="ingressHost" hint="ingressHostHint" />
            <TextField name="ingressPort" label="ingressPort" hint="ingressPortHint" type="number" />
            <CheckField name="allowAllInterfaces" label="allowAllInterfaces" hint="allowAllInterfacesHint" />
          </div>
        ) : null}
        {form.ingressType === 'ngrok' ? (
          <>
            <TextField name="ngrokDomain" label="ngrokDomain" hint="ngrokDomainHint" />
            {'secret' in form.refs.ngrokAuthtoken ? (
              <SecretInput name={SECRET_SLOTS.ngrokAuthtoken} states={secrets.states} onStored={secrets.stored} />
            ) : null}
          </>
        ) : null}
        {form.ingressType === 'relay' ? (
          <TextField name="relayChannelUrl" label="relayChannelUrl" hint="relayChannelUrlHint" wide />
        ) : null}
      </Group>
      <Group title={t('groupWebhookSetup')} hint={t('webhookSetupHint')}>
        <WebhookHelper />
      </Group>
    </div>
  );
}
