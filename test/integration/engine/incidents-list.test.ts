import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(() => h.close());

describe('incidents.list', () => {
  it('shows the most recent incidents first, with their link state, up to the limit', async () => {
    const id = await h.save({ trigger: { mode: 'manual' } });
    const now = Math.floor(Date.now() / 1000);
    const made = [5, 4, 3, 2, 1].map((hoursAgo) =>
      h.fd.createIncident({ title: `${hoursAgo} h ago`, severity: 'Info', startTime: now - hoursAgo * 3600 }),
    );
    await h.call('incidents.push', { integrationId: id, incidentIds: [made[4]!.incident_id] });
    const { incidents } = await h.call('incidents.list', {
      integrationId: id,
      since: (now - 6 * 3600) * 1000,
      limit: 2,
    });
    expect(incidents.map((i) => i.title)).toEqual(['1 h ago', '2 h ago']);
    expect(incidents[0]!.requestId).toMatch(/^\d+$/);
    expect(incidents[1]!.requestId).toBeNull();
  });
});
