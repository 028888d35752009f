import { describe, expect, it } from 'vitest';
import { storedText } from '../../../shared/common/contract';
import { integrationState, type StateInputs } from '../../../electron/services/integration-state';

const base: StateInputs = { draft: false, enabled: true, attention: null, unreachable: null, failed: 0, busy: false };

describe('integrationState: one state, the most urgent first', () => {
  const cases: { name: string; inputs: Partial<StateInputs>; state: string }[] = [
    { name: 'nothing to do', inputs: {}, state: 'idle' },
    { name: 'work queued', inputs: { busy: true }, state: 'syncing' },
    { name: 'parked failures outrank syncing and up to date', inputs: { failed: 2, busy: true }, state: 'failing' },
    {
      name: 'an unreachable API outranks failures and syncing',
      inputs: { unreachable: { since: 5 }, failed: 2, busy: true },
      state: 'unreachable',
    },
    {
      name: 'needs attention outranks unreachable',
      inputs: { attention: storedText('SDP API key rejected'), unreachable: { since: 5 } },
      state: 'needs_attention',
    },
    { name: 'disabled', inputs: { enabled: false, failed: 3 }, state: 'disabled' },
    {
      name: 'a draft is a draft whatever else',
      inputs: { draft: true, enabled: false, attention: storedText('x'), failed: 1 },
      state: 'draft',
    },
  ];
  it.each(cases)('$name', ({ inputs, state }) => {
    expect(integrationState({ ...base, ...inputs })).toBe(state);
  });
});
