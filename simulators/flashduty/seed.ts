/**
 * The account the simulator starts with. Carol, the Payroll channel and the Platform team have
 * IDs above 2^53 so any client that rounds int64s through a double is caught.
 */

export const ACCOUNT = { account_id: '2451002751131', account_name: 'Acme Corp' };

export interface SimMember {
  member_id: string;
  member_name: string;
  email: string;
}

export const MEMBERS: SimMember[] = [
  { member_id: '2476444212131', member_name: 'Alice', email: 'alice@example.com' },
  { member_id: '5068740052131', member_name: 'Bob', email: 'bob@example.com' },
  { member_id: '9007199254740993', member_name: 'Carol', email: 'carol@example.com' },
];

export interface SimTeam {
  team_id: string;
  team_name: string;
  person_ids: string[];
}

export const TEAMS: SimTeam[] = [
  { team_id: '1001', team_name: 'Backend SRE', person_ids: ['2476444212131', '5068740052131'] },
  { team_id: '9007199254741001', team_name: 'Platform', person_ids: ['9007199254740993'] },
];

export interface SimChannel {
  channel_id: string;
  channel_name: string;
  team_id: string;
  /** Who a new incident in this channel is assigned to. */
  default_responders: string[];
}

export const CHANNELS: SimChannel[] = [
  { channel_id: '2551105804131', channel_name: 'Ops Channel', team_id: '1001', default_responders: ['2476444212131'] },
  {
    channel_id: '9007199254740995',
    channel_name: 'Payroll',
    team_id: '9007199254741001',
    default_responders: ['9007199254740993'],
  },
];

export interface SimField {
  field_id: string;
  field_name: string;
  display_name: string;
  field_type: 'text' | 'single_select' | 'multi_select' | 'checkbox';
  value_type: 'string' | 'bool';
  options: string[] | null;
}

export const FIELDS: SimField[] = [
  {
    field_id: '6650f0c2a1b2c3d4e5f60718',
    field_name: 'sdp_request_id',
    display_name: 'SDP Request',
    field_type: 'text',
    value_type: 'string',
    options: null,
  },
  {
    field_id: '6650f0c2a1b2c3d4e5f60719',
    field_name: 'affected_service',
    display_name: 'Affected service',
    field_type: 'single_select',
    value_type: 'string',
    options: ['payroll', 'billing', 'website'],
  },
  {
    field_id: '6650f0c2a1b2c3d4e5f6071a',
    field_name: 'regions',
    display_name: 'Regions',
    field_type: 'multi_select',
    value_type: 'string',
    options: ['eu', 'us', 'apac'],
  },
  {
    field_id: '6650f0c2a1b2c3d4e5f6071b',
    field_name: 'customer_facing',
    display_name: 'Customer facing',
    field_type: 'checkbox',
    value_type: 'bool',
    options: null,
  },
  {
    field_id: '6650f0c2a1b2c3d4e5f6071c',
    field_name: 'location',
    display_name: 'Location',
    field_type: 'text',
    value_type: 'string',
    options: null,
  },
];

export const INTEGRATION_ID = '2490562293131';

/** The default key acts as Alice with full rights; the read-only key acts as Bob. */
export const DEFAULT_APP_KEY = 'fdsim0manage0key0000000000000000';
export const READ_ONLY_APP_KEY = 'fdsim0readonly0key00000000000000';
export const KEY_OWNERS = { manage: '2476444212131', readOnly: '5068740052131' };
