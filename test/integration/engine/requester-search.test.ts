import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(() => h.close());

const directoryReads = (h: EngineHarness) => h.sdp.calls().filter((c) => /\/(requesters|users)\b/.test(c.path)).length;

describe('the requester box', () => {
  it('searches one read of the directory while the admin types, and reads it again once it is old', async () => {
    const id = await h.save({ direction: 'to_sdp' });
    h.sdp.clearCalls();
    const all = (await h.call('metadata.requesters', { integrationId: id, search: '' })).requesters;
    expect(all.length).toBeGreaterThan(1);
    const reads = directoryReads(h);
    expect(reads).toBeGreaterThan(0);

    const first = all[0]!;
    const typed = first.name.slice(0, 3).toUpperCase();
    const found = (await h.call('metadata.requesters', { integrationId: id, search: typed })).requesters;
    expect(found).toContainEqual(first);
    expect(
      found.every((r) => r.name.toLowerCase().includes(typed.toLowerCase()) || r.email?.includes(typed.toLowerCase())),
    ).toBe(true);
    await h.call('metadata.requesters', { integrationId: id, search: first.name });
    expect(directoryReads(h)).toBe(reads);

    h.advanceEngineClock(6 * 60_000);
    await h.call('metadata.requesters', { integrationId: id, search: typed });
    expect(directoryReads(h)).toBe(2 * reads);
  });
});
