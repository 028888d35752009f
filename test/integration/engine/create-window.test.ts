import { afterEach, describe, expect, it } from 'vitest';
import { fastClients } from '../../helpers/engine-clients';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { incidentsFor, requests } from '../../helpers/engine-world';
import { until } from '../../helpers/until';

/**
 * Flashduty's create takes no fields, so an incident made for an SDP request is unmarked until a
 * second call writes its marker. A poll that lists it before then must not take it for a new
 * incident of its own: two-way would open a second request for it (seen once in the 429 burst test).
 */
let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('an incident listed while its create is still marking it', () => {
  it('is left to the create: one incident, one request, no second request for the new incident', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const clients = fastClients();
    h = await startEngineHarness({
      clientOptions: { ...clients, flashduty: { ...clients.flashduty, sleep: () => held } },
    });
    const x = h;
    const id = await x.save({ direction: 'two_way' });
    const walkIn = String(x.sdp.createRequest({ subject: 'Printer on fire' }).id);
    // The marker write is answered 429, and the client's wait before its retry is held by the test.
    x.fd.injectFault({ kind: 'rate429', times: 1, retryAfterSec: 1, pathIncludes: '/incident/field/reset' });
    // Looked up each time: the engine may rebuild an integration's runtime (e.g. once its metadata loads).
    const runtime = () => x.core.engine.runtime(id)!;
    const polled = runtime().pollOnce();
    await until(() => x.fd.calls().some((c) => c.fault === 'rate429'), 'the marker write answered 429');
    const [incident] = x.fd.incidents();
    expect(incident!.fields.sdp_request_id).toBeUndefined();

    // A poll lists the unmarked incident while its create waits between the two calls.
    const listed = runtime().runner.hint({ side: 'flashduty', id: incident!.incident_id, origin: 'poll' });
    // Whatever a pass over it does, it has done once only the held create is left in the queue.
    await until(() => runtime().runner.queued === 1, 'only the held create left in the queue');
    release();
    await Promise.all([polled, listed]);
    await x.converge(id);

    expect(requests(x.sdp).map((r) => r.id)).toEqual([walkIn]);
    expect(incidentsFor(x.fd, walkIn)).toHaveLength(1);
    expect(x.fd.incidents()).toHaveLength(1);
  });
});
