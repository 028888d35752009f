import { describe, expect, it } from 'vitest';
import type { Condition, SyncDirection } from '../../../shared/common/config';
import { msg } from '../../../shared/common/contract';
import { evaluateTrigger } from '../../../shared/node/sync/conditions';
import { plan } from '../../../shared/node/sync/plan';
import type { ChangeHint, Operation } from '../../../shared/node/sync/types';
import {
  agreed,
  applyToIncident,
  applyToRequest,
  config,
  incident,
  INCIDENT_ID,
  linkAfter,
  metadata,
  REQUEST_ID,
  request,
  status,
  types,
  writes,
} from './fixtures';
import { renderMessage } from '../../../renderer/src/i18n/messages';

const fd = (origin: ChangeHint['origin'] = 'webhook') => ({ side: 'flashduty' as const, id: INCIDENT_ID, origin });
const sdp = (origin: ChangeHint['origin'] = 'poll') => ({ side: 'sdp' as const, id: REQUEST_ID, origin });
const freshRequest = () => request({ description: 'Printer jammed' });

describe('direction × trigger mode', () => {
  const rows: [SyncDirection, 'auto' | 'manual', ChangeHint['origin'], string, string][] = [
    ['to_sdp', 'auto', 'webhook', 'create_request', 'skip'],
    ['to_sdp', 'manual', 'webhook', 'skip', 'skip'],
    ['to_sdp', 'manual', 'manual', 'create_request', 'skip'],
    ['to_sdp', 'manual', 'custom_action', 'create_request', 'skip'],
    ['from_sdp', 'auto', 'webhook', 'skip', 'create_incident'],
    ['from_sdp', 'manual', 'manual', 'skip', 'create_incident'],
    ['two_way', 'auto', 'webhook', 'create_request', 'create_incident'],
    ['two_way', 'manual', 'webhook', 'skip', 'create_incident'],
    ['two_way', 'manual', 'manual', 'create_request', 'create_incident'],
  ];
  it.each(rows)('%s / %s / %s: incident → %s, request → %s', (direction, mode, origin, incidentOp, requestOp) => {
    const cfg = config({ direction, trigger: mode === 'auto' ? { mode, conditions: [] } : { mode } });
    expect(types(plan(cfg, fd(origin), incident(), null, null))).toEqual([incidentOp]);
    expect(types(plan(cfg, sdp(), freshRequest(), null, null))).toEqual([requestOp]);
  });

  it('auto mode creates only when the conditions hold; manual push ignores them', () => {
    const cfg = config({ trigger: { mode: 'auto', conditions: [{ kind: 'severity_in', severities: ['Info'] }] } });
    expect(plan(cfg, fd(), incident(), null, null)).toMatchObject([
      {
        type: 'skip',
        code: 'conditions_not_met',
        reason: {
          code: 'skip.conditions_not_met',
          params: { conditions: expect.stringContaining('severity in Info') },
        },
      },
    ]);
    expect(types(plan(cfg, fd('manual'), incident(), null, null))).toEqual(['create_request']);
  });

  it('channels scope new requests; linked incidents keep syncing wherever they are', () => {
    const cfg = config({ channels: ['42'] });
    expect(plan(cfg, fd(), incident(), null, null)).toMatchObject([{ code: 'out_of_scope' }]);
    expect(types(plan(cfg, fd('manual'), incident(), null, null))).toEqual(['create_request']);
    const req = request();
    const link = agreed(cfg, incident(), req);
    expect(types(plan(cfg, fd(), incident({ title: 'New title' }), req, link))).toEqual(['update_request_fields']);
  });

  it('a disabled integration plans nothing, and says it is disabled (a pause is another state)', () => {
    expect(plan(config({ enabled: false }), fd(), incident(), null, null)).toMatchObject([
      { type: 'skip', code: 'disabled' },
    ]);
  });

  it('an incident closed before it ever matched gets no request, unless pushed by hand', () => {
    expect(plan(config(), fd(), incident({ progress: 'Closed' }), null, null)).toMatchObject([
      { code: 'closed_before_sync' },
    ]);
    const pushed = plan(
      config(),
      fd('manual'),
      incident({ progress: 'Closed', rootCause: 'cert', resolution: 'renewed' }),
      null,
      null,
    );
    expect(pushed).toMatchObject([
      { type: 'create_request', request: { status: 'Resolved', resolution: 'Root cause: cert\nrenewed' } },
    ]);
  });

  it('creating incidents from requests can be switched off; linked pairs still sync', () => {
    const cfg = config({ direction: 'two_way', fromSdp: { createIncidents: false } });
    expect(plan(cfg, sdp(), freshRequest(), null, null)).toMatchObject([{ type: 'skip', code: 'out_of_scope' }]);
    const inc = incident();
    const req = request();
    expect(types(plan(cfg, sdp(), { ...req, subject: 'Renamed' }, inc, agreed(cfg, inc, req)))).toEqual([
      'reset_incident',
    ]);
  });

  it('a request already completed when first seen gets no incident', () => {
    expect(plan(config({ direction: 'from_sdp' }), sdp(), freshRequest(), null, null)).toHaveLength(1);
    expect(
      plan(
        config({ direction: 'from_sdp' }),
        sdp(),
        request({ description: 'x', status: status('Closed') }),
        null,
        null,
      ),
    ).toMatchObject([{ code: 'closed_before_sync' }]);
  });
});

describe('trigger conditions', () => {
  const inc = incident({
    title: 'Disk FULL on db-1',
    severity: 'Warning',
    channelId: '7',
    labels: { service: 'payroll-api', env: 'prod' },
  });
  const rows: [string, Condition, boolean][] = [
    ['severity in (hit)', { kind: 'severity_in', severities: ['Critical', 'Warning'] }, true],
    ['severity in (miss)', { kind: 'severity_in', severities: ['Info'] }, false],
    ['channel in (hit)', { kind: 'channel_in', channelIds: ['7'] }, true],
    ['channel in (miss)', { kind: 'channel_in', channelIds: ['8'] }, false],
    ['label equals (hit)', { kind: 'label_equals', key: 'env', value: 'prod' }, true],
    ['label equals is exact', { kind: 'label_equals', key: 'env', value: 'Prod' }, false],
    ['label contains ignores case', { kind: 'label_contains', key: 'service', value: 'PAYROLL' }, true],
    ['label contains (miss)', { kind: 'label_contains', key: 'service', value: 'billing' }, false],
    ['label contains on a missing label', { kind: 'label_contains', key: 'team', value: 'x' }, false],
    ['label matches (hit)', { kind: 'label_matches', key: 'service', pattern: '^payroll-(api|web)$', flags: '' }, true],
    ['label matches (miss)', { kind: 'label_matches', key: 'service', pattern: '^web', flags: '' }, false],
    ['label matches with flags', { kind: 'label_matches', key: 'env', pattern: '^PROD$', flags: 'i' }, true],
    ['label exists (hit)', { kind: 'label_exists', key: 'env' }, true],
    ['label exists (miss)', { kind: 'label_exists', key: 'team' }, false],
    ['title contains ignores case', { kind: 'title_contains', value: 'disk full' }, true],
    ['title contains (miss)', { kind: 'title_contains', value: 'memory' }, false],
  ];
  it.each(rows)('%s', (_name, condition, expected) => {
    expect(evaluateTrigger({ mode: 'auto', match: 'all', conditions: [condition] }, inc).matched).toBe(expected);
  });

  it.each([
    ['all', true, false, false],
    ['any', true, true, false],
  ] as const)('match %s: both hold → %s, one holds → %s, none → %s', (match, both, one, none) => {
    const hit: Condition = { kind: 'label_exists', key: 'env' };
    const miss: Condition = { kind: 'label_exists', key: 'team' };
    const run = (conditions: Condition[]) => evaluateTrigger({ mode: 'auto', match, conditions }, inc).matched;
    expect([run([hit, hit]), run([hit, miss]), run([miss, miss])]).toEqual([both, one, none]);
  });

  it('no conditions match every incident', () => {
    expect(evaluateTrigger({ mode: 'auto', match: 'any', conditions: [] }, inc).matched).toBe(true);
  });
});

describe('field mapping Flashduty → SDP', () => {
  it('creates the request with subject, description + marker, status, template and requester', () => {
    const cfg = config({ requestTemplate: 'Incident', requester: 'oncall@example.com' });
    const [op] = plan(cfg, fd(), incident(), null, null);
    expect(op).toMatchObject({
      type: 'create_request',
      marker: { kind: 'description', text: `[Flashduty incident ${INCIDENT_ID}]` },
      request: {
        subject: 'Payroll portal down',
        status: 'Open',
        template: 'Incident',
        requester: { email: 'oncall@example.com' },
      },
    });
    expect((op as Extract<Operation, { type: 'create_request' }>).request.description).toContain(
      `[Flashduty incident ${INCIDENT_ID}]`,
    );
  });

  it('puts the incident ID in a UDF when configured', () => {
    const cfg = config({ toSdp: { incidentIdMarker: { kind: 'udf', key: 'txt_incident_id' } } });
    expect(plan(cfg, fd(), incident(), null, null)).toMatchObject([
      {
        marker: { kind: 'udf', key: 'txt_incident_id', value: INCIDENT_ID },
        request: { udf: { txt_incident_id: INCIDENT_ID }, description: 'HTTP 503 from payroll' },
      },
    ]);
  });

  const severityRows = [
    ['incident severity', { source: { kind: 'severity' }, toPriority: { Critical: 'High' } }, incident(), 'High'],
    [
      'a label',
      { source: { kind: 'label', key: 'prio' }, toPriority: { p1: 'High' } },
      incident({ labels: { prio: 'p1' } }),
      'High',
    ],
    [
      'a custom field',
      { source: { kind: 'custom_field', name: 'impact' }, toPriority: { wide: 'Medium' } },
      incident({ customFields: { impact: 'wide' } }),
      'Medium',
    ],
    ['an unmapped value', { source: { kind: 'severity' }, toPriority: { Info: 'Low' } }, incident(), undefined],
    ['an empty table', { source: { kind: 'severity' }, toPriority: {} }, incident(), undefined],
  ] as const;
  it.each(severityRows)('priority from %s', (_name, severityMapping, inc, expected) => {
    const [op] = plan(config({ severityMapping }), fd(), inc, null, null) as Extract<
      Operation,
      { type: 'create_request' }
    >[];
    expect(op?.request.priority).toBe(expected);
  });

  it('maps labels and custom fields to text UDFs, never sending an empty source', () => {
    const cfg = config({
      customFields: [
        { source: { kind: 'label', key: 'service' }, udfKey: 'txt_service', udfType: 'single_line' },
        { source: { kind: 'custom_field', name: 'runbook' }, udfKey: 'txt_runbook', udfType: 'multi_line' },
      ],
    });
    expect(
      plan(
        cfg,
        fd(),
        incident({ labels: { service: 'payroll' }, customFields: { runbook: '' } }),
        null,
        null,
        metadata(),
      ),
    ).toMatchObject([{ type: 'create_request', request: { udf: { txt_service: 'payroll' } } }]);
    const req = request({ udf: { txt_service: 'payroll', txt_runbook: 'old steps' } });
    const inc = incident({ labels: { service: 'payroll' }, customFields: { runbook: 'old steps' } });
    const link = agreed(cfg, inc, req);
    const emptied = plan(cfg, fd(), { ...inc, customFields: { runbook: null } }, req, link, metadata());
    expect(writes(emptied)).toEqual([]);
    const changed = plan(cfg, fd(), { ...inc, customFields: { runbook: ['a', 'b'] } }, req, link, metadata());
    expect(changed).toMatchObject([{ type: 'update_request_fields', fields: { udf: { txt_runbook: 'a, b' } } }]);
  });

  it('refuses a UDF that SDP reports as non-text', () => {
    const cfg = config({
      customFields: [{ source: { kind: 'label', key: 'env' }, udfKey: 'txt_runbook', udfType: 'multi_line' }],
    });
    const md = metadata({ udfs: [{ key: 'txt_runbook', displayName: 'Runbook', type: 'pick_list' }] });
    expect(plan(cfg, fd(), incident({ labels: { env: 'prod' } }), null, null, md)).toMatchObject([
      {
        type: 'fail',
        code: 'udf_not_text',
        reason: msg('fail.udf_not_text', { field: 'txt_runbook', name: 'Runbook', type: 'pick_list' }),
      },
    ]);
  });

  const assigneeRows = [
    [
      'technician by email',
      { technicianLabelKey: 'owner' },
      { owner: 'ALICE@example.com' },
      { technician: { email: 'alice@example.com' } },
    ],
    [
      'technician by name',
      { technicianLabelKey: 'owner' },
      { owner: 'alice' },
      { technician: { email: 'alice@example.com' } },
    ],
    ['group', { groupLabelKey: 'team' }, { team: 'network' }, { group: 'Network' }],
  ] as const;
  it.each(assigneeRows)('assigns the %s named by a label', (_name, assignee, labels, expected) => {
    expect(plan(config({ assignee }), fd(), incident({ labels }), null, null, metadata())).toMatchObject([
      { type: 'create_request', request: expected },
    ]);
  });

  it.each([
    ['technician', { technicianLabelKey: 'owner' }, { owner: 'mallory@example.com' }, 'assignee_missing'],
    ['group', { groupLabelKey: 'team' }, { team: 'Storage' }, 'group_missing'],
  ] as const)('a missing %s fails the sync with the reason, on create and on update', (_n, assignee, labels, code) => {
    const cfg = config({ assignee });
    expect(plan(cfg, fd(), incident({ labels }), null, null, metadata())).toMatchObject([{ type: 'fail', code }]);
    const req = request();
    const link = agreed(cfg, incident(), req);
    expect(plan(cfg, fd(), incident({ labels, title: 'Also retitled' }), req, link, metadata())).toMatchObject([
      { type: 'fail', code },
    ]);
  });

  it('a template that requires a requester fails without one and succeeds with one', () => {
    const md = metadata({
      templates: [{ name: 'Default Request', isDefault: true, mandatoryFields: ['subject', 'requester'] }],
    });
    expect(plan(config(), fd(), incident(), null, null, md)).toMatchObject([
      { type: 'fail', code: 'requester_required' },
    ]);
    expect(types(plan(config({ requester: 'On-call Bot' }), fd(), incident(), null, null, md))).toEqual([
      'create_request',
    ]);
  });

  it('an unknown template or a mandatory field nobody fills fails clearly', () => {
    expect(plan(config({ requestTemplate: 'Nope' }), fd(), incident(), null, null, metadata())).toMatchObject([
      { code: 'template_missing' },
    ]);
    const md = metadata({ templates: [{ name: 'Default Request', isDefault: true, mandatoryFields: ['category'] }] });
    expect(plan(config(), fd(), incident(), null, null, md)).toMatchObject([
      {
        code: 'template_fields_missing',
        reason: msg('fail.template_fields_missing', { template: 'Default Request', fields: 'category' }),
      },
    ]);
  });

  it('an unknown priority or status in SDP fails instead of writing', () => {
    expect(
      plan(config({ severityMapping: { toPriority: { Critical: 'P0' } } }), fd(), incident(), null, null, metadata()),
    ).toMatchObject([{ code: 'priority_missing' }]);
    const cfg = config({
      statusMapping: {
        flashdutyToSdp: { Triggered: 'New', Processing: 'In Progress', Snoozed: 'On Hold', Closed: 'Resolved' },
      },
    });
    expect(plan(cfg, fd(), incident(), null, null, metadata())).toMatchObject([{ code: 'status_missing' }]);
  });

  it.each([
    [
      'technicians',
      config({ assignee: { technicianLabelKey: 'owner' } }),
      incident({ labels: { owner: 'mallory@example.com' } }),
      { technician: { email: 'mallory@example.com' } },
    ],
    [
      'groups',
      config({ assignee: { groupLabelKey: 'team' } }),
      incident({ labels: { team: 'Storage' } }),
      { group: 'Storage' },
    ],
    ['priorities', config({ severityMapping: { toPriority: { Critical: 'P0' } } }), incident(), { priority: 'P0' }],
    ['templates', config({ requestTemplate: 'Nope' }), incident(), { template: 'Nope' }],
  ] as const)(
    'a list SDP could not give (%s) is not checked: the value goes to SDP, which checks it on write',
    (list, cfg, inc, expected) => {
      expect(plan(cfg, fd(), inc, null, null, metadata())).toMatchObject([{ type: 'fail' }]);
      expect(plan(cfg, fd(), inc, null, null, { ...metadata(), unavailable: [list] })).toMatchObject([
        { type: 'create_request', request: expected },
      ]);
    },
  );

  it('closing an incident fills the resolution before changing the status', () => {
    const cfg = config();
    const req = request();
    const link = agreed(cfg, incident(), req);
    const out = plan(
      cfg,
      fd(),
      incident({ progress: 'Closed', rootCause: 'Expired cert', resolution: 'Renewed' }),
      req,
      link,
    );
    expect(out).toMatchObject([
      { type: 'set_request_resolution', content: 'Root cause: Expired cert\nRenewed' },
      { type: 'change_request_status', status: 'Resolved' },
    ]);
  });
});

describe('field mapping SDP → Flashduty', () => {
  const cfg = config({
    direction: 'from_sdp',
    fromSdp: { channelId: '99', requestIdMarker: { kind: 'custom_field', name: 'sdp_request_id' } },
    severityMapping: { toSeverity: { High: 'Critical', Low: 'Info' } },
    customFields: [
      { source: { kind: 'custom_field', name: 'service' }, udfKey: 'txt_service', udfType: 'single_line' },
      { source: { kind: 'label', key: 'env' }, udfKey: 'txt_runbook', udfType: 'multi_line' },
    ],
  });

  it('creates the incident in the configured channel with the request ID marker', () => {
    const req = request({
      subject: 'VPN broken',
      description: '<p>Users cannot &amp; will not connect</p>',
      priority: 'High',
      udf: { txt_service: 'vpn', txt_runbook: 'x' },
    });
    expect(plan(cfg, sdp(), req, null, null)).toMatchObject([
      {
        type: 'create_incident',
        requestId: REQUEST_ID,
        marker: { kind: 'custom_field', name: 'sdp_request_id', value: REQUEST_ID },
        incident: {
          title: 'VPN broken',
          description: 'Users cannot & will not connect',
          severity: 'Critical',
          channelId: '99',
          fields: { service: 'vpn', sdp_request_id: REQUEST_ID },
        },
        state: 'Triggered',
      },
    ]);
  });

  it('an unmapped priority creates an Info incident; an On Hold request is created snoozed', () => {
    expect(
      plan(cfg, sdp(), request({ description: 'x', priority: 'Medium', status: status('On Hold') }), null, null),
    ).toMatchObject([
      { type: 'create_incident', incident: { severity: 'Info' }, state: 'Snoozed', snoozeMinutes: 120 },
    ]);
  });

  it('updates title, description and severity in one reset, and custom fields one by one', () => {
    const inc = incident({ severity: 'Info' });
    const req = request({ priority: 'Low', udf: {} });
    const link = agreed(cfg, inc, req);
    const out = plan(
      cfg,
      sdp(),
      {
        ...req,
        subject: 'Renamed',
        priority: 'High',
        udf: { txt_service: 'payroll', txt_runbook: 'ignored: label targets are read-only' },
      },
      inc,
      link,
    );
    expect(out).toMatchObject([
      { type: 'reset_incident', title: 'Renamed', severity: 'Critical' },
      { type: 'set_incident_field', fieldName: 'service', value: 'payroll' },
    ]);
    expect(out).toHaveLength(2);
  });

  it('an SDP resolution fills the incident resolution when the request closes it', () => {
    const inc = incident();
    const req = request();
    const link = agreed(cfg, inc, req);
    expect(
      plan(cfg, sdp(), { ...req, status: status('Resolved'), resolution: '<p>Rolled back deploy</p>' }, inc, link),
    ).toMatchObject([{ type: 'resolve', resolution: 'Rolled back deploy', rootCause: null }]);
  });
});

describe('markers make creation idempotent', () => {
  it('an incident that carries an SDP request ID waits for its link instead of creating', () => {
    const inc = incident({ customFields: { sdp_request_id: REQUEST_ID } });
    expect(plan(config({ direction: 'two_way' }), fd(), inc, null, null)).toMatchObject([
      { type: 'skip', code: 'await_link', counterpartId: REQUEST_ID },
    ]);
  });

  it.each([
    ['description marker', config({ direction: 'two_way' }), request()],
    [
      'UDF marker',
      config({ direction: 'two_way', toSdp: { incidentIdMarker: { kind: 'udf', key: 'txt_incident_id' } } }),
      request({ description: 'x', udf: { txt_incident_id: INCIDENT_ID } }),
    ],
  ])('a request with the incident %s is never turned into a new incident', (_n, cfg, req) => {
    expect(plan(cfg, sdp(), req, null, null)).toMatchObject([
      { type: 'skip', code: 'await_link', counterpartId: INCIDENT_ID },
    ]);
  });

  it('a target found by its marker is adopted: the link is recorded and differences are written', () => {
    const out = plan(config(), fd(), incident({ title: 'Renamed' }), request(), null);
    expect(types(out)).toEqual(['record_link', 'update_request_fields']);
  });
});

describe('echo guard: our own writes come back as no-ops', () => {
  const cfg = config({
    direction: 'two_way',
    severityMapping: {
      toPriority: { Critical: 'High', Warning: 'Medium' },
      toSeverity: { High: 'Critical', Medium: 'Warning' },
    },
    customFields: [
      { source: { kind: 'custom_field', name: 'service' }, udfKey: 'txt_service', udfType: 'single_line' },
    ],
    assignee: { technicianLabelKey: 'owner' },
  });

  it('create → echo: the created request plans nothing back', () => {
    const inc = incident({ customFields: { service: 'payroll' }, labels: { owner: 'alice@example.com' } });
    const [create] = plan(cfg, fd(), inc, null, null, metadata());
    if (create?.type !== 'create_request') throw new Error('expected create_request');
    const created = request({
      subject: create.request.subject,
      description: create.request.description,
      priority: create.request.priority ?? null,
      udf: create.request.udf ?? {},
      technician: { name: 'Alice', email: 'alice@example.com' },
    });
    const link = linkAfter(null, [create]);
    expect(plan(cfg, sdp(), created, inc, link)).toEqual([]);
    expect(plan(cfg, fd(), inc, created, link, metadata())).toEqual([]);
  });

  it('each FD edit writes once to SDP, and the SDP echo plans nothing', () => {
    let inc = incident({ customFields: { service: 'payroll' } });
    let req = request({ priority: 'High', udf: { txt_service: 'payroll' } });
    let link = agreed(cfg, inc, req);
    const edits = [
      (i: typeof inc) => ({ ...i, title: 'Payroll portal down (EU)' }),
      (i: typeof inc) => ({ ...i, severity: 'Warning' as const }),
      (i: typeof inc) => ({ ...i, customFields: { service: 'billing' } }),
      (i: typeof inc) => ({ ...i, progress: 'Processing' as const }),
      (i: typeof inc) => ({ ...i, description: 'Line one\nLine two' }),
    ];
    let t = 2_000;
    for (const edit of edits) {
      inc = { ...edit(inc), updatedAtMs: ++t };
      const out = plan(cfg, fd(), inc, req, link, metadata());
      expect(writes(out)).toHaveLength(1);
      req = applyToRequest(req, out, ++t);
      link = linkAfter(link, out);
      expect(plan(cfg, sdp(), req, inc, link)).toEqual([]);
      expect(plan(cfg, fd(), inc, req, link, metadata())).toEqual([]);
    }
  });

  it('each SDP edit writes once to Flashduty, and the Flashduty echo plans nothing', () => {
    let inc = incident({ customFields: { service: 'payroll' } });
    let req = request({ priority: 'High', udf: { txt_service: 'payroll' } });
    let link = agreed(cfg, inc, req);
    const edits = [
      (r: typeof req) => ({ ...r, subject: 'Renamed in SDP' }),
      (r: typeof req) => ({ ...r, priority: 'Medium' }),
      (r: typeof req) => ({ ...r, udf: { txt_service: 'hr' } }),
      (r: typeof req) => ({ ...r, status: status('On Hold') }),
      (r: typeof req) => ({ ...r, status: status('Assigned') }),
      (r: typeof req) => ({ ...r, status: status('Canceled') }),
    ];
    let t = 2_000;
    for (const edit of edits) {
      req = { ...edit(req), updatedAtMs: ++t };
      const out = plan(cfg, sdp(), req, inc, link);
      expect(writes(out).length).toBeGreaterThanOrEqual(1);
      expect(writes(out).length).toBeLessThanOrEqual(2);
      inc = applyToIncident(inc, out, ++t);
      link = linkAfter(link, out);
      expect(plan(cfg, fd(), inc, req, link, metadata())).toEqual([]);
      expect(plan(cfg, sdp(), req, inc, link)).toEqual([]);
    }
  });

  it('random edits on both sides converge with at most one write per changed field', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let inc = incident();
    let req = request();
    let link = agreed(cfg, inc, req);
    let t = 10_000;
    let apiWrites = 0;
    for (let round = 0; round < 100; round++) {
      if (rnd(2) === 0)
        inc = {
          ...inc,
          title: `FD title ${round}`,
          ...(rnd(2) === 0 ? { severity: rnd(2) === 0 ? 'Critical' : 'Warning' } : {}),
          updatedAtMs: ++t,
        };
      else
        req = {
          ...req,
          subject: `SDP subject ${round}`,
          ...(rnd(2) === 0 ? { status: status(['Open', 'In Progress', 'On Hold'][rnd(3)] ?? 'Open') } : {}),
          updatedAtMs: ++t,
        };
      for (let pass = 0; pass < 3; pass++) {
        const fromFd = plan(cfg, fd(), inc, req, link, metadata());
        apiWrites += writes(fromFd).length;
        req = applyToRequest(req, fromFd, ++t);
        link = linkAfter(link, fromFd);
        const fromSdp = plan(cfg, sdp(), req, inc, link);
        apiWrites += writes(fromSdp).length;
        inc = applyToIncident(inc, fromSdp, ++t);
        link = linkAfter(link, fromSdp);
      }
      expect(req.subject).toBe(inc.title);
      expect(writes(plan(cfg, fd(), inc, req, link, metadata()))).toEqual([]);
      expect(writes(plan(cfg, sdp(), req, inc, link))).toEqual([]);
    }
    expect(apiWrites).toBeLessThanOrEqual(100 * 4);
  });
});

describe('conflicts: both sides changed the same field', () => {
  const cfg = config({ direction: 'two_way' });
  const base = () => {
    const inc = incident();
    const req = request();
    return { inc, req, link: agreed(cfg, inc, req) };
  };

  it('the newer side wins, from either pass, and the loser is told why', () => {
    const { inc, req, link } = base();
    const fdEdit = { ...inc, title: 'FD version', updatedAtMs: 2_000 };
    const sdpEdit = { ...req, subject: 'SDP version', updatedAtMs: 3_000 };
    const fromFd = plan(cfg, fd(), fdEdit, sdpEdit, link);
    expect(fromFd).toMatchObject([{ type: 'skip', code: 'conflict_lost' }]);
    expect(renderMessage(fromFd[0]!.note!, 'en')).toContain('SDP’s change');
    const fromSdp = plan(cfg, sdp(), sdpEdit, fdEdit, link);
    expect(fromSdp).toMatchObject([{ type: 'reset_incident', title: 'SDP version' }]);
    expect(renderMessage(fromSdp[0]!.note!, 'en')).toContain('Conflict on title');
    expect(renderMessage(fromSdp[0]!.note!, 'zh-CN')).toContain('title 冲突');
  });

  it('a tie goes to Flashduty in both passes', () => {
    const { inc, req, link } = base();
    const fdEdit = { ...inc, title: 'FD version', updatedAtMs: 2_000 };
    const sdpEdit = { ...req, subject: 'SDP version', updatedAtMs: 2_000 };
    expect(types(plan(cfg, fd(), fdEdit, sdpEdit, link))).toEqual(['update_request_fields']);
    expect(types(plan(cfg, sdp(), sdpEdit, fdEdit, link))).toEqual(['skip']);
  });

  it('different fields changed on each side are not a conflict', () => {
    const { inc, req, link } = base();
    const fdEdit = { ...inc, title: 'FD version', updatedAtMs: 2_000 };
    const sdpEdit = { ...req, status: status('In Progress'), updatedAtMs: 3_000 };
    expect(plan(cfg, fd(), fdEdit, sdpEdit, link)).toMatchObject([
      { type: 'update_request_fields', fields: { subject: 'FD version' } },
    ]);
  });

  it('one-way sync has no conflicts: the source overwrites', () => {
    const oneWay = config({ direction: 'to_sdp' });
    const inc = incident();
    const req = request();
    const link = agreed(oneWay, inc, req);
    const out = plan(
      oneWay,
      fd(),
      { ...inc, title: 'FD version', updatedAtMs: 2_000 },
      { ...req, subject: 'SDP version', updatedAtMs: 3_000 },
      link,
    );
    expect(out).toMatchObject([{ type: 'update_request_fields', fields: { subject: 'FD version' } }]);
  });

  it('a manual push overwrites regardless of what changed', () => {
    const { inc, req, link } = base();
    const out = plan(cfg, fd('manual'), inc, { ...req, subject: 'SDP version', updatedAtMs: 3_000 }, link);
    expect(out).toMatchObject([{ type: 'update_request_fields', fields: { subject: 'Payroll portal down' } }]);
  });
});

describe('comments ↔ notes', () => {
  const cfg = config({ direction: 'two_way' });
  it('copies each comment once, with its origin, and never copies a copy back', () => {
    const inc = incident({ comments: [{ id: 'c1', text: 'Rolling back', createdAtMs: 1 }] });
    const req = request({ notes: [{ id: 'n1', text: 'Vendor called', createdAtMs: 2 }] });
    const link = agreed(cfg, inc, req);
    const toSdp = plan(cfg, fd(), inc, req, link);
    expect(toSdp).toMatchObject([
      { type: 'add_request_note', commentId: 'c1', text: 'Rolling back\n[deskbridge:fd:c1]' },
    ]);
    const req2 = applyToRequest(req, toSdp, 3);
    const toFd = plan(cfg, sdp(), req2, inc, link);
    expect(toFd).toMatchObject([
      { type: 'add_incident_comment', noteId: 'n1', text: '[SDP] Vendor called\n[deskbridge:sdp:n1]' },
    ]);
    const inc2 = applyToIncident(inc, toFd, 4);
    expect(plan(cfg, fd(), inc2, req2, link)).toEqual([]);
    expect(plan(cfg, sdp(), req2, inc2, link)).toEqual([]);
  });

  it('is switched off per integration', () => {
    const off = config({ direction: 'two_way', syncComments: false });
    const inc = incident({ comments: [{ id: 'c1', text: 'Rolling back', createdAtMs: 1 }] });
    const req = request({ notes: [] });
    expect(plan(off, fd(), inc, req, agreed(off, inc, req))).toEqual([]);
  });
});

describe('plan is deterministic and checks its inputs', () => {
  it('same inputs, same output', () => {
    const cfg = config({ direction: 'two_way' });
    const args = [cfg, fd(), incident({ title: 'x' }), request(), agreed(cfg, incident(), request())] as const;
    expect(plan(...args)).toEqual(plan(...args));
  });

  it('a snapshot for the wrong side or entity is refused', () => {
    expect(plan(config(), { side: 'flashduty', id: 'other', origin: 'poll' }, incident(), null, null)).toMatchObject([
      { code: 'wrong_source' },
    ]);
    expect(plan(config(), { side: 'sdp', id: INCIDENT_ID, origin: 'poll' }, incident(), null, null)).toMatchObject([
      { code: 'wrong_source' },
    ]);
  });

  it('a linked target that cannot be read is skipped, not recreated', () => {
    const cfg = config({ direction: 'two_way' });
    expect(plan(cfg, fd(), incident(), null, agreed(cfg, incident(), request()))).toMatchObject([
      { code: 'target_missing' },
    ]);
  });
});
