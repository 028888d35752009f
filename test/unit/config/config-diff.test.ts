import { describe, expect, it } from 'vitest';
import { diffConfigs } from '../../../shared/common/config';

describe('diffConfigs', () => {
  const cases: {
    name: string;
    before: unknown;
    after: unknown;
    changes: { path: string; from: string | null; to: string | null }[];
  }[] = [
    { name: 'identical', before: { name: 'A', channels: ['1'] }, after: { name: 'A', channels: ['1'] }, changes: [] },
    {
      name: 'updatedAt alone is bookkeeping',
      before: { name: 'A', updatedAt: 1 },
      after: { name: 'A', updatedAt: 2 },
      changes: [],
    },
    {
      name: 'a changed leaf',
      before: { sdp: { endpoint: 'https://a' } },
      after: { sdp: { endpoint: 'https://b' } },
      changes: [{ path: 'sdp.endpoint', from: '"https://a"', to: '"https://b"' }],
    },
    {
      name: 'a list item added',
      before: { channels: ['1'] },
      after: { channels: ['1', '2'] },
      changes: [{ path: 'channels[1]', from: null, to: '"2"' }],
    },
    {
      name: 'a list emptied',
      before: { channels: ['1'] },
      after: { channels: [] },
      changes: [
        { path: 'channels', from: null, to: '[]' },
        { path: 'channels[0]', from: '"1"', to: null },
      ],
    },
    {
      name: 'a field removed',
      before: { a: 1, b: true },
      after: { a: 1 },
      changes: [{ path: 'b', from: 'true', to: null }],
    },
    {
      name: 'a boolean flipped',
      before: { enabled: true },
      after: { enabled: false },
      changes: [{ path: 'enabled', from: 'true', to: 'false' }],
    },
  ];
  it.each(cases)('$name', ({ before, after, changes }) => {
    expect(diffConfigs(before, after)).toEqual(changes);
  });
});
