import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { requestsFor } from '../../helpers/engine-world';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(() => h.close());

const METADATA = /\/(priorities|statuses|request_templates|technicians|support_groups|requests\/_metainfo)\b/;

describe('SDP metadata', () => {
  it('is read once for the editor and the engine: the editor’s read is what the next sync checks against', async () => {
    const id = await h.save({ direction: 'to_sdp' });
    await h.converge(id, 1);
    // Past the engine's metadata TTL: its own copy is stale.
    h.advanceEngineClock(11 * 60_000);

    h.sdp.clearCalls();
    const view = await h.call('metadata.sdp', { integrationId: id });
    expect(view.priorities.length).toBeGreaterThan(0);
    const editorReads = h.sdp.calls().filter((c) => METADATA.test(c.path)).length;
    expect(editorReads).toBeGreaterThan(0);

    h.sdp.clearCalls();
    const incident = h.fd.createIncident({ title: 'Metadata once: VPN down', severity: 'Critical' }).incident_id;
    await h.converge(id, 2);
    expect(requestsFor(h.sdp, incident)).toHaveLength(1);
    expect(h.sdp.calls().filter((c) => METADATA.test(c.path))).toEqual([]);
  });
});
