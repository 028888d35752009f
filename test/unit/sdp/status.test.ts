import { describe, expect, it } from 'vitest';
import { classifyStatus } from '../../../shared/sdp/status';

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
