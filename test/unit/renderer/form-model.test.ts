import { describe, expect, it } from 'vitest';
import {
  defaultIntegrationConfig,
  defaultStatusMapping,
  integrationConfigSchema,
  validateIntegrationDraft,
  type IntegrationConfig,
} from '../../../shared/common/config';
import {
  suggestedMarkerUdf,
  emptyForm,
  fromConfig,
  sameForm,
  withDataCentre,
  type FormModel,
} from '../../../renderer/src/lib/form-model';
import { numberOrText, toDraftInput } from '../../../renderer/src/lib/form-draft';
import { duplicateRows } from '../../../renderer/src/lib/table-problems';

const NOW = 1_700_000_000_000;

function full(
  overrides: Record<string, unknown>,
  sdp: IntegrationConfig['sdp'] | Record<string, unknown>,
): IntegrationConfig {
  return defaultIntegrationConfig({
    id: 'int_1',
    name: 'Ops',
    sdp: sdp as never,
    now: NOW,
    overrides: overrides as never,
  });
}

const CLOUD = { platform: 'cloud', dataCenter: 'EU', portal: 'itdesk', clientId: '1000.ABC' };
const ONPREM = {
  platform: 'onprem',
  endpoint: 'https://sdp.example.com:8080',
  portalId: '3',
  tls: { pinnedSha256: 'ab'.repeat(32) },
  apiKey: { env: 'SDP_KEY' },
};

/** Configs that exercise every branch of the form model; each must survive config → form → draft unchanged. */
const CONFIGS: [string, IntegrationConfig][] = [
  ['defaults, cloud', full({}, CLOUD)],
  ['defaults, on-prem with pinned certificate and env secret', full({}, ONPREM)],
  [
    'everything set',
    full(
      {
        managementTeamId: '1001',
        enabled: false,
        direction: 'two_way',
        trigger: {
          mode: 'auto',
          match: 'any',
          conditions: [
            { kind: 'severity_in', severities: ['Critical', 'Warning'] },
            { kind: 'channel_in', channelIds: ['2551105804131'] },
            { kind: 'label_equals', key: 'env', value: 'prod' },
            { kind: 'label_contains', key: 'service', value: 'pay' },
            { kind: 'label_matches', key: 'host', pattern: '^db-\\d+$', flags: 'i' },
            { kind: 'label_exists', key: 'owner' },
            { kind: 'title_contains', value: 'disk' },
          ],
        },
        channels: ['2551105804131', '9007199254740995'],
        requestTemplate: 'Incident',
        requester: 'ops@example.com',
        severityMapping: {
          source: { kind: 'label', key: 'sev' },
          toPriority: { P1: 'Urgent', P2: 'High' },
          toSeverity: { Urgent: 'Critical' },
        },
        customFields: [
          { source: { kind: 'label', key: 'service' }, udfKey: 'udf_sline_1', udfType: 'single_line' },
          { source: { kind: 'custom_field', name: 'impact' }, udfKey: 'udf_mline_2', udfType: 'multi_line' },
        ],
        assignee: { technicianLabelKey: 'owner', groupLabelKey: 'team' },
        statusMapping: {
          ...defaultStatusMapping(),
          snoozeMinutes: 30,
          flashdutyToSdp: { Triggered: 'Open', Processing: 'Assigned', Snoozed: 'On Hold', Closed: 'Closed' },
        },
        fromSdp: {
          channelId: '2551105804131',
          requestIdMarker: { kind: 'label', key: 'sdp_id' },
          createIncidents: false,
        },
        toSdp: {
          incidentIdMarker: { kind: 'udf', key: 'udf_sline_9' },
          requestLink: { enabled: true, field: 'sdp_link' },
        },
        ingress: {
          flashdutyPollSeconds: 10,
          sdpPollSeconds: 15,
          webhooks: true,
          mode: { type: 'ngrok', domain: 'desk.ngrok.app' },
        },
        syncComments: false,
      },
      { ...CLOUD, apiDomain: 'desk.example.eu', accountsServer: 'https://accounts.zoho.eu' },
    ),
  ],
  ['request link turned off', full({ toSdp: { requestLink: { enabled: false } } }, ONPREM)],
  [
    'SDP text fields → Flashduty custom fields',
    full({ direction: 'two_way', fromSdp: { udfFields: [{ udfKey: 'udf_sline_301', field: 'location' }] } }, ONPREM),
  ],
  [
    'relay ingress, manual trigger',
    full(
      { trigger: { mode: 'manual' }, ingress: { mode: { type: 'relay', channelUrl: 'https://smee.io/AbC123' } } },
      ONPREM,
    ),
  ],
  [
    'direct ingress on a LAN address, CA file',
    full(
      { ingress: { mode: { type: 'direct', host: '192.168.1.20', port: 9000 } } },
      { ...ONPREM, tls: { caFile: '/etc/ca.pem' } },
    ),
  ],
];

describe('form model round trip', () => {
  it.each(CONFIGS)('%s: config → form → draft validates to the same config', (_, config) => {
    const result = validateIntegrationDraft(toDraftInput(fromConfig(config)));
    expect(result.ok, JSON.stringify(!result.ok && result.problems)).toBe(true);
    if (!result.ok) return;
    expect(
      integrationConfigSchema.parse({
        ...result.config,
        id: config.id,
        createdAt: config.createdAt,
        updatedAt: config.updatedAt,
      }),
    ).toEqual(config);
  });

  it('a new form validates once the required fields are filled, with the seed tables and defaults', () => {
    const form: FormModel = { ...emptyForm(), name: 'New', portal: 'itdesk', clientId: '1000.X' };
    const result = validateIntegrationDraft(toDraftInput(form));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.statusMapping).toEqual(defaultStatusMapping());
    expect(result.config.sdp).toMatchObject({
      platform: 'cloud',
      apiDomain: 'sdpondemand.manageengine.com',
      accountsServer: 'https://accounts.zoho.com',
    });
    expect(result.config.ingress.mode).toEqual({
      type: 'direct',
      host: '127.0.0.1',
      port: 0,
      allowAllInterfaces: false,
    });
  });
});

describe('form editing rules', () => {
  it.each([
    ['US', 'sdpondemand.manageengine.com', 'https://accounts.zoho.com'],
    ['EU', 'sdpondemand.manageengine.eu', 'https://accounts.zoho.eu'],
    ['CN', 'servicedeskplus.cn', 'https://accounts.zoho.com.cn'],
    ['CA', 'servicedeskplus.ca', 'https://accounts.zohocloud.ca'],
  ] as const)('data centre %s pre-fills %s and %s', (code, apiDomain, accountsServer) => {
    const form = withDataCentre({ ...emptyForm(), apiDomain: 'custom.example.com' }, code);
    expect(form).toMatchObject({ dataCenter: code, apiDomain, accountsServer });
  });

  it.each([
    ['30', 30],
    [' 7 ', 7],
    ['-1', -1],
    ['', ''],
    ['1.5', '1.5'],
    ['soon', 'soon'],
  ])('number field %j → %j (text goes through for the schema to name)', (text, value) => {
    expect(numberOrText(text)).toBe(value);
  });

  it.each([
    [
      ['Open', 'open ', 'Closed', 'OPEN'],
      [1, 3],
    ],
    [['Open', '', '', 'Closed'], []],
    [['A', 'B'], []],
  ])('duplicate rows of %j are %j', (keys, dups) => {
    expect(duplicateRows(keys, (k) => k)).toEqual(dups);
  });

  it('the first of two rows with the same key wins in the saved table', () => {
    const form: FormModel = {
      ...emptyForm(),
      toPriority: [
        { value: 'Critical', priority: 'Urgent' },
        { value: 'Critical', priority: 'Low' },
      ],
    };
    expect((toDraftInput(form).severityMapping as { toPriority: Record<string, string> }).toPriority).toEqual({
      Critical: 'Urgent',
    });
  });
});

describe('dirty tracking (sameForm)', () => {
  const base = fromConfig(CONFIGS[2]![1]);
  it.each<[string, (f: FormModel) => FormModel, boolean]>([
    ['untouched copy', (f) => structuredClone(f), true],
    ['name typed', (f) => ({ ...f, name: `${f.name}!` }), false],
    ['name typed and typed back', (f) => ({ ...f, name: f.name }), true],
    ['row added', (f) => ({ ...f, toPriority: [...f.toPriority, { value: '', priority: '' }] }), false],
    [
      'row edited',
      (f) => ({
        ...f,
        sdpToFlashduty: f.sdpToFlashduty.map((r, i) => (i === 0 ? { ...r, state: 'Closed' as const } : r)),
      }),
      false,
    ],
    ['rows reordered', (f) => ({ ...f, customFields: [...f.customFields].reverse() }), false],
    ['status table reset to the same defaults', (f) => ({ ...f, flashdutyToSdp: { ...f.flashdutyToSdp } }), true],
    ['checkbox toggled', (f) => ({ ...f, webhooks: !f.webhooks }), false],
    [
      'condition severity added',
      (f) => ({
        ...f,
        conditions: f.conditions.map((c, i) =>
          i === 0 ? { ...c, severities: [...c.severities, 'Info' as const] } : c,
        ),
      }),
      false,
    ],
  ])('%s → same: %s', (_, change, same) => {
    expect(sameForm(base, change(base))).toBe(same);
  });
});

describe('the incident-ID field SDP offers (suggestedMarkerUdf)', () => {
  const f = (key: string, displayName: string, type: 'single_line' | 'multi_line' | 'pick_list' = 'single_line') => ({
    key,
    displayName,
    type,
  });
  it.each([
    [
      'a single-line "Flashduty incident"',
      [f('udf_sline_9', 'Flashduty incident'), f('udf_sline_1', 'Incident ID')],
      'udf_sline_9',
    ],
    ['spelled FlashDuty Incident ID', [f('txt_fd', 'FlashDuty Incident ID')], 'txt_fd'],
    ['not a multi-line one', [f('udf_mline_2', 'Flashduty incident', 'multi_line')], null],
    ['not when two qualify', [f('a', 'Flashduty incident'), f('b', 'Flashduty incident (old)')], null],
    ['nothing named so', [f('udf_sline_1', 'Incident ID')], null],
  ] as const)('%s', (_name, udfs, expected) => {
    expect(suggestedMarkerUdf(udfs)).toBe(expected);
  });
});
