import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SDP_TO_FLASHDUTY_STATUS } from '../../../shared/common/config';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { incidentState, incidentsFor, onlyRequestFor } from '../../helpers/engine-world';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(() => h.close());

const SDP_ROWS = Object.entries(DEFAULT_SDP_TO_FLASHDUTY_STATUS).map(([status, state]) => ({ status, state }));

describe('every seed row SDP → Flashduty, end to end', () => {
  it('covers the whole seed table', () => {
    expect(SDP_ROWS.map((r) => r.status)).toEqual([
      'Open',
      'In Progress',
      'Assigned',
      'Pending Verification',
      'Staging',
      'On Hold',
      'Resolved',
      'Closed',
      'Canceled',
      'Rejected',
    ]);
  });

  it.each(SDP_ROWS)('$status → $state', async ({ status, state }) => {
    const id = await h.save({ direction: 'from_sdp' });
    // Start from a status of another state, so every row is a real transition.
    const start = state === 'Processing' ? 'Open' : 'In Progress';
    const request = h.sdp.createRequest({ subject: `Request going to ${status}`, status: start });
    await h.converge(id);
    const [incident] = incidentsFor(h.fd, String(request.id));
    expect(incident).toBeDefined();
    expect(incidentState(h.fd, incident!.incident_id)).toBe(DEFAULT_SDP_TO_FLASHDUTY_STATUS[start]);

    h.sdp.updateRequest(String(request.id), { status });
    await h.converge(id);
    expect(incidentState(h.fd, incident!.incident_id)).toBe(state);
    if (state === 'Snoozed') {
      // Snoozed for the default 120 minutes, measured on the simulator's own clock.
      const until = (h.fd.renderIncident(incident!.incident_id) as { snoozed_before: number }).snoozed_before * 1000;
      expect(until - h.fd.now()).toBeGreaterThan(118 * 60_000);
      expect(until - h.fd.now()).toBeLessThanOrEqual(120 * 60_000);
    }
    expect(incidentsFor(h.fd, String(request.id))).toHaveLength(1);
  });
});

type Act = (h: EngineHarness, incidentId: string) => void;
const FD_ROWS: { state: string; status: string; before?: Act; act: Act }[] = [
  { state: 'Triggered', status: 'Open', before: (x, i) => x.fd.ack(i), act: (x, i) => x.fd.unack(i) },
  { state: 'Processing', status: 'In Progress', act: (x, i) => x.fd.ack(i) },
  { state: 'Snoozed', status: 'On Hold', act: (x, i) => x.fd.snooze(i, 30) },
  {
    state: 'Closed',
    status: 'Resolved',
    act: (x, i) => x.fd.resolve(i, { root_cause: 'Disk filled by logs', resolution: 'Rotated logs' }),
  },
];

describe('every seed row Flashduty → SDP, end to end', () => {
  it.each(FD_ROWS)('$state → $status', async ({ status, before, act }) => {
    const id = await h.save({ direction: 'to_sdp' });
    const incident = h.fd.createIncident({ title: 'Disk full on db-01', severity: 'Critical' });
    before?.(h, incident.incident_id);
    await h.converge(id);
    expect(onlyRequestFor(h.sdp, incident.incident_id).status).not.toBe(status);

    act(h, incident.incident_id);
    await h.converge(id);
    const request = onlyRequestFor(h.sdp, incident.incident_id);
    expect(request.status).toBe(status);
    if (status === 'Resolved') expect(request.resolution).toContain('Rotated logs');
  });
});
