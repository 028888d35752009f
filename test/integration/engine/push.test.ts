import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METADATA_TTL_MS } from '../../../electron/services/metadata-cache';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { requestsFor } from '../../helpers/engine-world';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(() => h.close());

describe('manual push, Flashduty → SDP', () => {
  it('creates one request per incident, links it, and is idempotent on a second push', async () => {
    const config = await h.call('integrations.save', { config: h.draft({ trigger: { mode: 'manual' } }) });
    const a = h.fd.createIncident({ title: 'Disk full on db-01', severity: 'Critical' });
    const b = h.fd.createIncident({ title: 'CPU high on web-02', severity: 'Warning' });
    const { results } = await h.call('incidents.push', {
      integrationId: config.id,
      incidentIds: [a.incident_id, b.incident_id],
    });
    expect(results.map((r) => r.outcome)).toEqual(['created', 'created']);
    const requests = h.sdp.listRequests();
    expect(requests.map((r) => r.subject).sort()).toEqual(['CPU high on web-02', 'Disk full on db-01']);
    await h.core.engine.idle();

    const again = await h.call('incidents.push', { integrationId: config.id, incidentIds: [a.incident_id] });
    expect(again.results[0]).toMatchObject({ outcome: 'unchanged', requestId: results[0]!.requestId });
    expect(h.sdp.listRequests()).toHaveLength(2);

    const link = await h.call('links.get', { integrationId: config.id, incidentId: a.incident_id });
    expect(link.link?.requestId).toBe(results[0]!.requestId);
    expect(link.trail.map((e) => e.action)).toContain('create_request');
    const log = await h.call('log.query', { integrationId: config.id });
    expect(log.entries.length).toBeGreaterThan(0);
  });
});

describe('retrying a failed push under a manual trigger', () => {
  it('keeps the push intent: the retried incident gets its request once the cause is fixed', async () => {
    const draft = h.draft({
      trigger: { mode: 'manual' },
      severityMapping: { source: { kind: 'severity' }, toPriority: { Critical: 'P0 does not exist' }, toSeverity: {} },
    });
    const config = await h.call('integrations.save', { config: draft });
    const incident = h.fd.createIncident({ title: 'Needs a valid priority', severity: 'Critical' });
    const first = await h.call('incidents.push', { integrationId: config.id, incidentIds: [incident.incident_id] });
    expect(first.results[0]).toMatchObject({ outcome: 'failed' });
    expect(h.sdp.listRequests()).toHaveLength(0);

    // Fixing the mapping re-queues the parked failure; the retry must not be skipped as "manual mode".
    await h.call('integrations.save', {
      config: {
        ...config,
        severityMapping: { source: { kind: 'severity' }, toPriority: { Critical: 'Urgent' }, toSeverity: {} },
      },
    });
    await h.core.engine.idle();
    expect(h.sdp.listRequests().map((r) => r.subject)).toEqual(['Needs a valid priority']);
  });
});

describe('a parked push under a manual trigger', () => {
  it('stays parked through later polls, and goes through once when SDP is fixed and it is retried', async () => {
    const config = await h.call('integrations.save', {
      config: h.draft({ trigger: { mode: 'manual' }, assignee: { technicianLabelKey: 'owner', groupLabelKey: null } }),
    });
    const incident = h.fd.createIncident({
      title: 'Payroll export stuck',
      severity: 'Critical',
      labels: { owner: 'zoe@example.com' },
    });
    const first = await h.call('incidents.push', { integrationId: config.id, incidentIds: [incident.incident_id] });
    expect(first.results[0]).toMatchObject({ outcome: 'failed' });

    // The poller sees the incident and, under a manual trigger, plans nothing for it: that is no reason to drop the
    // push.
    await h.converge(config.id);
    const failed = await h.call('outbox.list', { integrationId: config.id, state: 'failed' });
    expect(failed.items).toMatchObject([{ entityId: incident.incident_id, lastError: { code: 'assignee_missing' } }]);

    h.sdp.addTechnician('Zoë Park', 'zoe@example.com');
    h.advanceEngineClock(METADATA_TTL_MS + 1);
    await h.call('outbox.retry', { integrationId: config.id });
    await h.core.engine.idle();
    await h.converge(config.id);
    expect(requestsFor(h.sdp, incident.incident_id).map((r) => r.technician)).toEqual(['zoe@example.com']);
    expect((await h.call('outbox.list', { integrationId: config.id })).items).toEqual([]);
  });
});
