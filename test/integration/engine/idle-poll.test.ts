import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(() => h.close());

describe('idle polls', () => {
  it('cost one list call per side once everything is in sync, and nothing more', async () => {
    const id = await h.save({ direction: 'two_way' });
    for (let i = 0; i < 5; i++) h.fd.createIncident({ title: `Incident ${i}`, severity: 'Warning' });
    await h.converge(id, 4);
    // Past the pollers' overlap windows, so the newest edits count as settled.
    h.advanceEngineClock(10_000);
    await h.converge(id, 1);
    h.advanceEngineClock(10_000);
    h.sdp.clearCalls();
    h.fd.clearCalls();

    await h.core.engine.runtime(id)!.pollOnce();
    await h.core.engine.idle();
    expect(
      h.sdp
        .calls()
        .filter((c) => c.kind === 'api')
        .map((c) => `${c.method} ${c.path.replace(/\d+/g, 'N')}`),
    ).toEqual(['GET /api/vN/requests']);
    expect(h.fd.calls().map((c) => c.path)).toEqual(['/incident/list']);
  });

  it('picks up a real change after idle polls', async () => {
    const id = await h.save({ direction: 'two_way' });
    const incident = h.fd.createIncident({ title: 'Will be acked in SDP', severity: 'Warning' });
    await h.converge(id, 3);
    h.advanceEngineClock(10_000);
    await h.converge(id, 1);
    const requestId = (await h.call('links.get', { integrationId: id, incidentId: incident.incident_id })).link!
      .requestId;
    h.sdp.updateRequest(requestId, { status: 'In Progress' });
    await h.converge(id, 2);
    expect(h.fd.incident(incident.incident_id).progress).toBe('Processing');
  });
});
