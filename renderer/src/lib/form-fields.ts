import { PAIR_LIST_IDS, type IntegrationDraft, type PairListId } from '../../../shared/common/config';

export type SectionId = 'connection' | 'basics' | 'ticket' | 'status' | 'inbound';
export const SECTIONS: readonly SectionId[] = ['connection', 'basics', 'ticket', 'status', 'inbound'];

/** Where a path into the config ends: a value, a list (rows keep their index) or a free-keyed table. */
type End = string | number | boolean | null | undefined | readonly unknown[];
type Keys<T> = T extends unknown ? Extract<keyof T, string> : never;
type At<T, K extends string> = NonNullable<T extends unknown ? (K extends keyof T ? T[K] : never) : never>;
type IsEnd<V> = [V] extends [End] ? true : string extends Keys<V> ? true : false;
/** Dotted paths into `T`, through every branch of its unions: every node (`All`), or only the ends. */
type Paths<T, All extends boolean> = {
  [K in Keys<T>]: IsEnd<At<T, K>> extends true ? K : (All extends true ? K : never) | `${K}.${Paths<At<T, K>, All>}`;
}[Keys<T>];
export type ConfigPath = Paths<IntegrationDraft, true>;

interface FieldDescriptor {
  section: SectionId;
  /** Config paths whose problems this field shows, together with every path below them. */
  paths: readonly ConfigPath[];
}

/** Each field pair list (`fromSdp.<id>`) is one table of the Ticket section (keys lost by `fromEntries`, restored). */
const PAIR_LIST_FIELDS = Object.fromEntries(
  PAIR_LIST_IDS.map((id) => [id, { section: 'ticket', paths: [`fromSdp.${id}`] }]),
) as unknown as { [K in PairListId]: { section: 'ticket'; paths: readonly [`fromSdp.${K}`] } };

/**
 * Every editor field that shows config problems: its section and the config paths it answers for.
 * Row fields add their row to the ID (`conditions[2]`, `customFields[0].udfKey`, `toPriority[1]`,
 * `flashdutyToSdp.Closed`); see problems.ts.
 */
export const FIELDS = {
  platform: { section: 'connection', paths: ['sdp.platform'] },
  dataCenter: { section: 'connection', paths: ['sdp.dataCenter'] },
  apiDomain: { section: 'connection', paths: ['sdp.apiDomain'] },
  accountsServer: { section: 'connection', paths: ['sdp.accountsServer'] },
  portal: { section: 'connection', paths: ['sdp.portal'] },
  clientId: { section: 'connection', paths: ['sdp.clientId'] },
  endpoint: { section: 'connection', paths: ['sdp.endpoint'] },
  portalId: { section: 'connection', paths: ['sdp.portalId'] },
  tlsMode: { section: 'connection', paths: ['sdp.tls'] },
  caFile: { section: 'connection', paths: ['sdp.tls.caFile'] },
  pinnedSha256: { section: 'connection', paths: ['sdp.tls.pinnedSha256'] },
  flashdutyApiBase: { section: 'connection', paths: ['flashduty.apiBase'] },
  secrets: {
    section: 'connection',
    paths: [
      'sdp.apiKey',
      'sdp.clientSecret',
      'sdp.refreshToken',
      'flashduty.appKey',
      'ingress.webhookSecret',
      'ingress.mode.authtoken',
    ],
  },
  name: { section: 'basics', paths: ['name'] },
  managementTeamId: { section: 'basics', paths: ['managementTeamId'] },
  enabled: { section: 'basics', paths: ['enabled'] },
  direction: { section: 'basics', paths: ['direction'] },
  triggerMode: { section: 'basics', paths: ['trigger', 'trigger.mode'] },
  match: { section: 'basics', paths: ['trigger.match'] },
  conditions: { section: 'basics', paths: ['trigger.conditions'] },
  channels: { section: 'basics', paths: ['channels'] },
  syncComments: { section: 'basics', paths: ['syncComments'] },
  fromSdpChannelId: { section: 'basics', paths: ['fromSdp.channelId'] },
  requestIdMarker: { section: 'basics', paths: ['fromSdp.requestIdMarker'] },
  createIncidents: { section: 'basics', paths: ['fromSdp.createIncidents'] },
  requestTemplate: { section: 'ticket', paths: ['requestTemplate'] },
  requester: { section: 'ticket', paths: ['requester'] },
  severitySource: { section: 'ticket', paths: ['severityMapping.source'] },
  toPriority: { section: 'ticket', paths: ['severityMapping.toPriority'] },
  toSeverity: { section: 'ticket', paths: ['severityMapping.toSeverity'] },
  customFields: { section: 'ticket', paths: ['customFields'] },
  technicianLabelKey: { section: 'ticket', paths: ['assignee.technicianLabelKey'] },
  groupLabelKey: { section: 'ticket', paths: ['assignee.groupLabelKey'] },
  incidentIdMarkerUdf: { section: 'ticket', paths: ['toSdp.incidentIdMarker'] },
  requestLinkEnabled: { section: 'ticket', paths: ['toSdp.requestLink.enabled'] },
  requestLinkField: { section: 'ticket', paths: ['toSdp.requestLink.field'] },
  ...PAIR_LIST_FIELDS,
  sdpToFlashduty: { section: 'status', paths: ['statusMapping.sdpToFlashduty'] },
  flashdutyToSdp: { section: 'status', paths: ['statusMapping.flashdutyToSdp'] },
  snoozeMinutes: { section: 'status', paths: ['statusMapping.snoozeMinutes'] },
  flashdutyPollSeconds: { section: 'inbound', paths: ['ingress.flashdutyPollSeconds'] },
  sdpPollSeconds: { section: 'inbound', paths: ['ingress.sdpPollSeconds'] },
  commentPollSeconds: { section: 'inbound', paths: ['ingress.commentPollSeconds'] },
  webhooks: { section: 'inbound', paths: ['ingress.webhooks'] },
  ingressType: { section: 'inbound', paths: ['ingress.mode', 'ingress.mode.type'] },
  ingressHost: { section: 'inbound', paths: ['ingress.mode.host'] },
  ingressPort: { section: 'inbound', paths: ['ingress.mode.port'] },
  allowAllInterfaces: { section: 'inbound', paths: ['ingress.mode.allowAllInterfaces'] },
  ngrokDomain: { section: 'inbound', paths: ['ingress.mode.domain'] },
  relayChannelUrl: { section: 'inbound', paths: ['ingress.mode.channelUrl'] },
} as const satisfies Record<string, FieldDescriptor>;
export type FieldId = keyof typeof FIELDS;

/** Set by the app, not typed into a field: their problems show at the top of the form. */
type FormLevel<P extends ConfigPath = 'id' | 'createdAt' | 'updatedAt' | 'draft'> = P;

type Placed = (typeof FIELDS)[FieldId]['paths'][number] | FormLevel;
/** Config values no entry above answers for. Must stay empty: `tsc` names any config field the form forgot. */
type Unplaced = Exclude<Paths<IntegrationDraft, false>, Placed | `${Placed}.${string}`>;
type NoneLeft<T extends never> = T;
type _EveryConfigFieldPlaced = NoneLeft<Unplaced>;

/** The problem→field map, from the descriptor. */
export const FIELD_OF_PATH: ReadonlyMap<string, FieldId> = new Map(
  Object.entries(FIELDS).flatMap(([field, d]) => d.paths.map((path) => [path, field as FieldId] as const)),
);

/** The section of a field ID, rows included (`customFields[0].udfKey` is in the Ticket section). */
export function sectionOfField(field: string): SectionId | null {
  const base = /^[^.[]*/.exec(field)![0];
  return Object.hasOwn(FIELDS, base) ? FIELDS[base as FieldId].section : null;
}
