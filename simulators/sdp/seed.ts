/**
 * Realistic SDP metadata for one simulated instance. Cloud IDs have 18 digits (beyond
 * Number.MAX_SAFE_INTEGER, to catch clients that parse them as numbers); on-prem IDs are small.
 */
export type Edition = 'cloud' | 'onprem';

export class IdGen {
  private n = 0;
  constructor(private readonly edition: Edition) {}
  next(): string {
    this.n += 1;
    return this.edition === 'cloud' ? (123640000000006000n + BigInt(this.n) * 7n).toString() : String(300 + this.n);
  }
}

export interface SimStatus {
  id: string;
  name: string;
  internal_name: string;
  in_progress: boolean;
  stop_timer: boolean;
  color: string;
}
export interface SimNamed {
  id: string;
  name: string;
  color?: string;
}
export interface SimUser {
  id: string;
  name: string;
  email_id: string;
  is_technician: boolean;
  is_vip_user: boolean;
}
export interface SimTemplate {
  id: string;
  name: string;
  is_default: boolean;
  is_service_template: boolean;
  inactive: boolean;
  show_to_requester: boolean;
  mandatory: string[];
}
export type UdfType = 'string' | 'integer' | 'date' | 'datetime';
export interface SimUdf {
  key: string;
  id: string;
  display_name: string;
  type: UdfType;
  field_type: 'Single Line' | 'Multi Line' | 'Pick List' | 'Numeric' | 'Date/Time';
  allowed_values?: string[];
}

export interface SimMetadata {
  statuses: SimStatus[];
  priorities: SimNamed[];
  urgencies: SimNamed[];
  impacts: SimNamed[];
  categories: SimNamed[];
  closureCodes: SimNamed[];
  templates: SimTemplate[];
  technicians: SimUser[];
  requesters: SimUser[];
  groups: SimNamed[];
  udfs: SimUdf[];
  portals: { id: string; name: string; app_context: string; alias_url: string }[];
  /** The user API calls act as (the API key's owner / the OAuth token's user). */
  apiUser: SimUser;
}

type StatusRow = [name: string, internalName: string, inProgress: boolean, stopTimer: boolean, color: string];

/**
 * Cloud: the statuses Flashduty's SDP guide maps (flashcatcloud/flashduty-docs
 * en/on-call/integration/webhooks/servicedesk-plus-sync.mdx). The flags of "Open" and "On Hold"
 * (in_progress true, stop_timer true, internal_name "Onhold") are recorded in demisto/content
 * Packs/ServiceDeskPlus/Integrations/ServiceDeskPlus/test_data/response_constants.py; the others follow
 * SDP's status types (Completed ⇒ in_progress false).
 */
const CLOUD_STATUSES: StatusRow[] = [
  ['Open', 'Open', true, false, '#0066ff'],
  ['In Progress', 'In Progress', true, false, '#00a3cc'],
  ['Assigned', 'Assigned', true, false, '#6a5acd'],
  ['Pending Verification', 'Pending Verification', true, false, '#ff9900'],
  ['Staging', 'Staging', true, false, '#999933'],
  ['On Hold', 'Onhold', true, true, '#ff6600'],
  ['Resolved', 'Resolved', false, false, '#00cc66'],
  ['Closed', 'Closed', false, false, '#666666'],
  ['Canceled', 'Canceled', false, false, '#aaaaaa'],
  ['Rejected', 'Rejected', false, false, '#cc0000'],
];

/**
 * On-prem ships four default statuses, which cannot be deleted: Open, Onhold, Resolved, Closed
 * (ServiceDesk Plus help, "Configuring Status":
 * https://help.servicedeskplus.com/configurations/helpdesk/configuring-status.html). Onhold is the
 * only default In-Progress status with the timer stopped.
 */
const ONPREM_STATUSES: StatusRow[] = [
  ['Open', 'Open', true, false, '#0066ff'],
  ['Onhold', 'Onhold', true, true, '#ff6600'],
  ['Resolved', 'Resolved', false, false, '#00cc66'],
  ['Closed', 'Closed', false, false, '#666666'],
];

/** A status an admin added (Admin → Status): its type and timer flag are chosen when it is created. */
export interface SimStatusInput {
  name: string;
  inProgress: boolean;
  stopTimer?: boolean;
}

/**
 * The statuses of Flashduty's SDP status table that on-prem does not ship, as an admin following that guide adds them.
 */
export const FLASHDUTY_GUIDE_STATUSES: readonly SimStatusInput[] = [
  { name: 'In Progress', inProgress: true },
  { name: 'Assigned', inProgress: true },
  { name: 'Pending Verification', inProgress: true },
  { name: 'Staging', inProgress: true },
  { name: 'On Hold', inProgress: true, stopTimer: true },
  { name: 'Canceled', inProgress: false },
  { name: 'Rejected', inProgress: false },
];

/** The text, pick-list, date and number UDFs both editions ship here: cloud key, on-prem key, name, type, UI type. */
const UDF_ROWS: [string, string, string, SimUdf['type'], SimUdf['field_type'], string[]?][] = [
  ['txt_incident_id', 'udf_sline_301', 'Incident ID', 'string', 'Single Line'],
  ['txt_runbook', 'udf_mline_302', 'Runbook', 'string', 'Multi Line'],
  ['txt_env', 'udf_pick_303', 'Environment', 'string', 'Pick List', ['prod', 'stage']],
  ['date_detected', 'udf_date_304', 'Detected at', 'datetime', 'Date/Time'],
  ['num_impact_count', 'udf_long_305', 'Impact count', 'integer', 'Numeric'],
];

/** Request templates: name, default, service template, the fields it makes mandatory. */
const TEMPLATE_ROWS: [string, boolean, boolean, string[]][] = [
  ['Default Request', true, false, ['subject']],
  ['Incident with requester', false, false, ['subject', 'requester']],
  ['New hire', false, true, ['subject', 'requester']],
];

export function seedMetadata(
  edition: Edition,
  ids: IdGen,
  portal: string,
  extraRequesters = 0,
  addedStatuses: readonly SimStatusInput[] = [],
): SimMetadata {
  const named = (names: string[], colors?: string[]): SimNamed[] =>
    names.map((name, i) => ({ id: ids.next(), name, ...(colors ? { color: colors[i]! } : {}) }));
  const user = (name: string, email: string, tech: boolean): SimUser => ({
    id: ids.next(),
    name,
    email_id: email,
    is_technician: tech,
    is_vip_user: false,
  });
  const technicians = [
    user('Alice Chen', 'alice@example.com', true),
    user('Bala Iyer', 'bala@example.com', true),
    user('Chloé Dubois', 'chloe@example.com', true),
  ];
  const apiUser = user('DeskBridge Integration', 'deskbridge@example.com', true);
  const requesters = [
    user('On-call Bot', 'oncall-bot@example.com', false),
    user('Bob Requester', 'bob@example.com', false),
    ...Array.from({ length: extraRequesters }, (_, i) =>
      user(`Requester ${i + 1}`, `requester${i + 1}@example.com`, false),
    ),
  ];
  const udfs = UDF_ROWS.map(([cloudKey, onpremKey, display_name, type, field_type, allowed_values]): SimUdf => ({
    key: edition === 'cloud' ? cloudKey : onpremKey,
    id: ids.next(),
    display_name,
    type,
    field_type,
    ...(allowed_values ? { allowed_values } : {}),
  }));
  return {
    statuses: [
      ...(edition === 'cloud' ? CLOUD_STATUSES : ONPREM_STATUSES),
      ...addedStatuses.map((a): StatusRow => [
        a.name,
        a.name,
        a.inProgress,
        a.inProgress && (a.stopTimer ?? false),
        '#888888',
      ]),
    ].map(([name, internal, inProgress, stopTimer, color]) => ({
      id: ids.next(),
      name,
      internal_name: internal,
      in_progress: inProgress,
      stop_timer: stopTimer,
      color,
    })),
    priorities: named(['Low', 'Medium', 'High', 'Urgent'], ['#666666', '#ffcc00', '#ff6600', '#ff0000']),
    urgencies: named(['Low', 'Normal', 'High', 'Urgent']),
    impacts: named(['Affects User', 'Affects Group', 'Affects Department', 'Affects Business']),
    categories: named(['Network', 'Software', 'Hardware']),
    closureCodes: named(['Success', 'Canceled', 'Failed']),
    templates: TEMPLATE_ROWS.map(([name, isDefault, isService, mandatory]) => ({
      id: ids.next(),
      name,
      is_default: isDefault,
      is_service_template: isService,
      inactive: false,
      show_to_requester: true,
      mandatory,
    })),
    technicians,
    requesters: [...requesters, ...technicians, apiUser],
    groups: named(['Network', 'Database', 'Service Desk']),
    udfs,
    portals: [{ id: edition === 'cloud' ? ids.next() : '1', name: portal, app_context: portal, alias_url: portal }],
    apiUser,
  };
}
