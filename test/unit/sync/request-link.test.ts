import { describe, expect, it } from 'vitest';
import {
  integrationConfigSchema,
  validateIntegrationConfig,
  type IntegrationConfig,
} from '../../../shared/common/config';
import { requestIdOf } from '../../../shared/node/sync/markers';
import { plan } from '../../../shared/node/sync/plan';
import type { ChangeHint, IncidentSnapshot, Link, Operation, RequestSnapshot } from '../../../shared/node/sync/types';
import { agreed, config, incident, INCIDENT_ID, linkAfter, REQUEST_ID, request } from './fixtures';

/**
 * The linked request's number and link on the incident: written once a pair exists (after a
 * create, or a link found by marker), in the request ID marker's field by default, as "#<number> <url>".
 */
const fd = (origin: ChangeHint['origin'] = 'poll'): ChangeHint & { side: 'flashduty' } => ({
  side: 'flashduty',
  id: INCIDENT_ID,
  origin,
});
const ONPREM_URL = `http://sdp.local:8080/WorkOrder.do?woMode=viewWO&woID=${REQUEST_ID}`;
const TEXT = `#101 ${ONPREM_URL}`;
const on = (toSdp: object = {}, rest: object = {}): IntegrationConfig =>
  config({ ...rest, toSdp: { requestLink: { enabled: true }, ...toSdp } });
const cloud = (): IntegrationConfig =>
  integrationConfigSchema.parse({
    ...on(),
    sdp: {
      platform: 'cloud',
      dataCenter: 'US',
      apiDomain: 'sdpondemand.manageengine.com',
      accountsServer: 'https://accounts.zoho.com',
      portal: 'itdesk',
      clientId: 'c',
      clientSecret: { secret: 'sdp.clientSecret' },
      refreshToken: { secret: 'sdp.refreshToken' },
    },
  });

/** A settled pair: link records agree with both sides, and the incident field holds `field`. */
function pair(
  cfg: IntegrationConfig,
  fields: IncidentSnapshot['customFields'],
  recordedText: string | null,
): { inc: IncidentSnapshot; req: RequestSnapshot; link: Link } {
  const inc = incident({ customFields: fields });
  const req = request({ displayId: '101' });
  let link = agreed(cfg, inc, req);
  if (recordedText !== null)
    link = linkAfter(link, [
      {
        type: 'record_link',
        incidentId: INCIDENT_ID,
        requestId: REQUEST_ID,
        records: { sdp: {}, flashduty: { 'request_link:sdp_request_id': recordedText } },
      },
    ]);
  return { inc, req, link };
}

const linkOps = (ops: Operation[]) => ops.filter((op) => op.type === 'set_request_link' || op.type === 'record_link');

describe('planning the request link', () => {
  const rows: {
    name: string;
    cfg: IntegrationConfig;
    fields: IncidentSnapshot['customFields'];
    recorded: string | null;
    origin?: ChangeHint['origin'];
    expected: Partial<Operation>[];
  }[] = [
    {
      name: 'an empty field gets "#<number> <url>" in the request ID marker field',
      cfg: on(),
      fields: {},
      recorded: null,
      expected: [
        {
          type: 'set_request_link',
          fieldName: 'sdp_request_id',
          value: TEXT,
          records: { sdp: {}, flashduty: { 'request_link:sdp_request_id': TEXT } },
          changes: [{ field: 'sdp_request_id', from: null, to: TEXT }],
        },
      ],
    },
    {
      name: 'a field already holding it is only recorded, never written',
      cfg: on(),
      fields: { sdp_request_id: TEXT },
      recorded: null,
      expected: [{ type: 'record_link', records: { sdp: {}, flashduty: { 'request_link:sdp_request_id': TEXT } } }],
    },
    {
      name: 'written and recorded: nothing',
      cfg: on(),
      fields: { sdp_request_id: TEXT },
      recorded: TEXT,
      expected: [],
    },
    {
      name: 'a person changed it after we wrote it: theirs stands',
      cfg: on(),
      fields: { sdp_request_id: 'see #101' },
      recorded: TEXT,
      expected: [],
    },
    {
      name: 'a manual push writes it again',
      cfg: on(),
      fields: { sdp_request_id: 'see #101' },
      recorded: TEXT,
      origin: 'manual',
      expected: [
        { type: 'set_request_link', value: TEXT, changes: [{ field: 'sdp_request_id', from: 'see #101', to: TEXT }] },
      ],
    },
    {
      name: 'the raw request ID an incident created from SDP carries is kept',
      cfg: on({}, { direction: 'two_way' }),
      fields: { sdp_request_id: REQUEST_ID },
      recorded: null,
      expected: [],
    },
    {
      name: 'an incident created from SDP gets the link in a field of its own',
      cfg: on({ requestLink: { enabled: true, field: 'sdp_link' } }, { direction: 'two_way' }),
      fields: { sdp_request_id: REQUEST_ID },
      recorded: null,
      expected: [{ type: 'set_request_link', fieldName: 'sdp_link', value: TEXT }],
    },
    {
      name: 'a field of its own',
      cfg: on({ requestLink: { enabled: true, field: 'sdp_link' } }),
      fields: {},
      recorded: null,
      expected: [{ type: 'set_request_link', fieldName: 'sdp_link', value: TEXT }],
    },
    { name: 'turned off: nothing', cfg: config(), fields: {}, recorded: null, expected: [] },
    {
      name: 'a label marker and no field: nothing (labels cannot be set)',
      cfg: on({}, { fromSdp: { requestIdMarker: { kind: 'label', key: 'sdp' } } }),
      fields: {},
      recorded: null,
      expected: [],
    },
    {
      name: 'SDP Cloud: the portal URL',
      cfg: cloud(),
      fields: {},
      recorded: null,
      expected: [
        {
          type: 'set_request_link',
          value: `#101 https://sdpondemand.manageengine.com/app/itdesk/ui/requests/${REQUEST_ID}/details`,
        },
      ],
    },
  ];
  it.each(rows)('$name', ({ cfg, fields, recorded, origin, expected }) => {
    const { inc, req, link } = pair(cfg, fields, recorded);
    expect(linkOps(plan(cfg, fd(origin), inc, req, link))).toMatchObject(expected);
  });

  it('a request without a display number is named by its ID', () => {
    const cfg = on();
    const inc = incident();
    const req = request();
    expect(linkOps(plan(cfg, fd(), inc, req, agreed(cfg, inc, req)))).toMatchObject([
      { type: 'set_request_link', value: `#${REQUEST_ID} ${ONPREM_URL}` },
    ]);
  });

  it('a pair found by its marker is linked, then the link written, after the field writes', () => {
    const cfg = on();
    const ops = plan(cfg, fd(), incident({ title: 'Renamed' }), request({ displayId: '101' }), null);
    expect(ops.map((op) => op.type)).toEqual(['record_link', 'update_request_fields', 'set_request_link']);
  });

  it('the write is recorded, so the next pass plans nothing', () => {
    const cfg = on();
    const { inc, req, link } = pair(cfg, {}, null);
    const first = plan(cfg, fd(), inc, req, link);
    const after = linkAfter(link, first);
    expect(plan(cfg, fd(), { ...inc, customFields: { sdp_request_id: TEXT } }, req, after)).toEqual([]);
  });

  it('only Flashduty → SDP plans it', () => {
    const cfg = on({}, { direction: 'from_sdp' });
    const { inc, req, link } = pair(cfg, {}, null);
    expect(plan(cfg, fd(), inc, req, link)).toMatchObject([{ type: 'skip', code: 'direction' }]);
  });
});

describe('the request ID an incident carries', () => {
  const rows: [string, IntegrationConfig, IncidentSnapshot['customFields'], string | null][] = [
    ['the raw ID of an incident created from SDP', on(), { sdp_request_id: REQUEST_ID }, REQUEST_ID],
    ['the number and on-prem link', on(), { sdp_request_id: TEXT }, REQUEST_ID],
    [
      'the number and cloud link',
      on(),
      { sdp_request_id: `#101 https://sdpondemand.manageengine.com/app/itdesk/ui/requests/${REQUEST_ID}/details` },
      REQUEST_ID,
    ],
    [
      'the link in a field of its own',
      on({ requestLink: { enabled: true, field: 'sdp_link' } }),
      { sdp_link: TEXT },
      REQUEST_ID,
    ],
    [
      'unrelated text in the link field',
      on({ requestLink: { enabled: true, field: 'sdp_link' } }),
      { sdp_link: 'ask the desk' },
      null,
    ],
    ['nothing', on(), {}, null],
  ];
  it.each(rows)('%s', (_name, cfg, fields, expected) => {
    expect(requestIdOf(cfg, incident({ customFields: fields }))).toBe(expected);
  });

  it('an unlinked incident carrying the link waits for its link instead of creating a second request', () => {
    expect(plan(on(), fd('webhook'), incident({ customFields: { sdp_request_id: TEXT } }), null, null)).toMatchObject([
      { type: 'skip', code: 'await_link', counterpartId: REQUEST_ID },
    ]);
  });
});

describe('config', () => {
  it('is on by default, in the request ID marker field', () => {
    expect(integrationConfigSchema.parse({ ...config(), toSdp: {} }).toSdp.requestLink).toEqual({
      enabled: true,
      field: null,
    });
  });

  it('a custom field mapping may not use the link field', () => {
    const result = validateIntegrationConfig({
      ...config(),
      toSdp: { requestLink: { enabled: true, field: 'sdp_link' } },
      customFields: [
        { source: { kind: 'custom_field', name: 'sdp_link' }, udfKey: 'txt_service', udfType: 'single_line' },
      ],
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.message).toContain('holds the SDP request link');
  });
});
