import { conditionRow, type ConditionRow } from './form-conditions';
import {
  DATA_CENTRES,
  DEFAULT_FLASHDUTY_TO_SDP_STATUS,
  DEFAULT_INGRESS_MODE,
  DEFAULT_SDP_TO_FLASHDUTY_STATUS,
  integrationDefaults,
  PAIR_LIST_IDS,
  type CloudConnection,
  type DataCentreCode,
  type IncidentState,
  type IntegrationDraft,
  type PairLists,
  type SecretRef,
  type Severity,
  type SeveritySource,
  type UdfType,
} from '../../../shared/common/config';

export type SourceKind = 'label' | 'custom_field';
export interface CustomFieldRow {
  sourceKind: SourceKind;
  source: string;
  udfKey: string;
  udfType: UdfType;
}

export interface SecretRefs {
  sdpApiKey: SecretRef;
  sdpClientSecret: SecretRef;
  sdpRefreshToken: SecretRef;
  flashdutyAppKey: SecretRef;
  webhookSecret: SecretRef;
  ngrokAuthtoken: SecretRef;
}

/**
 * The editor works on this flat, string-friendly model rather than the config itself: tables are
 * row lists (so a key can be typed without the row jumping), numbers are the text the user typed,
 * and discriminated unions keep every branch's fields so switching kind and back loses nothing.
 * `fromConfig` is the only way in (a new form is the schema's defaults through it) and `toDraftInput`
 * (form-draft.ts) the only way out; both are typed against the config, so a config field the form
 * does not carry fails `tsc`.
 */
export interface FormModel extends PairLists {
  id: string | null;
  createdAt: number | null;
  name: string;
  managementTeamId: string;
  /** A new integration stays a draft (reads only) until the admin turns it on. */
  draft: boolean;
  enabled: boolean;
  platform: 'cloud' | 'onprem';
  dataCenter: DataCentreCode;
  apiDomain: string;
  accountsServer: string;
  portal: string;
  clientId: string;
  endpoint: string;
  portalId: string;
  tlsMode: 'system' | 'ca' | 'pin';
  caFile: string;
  pinnedSha256: string;
  flashdutyApiBase: string;
  direction: 'to_sdp' | 'from_sdp' | 'two_way';
  triggerMode: 'auto' | 'manual';
  match: 'all' | 'any';
  conditions: ConditionRow[];
  channels: string[];
  requestTemplate: string;
  requester: string;
  severitySourceKind: 'severity' | SourceKind;
  severitySource: string;
  toPriority: { value: string; priority: string }[];
  toSeverity: { priority: string; severity: Severity }[];
  customFields: CustomFieldRow[];
  technicianLabelKey: string;
  groupLabelKey: string;
  sdpToFlashduty: { status: string; state: IncidentState }[];
  flashdutyToSdp: Record<IncidentState, string>;
  snoozeMinutes: string;
  fromSdpChannelId: string;
  requestIdMarkerKind: SourceKind;
  requestIdMarker: string;
  createIncidents: boolean;
  incidentIdMarkerKind: 'udf' | 'description';
  incidentIdMarkerUdf: string;
  requestLinkEnabled: boolean;
  /** Empty = the request ID marker's field. */
  requestLinkField: string;
  flashdutyPollSeconds: string;
  sdpPollSeconds: string;
  commentPollSeconds: string;
  webhooks: boolean;
  ingressType: 'direct' | 'ngrok' | 'relay';
  ingressHost: string;
  ingressPort: string;
  allowAllInterfaces: boolean;
  ngrokDomain: string;
  relayChannelUrl: string;
  syncComments: boolean;
  refs: SecretRefs;
}

export const DEFAULT_REFS: SecretRefs = {
  sdpApiKey: { secret: 'sdp.apiKey' },
  sdpClientSecret: { secret: 'sdp.clientSecret' },
  sdpRefreshToken: { secret: 'sdp.refreshToken' },
  flashdutyAppKey: { secret: 'flashduty.appKey' },
  webhookSecret: { secret: 'webhook.secret' },
  ngrokAuthtoken: { secret: 'ngrok.authtoken' },
};

/** Where a new integration starts, and what the cloud fields hold while an on-prem one is edited. */
const NEW_CONNECTION: CloudConnection = {
  platform: 'cloud',
  dataCenter: 'US',
  apiDomain: DATA_CENTRES.US.apiDomain,
  accountsServer: DATA_CENTRES.US.accountsServer,
  portal: '',
  clientId: '',
  clientSecret: DEFAULT_REFS.sdpClientSecret,
  refreshToken: DEFAULT_REFS.sdpRefreshToken,
};

export function seedSdpToFlashduty(): FormModel['sdpToFlashduty'] {
  return Object.entries(DEFAULT_SDP_TO_FLASHDUTY_STATUS).map(([status, state]) => ({ status, state }));
}

export function seedFlashdutyToSdp(): FormModel['flashdutyToSdp'] {
  return { ...DEFAULT_FLASHDUTY_TO_SDP_STATUS };
}

/** A new integration: a draft on SDP Cloud's US data centre, with every default the config schema fills in. */
export function emptyForm(): FormModel {
  return fromConfig({ ...integrationDefaults(), name: '', draft: true, sdp: NEW_CONNECTION });
}

/** Picking a data centre fills both addresses with that DC's pair; the user may still edit them. */
export function withDataCentre(form: FormModel, code: DataCentreCode): FormModel {
  const dc = DATA_CENTRES[code];
  return { ...form, dataCenter: code, apiDomain: dc.apiDomain, accountsServer: dc.accountsServer };
}

/** The text box of a Flashduty-side source: a label's key or a custom field's name. */
function sourceText(source: SeveritySource): string {
  return source.kind === 'label' ? source.key : source.kind === 'custom_field' ? source.name : '';
}

const rowsOf = <V, R>(table: Record<string, V>, row: (key: string, value: V) => R): R[] =>
  Object.entries(table).map(([k, v]) => row(k, v));

/** A config as the form reads it: a stored one, or a new one (no ID or timestamps yet). */
export type FormSource = Omit<IntegrationDraft, 'updatedAt'>;

function connectionFields(c: FormSource) {
  const cloud = c.sdp.platform === 'cloud' ? c.sdp : NEW_CONNECTION;
  const onprem = c.sdp.platform === 'onprem' ? c.sdp : null;
  const tls = onprem?.tls;
  return {
    platform: c.sdp.platform,
    dataCenter: cloud.dataCenter,
    apiDomain: cloud.apiDomain,
    accountsServer: cloud.accountsServer,
    portal: cloud.portal,
    clientId: cloud.clientId,
    endpoint: onprem?.endpoint ?? '',
    portalId: onprem?.portalId ?? '',
    tlsMode: tls?.caFile !== undefined ? 'ca' : tls?.pinnedSha256 !== undefined ? 'pin' : 'system',
    caFile: tls?.caFile ?? '',
    pinnedSha256: tls?.pinnedSha256 ?? '',
    flashdutyApiBase: c.flashduty.apiBase,
  } satisfies Partial<FormModel>;
}

function basicsFields(c: FormSource) {
  return {
    id: c.id ?? null,
    createdAt: c.createdAt ?? null,
    name: c.name,
    managementTeamId: c.managementTeamId ?? '',
    draft: c.draft,
    enabled: c.enabled,
    direction: c.direction,
    triggerMode: c.trigger.mode,
    match: c.trigger.mode === 'auto' ? c.trigger.match : 'all',
    conditions: c.trigger.mode === 'auto' ? c.trigger.conditions.map(conditionRow) : [],
    channels: [...c.channels],
    syncComments: c.syncComments,
    fromSdpChannelId: c.fromSdp.channelId ?? '',
    requestIdMarkerKind: c.fromSdp.requestIdMarker.kind,
    requestIdMarker: sourceText(c.fromSdp.requestIdMarker),
    createIncidents: c.fromSdp.createIncidents,
  } satisfies Partial<FormModel>;
}

function ticketFields(c: FormSource) {
  const marker = c.toSdp.incidentIdMarker;
  return {
    requestTemplate: c.requestTemplate,
    requester: c.requester,
    severitySourceKind: c.severityMapping.source.kind,
    severitySource: sourceText(c.severityMapping.source),
    toPriority: rowsOf(c.severityMapping.toPriority, (value, priority) => ({ value, priority })),
    toSeverity: rowsOf(c.severityMapping.toSeverity, (priority, severity) => ({ priority, severity })),
    customFields: c.customFields.map((m) => ({
      sourceKind: m.source.kind,
      source: sourceText(m.source),
      udfKey: m.udfKey,
      udfType: m.udfType,
    })),
    technicianLabelKey: c.assignee.technicianLabelKey ?? '',
    groupLabelKey: c.assignee.groupLabelKey ?? '',
    incidentIdMarkerKind: marker.kind,
    incidentIdMarkerUdf: marker.kind === 'udf' ? marker.key : '',
    requestLinkEnabled: c.toSdp.requestLink.enabled,
    requestLinkField: c.toSdp.requestLink.field ?? '',
  } satisfies Partial<FormModel>;
}

/** Each field pair list's rows, copied. */
function pairLists(c: FormSource): PairLists {
  return Object.fromEntries(PAIR_LIST_IDS.map((id) => [id, c.fromSdp[id].map((row) => ({ ...row }))])) as PairLists;
}

function statusFields(c: FormSource) {
  return {
    sdpToFlashduty: rowsOf(c.statusMapping.sdpToFlashduty, (status, state) => ({ status, state })),
    flashdutyToSdp: { ...c.statusMapping.flashdutyToSdp },
    snoozeMinutes: String(c.statusMapping.snoozeMinutes),
  } satisfies Partial<FormModel>;
}

function inboundFields(c: FormSource) {
  const mode = c.ingress.mode;
  const direct = mode.type === 'direct' ? mode : DEFAULT_INGRESS_MODE;
  return {
    flashdutyPollSeconds: String(c.ingress.flashdutyPollSeconds),
    sdpPollSeconds: String(c.ingress.sdpPollSeconds),
    commentPollSeconds: String(c.ingress.commentPollSeconds),
    webhooks: c.ingress.webhooks,
    ingressType: mode.type,
    ingressHost: direct.host,
    ingressPort: String(direct.port),
    allowAllInterfaces: direct.allowAllInterfaces,
    ngrokDomain: mode.type === 'ngrok' ? (mode.domain ?? '') : '',
    relayChannelUrl: mode.type === 'relay' ? mode.channelUrl : '',
  } satisfies Partial<FormModel>;
}

function secretRefs(c: FormSource): SecretRefs {
  const cloud = c.sdp.platform === 'cloud' ? c.sdp : NEW_CONNECTION;
  return {
    sdpApiKey: c.sdp.platform === 'onprem' ? c.sdp.apiKey : DEFAULT_REFS.sdpApiKey,
    sdpClientSecret: cloud.clientSecret,
    sdpRefreshToken: cloud.refreshToken,
    flashdutyAppKey: c.flashduty.appKey,
    webhookSecret: c.ingress.webhookSecret,
    ngrokAuthtoken: c.ingress.mode.type === 'ngrok' ? c.ingress.mode.authtoken : DEFAULT_REFS.ngrokAuthtoken,
  };
}

/** Each section's fields from the config; together they must make a whole FormModel, or this fails `tsc`. */
export function fromConfig(c: FormSource): FormModel {
  return {
    ...basicsFields(c),
    ...connectionFields(c),
    ...ticketFields(c),
    ...pairLists(c),
    ...statusFields(c),
    ...inboundFields(c),
    refs: secretRefs(c),
  };
}

/** Structural equality of two form models (plain data only), for "unsaved changes". */
export function sameForm(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) => Object.hasOwn(b, k) && sameForm((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/**
 * The SDP field meant for the incident ID: the one single-line field named like "Flashduty
 * incident" (its ID searches directly, where the description marker needs a subject search).
 */
export function suggestedMarkerUdf(
  udfs: readonly { key: string; displayName: string; type: UdfType }[],
): string | null {
  const hits = udfs.filter((u) => u.type === 'single_line' && /flash\s*duty[\s_-]*incident/i.test(u.displayName));
  return hits.length === 1 ? hits[0]!.key : null;
}
