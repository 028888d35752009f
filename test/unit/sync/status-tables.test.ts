import { describe, expect, it } from 'vitest';
import type { IncidentState } from '../../../shared/common/config';
import { plan } from '../../../shared/node/sync/plan';
import { classifySdpStatus, sdpStatusFor, sdpStatusState } from '../../../shared/node/sync/status';
import type { Operation, SdpStatus } from '../../../shared/node/sync/types';
import {
  agreed,
  config,
  incident,
  INCIDENT_ID,
  metadata,
  REQUEST_ID,
  request,
  status,
  STATUSES,
  types,
} from './fixtures';
import { renderMessage } from '../../../renderer/src/i18n/messages';

const twoWay = config({ direction: 'two_way' });

const fromState: Record<
  IncidentState,
  { progress: 'Triggered' | 'Processing' | 'Closed'; snoozedUntilMs: number | null; sdp: string }
> = {
  Triggered: { progress: 'Triggered', snoozedUntilMs: null, sdp: 'Open' },
  Processing: { progress: 'Processing', snoozedUntilMs: null, sdp: 'In Progress' },
  Snoozed: { progress: 'Processing', snoozedUntilMs: 9_999_999, sdp: 'On Hold' },
  Closed: { progress: 'Closed', snoozedUntilMs: null, sdp: 'Resolved' },
};

/**
 * A link that says both sides last agreed on `state` / `sdpStatus` (and every other field), so only the status differs.
 */
function linkedAt(sdpStatus: string, state: IncidentState, cfg = twoWay) {
  const f = fromState[state];
  return agreed(
    cfg,
    incident({ progress: f.progress, snoozedUntilMs: f.snoozedUntilMs }),
    request({ status: status(sdpStatus) }),
  );
}

describe('SDP → Flashduty status table (the seed, every row)', () => {
  const rows: [string, IncidentState, IncidentState, string[]][] = [
    ['Open', 'Triggered', 'Processing', ['unack']],
    ['In Progress', 'Processing', 'Triggered', ['ack']],
    ['Assigned', 'Processing', 'Triggered', ['ack']],
    ['Pending Verification', 'Processing', 'Triggered', ['ack']],
    ['Staging', 'Processing', 'Triggered', ['ack']],
    ['On Hold', 'Snoozed', 'Processing', ['snooze']],
    ['Resolved', 'Closed', 'Processing', ['resolve']],
    ['Closed', 'Closed', 'Triggered', ['resolve']],
    ['Canceled', 'Closed', 'Processing', ['resolve']],
    ['Rejected', 'Closed', 'Triggered', ['resolve']],
  ];
  it.each(rows)('%s → %s', (sdpName, expected, current, ops) => {
    expect(classifySdpStatus(twoWay.statusMapping.sdpToFlashduty, status(sdpName))).toBe(expected);
    const inc = incident({ progress: fromState[current].progress, snoozedUntilMs: fromState[current].snoozedUntilMs });
    const link = linkedAt(fromState[current].sdp, current);
    const out = plan(
      twoWay,
      { side: 'sdp', id: REQUEST_ID, origin: 'poll' },
      request({ status: status(sdpName) }),
      inc,
      link,
    );
    expect(types(out)).toEqual(ops);
    const last = out.at(-1) as Extract<Operation, { records: unknown }>;
    expect(last.records).toMatchObject({ sdp: { status: sdpName }, flashduty: { status: expected } });
  });

  it('On Hold snoozes for the configured minutes (default 120)', () => {
    const out = plan(
      twoWay,
      { side: 'sdp', id: REQUEST_ID, origin: 'poll' },
      request({ status: status('On Hold') }),
      incident(),
      linkedAt('Open', 'Triggered'),
    );
    expect(out).toMatchObject([{ type: 'snooze', minutes: 120 }]);
    const custom = config({ direction: 'two_way', statusMapping: { snoozeMinutes: 45 } });
    expect(
      plan(
        custom,
        { side: 'sdp', id: REQUEST_ID, origin: 'poll' },
        request({ status: status('On Hold') }),
        incident(),
        linkedAt('Open', 'Triggered'),
      ),
    ).toMatchObject([{ type: 'snooze', minutes: 45 }]);
  });

  const transitionsFrom: [IncidentState, string, string[]][] = [
    ['Snoozed', 'Open', ['wake', 'unack']],
    ['Snoozed', 'In Progress', ['wake']],
    ['Snoozed', 'Resolved', ['resolve']],
    ['Closed', 'Open', ['reopen']],
    ['Closed', 'In Progress', ['reopen', 'ack']],
    ['Closed', 'On Hold', ['reopen', 'snooze']],
    ['Triggered', 'On Hold', ['snooze']],
  ];
  it.each(transitionsFrom)('from %s to SDP %s takes %j', (current, sdpName, ops) => {
    const inc = incident({ progress: fromState[current].progress, snoozedUntilMs: fromState[current].snoozedUntilMs });
    const out = plan(
      twoWay,
      { side: 'sdp', id: REQUEST_ID, origin: 'poll' },
      request({ status: status(sdpName) }),
      inc,
      linkedAt(fromState[current].sdp, current),
    );
    expect(types(out)).toEqual(ops);
  });

  it.each([
    ['Awaiting Vendor', { inProgress: true, stopTimer: true }, 'Snoozed'],
    ['Work Started', { inProgress: true, stopTimer: false }, 'Processing'],
    ['Duplicate', { inProgress: false, stopTimer: false }, 'Closed'],
    ['Onhold', { inProgress: true, stopTimer: true }, 'Snoozed'],
  ] as const)('unknown status "%s" is classified by its flags', (name, flags, expected) => {
    expect(classifySdpStatus(twoWay.statusMapping.sdpToFlashduty, { name, ...flags })).toBe(expected);
  });

  it('matches table names without regard to case or surrounding spaces', () => {
    expect(classifySdpStatus(twoWay.statusMapping.sdpToFlashduty, { ...status('Open'), name: ' open ' })).toBe(
      'Triggered',
    );
  });

  it('an edited table wins over the flags', () => {
    const custom = config({ statusMapping: { sdpToFlashduty: { 'Waiting on Customer': 'Snoozed' } } });
    expect(
      classifySdpStatus(custom.statusMapping.sdpToFlashduty, {
        name: 'Waiting on Customer',
        inProgress: true,
        stopTimer: false,
      }),
    ).toBe('Snoozed');
  });
});

describe('Flashduty → SDP status table (the seed, every row)', () => {
  const rows: [IncidentState, string, string][] = [
    ['Triggered', 'Open', 'In Progress'],
    ['Processing', 'In Progress', 'Open'],
    ['Snoozed', 'On Hold', 'Open'],
    ['Closed', 'Resolved', 'In Progress'],
  ];
  it.each(rows)('%s → %s', (state, expected, current) => {
    const inc = incident({ progress: fromState[state].progress, snoozedUntilMs: fromState[state].snoozedUntilMs });
    const prior: IncidentState = current === 'Open' ? 'Triggered' : 'Processing';
    const out = plan(
      twoWay,
      { side: 'flashduty', id: INCIDENT_ID, origin: 'poll' },
      inc,
      request({ status: status(current) }),
      linkedAt(current, prior, twoWay),
    );
    expect(out).toMatchObject([
      {
        type: 'change_request_status',
        status: expected,
        records: { sdp: { status: expected }, flashduty: { status: state } },
      },
    ]);
  });

  it('leaves an SDP status alone when it already means the same state (Assigned is Processing)', () => {
    const inc = incident({ progress: 'Processing' });
    const out = plan(
      twoWay,
      { side: 'flashduty', id: INCIDENT_ID, origin: 'poll' },
      inc,
      request({ status: status('Assigned') }),
      linkedAt('Open', 'Triggered'),
    );
    expect(out).toMatchObject([
      { type: 'record_link', records: { sdp: { status: 'Assigned' }, flashduty: { status: 'Processing' } } },
    ]);
  });

  it('uses an edited table', () => {
    const custom = config({
      statusMapping: {
        flashdutyToSdp: { Triggered: 'Open', Processing: 'Assigned', Snoozed: 'On Hold', Closed: 'Closed' },
      },
    });
    const out = plan(
      custom,
      { side: 'flashduty', id: INCIDENT_ID, origin: 'poll' },
      incident({ progress: 'Closed' }),
      request(),
      linkedAt('Open', 'Triggered', custom),
    );
    expect(out).toMatchObject([{ type: 'change_request_status', status: 'Closed' }]);
  });
});

/** On-prem's four default statuses (SDP help, "Configuring Status"), flags as the instance reports them. */
const ONPREM: SdpStatus[] = [
  { name: 'Open', inProgress: true, stopTimer: false, internalName: 'Open' },
  { name: 'Onhold', inProgress: true, stopTimer: true, internalName: 'Onhold' },
  { name: 'Resolved', inProgress: false, stopTimer: false, internalName: 'Resolved' },
  { name: 'Closed', inProgress: false, stopTimer: false, internalName: 'Closed' },
];

describe('Flashduty → SDP defaults come from the instance', () => {
  it.each([
    ['Triggered', undefined, 'Open'],
    ['Processing', undefined, 'In Progress'],
    ['Snoozed', ONPREM, 'Onhold'],
    ['Processing', ONPREM, 'Open'],
    ['Closed', ONPREM, 'Resolved'],
    ['Snoozed', Object.values(STATUSES), 'On Hold'],
  ] as const)('%s with %j → %s', (state, statuses, expected) => {
    expect(
      sdpStatusFor(twoWay, state, statuses === undefined ? undefined : metadata({ statuses: [...statuses] })),
    ).toBe(expected);
  });

  it('keeps a name the admin chose even when the instance lacks it, so the plan fails saying so', () => {
    const custom = config({
      statusMapping: {
        flashdutyToSdp: { Triggered: 'Open', Processing: 'Working', Snoozed: 'On Hold', Closed: 'Resolved' },
      },
    });
    expect(sdpStatusFor(custom, 'Processing', metadata({ statuses: ONPREM }))).toBe('Working');
    expect(sdpStatusFor(custom, 'Snoozed', metadata({ statuses: ONPREM }))).toBe('Onhold');
  });
});

describe('SDP → Flashduty for a status the table does not name: by its flags, saying which rule', () => {
  it.each([
    ['Onhold', { inProgress: true, stopTimer: true, internalName: 'Onhold' }, 'Snoozed', 'timer stopped → Snoozed'],
    [
      'Duplicate',
      { inProgress: false, stopTimer: false, internalName: 'Duplicate' },
      'Closed',
      'a completed status → Closed',
    ],
    [
      'Triage',
      { inProgress: true, stopTimer: false, internalName: 'Triage' },
      'Processing',
      'a running status → Processing',
    ],
  ] as const)('%s → %s', (name, flags, state, rule) => {
    const got = sdpStatusState(twoWay.statusMapping.sdpToFlashduty, { name, ...flags });
    expect(got.state).toBe(state);
    expect(renderMessage(got.note!, 'en')).toContain(rule);
  });

  it('a table row needs no note', () => {
    expect(sdpStatusState(twoWay.statusMapping.sdpToFlashduty, status('On Hold'))).toEqual({ state: 'Snoozed' });
  });

  it('the status op carries the rule into the log', () => {
    const req = request({
      status: { name: 'Onhold', inProgress: true, stopTimer: true, internalName: 'Onhold' },
    });
    const out = plan(
      twoWay,
      { side: 'sdp', id: REQUEST_ID, origin: 'poll' },
      req,
      incident({ progress: 'Processing' }),
      linkedAt('Open', 'Processing'),
    );
    const note = out.find((o) => o.type === 'snooze')!.note!;
    expect(renderMessage(note, 'en')).toContain('timer stopped → Snoozed');
    expect(renderMessage(note, 'zh-CN')).toBe('SDP 状态“Onhold”不在状态表中；已按其标志映射：计时已停止 → 已暂缓');
  });
});
