import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntegrationDraftInput } from '../../../shared/common/config';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { flashdutyWrites, incidentsFor, onlyRequestFor, sdpWrites } from '../../helpers/engine-world';

/** An SDP single-line text field copied to a Flashduty incident custom field ("Others ↔ Custom fields"). */
let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(() => h.close());

const CONFIG: Partial<IntegrationDraftInput> = {
  direction: 'two_way',
  fromSdp: { udfFields: [{ udfKey: 'udf_sline_301', field: 'location' }] },
};
const locationResets = () =>
  h.fd
    .calls()
    .filter((c) => c.path === '/incident/field/reset' && (c.body as { field_name?: unknown }).field_name === 'location')
    .length;

describe('SDP text field → Flashduty custom field, end to end', () => {
  it('an edit in SDP sets the incident field once, and the echo writes nothing back', async () => {
    const id = await h.save(CONFIG);
    const incident = h.fd.createIncident({ title: 'Core switch flapping', severity: 'Critical' }).incident_id;
    await h.converge(id);
    const { id: requestId } = onlyRequestFor(h.sdp, incident);

    h.sdp.updateRequest(requestId, { udf_fields: { udf_sline_301: 'Berlin DC2, rack 14' } });
    await h.converge(id);
    expect(h.fd.incident(incident).fields.location).toBe('Berlin DC2, rack 14');
    expect(locationResets()).toBe(1);

    const [fdBefore, sdpBefore] = [flashdutyWrites(h.fd), sdpWrites(h.sdp)];
    await h.converge(id);
    expect([flashdutyWrites(h.fd) - fdBefore, sdpWrites(h.sdp) - sdpBefore]).toEqual([0, 0]);
    expect(onlyRequestFor(h.sdp, incident).udf.udf_sline_301).toBe('Berlin DC2, rack 14');
  });

  it('an edit of the incident field stays in Flashduty: SDP is the source', async () => {
    const id = await h.save(CONFIG);
    const incident = h.fd.createIncident({ title: 'Core switch flapping', severity: 'Critical' }).incident_id;
    await h.converge(id);
    const { id: requestId } = onlyRequestFor(h.sdp, incident);
    h.sdp.updateRequest(requestId, { udf_fields: { udf_sline_301: 'Berlin DC2' } });
    await h.converge(id);

    const sdpBefore = sdpWrites(h.sdp);
    h.fd.setField(incident, 'location', 'Hamburg');
    await h.converge(id);
    expect(sdpWrites(h.sdp)).toBe(sdpBefore);
    expect(onlyRequestFor(h.sdp, incident).udf.udf_sline_301).toBe('Berlin DC2');
    expect(h.fd.incident(incident).fields.location).toBe('Hamburg');
  });

  it('a request becomes an incident with the field already set', async () => {
    const id = await h.save(CONFIG);
    const created = h.sdp.createRequest({
      subject: 'Badge reader offline',
      udf_fields: { udf_sline_301: 'Munich, lobby' },
    });
    await h.converge(id);
    const [incident] = incidentsFor(h.fd, String(created.id));
    expect(incident?.fields.location).toBe('Munich, lobby');
  });
});
