import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSdpClient } from '../../../shared/node/sdp/client';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(() => h.close());

/** Notes as SDP's own API lists them. */
const notesOf = async (h: EngineHarness, requestId: string): Promise<string[]> => {
  const sdp = createSdpClient({ edition: 'onprem', apiBaseUrl: h.sdp.baseUrl, apiKey: h.env.SDP_KEY! });
  return (await sdp.listNotes(requestId)).map((n) => n.description);
};

describe('comments ↔ notes', () => {
  // A Flashduty comment changes no incident field, so it arrives by the i_comm webhook (the poller
  // sees it with the incident's next change); SDP notes move last_updated_time and are polled.
  it('copies each once in each direction, marked with its origin, never back again', async () => {
    const id = await h.save({
      direction: 'two_way',
      ingress: {
        webhooks: true,
        webhookSecret: { env: 'DESKBRIDGE_WEBHOOK_SECRET' },
        flashdutyPollSeconds: 3600,
        sdpPollSeconds: 3600,
      },
    });
    await h.wireWebhooks(id);
    const incident = h.fd.createIncident({ title: 'Comment traffic', severity: 'Warning' });
    await h.converge(id);
    const link = await h.call('links.get', { integrationId: id, incidentId: incident.incident_id });
    const requestId = link.link!.requestId;

    h.fd.comment(incident.incident_id, 'Rolled back the deploy.');
    await h.fd.webhooksIdle();
    h.sdp.addNote(requestId, { description: 'Customer confirms it works again.' });
    await h.converge(id, 6);

    const notes = await notesOf(h, requestId);
    expect(notes.filter((n) => n.includes('Rolled back the deploy.'))).toHaveLength(1);
    expect(notes.filter((n) => n.includes('Customer confirms it works again.'))).toHaveLength(1);
    const texts = h.fd
      .incident(incident.incident_id)
      .feed.filter((f) => f.type === 'i_comm')
      .map((f) => String(f.detail.comment));
    expect(texts.filter((t) => t.includes('Customer confirms it works again.'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Rolled back the deploy.'))).toHaveLength(1);
  });

  it('leaves comments alone when comment sync is off', async () => {
    const id = await h.save({ direction: 'two_way', syncComments: false });
    const incident = h.fd.createIncident({ title: 'Quiet incident', severity: 'Info' });
    await h.converge(id);
    const requestId = (await h.call('links.get', { integrationId: id, incidentId: incident.incident_id })).link!
      .requestId;
    h.fd.comment(incident.incident_id, 'Internal chatter');
    await h.converge(id);
    expect((await notesOf(h, requestId)).some((n) => n.includes('Internal chatter'))).toBe(false);
  });
});
