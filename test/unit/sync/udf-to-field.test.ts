import { describe, expect, it } from 'vitest';
import { validateIntegrationConfig, type SyncDirection } from '../../../shared/common/config';
import { plan } from '../../../shared/node/sync/plan';
import type { ChangeHint, IncidentSnapshot, Operation, RequestSnapshot } from '../../../shared/node/sync/types';
import {
  agreed,
  applyToIncident,
  config,
  incident,
  INCIDENT_ID,
  linkAfter,
  metadata,
  REQUEST_ID,
  request,
  writes,
} from './fixtures';

/** SDP text field → Flashduty custom field (Flashduty's "Others ↔ Custom fields"), SDP → Flashduty only. */
const cfg = (direction: SyncDirection = 'two_way') =>
  config({ direction, fromSdp: { udfFields: [{ udfKey: 'udf_sline_306', field: 'site' }] } });
const fd = (): ChangeHint => ({ side: 'flashduty', id: INCIDENT_ID, origin: 'webhook' });
const sdp = (origin: ChangeHint['origin'] = 'poll'): ChangeHint => ({ side: 'sdp', id: REQUEST_ID, origin });
const site = (value: string | null, at = 1_000) => request({ udf: { udf_sline_306: value }, updatedAtMs: at });
const onIncident = (value: string | null, at = 1_000) =>
  incident({ customFields: value === null ? {} : { site: value }, updatedAtMs: at });

describe('SDP text field → Flashduty custom field', () => {
  const cases: {
    name: string;
    direction?: SyncDirection;
    change: 'sdp' | 'fd' | 'manual';
    before: { req: RequestSnapshot; inc: IncidentSnapshot };
    now: { req: RequestSnapshot; inc: IncidentSnapshot };
    expected: Partial<Operation>[];
  }[] = [
    {
      name: 'an SDP edit sets the incident field, logged under the field name',
      change: 'sdp',
      before: { req: site('Berlin'), inc: onIncident('Berlin') },
      now: { req: site('Hamburg', 2_000), inc: onIncident('Berlin') },
      expected: [
        {
          type: 'set_incident_field',
          fieldName: 'site',
          value: 'Hamburg',
          changes: [{ field: 'site', from: 'Berlin', to: 'Hamburg' }],
          records: { sdp: { 'fd_field:site': 'Hamburg' }, flashduty: { 'fd_field:site': 'Hamburg' } },
        },
      ],
    },
    {
      name: 'a first value in SDP fills an empty incident field',
      change: 'sdp',
      before: { req: site(null), inc: onIncident(null) },
      now: { req: site('  Berlin ', 2_000), inc: onIncident(null) },
      expected: [{ type: 'set_incident_field', fieldName: 'site', value: 'Berlin' }],
    },
    {
      name: 'an SDP value cleared leaves the incident’s alone',
      change: 'sdp',
      before: { req: site('Berlin'), inc: onIncident('Berlin') },
      now: { req: site(null, 2_000), inc: onIncident('Berlin') },
      expected: [],
    },
    {
      name: 'an edit on the incident is never written to SDP (the SDP side is the source)',
      change: 'fd',
      before: { req: site('Berlin'), inc: onIncident('Berlin') },
      now: { req: site('Berlin'), inc: onIncident('Paris', 2_000) },
      expected: [],
    },
    {
      name: 'an incident edit stands until SDP changes the value',
      change: 'sdp',
      before: { req: site('Berlin'), inc: onIncident('Berlin') },
      now: {
        req: request({ udf: { udf_sline_306: 'Berlin' }, subject: 'Renamed', updatedAtMs: 3_000 }),
        inc: onIncident('Paris', 2_000),
      },
      expected: [{ type: 'reset_incident', title: 'Renamed' }],
    },
    {
      name: 'both changed: the newer SDP value wins',
      change: 'sdp',
      before: { req: site('Berlin'), inc: onIncident('Berlin') },
      now: { req: site('Hamburg', 3_000), inc: onIncident('Paris', 2_000) },
      expected: [
        {
          type: 'set_incident_field',
          fieldName: 'site',
          value: 'Hamburg',
          note: expect.objectContaining({
            code: 'note.conflict',
            params: expect.objectContaining({ field: 'fd_field:site' }),
          }),
        },
      ],
    },
    {
      name: 'both changed: the newer incident value is kept, and the log says why',
      change: 'sdp',
      before: { req: site('Berlin'), inc: onIncident('Berlin') },
      now: { req: site('Hamburg', 2_000), inc: onIncident('Paris', 3_000) },
      expected: [{ type: 'skip', code: 'conflict_lost' }],
    },
    {
      name: 'a manual push writes it even when nothing changed',
      change: 'manual',
      before: { req: site('Berlin'), inc: onIncident('Paris') },
      now: { req: site('Berlin'), inc: onIncident('Paris') },
      expected: [{ type: 'set_incident_field', fieldName: 'site', value: 'Berlin' }],
    },
    {
      name: 'a Flashduty → SDP integration does not copy it',
      direction: 'to_sdp',
      change: 'sdp',
      before: { req: site('Berlin'), inc: onIncident('Berlin') },
      now: { req: site('Hamburg', 2_000), inc: onIncident('Berlin') },
      expected: [{ type: 'skip', code: 'direction' }],
    },
  ];

  it.each(cases)('$name', ({ direction, change, before, now, expected }) => {
    const c = cfg(direction);
    const link = agreed(c, before.inc, before.req);
    const out =
      change === 'fd'
        ? plan(c, fd(), now.inc, now.req, link, metadata())
        : plan(c, sdp(change === 'manual' ? 'manual' : 'poll'), now.req, now.inc, link);
    expect(out.filter((op) => op.type !== 'record_link')).toMatchObject(expected);
    expect(out.filter((op) => op.type !== 'record_link')).toHaveLength(expected.length);
  });

  it('a request becomes an incident with the field set; an empty one sets nothing', () => {
    const fresh = (value: string | null) => ({ ...site(value), description: 'Printer jammed' });
    const [create] = plan(cfg(), sdp(), fresh('Berlin'), null, null);
    expect(create).toMatchObject({
      type: 'create_incident',
      incident: { fields: { site: 'Berlin', sdp_request_id: REQUEST_ID } },
      records: { sdp: { 'fd_field:site': 'Berlin' }, flashduty: { 'fd_field:site': 'Berlin' } },
    });
    const [bare] = plan(cfg(), sdp(), fresh(null), null, null);
    expect(bare).toMatchObject({ type: 'create_incident', incident: { fields: { sdp_request_id: REQUEST_ID } } });
  });

  it('our own write comes back as a no-op from both sides', () => {
    const before = { req: site('Berlin'), inc: onIncident('Berlin') };
    const link = agreed(cfg(), before.inc, before.req);
    const req = site('Hamburg', 2_000);
    const out = plan(cfg(), sdp(), req, before.inc, link);
    expect(writes(out)).toHaveLength(1);
    const inc = applyToIncident(before.inc, out, 3_000);
    const after = linkAfter(link, out);
    expect(plan(cfg(), fd(), inc, req, after, metadata())).toEqual([]);
    expect(plan(cfg(), sdp(), req, inc, after)).toEqual([]);
  });
});

describe('SDP text field → custom field pairs in the config', () => {
  const withPairs = (udfFields: { udfKey: string; field: string }[], extra: Record<string, unknown> = {}) => {
    const c = JSON.parse(JSON.stringify(cfg())) as Record<string, Record<string, unknown>>;
    return { ...c, fromSdp: { ...c.fromSdp, udfFields }, ...extra };
  };
  const problems = (input: unknown) => {
    const result = validateIntegrationConfig(input);
    return result.ok ? [] : result.problems.map((p) => [p.path, p.message]);
  };

  it('accepts a list of pairs', () => {
    expect(
      problems(
        withPairs([
          { udfKey: 'udf_sline_306', field: 'site' },
          { udfKey: 'txt_owner', field: 'owner' },
        ]),
      ),
    ).toEqual([]);
  });

  it.each([
    {
      name: 'the request ID field',
      pairs: [{ udfKey: 'udf_sline_306', field: 'sdp_request_id' }],
      message: 'Flashduty field "sdp_request_id" holds the SDP request ID; pick another field.',
    },
    {
      name: 'one field filled twice',
      pairs: [
        { udfKey: 'udf_sline_306', field: 'site' },
        { udfKey: 'udf_sline_307', field: 'site' },
      ],
      message: 'Flashduty field "site" is already filled from row 1; pick another field.',
    },
    {
      name: 'not a Flashduty field name',
      pairs: [{ udfKey: 'udf_sline_306', field: '9 site' }],
      message: expect.stringMatching(/^Flashduty custom field: enter its field name/) as string,
    },
  ])('refuses $name', ({ pairs, message }) => {
    const found = problems(withPairs(pairs));
    expect(found).toHaveLength(1);
    expect(found[0]?.[0]).toMatch(/^fromSdp\.udfFields\[\d\]\.field$/);
    expect(found[0]?.[1]).toEqual(message);
  });
});
