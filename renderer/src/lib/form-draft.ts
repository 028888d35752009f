import { PAIR_LIST_IDS, type IntegrationDraft, type PairLists } from '../../../shared/common/config';
import { conditionInput } from './form-conditions';
import type { FormModel, SourceKind } from './form-model';

/** `T` with every number also allowed as text: what the form hands the schema before it is checked. */
type Typed<T> = T extends number
  ? number | string
  : T extends (infer E)[]
    ? Typed<E>[]
    : T extends object
      ? { [K in keyof T]: Typed<T[K]> }
      : T;

/**
 * Every field of the draft the form saves, typed against the config schema's output: a config field
 * the form does not fill fails `tsc` here. Text typed into a number field is passed through for the
 * schema to reject by name.
 */
export type FormDraft = Typed<IntegrationDraft>;

/** Typed digits become a number; anything else goes through as text so the schema names the problem. */
export function numberOrText(v: string): number | string {
  const trimmed = v.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

const blankToNull = (v: string): string | null => (v.trim() === '' ? null : v.trim());

function sourceInput(kind: SourceKind, value: string) {
  return kind === 'label' ? { kind, key: value } : { kind, name: value };
}

/** Rows to a record; the first row of a repeated key wins, and `duplicateRows` reports the rest. */
function record<R, V>(rows: R[], key: (r: R) => string, value: (r: R) => V): Record<string, V> {
  const out: Record<string, V> = {};
  for (const r of rows) {
    const k = key(r).trim();
    if (!(k in out)) out[k] = value(r);
  }
  return out;
}

function sdpInput(f: FormModel): FormDraft['sdp'] {
  if (f.platform === 'cloud')
    return {
      platform: 'cloud',
      dataCenter: f.dataCenter,
      apiDomain: f.apiDomain.trim(),
      accountsServer: f.accountsServer.trim(),
      portal: f.portal,
      clientId: f.clientId,
      clientSecret: f.refs.sdpClientSecret,
      refreshToken: f.refs.sdpRefreshToken,
    };
  const tls = { ca: { caFile: f.caFile }, pin: { pinnedSha256: f.pinnedSha256 }, system: null }[f.tlsMode];
  return {
    platform: 'onprem',
    endpoint: f.endpoint,
    ...(f.portalId.trim() === '' ? {} : { portalId: f.portalId }),
    ...(tls === null ? {} : { tls }),
    apiKey: f.refs.sdpApiKey,
  };
}

function ingressInput(f: FormModel): FormDraft['ingress'] {
  const modes = {
    direct: () => ({
      type: 'direct' as const,
      host: f.ingressHost,
      port: numberOrText(f.ingressPort),
      allowAllInterfaces: f.allowAllInterfaces,
    }),
    ngrok: () => ({
      type: 'ngrok' as const,
      authtoken: f.refs.ngrokAuthtoken,
      ...(f.ngrokDomain.trim() === '' ? {} : { domain: f.ngrokDomain }),
    }),
    relay: () => ({ type: 'relay' as const, channelUrl: f.relayChannelUrl }),
  };
  return {
    flashdutyPollSeconds: numberOrText(f.flashdutyPollSeconds),
    sdpPollSeconds: numberOrText(f.sdpPollSeconds),
    commentPollSeconds: numberOrText(f.commentPollSeconds),
    webhooks: f.webhooks,
    webhookSecret: f.refs.webhookSecret,
    mode: modes[f.ingressType](),
  };
}

function mappingInput(
  f: FormModel,
): Pick<FormDraft, 'severityMapping' | 'customFields' | 'assignee' | 'statusMapping'> {
  return {
    severityMapping: {
      source:
        f.severitySourceKind === 'severity'
          ? { kind: 'severity' }
          : sourceInput(f.severitySourceKind, f.severitySource),
      toPriority: record(
        f.toPriority,
        (r) => r.value,
        (r) => r.priority,
      ),
      toSeverity: record(
        f.toSeverity,
        (r) => r.priority,
        (r) => r.severity,
      ),
    },
    customFields: f.customFields.map((r) => ({
      source: sourceInput(r.sourceKind, r.source),
      udfKey: r.udfKey,
      udfType: r.udfType,
    })),
    assignee: { technicianLabelKey: blankToNull(f.technicianLabelKey), groupLabelKey: blankToNull(f.groupLabelKey) },
    statusMapping: {
      sdpToFlashduty: record(
        f.sdpToFlashduty,
        (r) => r.status,
        (r) => r.state,
      ),
      flashdutyToSdp: f.flashdutyToSdp,
      snoozeMinutes: numberOrText(f.snoozeMinutes),
    },
  };
}

/** What `validateIntegrationDraft` checks and, once it passes, `integrations.save` stores. */
export function toDraftInput(f: FormModel): FormDraft {
  return {
    ...(f.id === null ? {} : { id: f.id }),
    ...(f.createdAt === null ? {} : { createdAt: f.createdAt }),
    name: f.name,
    managementTeamId: blankToNull(f.managementTeamId),
    draft: f.draft,
    enabled: f.enabled,
    sdp: sdpInput(f),
    flashduty: { apiBase: f.flashdutyApiBase, appKey: f.refs.flashdutyAppKey },
    direction: f.direction,
    trigger:
      f.triggerMode === 'manual'
        ? { mode: 'manual' }
        : { mode: 'auto', match: f.match, conditions: f.conditions.map(conditionInput) },
    channels: f.channels,
    requestTemplate: f.requestTemplate,
    requester: f.requester,
    ...mappingInput(f),
    fromSdp: {
      channelId: blankToNull(f.fromSdpChannelId),
      requestIdMarker: sourceInput(f.requestIdMarkerKind, f.requestIdMarker),
      createIncidents: f.createIncidents,
      ...(Object.fromEntries(PAIR_LIST_IDS.map((id) => [id, f[id]])) as PairLists),
    },
    toSdp: {
      incidentIdMarker:
        f.incidentIdMarkerKind === 'udf' ? { kind: 'udf', key: f.incidentIdMarkerUdf } : { kind: 'description' },
      requestLink: { enabled: f.requestLinkEnabled, field: blankToNull(f.requestLinkField) },
    },
    ingress: ingressInput(f),
    syncComments: f.syncComments,
  };
}
