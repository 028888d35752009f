import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { requestsFor } from '../../helpers/engine-world';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(() => h.close());

describe('retrying parked failures', () => {
  it('is one attempt: failing again for the same reason parks it again, once, and nothing keeps looping', async () => {
    const id = await h.save({ trigger: { mode: 'manual' } });
    h.sdp.injectFault({ kind: 'forbidden', method: 'POST', pathIncludes: '/requests', times: 1000 });
    const incident = h.fd.createIncident({ title: 'Retry once: DNS flapping', severity: 'Info' });
    const { results } = await h.call('incidents.push', { integrationId: id, incidentIds: [incident.incident_id] });
    expect(results[0]?.outcome).toBe('failed');
    const failedBefore = await h.call('outbox.list', { integrationId: id, state: 'failed' });
    expect(failedBefore.items).toHaveLength(1);
    const errorsBefore = (await h.call('log.query', { integrationId: id, levels: ['error'] })).entries.length;

    expect((await h.call('outbox.retry', { integrationId: id })).requeued).toBe(1);
    await h.core.engine.idle();
    // The engine's 5-second scan for due work, run a few times: nothing is due any more.
    const runtime = h.core.engine.runtime(id)!;
    for (let i = 0; i < 3; i++) {
      runtime.runner.resumeDue();
      await h.core.engine.idle();
    }

    const all = await h.call('outbox.list', { integrationId: id });
    expect(all.items.map((i) => i.state)).toEqual(['failed']);
    const errorsAfter = (await h.call('log.query', { integrationId: id, levels: ['error'] })).entries.length;
    expect(errorsAfter - errorsBefore).toBe(1);
    expect(requestsFor(h.sdp, incident.incident_id)).toHaveLength(0);

    // Once the cause is gone, one more retry goes through.
    h.sdp.clearFaults();
    await h.call('outbox.retry', { integrationId: id });
    await h.core.engine.idle();
    expect(requestsFor(h.sdp, incident.incident_id)).toHaveLength(1);
    expect((await h.call('outbox.list', { integrationId: id })).items).toEqual([]);
  });
});

describe('retrying from a sync log entry', () => {
  it('requeues the parked operations of the entity the entry names, and only those', async () => {
    const id = await h.save({ trigger: { mode: 'manual' } });
    h.sdp.injectFault({ kind: 'forbidden', method: 'POST', pathIncludes: '/requests', times: 1000 });
    const [first, second] = ['Retry by entry: queue lag', 'Retry by entry: disk full'].map(
      (title) => h.fd.createIncident({ title, severity: 'Info' }).incident_id,
    );
    await h.call('incidents.push', { integrationId: id, incidentIds: [first!, second!] });
    expect((await h.call('outbox.list', { integrationId: id, state: 'failed' })).items).toHaveLength(2);
    const { entries } = await h.call('log.query', { integrationId: id, incidentId: first!, levels: ['error'] });
    h.sdp.clearFaults();

    const logEntryId = entries[0]!.id;
    expect((await h.call('outbox.retry', { integrationId: id, logEntryId })).requeued).toBe(1);
    await h.core.engine.idle();
    expect([requestsFor(h.sdp, first!).length, requestsFor(h.sdp, second!).length]).toEqual([1, 0]);
    expect((await h.call('outbox.list', { integrationId: id, state: 'failed' })).items.map((i) => i.entityId)).toEqual([
      second,
    ]);
    // Retried already: the same entry names nothing parked any more; an entry that is not there names nothing at all.
    expect((await h.call('outbox.retry', { integrationId: id, logEntryId })).requeued).toBe(0);
    expect((await h.call('outbox.retry', { integrationId: id, logEntryId: '999999999' })).requeued).toBe(0);
  });
});
