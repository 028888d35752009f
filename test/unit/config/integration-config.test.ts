import { describe, expect, it } from 'vitest';
import {
  cloudApiBaseUrl,
  DATA_CENTRE_CODES,
  DATA_CENTRES,
  DEFAULT_FLASHDUTY_TO_SDP_STATUS,
  DEFAULT_SDP_TO_FLASHDUTY_STATUS,
  defaultIntegrationConfig,
  defaultStatusMapping,
  integrationConfigSchema,
  integrationDraftSchema,
  keychainAccount,
  sdpApiBaseUrl,
  validateIntegrationConfig,
  validateIntegrationDraft,
  zohoTokenUrl,
} from '../../../shared/common/config';

const onprem = { platform: 'onprem', endpoint: 'https://sdp.example.com:8080' } as const;
const base = () => defaultIntegrationConfig({ id: 'int-1', name: 'Ops', sdp: onprem, now: 1_700_000_000_000 });
const raw = () => JSON.parse(JSON.stringify(base())) as Record<string, unknown>;

function problemsOf(input: unknown) {
  const result = validateIntegrationConfig(input);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('defaults', () => {
  it('seed status tables exactly as the issue states', () => {
    expect(DEFAULT_SDP_TO_FLASHDUTY_STATUS).toEqual({
      Open: 'Triggered',
      'In Progress': 'Processing',
      Assigned: 'Processing',
      'Pending Verification': 'Processing',
      Staging: 'Processing',
      'On Hold': 'Snoozed',
      Resolved: 'Closed',
      Closed: 'Closed',
      Canceled: 'Closed',
      Rejected: 'Closed',
    });
    expect(DEFAULT_FLASHDUTY_TO_SDP_STATUS).toEqual({
      Triggered: 'Open',
      Processing: 'In Progress',
      Snoozed: 'On Hold',
      Closed: 'Resolved',
    });
  });

  it('a new integration gets every default', () => {
    const c = base();
    expect(c).toMatchObject({
      enabled: true,
      managementTeamId: null,
      direction: 'to_sdp',
      trigger: { mode: 'auto', match: 'all', conditions: [] },
      channels: [],
      requestTemplate: '',
      requester: '',
      severityMapping: { source: { kind: 'severity' }, toPriority: {}, toSeverity: {} },
      customFields: [],
      assignee: { technicianLabelKey: null, groupLabelKey: null },
      statusMapping: {
        sdpToFlashduty: DEFAULT_SDP_TO_FLASHDUTY_STATUS,
        flashdutyToSdp: DEFAULT_FLASHDUTY_TO_SDP_STATUS,
        snoozeMinutes: 120,
      },
      fromSdp: {
        channelId: null,
        requestIdMarker: { kind: 'custom_field', name: 'sdp_request_id' },
        createIncidents: true,
      },
      toSdp: { incidentIdMarker: { kind: 'description' } },
      ingress: { flashdutyPollSeconds: 30, sdpPollSeconds: 30, webhooks: false },
      syncComments: true,
      flashduty: { apiBase: 'https://api.flashcat.cloud', appKey: { secret: 'flashduty.appKey' } },
      sdp: { platform: 'onprem', endpoint: 'https://sdp.example.com:8080', apiKey: { secret: 'sdp.apiKey' } },
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
    });
  });

  it('reset-to-defaults hands out fresh copies', () => {
    const a = defaultStatusMapping();
    a.sdpToFlashduty.Open = 'Closed';
    expect(defaultStatusMapping().sdpToFlashduty.Open).toBe('Triggered');
    expect(DEFAULT_SDP_TO_FLASHDUTY_STATUS.Open).toBe('Triggered');
  });

  it('a stored config parses back to itself', () => {
    const stored = raw();
    expect(integrationConfigSchema.parse(stored)).toEqual(stored);
  });

  it('the draft needs no ID or timestamps', () => {
    const { id: _id, createdAt: _c, updatedAt: _u, ...draft } = raw();
    expect(integrationDraftSchema.safeParse(draft).success).toBe(true);
    expect(validateIntegrationDraft({ ...draft, name: '' })).toMatchObject({ ok: false, problems: [{ path: 'name' }] });
  });
});

describe('data centres', () => {
  it('lists the nine DCs, each with an API domain and an https accounts server', () => {
    expect([...DATA_CENTRE_CODES].sort()).toEqual(['AU', 'CA', 'CN', 'EU', 'IN', 'JP', 'SA', 'UK', 'US']);
    for (const code of DATA_CENTRE_CODES) {
      expect(DATA_CENTRES[code].apiDomain).toMatch(/^[a-z0-9.-]+$/);
      expect(DATA_CENTRES[code].accountsServer).toMatch(/^https:\/\/accounts\.zoho/);
    }
    expect(DATA_CENTRES.CN).toMatchObject({
      apiDomain: 'servicedeskplus.cn',
      accountsServer: 'https://accounts.zoho.com.cn',
    });
    expect(DATA_CENTRES.CA.accountsServer).toBe('https://accounts.zohocloud.ca');
  });

  it('builds the cloud API base with the portal segment, and the token URL', () => {
    expect(cloudApiBaseUrl('sdpondemand.manageengine.com', 'itdesk')).toBe(
      'https://sdpondemand.manageengine.com/app/itdesk/api/v3',
    );
    expect(zohoTokenUrl('https://accounts.zoho.eu/')).toBe('https://accounts.zoho.eu/oauth/v2/token');
    expect(sdpApiBaseUrl(base().sdp)).toBe('https://sdp.example.com:8080/api/v3');
  });

  it('fills the cloud API domain and accounts server from the DC, keeping a custom domain', () => {
    const cloud = { platform: 'cloud', dataCenter: 'JP', portal: 'itdesk', clientId: '1000.ABC' } as const;
    const c = defaultIntegrationConfig({ id: 'c', name: 'Cloud', sdp: cloud, now: 0 });
    expect(c.sdp).toMatchObject({
      apiDomain: 'servicedeskplus.jp',
      accountsServer: 'https://accounts.zoho.jp',
      clientSecret: { secret: 'sdp.clientSecret' },
      refreshToken: { secret: 'sdp.refreshToken' },
    });
    const custom = defaultIntegrationConfig({
      id: 'c',
      name: 'Cloud',
      sdp: { ...cloud, apiDomain: 'helpdesk.example.com' },
      now: 0,
    });
    expect(sdpApiBaseUrl(custom.sdp)).toBe('https://helpdesk.example.com/app/itdesk/api/v3');
  });
});

describe('secrets are references, never values', () => {
  it('resolves keychain references by integration and name', () => {
    expect(keychainAccount('int-1', 'sdp.apiKey')).toBe('int-1/sdp.apiKey');
  });

  it.each([
    ['an env reference', { env: 'SDP_API_KEY' }],
    ['a keychain reference', { secret: 'sdp.apiKey' }],
  ])('accepts %s', (_n, apiKey) => {
    expect(validateIntegrationConfig({ ...raw(), sdp: { ...onprem, apiKey } }).ok).toBe(true);
  });

  it.each([
    ['an inline API key', { sdp: { ...onprem, apiKey: '4F2A-99B1-CAFE' } }, 'sdp.apiKey'],
    ['an inline app key', { flashduty: { appKey: 'abc123' } }, 'flashduty.appKey'],
    [
      'an inline client secret',
      { sdp: { platform: 'cloud', dataCenter: 'US', portal: 'p', clientId: 'x', clientSecret: 's3cr3t' } },
      'sdp.clientSecret',
    ],
    ['a secret under an unknown key', { sdp: { ...onprem, authtoken: 'abcd' } }, 'sdp.authtoken'],
    ['a token at the top level', { refresh_token: '1000.cc.dd' }, 'refresh_token'],
    [
      'a value next to a reference',
      { sdp: { ...onprem, apiKey: { secret: 'sdp.apiKey', value: 'x' } } },
      'sdp.apiKey.value',
    ],
  ])('rejects %s with a message saying how to reference it', (_n, patch, path) => {
    const problems = problemsOf({ ...raw(), ...patch });
    const problem = problems.find((p) => p.path === path);
    expect(problem?.message).toMatch(/keychain|secret|Unknown setting/);
  });

  it('never echoes the secret value in a message', () => {
    const problems = problemsOf({ ...raw(), sdp: { ...onprem, apiKey: '4F2A-99B1-CAFE' }, client_secret: 'hunter22' });
    expect(JSON.stringify(problems)).not.toMatch(/4F2A-99B1-CAFE|hunter22/);
  });
});

describe('user-facing validation: every bad field is named with what to fix', () => {
  const rows: [string, Record<string, unknown>, string, RegExp][] = [
    ['empty name', { name: '  ' }, 'name', /give the integration a name/],
    ['bad direction', { direction: 'both' }, 'direction', /to_sdp .* from_sdp .* two_way/],
    ['bad team ID', { managementTeamId: 'team-a' }, 'managementTeamId', /digits/],
    ['bad channel ID', { channels: ['12', 'ops'] }, 'channels[1]', /digits/],
    ['bad trigger mode', { trigger: { mode: 'sometimes' } }, 'trigger.mode', /auto.*manual/],
    [
      'bad condition kind',
      { trigger: { mode: 'auto', conditions: [{ kind: 'label_like', key: 'a' }] } },
      'trigger.conditions[0].kind',
      /label_matches/,
    ],
    [
      'bad regex',
      { trigger: { mode: 'auto', conditions: [{ kind: 'label_matches', key: 'a', pattern: '(unclosed' }] } },
      'trigger.conditions[0].pattern',
      /Not a valid regular expression/,
    ],
    [
      'stateful regex flag',
      { trigger: { mode: 'auto', conditions: [{ kind: 'label_matches', key: 'a', pattern: 'x', flags: 'g' }] } },
      'trigger.conditions[0].pattern',
      /flags/,
    ],
    [
      'empty severity list',
      { trigger: { mode: 'auto', conditions: [{ kind: 'severity_in', severities: [] }] } },
      'trigger.conditions[0].severities',
      /at least one/,
    ],
    [
      'bad severity',
      { trigger: { mode: 'auto', conditions: [{ kind: 'severity_in', severities: ['High'] }] } },
      'trigger.conditions[0].severities[0]',
      /Critical, Warning or Info/,
    ],
    ['snooze 0', { statusMapping: { snoozeMinutes: 0 } }, 'statusMapping.snoozeMinutes', /at least 1/],
    ['snooze 1441', { statusMapping: { snoozeMinutes: 1441 } }, 'statusMapping.snoozeMinutes', /at most 1440/],
    [
      'bad status target',
      { statusMapping: { sdpToFlashduty: { Open: 'Acked' } } },
      'statusMapping.sdpToFlashduty.Open',
      /Triggered, Processing, Snoozed or Closed/,
    ],
    [
      'duplicate status row',
      { statusMapping: { sdpToFlashduty: { Open: 'Triggered', open: 'Processing' } } },
      'statusMapping.sdpToFlashduty.open',
      /listed twice/,
    ],
    [
      'missing reverse row',
      { statusMapping: { flashdutyToSdp: { Triggered: 'Open', Processing: 'In Progress', Snoozed: 'On Hold' } } },
      'statusMapping.flashdutyToSdp.Closed',
      /status name/,
    ],
    ['poll too fast', { ingress: { sdpPollSeconds: 2 } }, 'ingress.sdpPollSeconds', /at least 5 seconds/],
    [
      'non-text UDF',
      { customFields: [{ source: { kind: 'label', key: 'env' }, udfKey: 'udf_pick_1', udfType: 'pick_list' }] },
      'customFields[0].udfType',
      /only single-line and multi-line text/,
    ],
    [
      'UDF display name',
      { customFields: [{ source: { kind: 'label', key: 'env' }, udfKey: 'Service Name', udfType: 'single_line' }] },
      'customFields[0].udfKey',
      /field key/,
    ],
    [
      'duplicate UDF',
      {
        customFields: [
          { source: { kind: 'label', key: 'a' }, udfKey: 'txt_a', udfType: 'single_line' },
          { source: { kind: 'label', key: 'b' }, udfKey: 'txt_a', udfType: 'single_line' },
        ],
      },
      'customFields[1].udfKey',
      /already mapped in row 1/,
    ],
    [
      'UDF that holds the marker',
      {
        toSdp: { incidentIdMarker: { kind: 'udf', key: 'txt_inc' } },
        customFields: [{ source: { kind: 'label', key: 'a' }, udfKey: 'txt_inc', udfType: 'single_line' }],
      },
      'customFields[0].udfKey',
      /incident ID/,
    ],
    [
      'bad FD field name',
      { fromSdp: { requestIdMarker: { kind: 'custom_field', name: '1bad' } } },
      'fromSdp.requestIdMarker.name',
      /field name/,
    ],
    [
      'bad severity source',
      { severityMapping: { source: { kind: 'urgency' } } },
      'severityMapping.source.kind',
      /severity.*label.*custom_field/,
    ],
    [
      'bad reverse severity',
      { severityMapping: { toSeverity: { High: 'P1' } } },
      'severityMapping.toSeverity.High',
      /Critical, Warning or Info/,
    ],
    [
      'on-prem address without a scheme',
      { sdp: { ...onprem, endpoint: 'sdp.example.com:8080/api/v3' } },
      'sdp.endpoint',
      /http\(s\):\/\/host:port/,
    ],
    [
      'on-prem port out of range',
      { sdp: { ...onprem, endpoint: 'https://sdp.example.com:99999' } },
      'sdp.endpoint',
      /port must be a whole number from 1 to 65535/,
    ],
    ['on-prem port 0', { sdp: { ...onprem, endpoint: 'http://sdp.example.com:0' } }, 'sdp.endpoint', /from 1 to 65535/],
    [
      'Flashduty port out of range',
      { flashduty: { apiBase: 'https://api.flashcat.cloud:70000' } },
      'flashduty.apiBase',
      /from 1 to 65535/,
    ],
    [
      'API domain port out of range',
      { sdp: { platform: 'cloud', dataCenter: 'US', apiDomain: 'sdp.example.com:65536', portal: 'p', clientId: 'x' } },
      'sdp.apiDomain',
      /from 1 to 65535/,
    ],
    [
      'accounts server port out of range',
      {
        sdp: {
          platform: 'cloud',
          dataCenter: 'US',
          accountsServer: 'https://accounts.zoho.com:123456',
          portal: 'p',
          clientId: 'x',
        },
      },
      'sdp.accountsServer',
      /from 1 to 65535/,
    ],
    ['bad platform', { sdp: { platform: 'saas' } }, 'sdp.platform', /cloud.*onprem/],
    ['bad pin', { sdp: { ...onprem, tls: { pinnedSha256: 'abc' } } }, 'sdp.tls.pinnedSha256', /64 hex/],
    [
      'CA and pin together',
      { sdp: { ...onprem, tls: { caFile: '/ca.pem', pinnedSha256: 'a'.repeat(64) } } },
      'sdp.tls',
      /not both/,
    ],
    [
      'bad data centre',
      { sdp: { platform: 'cloud', dataCenter: 'MARS', portal: 'p', clientId: 'x' } },
      'sdp.dataCenter',
      /US, EU/,
    ],
    [
      'API domain that is no host',
      { sdp: { platform: 'cloud', dataCenter: 'US', apiDomain: 'help desk', portal: 'p', clientId: 'x' } },
      'sdp.apiDomain',
      /host name only/,
    ],
    [
      'empty client ID',
      { sdp: { platform: 'cloud', dataCenter: 'US', portal: 'p', clientId: '' } },
      'sdp.clientId',
      /Client ID/,
    ],
    ['bad Flashduty base', { flashduty: { apiBase: 'api.flashcat.cloud' } }, 'flashduty.apiBase', /http\(s\):\/\//],
    ['non-boolean webhooks', { ingress: { webhooks: 'yes' } }, 'ingress.webhooks', /true \(on\) or false \(off\)/],
    ['unknown setting', { colour: 'blue' }, 'colour', /Unknown setting "colour": remove it/],
    [
      'empty source value',
      { severityMapping: { source: { kind: 'severity' }, toPriority: { ' ': 'High' } } },
      'severityMapping.toPriority. ',
      /Source value: enter the value to match/,
    ],
  ];
  it.each(rows)('%s', (_n, patch, path, message) => {
    const problems = problemsOf({ ...raw(), ...patch });
    expect(problems).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message) }));
  });

  it('reports every bad field at once', () => {
    const problems = problemsOf({ ...raw(), name: '', direction: 'x', statusMapping: { snoozeMinutes: 5000 } });
    expect(problems.map((p) => p.path).sort()).toEqual(['direction', 'name', 'statusMapping.snoozeMinutes']);
  });

  it('rejects input that is not an object with a message', () => {
    expect(problemsOf('nope')).toHaveLength(1);
    expect(problemsOf(null)[0]?.message).toBeTruthy();
  });

  it('accepts every condition kind', () => {
    const conditions = [
      { kind: 'severity_in', severities: ['Critical'] },
      { kind: 'channel_in', channelIds: [2551105804131] },
      { kind: 'label_equals', key: 'env', value: 'prod' },
      { kind: 'label_contains', key: 'svc', value: 'pay' },
      { kind: 'label_matches', key: 'svc', pattern: '^pay', flags: 'i' },
      { kind: 'label_exists', key: 'svc' },
      { kind: 'title_contains', value: 'down' },
    ];
    const result = validateIntegrationConfig({ ...raw(), trigger: { mode: 'auto', match: 'any', conditions } });
    expect(result.ok).toBe(true);
    if (result.ok && result.config.trigger.mode === 'auto')
      expect(result.config.trigger.conditions[1]).toEqual({ kind: 'channel_in', channelIds: ['2551105804131'] });
  });
});
