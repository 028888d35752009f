import { describe, expect, it } from 'vitest';
import type { SdpRequest } from '../../../shared/node/sdp/client';
import { WireStatusDef } from '../../../shared/node/sdp/wire';
import { requestSnapshot } from '../../../shared/node/sync/snapshots';
import {
  classifyStatus,
  inProgressByName,
  stateByFlags,
  statusDefaultsFromInstance,
  type StatusClass,
} from '../../../shared/node/sdp/status';

describe('classifyStatus', () => {
  it.each([
    [{ inProgress: true, stopTimer: false, internalName: 'Open' }, 'open'],
    [{ inProgress: true, stopTimer: false, internalName: 'open' }, 'open'],
    [{ inProgress: true, stopTimer: false, internalName: 'In Progress' }, 'in_progress'],
    [{ inProgress: true, stopTimer: false, internalName: null }, 'in_progress'],
    [{ inProgress: true, stopTimer: true, internalName: 'Onhold' }, 'on_hold'],
    [{ inProgress: true, stopTimer: true, internalName: 'Open' }, 'on_hold'],
    [{ inProgress: false, stopTimer: false, internalName: 'Resolved' }, 'completed'],
    [{ inProgress: false, stopTimer: true, internalName: 'Open' }, 'completed'],
  ] as const)('%j → %s', (flags, expected) => {
    expect(classifyStatus(flags)).toBe(expected);
  });
});

describe('stateByFlags: SDP → Flashduty for a status the table does not name', () => {
  it.each([
    [{ inProgress: true, stopTimer: true, internalName: 'Onhold' }, 'Snoozed', 'timer_stopped'],
    [{ inProgress: true, stopTimer: true, internalName: 'Waiting for vendor' }, 'Snoozed', 'timer_stopped'],
    [{ inProgress: false, stopTimer: false, internalName: 'Duplicate' }, 'Closed', 'completed'],
    [{ inProgress: true, stopTimer: false, internalName: 'Triage' }, 'Processing', 'running'],
    [{ inProgress: true, stopTimer: false, internalName: null }, 'Processing', 'running'],
    [{ inProgress: true, stopTimer: false, internalName: 'Open' }, 'Triggered', 'open'],
  ] as const)('%j → %s by rule %s', (flags, state, rule) => {
    expect(stateByFlags(flags)).toEqual({ state, rule });
  });
});

const st = (name: string, internalName: string | null, classification: StatusClass) => ({
  name,
  internalName,
  classification,
});

describe('statusDefaultsFromInstance: Flashduty → SDP from the instance’s own statuses', () => {
  it.each([
    [
      'on-prem defaults (SDP help, Configuring Status)',
      [
        st('Open', 'Open', 'open'),
        st('Onhold', 'Onhold', 'on_hold'),
        st('Resolved', 'Resolved', 'completed'),
        st('Closed', 'Closed', 'completed'),
      ],
      { Triggered: 'Open', Processing: 'Open', Snoozed: 'Onhold', Closed: 'Resolved' },
    ],
    [
      'cloud, as recorded',
      [
        st('Open', 'Open', 'open'),
        st('In Progress', 'In Progress', 'in_progress'),
        st('On Hold', 'Onhold', 'on_hold'),
        st('Closed', 'Closed', 'completed'),
        st('Resolved', 'Resolved', 'completed'),
      ],
      { Triggered: 'Open', Processing: 'In Progress', Snoozed: 'On Hold', Closed: 'Resolved' },
    ],
    [
      'renamed system statuses keep their internal names',
      [
        st('New', 'Open', 'open'),
        st('Paused', 'Onhold', 'on_hold'),
        st('Done', 'Closed', 'completed'),
        st('Fixed', 'Resolved', 'completed'),
      ],
      { Triggered: 'New', Processing: 'New', Snoozed: 'Paused', Closed: 'Fixed' },
    ],
    ['nothing known', [], { Triggered: null, Processing: null, Snoozed: null, Closed: null }],
  ] as const)('%s', (_name, statuses, expected) => {
    expect(statusDefaultsFromInstance(statuses)).toEqual(expected);
  });
});

describe('one classification for the status list and a request’s own status', () => {
  it.each([
    ['Resolved', false],
    ['Closed', false],
    ['Cancelled', false],
    ['Canceled', false],
    ['Open', true],
    ['Onhold', true],
    ['Closed (duplicate)', false],
  ] as const)('a status sent without in_progress: %s → in progress %s', (name, expected) => {
    expect(inProgressByName(name)).toBe(expected);
  });

  it('a request whose status carries no flags and is not in the list is classified as the list would be', () => {
    const request = { id: '7', subject: 's', status: { id: '99', name: 'Closed' } } as unknown as SdpRequest;
    const listed = WireStatusDef.parse({ id: '99', name: 'Closed' });
    const { status } = requestSnapshot(request, []);
    expect(classifyStatus(status)).toBe(listed.classification);
    expect(stateByFlags(status).state).toBe('Closed');
  });
});
