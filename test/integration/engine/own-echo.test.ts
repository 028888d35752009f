import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(() => h.close());

const sdpApiCalls = (h: EngineHarness): string[] =>
  h.sdp
    .calls()
    .filter((c) => c.kind === 'api')
    .map((c) => `${c.method} ${c.path.replace(/\d+/g, 'N')}`);

/** Two-way pairs made by one poll; returns the integration and its incident → request pairs. */
async function pairsMade(count: number): Promise<{ id: string; pairs: { incidentId: string; requestId: string }[] }> {
  const id = await h.save({ direction: 'two_way' });
  const incidents = Array.from(
    { length: count },
    (_, i) => h.fd.createIncident({ title: `Pair ${i}`, severity: 'Warning' }).incident_id,
  );
  await h.settle(id);
  const pairs = await Promise.all(
    incidents.map(async (incidentId) => ({
      incidentId,
      requestId: (await h.call('links.get', { integrationId: id, incidentId })).link!.requestId,
    })),
  );
  return { id, pairs };
}

async function pollOnce(id: string): Promise<void> {
  await h.core.engine.runtime(id)!.pollOnce();
  await h.core.engine.idle();
}

describe('requests as our own last write left them', () => {
  it('are not re-read when the SDP poll lists them right after we created them', async () => {
    const { id } = await pairsMade(3);
    // Writing each request's number and link back to its incident changed the incident once; that
    // echo is Flashduty's, and is seen (and found to need nothing) before the poll under test.
    await h.core.engine.runtime(id)!.pollOnce(['flashduty']);
    await h.core.engine.idle();
    h.sdp.clearCalls();
    h.fd.clearCalls();

    await pollOnce(id);

    expect(sdpApiCalls(h)).toEqual(['GET /api/vN/requests']);
    expect(h.fd.calls().map((c) => c.path)).toEqual(['/incident/list']);
  });

  it('still sync a subject edited in SDP after our write', async () => {
    const { id, pairs } = await pairsMade(1);
    const pair = pairs[0]!;
    h.sdp.updateRequest(pair.requestId, { subject: 'Renamed in SDP' });

    await pollOnce(id);

    expect(h.fd.incident(pair.incidentId).title).toBe('Renamed in SDP');
  });

  it('still copy a note added in SDP after our write', async () => {
    const { id, pairs } = await pairsMade(1);
    const pair = pairs[0]!;
    h.sdp.addNote(pair.requestId, { description: 'Vendor ticket opened.' });

    await h.converge(id, 2);

    const comments = h.fd
      .incident(pair.incidentId)
      .feed.filter((f) => f.type === 'i_comm')
      .map((f) => String(f.detail.comment));
    expect(comments.filter((c) => c.includes('Vendor ticket opened.'))).toHaveLength(1);
  });
});

describe('incidents as our request-link write left them', () => {
  it('still sync a title edited in Flashduty after that write', async () => {
    const { id, pairs } = await pairsMade(1);
    const pair = pairs[0]!;
    h.fd.reset(pair.incidentId, { title: 'Renamed in Flashduty' });

    await pollOnce(id);

    expect(h.sdp.getRequest(pair.requestId)).toMatchObject({ subject: 'Renamed in Flashduty' });
  });
});
