import {
  DATA_CENTRES,
  DEFAULT_COMMENT_POLL_SECONDS,
  DEFAULT_FLASHDUTY_TO_SDP_STATUS,
  DEFAULT_POLL_INTERVAL_SECONDS,
  DEFAULT_SDP_TO_FLASHDUTY_STATUS,
  DEFAULT_SNOOZE_MINUTES,
  FLASHDUTY_DEFAULT_API_BASE,
  type DataCentreCode,
  type IncidentState,
  type IntegrationConfig,
  type IntegrationDraftInput,
  type SecretRef,
  type Severity,
  type UdfType,
} from '../../../shared/common/config';

/**
 * The editor works on this flat, string-friendly model rather than the config itself: tables are
 * row lists (so a key can be typed without the row jumping), numbers are the text the user typed,
 * and discriminated unions keep every branch's fields so switching kind and back loses nothing.
 * `toDraftInput` turns it into what `validateIntegrationDraft` and `integrations.save` take.
 */
export type ConditionKind =
  | 'severity_in'
  | 'channel_in'
  | 'label_equals'
  | 'label_contains'
  | 'label_matches'
  | 'label_exists'
  | 'title_contains';
export const CONDITION_KINDS: readonly ConditionKind[] = [
  'severity_in',
  'channel_in',
  'label_equals',
  'label_contains',
  'label_matches',
  'label_exists',
  'title_contains',
];

export interface ConditionRow {
  kind: ConditionKind;
  severities: Severity[];
  channelIds: string[];
  key: string;
  value: string;
  flags: string;
}

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

export interface FormModel {
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
  udfFields: { udfKey: string; field: string }[];
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

export function emptyCondition(kind: ConditionKind = 'severity_in'): ConditionRow {
  return { kind, severities: [], channelIds: [], key: '', value: '', flags: '' };
}

export function seedSdpToFlashduty(): FormModel['sdpToFlashduty'] {
  return Object.entries(DEFAULT_SDP_TO_FLASHDUTY_STATUS).map(([status, state]) => ({ status, state }));
}

export function seedFlashdutyToSdp(): FormModel['flashdutyToSdp'] {
  return { ...DEFAULT_FLASHDUTY_TO_SDP_STATUS };
}

/** A new integration: cloud, US data centre pre-filled, the seed's status tables, every default. */
export function emptyForm(): FormModel {
  return {
    id: null,
    createdAt: null,
    name: '',
    managementTeamId: '',
    draft: true,
    enabled: true,
    platform: 'cloud',
    dataCenter: 'US',
    apiDomain: DATA_CENTRES.US.apiDomain,
    accountsServer: DATA_CENTRES.US.accountsServer,
    portal: '',
    clientId: '',
    endpoint: '',
    portalId: '',
    tlsMode: 'system',
    caFile: '',
    pinnedSha256: '',
    flashdutyApiBase: FLASHDUTY_DEFAULT_API_BASE,
    direction: 'to_sdp',
    triggerMode: 'auto',
    match: 'all',
    conditions: [],
    channels: [],
    requestTemplate: '',
    requester: '',
    severitySourceKind: 'severity',
    severitySource: '',
    toPriority: [],
    toSeverity: [],
    customFields: [],
    technicianLabelKey: '',
    groupLabelKey: '',
    sdpToFlashduty: seedSdpToFlashduty(),
    flashdutyToSdp: seedFlashdutyToSdp(),
    snoozeMinutes: String(DEFAULT_SNOOZE_MINUTES),
    fromSdpChannelId: '',
    requestIdMarkerKind: 'custom_field',
    requestIdMarker: 'sdp_request_id',
    createIncidents: true,
    udfFields: [],
    incidentIdMarkerKind: 'description',
    incidentIdMarkerUdf: '',
    requestLinkEnabled: true,
    requestLinkField: '',
    flashdutyPollSeconds: String(DEFAULT_POLL_INTERVAL_SECONDS),
    sdpPollSeconds: String(DEFAULT_POLL_INTERVAL_SECONDS),
    commentPollSeconds: String(DEFAULT_COMMENT_POLL_SECONDS),
    webhooks: false,
    ingressType: 'direct',
    ingressHost: '127.0.0.1',
    ingressPort: '0',
    allowAllInterfaces: false,
    ngrokDomain: '',
    relayChannelUrl: '',
    syncComments: true,
    refs: { ...DEFAULT_REFS },
  };
}

/** Picking a data centre fills both addresses with that DC's pair; the user may still edit them. */
export function withDataCentre(form: FormModel, code: DataCentreCode): FormModel {
  const dc = DATA_CENTRES[code];
  return { ...form, dataCenter: code, apiDomain: dc.apiDomain, accountsServer: dc.accountsServer };
}

function conditionRow(c: IntegrationConfig['trigger'] & { mode: 'auto' }, i: number): ConditionRow {
  const cond = c.conditions[i]!;
  const row = emptyCondition(cond.kind);
  switch (cond.kind) {
    case 'severity_in':
      return { ...row, severities: [...cond.severities] };
    case 'channel_in':
      return { ...row, channelIds: [...cond.channelIds] };
    case 'label_equals':
    case 'label_contains':
      return { ...row, key: cond.key, value: cond.value };
    case 'label_matches':
      return { ...row, key: cond.key, value: cond.pattern, flags: cond.flags };
    case 'label_exists':
      return { ...row, key: cond.key };
    case 'title_contains':
      return { ...row, value: cond.value };
  }
}

export function fromConfig(c: IntegrationConfig): FormModel {
  const base = emptyForm();
  const sdp = c.sdp;
  const ingressMode = c.ingress.mode;
  return {
    ...base,
    id: c.id,
    createdAt: c.createdAt,
    name: c.name,
    managementTeamId: c.managementTeamId ?? '',
    draft: c.draft,
    enabled: c.enabled,
    platform: sdp.platform,
    ...(sdp.platform === 'cloud'
      ? {
          dataCenter: sdp.dataCenter,
          apiDomain: sdp.apiDomain,
          accountsServer: sdp.accountsServer,
          portal: sdp.portal,
          clientId: sdp.clientId,
        }
      : {
          endpoint: sdp.endpoint,
          portalId: sdp.portalId ?? '',
          tlsMode: sdp.tls?.caFile !== undefined ? 'ca' : sdp.tls?.pinnedSha256 !== undefined ? 'pin' : 'system',
          caFile: sdp.tls?.caFile ?? '',
          pinnedSha256: sdp.tls?.pinnedSha256 ?? '',
        }),
    flashdutyApiBase: c.flashduty.apiBase,
    direction: c.direction,
    triggerMode: c.trigger.mode,
    match: c.trigger.mode === 'auto' ? c.trigger.match : 'all',
    conditions:
      c.trigger.mode === 'auto'
        ? c.trigger.conditions.map((_, i) =>
            conditionRow(c.trigger as IntegrationConfig['trigger'] & { mode: 'auto' }, i),
          )
        : [],
    channels: [...c.channels],
    requestTemplate: c.requestTemplate,
    requester: c.requester,
    severitySourceKind: c.severityMapping.source.kind,
    severitySource:
      c.severityMapping.source.kind === 'label'
        ? c.severityMapping.source.key
        : c.severityMapping.source.kind === 'custom_field'
          ? c.severityMapping.source.name
          : '',
    toPriority: Object.entries(c.severityMapping.toPriority).map(([value, priority]) => ({ value, priority })),
    toSeverity: Object.entries(c.severityMapping.toSeverity).map(([priority, severity]) => ({ priority, severity })),
    customFields: c.customFields.map((m) => ({
      sourceKind: m.source.kind,
      source: m.source.kind === 'label' ? m.source.key : m.source.name,
      udfKey: m.udfKey,
      udfType: m.udfType,
    })),
    technicianLabelKey: c.assignee.technicianLabelKey ?? '',
    groupLabelKey: c.assignee.groupLabelKey ?? '',
    sdpToFlashduty: Object.entries(c.statusMapping.sdpToFlashduty).map(([status, state]) => ({ status, state })),
    flashdutyToSdp: { ...c.statusMapping.flashdutyToSdp },
    snoozeMinutes: String(c.statusMapping.snoozeMinutes),
    fromSdpChannelId: c.fromSdp.channelId ?? '',
    requestIdMarkerKind: c.fromSdp.requestIdMarker.kind,
    requestIdMarker:
      c.fromSdp.requestIdMarker.kind === 'label' ? c.fromSdp.requestIdMarker.key : c.fromSdp.requestIdMarker.name,
    createIncidents: c.fromSdp.createIncidents,
    udfFields: c.fromSdp.udfFields.map((p) => ({ ...p })),
    incidentIdMarkerKind: c.toSdp.incidentIdMarker.kind,
    incidentIdMarkerUdf: c.toSdp.incidentIdMarker.kind === 'udf' ? c.toSdp.incidentIdMarker.key : '',
    requestLinkEnabled: c.toSdp.requestLink.enabled,
    requestLinkField: c.toSdp.requestLink.field ?? '',
    flashdutyPollSeconds: String(c.ingress.flashdutyPollSeconds),
    sdpPollSeconds: String(c.ingress.sdpPollSeconds),
    commentPollSeconds: String(c.ingress.commentPollSeconds),
    webhooks: c.ingress.webhooks,
    ingressType: ingressMode.type,
    ingressHost: ingressMode.type === 'direct' ? ingressMode.host : base.ingressHost,
    ingressPort: ingressMode.type === 'direct' ? String(ingressMode.port) : base.ingressPort,
    allowAllInterfaces: ingressMode.type === 'direct' ? ingressMode.allowAllInterfaces : false,
    ngrokDomain: ingressMode.type === 'ngrok' ? (ingressMode.domain ?? '') : '',
    relayChannelUrl: ingressMode.type === 'relay' ? ingressMode.channelUrl : '',
    syncComments: c.syncComments,
    refs: {
      sdpApiKey: sdp.platform === 'onprem' ? sdp.apiKey : DEFAULT_REFS.sdpApiKey,
      sdpClientSecret: sdp.platform === 'cloud' ? sdp.clientSecret : DEFAULT_REFS.sdpClientSecret,
      sdpRefreshToken: sdp.platform === 'cloud' ? sdp.refreshToken : DEFAULT_REFS.sdpRefreshToken,
      flashdutyAppKey: c.flashduty.appKey,
      webhookSecret: c.ingress.webhookSecret,
      ngrokAuthtoken: ingressMode.type === 'ngrok' ? ingressMode.authtoken : DEFAULT_REFS.ngrokAuthtoken,
    },
  };
}

/** Typed digits become a number; anything else goes through as text so the schema names the problem. */
export function numberOrText(v: string): number | string {
  const trimmed = v.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

const blankToNull = (v: string): string | null => (v.trim() === '' ? null : v.trim());

function conditionInput(row: ConditionRow): unknown {
  switch (row.kind) {
    case 'severity_in':
      return { kind: row.kind, severities: row.severities };
    case 'channel_in':
      return { kind: row.kind, channelIds: row.channelIds };
    case 'label_equals':
    case 'label_contains':
      return { kind: row.kind, key: row.key, value: row.value };
    case 'label_matches':
      return { kind: row.kind, key: row.key, pattern: row.value, flags: row.flags };
    case 'label_exists':
      return { kind: row.kind, key: row.key };
    case 'title_contains':
      return { kind: row.kind, value: row.value };
  }
}

function sourceInput(kind: SourceKind, value: string): unknown {
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

/** Indexes of rows whose key repeats an earlier row's (compared trimmed and case-insensitively). */
export function duplicateRows<R>(rows: readonly R[], key: (r: R) => string): number[] {
  const seen = new Set<string>();
  const dups: number[] = [];
  rows.forEach((r, i) => {
    const k = key(r).trim().toLowerCase();
    if (k !== '' && seen.has(k)) dups.push(i);
    seen.add(k);
  });
  return dups;
}

export function toDraftInput(f: FormModel): IntegrationDraftInput {
  const sdp =
    f.platform === 'cloud'
      ? {
          platform: 'cloud' as const,
          dataCenter: f.dataCenter,
          apiDomain: f.apiDomain.trim(),
          accountsServer: f.accountsServer.trim(),
          portal: f.portal,
          clientId: f.clientId,
          clientSecret: f.refs.sdpClientSecret,
          refreshToken: f.refs.sdpRefreshToken,
        }
      : {
          platform: 'onprem' as const,
          endpoint: f.endpoint,
          ...(f.portalId.trim() === '' ? {} : { portalId: f.portalId }),
          ...(f.tlsMode === 'ca'
            ? { tls: { caFile: f.caFile } }
            : f.tlsMode === 'pin'
              ? { tls: { pinnedSha256: f.pinnedSha256 } }
              : {}),
          apiKey: f.refs.sdpApiKey,
        };
  const mode =
    f.ingressType === 'direct'
      ? {
          type: 'direct' as const,
          host: f.ingressHost,
          port: numberOrText(f.ingressPort),
          allowAllInterfaces: f.allowAllInterfaces,
        }
      : f.ingressType === 'ngrok'
        ? {
            type: 'ngrok' as const,
            authtoken: f.refs.ngrokAuthtoken,
            ...(f.ngrokDomain.trim() === '' ? {} : { domain: f.ngrokDomain }),
          }
        : { type: 'relay' as const, channelUrl: f.relayChannelUrl };
  const draft = {
    ...(f.id === null ? {} : { id: f.id }),
    ...(f.createdAt === null ? {} : { createdAt: f.createdAt }),
    name: f.name,
    managementTeamId: blankToNull(f.managementTeamId),
    draft: f.draft,
    enabled: f.enabled,
    sdp,
    flashduty: { apiBase: f.flashdutyApiBase, appKey: f.refs.flashdutyAppKey },
    direction: f.direction,
    trigger:
      f.triggerMode === 'manual'
        ? { mode: 'manual' }
        : { mode: 'auto', match: f.match, conditions: f.conditions.map(conditionInput) },
    channels: f.channels,
    requestTemplate: f.requestTemplate,
    requester: f.requester,
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
    fromSdp: {
      channelId: blankToNull(f.fromSdpChannelId),
      requestIdMarker: sourceInput(f.requestIdMarkerKind, f.requestIdMarker),
      createIncidents: f.createIncidents,
      udfFields: f.udfFields,
    },
    toSdp: {
      incidentIdMarker:
        f.incidentIdMarkerKind === 'udf' ? { kind: 'udf', key: f.incidentIdMarkerUdf } : { kind: 'description' },
      requestLink: { enabled: f.requestLinkEnabled, field: blankToNull(f.requestLinkField) },
    },
    ingress: {
      flashdutyPollSeconds: numberOrText(f.flashdutyPollSeconds),
      sdpPollSeconds: numberOrText(f.sdpPollSeconds),
      commentPollSeconds: numberOrText(f.commentPollSeconds),
      webhooks: f.webhooks,
      webhookSecret: f.refs.webhookSecret,
      mode,
    },
    syncComments: f.syncComments,
  };
  // Text typed into number fields is deliberately passed through for the schema to reject by name.
  return draft as unknown as IntegrationDraftInput;
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
