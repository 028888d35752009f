import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntegrationDraftInput } from '../../../shared/common/config';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { incidentsFor, requests, requestsFor } from '../../helpers/engine-world';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(() => h.close());

interface Row {
  name: string;
  config: Partial<IntegrationDraftInput>;
  /** A new Flashduty incident gets an SDP request by itself (poll), without a push. */
  incidentCreatesRequest: boolean;
  /** A manual push creates the request even when polling does not. */
  pushCreatesRequest: boolean;
  /** A new SDP request gets a Flashduty incident. */
  requestCreatesIncident: boolean;
  /** A technician's status change on a linked request reaches the incident. */
  statusFlowsBack: boolean;
}

const ROWS: Row[] = [
  {
    name: 'to_sdp, auto',
    config: { direction: 'to_sdp', trigger: { mode: 'auto', match: 'all', conditions: [] } },
    incidentCreatesRequest: true,
    pushCreatesRequest: true,
    requestCreatesIncident: false,
    statusFlowsBack: false,
  },
  {
    name: 'to_sdp, manual',
    config: { direction: 'to_sdp', trigger: { mode: 'manual' } },
    incidentCreatesRequest: false,
    pushCreatesRequest: true,
    requestCreatesIncident: false,
    statusFlowsBack: false,
  },
  {
    name: 'from_sdp',
    config: { direction: 'from_sdp' },
    incidentCreatesRequest: false,
    pushCreatesRequest: false,
    requestCreatesIncident: true,
    statusFlowsBack: true,
  },
  {
    name: 'two_way, auto',
    config: { direction: 'two_way' },
    incidentCreatesRequest: true,
    pushCreatesRequest: true,
    requestCreatesIncident: true,
    statusFlowsBack: true,
  },
  {
    name: 'two_way, manual',
    config: { direction: 'two_way', trigger: { mode: 'manual' } },
    incidentCreatesRequest: false,
    pushCreatesRequest: true,
    requestCreatesIncident: true,
    statusFlowsBack: true,
  },
];

describe('each direction × trigger mode, end to end', () => {
  it.each(ROWS)('$name', async (row) => {
    const id = await h.save(row.config);

    const incident = h.fd.createIncident({ title: `Disk full (${row.name})`, severity: 'Critical' });
    await h.converge(id);
    expect(requestsFor(h.sdp, incident.incident_id)).toHaveLength(row.incidentCreatesRequest ? 1 : 0);

    const pushed = await h.call('incidents.push', { integrationId: id, incidentIds: [incident.incident_id] });
    await h.core.engine.idle();
    expect(requestsFor(h.sdp, incident.incident_id)).toHaveLength(row.pushCreatesRequest ? 1 : 0);
    if (!row.pushCreatesRequest) expect(pushed.results[0]!.outcome).toBe('skipped');

    const request = h.sdp.createRequest({ subject: `Printer jammed (${row.name})`, description: 'Third floor.' });
    await h.converge(id);
    const mirrored = incidentsFor(h.fd, String(request.id));
    expect(mirrored).toHaveLength(row.requestCreatesIncident ? 1 : 0);
    if (row.requestCreatesIncident) expect(mirrored[0]!.title).toBe(`Printer jammed (${row.name})`);

    // Incidents created from requests never bounce back as a second request.
    expect(requests(h.sdp)).toHaveLength(1 + (row.pushCreatesRequest ? 1 : 0));

    if (row.pushCreatesRequest) {
      const linked = requestsFor(h.sdp, incident.incident_id)[0]!;
      h.sdp.updateRequest(linked.id, { status: 'Resolved' });
      await h.converge(id);
      expect(h.fd.incident(incident.incident_id).progress).toBe(row.statusFlowsBack ? 'Closed' : 'Triggered');
    }
  });
});
