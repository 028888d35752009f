import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentState } from '../../../shared/common/config';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { incidentsFor, incidentState, onlyRequestFor, requestView } from '../../helpers/engine-world';
import { renderMessage } from '../../../renderer/src/i18n/messages';

/**
 * The whole sync with webhooks OFF (the default): every change travels by polling, against SDP list
 * rows as lean as the real ones, on each edition's own default statuses (on-prem: Open, Onhold,
 * Resolved, Closed; cloud: Flashduty's table). The product must read what it needs, not what a
 * lenient simulator happened to hand it.
 */
const EDITIONS = {
  onprem: {
    // Flashduty → SDP: the instance's own statuses by their flags (on-prem has no "In Progress" or "On Hold").
    toSdp: { Triggered: 'Open', Processing: 'Open', Snoozed: 'Onhold', Closed: 'Resolved' },
    // SDP → Flashduty: every status the instance has; Onhold is not in Flashduty's table, its flags decide.
    fromSdp: [
      ['Open', 'Triggered'],
      ['Onhold', 'Snoozed'],
      ['Resolved', 'Closed'],
      ['Open', 'Triggered'],
      ['Closed', 'Closed'],
    ],
  },
  cloud: {
    toSdp: { Triggered: 'Open', Processing: 'In Progress', Snoozed: 'On Hold', Closed: 'Resolved' },
    fromSdp: [
      ['In Progress', 'Processing'],
      ['Open', 'Triggered'],
      ['Assigned', 'Processing'],
      ['Pending Verification', 'Processing'],
      ['Staging', 'Processing'],
      ['On Hold', 'Snoozed'],
      ['Resolved', 'Closed'],
      ['Open', 'Triggered'],
      ['Closed', 'Closed'],
      ['In Progress', 'Processing'],
      ['Canceled', 'Closed'],
      ['Open', 'Triggered'],
      ['Rejected', 'Closed'],
    ],
  },
} as const satisfies Record<
  string,
  { toSdp: Record<IncidentState, string>; fromSdp: readonly (readonly [string, IncidentState])[] }
>;

const SEVERITY = {
  toPriority: { Critical: 'Urgent', Warning: 'Medium', Info: 'Low' },
  toSeverity: { Urgent: 'Critical', High: 'Critical', Medium: 'Warning', Low: 'Info' },
} as const;

let h: EngineHarness;
afterEach(async () => {
  await h?.close();
});

describe.each(['onprem', 'cloud'] as const)('polling only, lean list rows, %s', (edition) => {
  const table = EDITIONS[edition];

  async function start(): Promise<string> {
    h = await startEngineHarness({ edition, sdpStatuses: 'defaults' });
    return h.save({
      direction: 'two_way',
      severityMapping: {
        source: { kind: 'severity' },
        toPriority: { ...SEVERITY.toPriority },
        toSeverity: { ...SEVERITY.toSeverity },
      },
      ingress: {
        webhooks: false,
        webhookSecret: { env: 'DESKBRIDGE_WEBHOOK_SECRET' },
        flashdutyPollSeconds: 3600,
        sdpPollSeconds: 3600,
        commentPollSeconds: 30,
      },
    });
  }

  /** Past the SDP poller's overlap and the comment-check interval, then one poll of both sides. */
  async function poll(id: string): Promise<void> {
    h.advanceEngineClock(31_000);
    await h.converge(id, 2);
  }

  it('Flashduty’s states reach SDP as the instance’s statuses, and severity becomes priority', async () => {
    const id = await start();
    const incident = h.fd.createIncident({ title: 'Disk full on db-1', severity: 'Critical' }).incident_id;
    await poll(id);
    expect(onlyRequestFor(h.sdp, incident)).toMatchObject({ status: table.toSdp.Triggered, priority: 'Urgent' });

    const steps: [IncidentState, () => void][] = [
      ['Processing', () => h.fd.ack(incident)],
      ['Snoozed', () => h.fd.snooze(incident, 60)],
      ['Closed', () => h.fd.resolve(incident, { resolution: 'Freed space' })],
    ];
    for (const [state, act] of steps) {
      act();
      await poll(id);
      expect([state, onlyRequestFor(h.sdp, incident).status]).toEqual([state, table.toSdp[state]]);
    }
    h.fd.reopen(incident);
    h.fd.reset(incident, { incident_severity: 'Warning' });
    await poll(id);
    expect(onlyRequestFor(h.sdp, incident)).toMatchObject({ status: table.toSdp.Triggered, priority: 'Medium' });
  });

  it('an SDP-created request becomes an incident with its mapped severity, and every instance status reaches Flashduty', async () => {
    const id = await start();
    const requestId = String(
      h.sdp.createRequest({
        subject: 'VPN down for the London office',
        priority: 'High',
        description: 'Users cannot connect.',
      }).id,
    );
    await poll(id);
    const [created] = incidentsFor(h.fd, requestId);
    expect(created).toMatchObject({ title: 'VPN down for the London office', incident_severity: 'Critical' });
    const incident = created!.incident_id;

    for (const [status, state] of table.fromSdp) {
      h.sdp.updateRequest(requestId, { status, as: 'bala@example.com' });
      await poll(id);
      expect([status, incidentState(h.fd, incident)]).toEqual([status, state]);
    }
    h.sdp.updateRequest(requestId, { status: 'Open', priority: 'Low', as: 'bala@example.com' });
    await poll(id);
    expect(h.fd.incident(incident).incident_severity).toBe('Info');
    expect(incidentsFor(h.fd, requestId)).toHaveLength(1);

    if (edition === 'onprem') {
      const log = await h.call('log.query', { integrationId: id, requestId, text: 'Onhold', limit: 20 });
      expect(log.entries.map((e) => renderMessage(e.message, 'en'))).toContainEqual(
        expect.stringContaining(
          'SDP status “Onhold” is not in the status table; mapped by its flags: timer stopped → Snoozed',
        ),
      );
    }
  });

  it('comments and notes cross both ways without webhooks, once each', async () => {
    const id = await start();
    const incident = h.fd.createIncident({ title: 'Checkout errors', severity: 'Warning' }).incident_id;
    await poll(id);
    const requestId = onlyRequestFor(h.sdp, incident).id;

    // A comment changes no incident field: only the feed check can see it.
    h.fd.comment(incident, 'Rolled back the deploy.');
    h.sdp.addNote(requestId, { description: 'Customer confirms it works again.' });
    await poll(id);
    await poll(id);

    const notesSent = h.sdp
      .calls()
      .filter((c) => c.method === 'POST' && c.path.endsWith(`/requests/${requestId}/notes`) && c.status < 300)
      .map((c) => JSON.stringify(c.inputData));
    expect(notesSent.filter((n) => n.includes('Rolled back the deploy.'))).toHaveLength(1);
    const comments = h.fd
      .incident(incident)
      .feed.filter((f) => f.type === 'i_comm')
      .map((f) => String(f.detail.comment));
    expect(comments.filter((t) => t.includes('Customer confirms it works again.'))).toHaveLength(1);
    expect(comments.filter((t) => t.includes('Rolled back the deploy.'))).toHaveLength(1);
  });

  it('comment checks are batched: at most 20 feeds a check, least recently checked first', async () => {
    const id = await start();
    const incidents = Array.from(
      { length: 25 },
      (_, i) => h.fd.createIncident({ title: `Busy desk ${i}`, severity: 'Info' }).incident_id,
    );
    await poll(id);
    for (const incident of incidents) h.fd.comment(incident, `Note on ${incident}`);
    // The check reads a feed's newest comment only (limit 1); a sync pass reads the whole thread.
    const checks = (): number =>
      h.fd.calls().filter((c) => c.path === '/incident/feed' && (c.body as { limit?: number }).limit === 1).length;

    h.fd.clearCalls();
    h.advanceEngineClock(31_000);
    await h.core.engine.runtime(id)!.pollOnce();
    await h.core.engine.idle();
    expect(checks()).toBe(20);
    h.fd.clearCalls();
    await poll(id);
    expect(checks()).toBe(20);

    const copied = h.sdp
      .calls()
      .filter((c) => c.method === 'POST' && c.path.endsWith('/notes') && c.status < 300).length;
    expect(copied).toBe(25);
  });

  it('every request list asks for the fields the poller reads, and planning reads the full request', async () => {
    const id = await start();
    const requestId = String(h.sdp.createRequest({ subject: 'Printer jam', priority: 'Medium' }).id);
    await poll(id);
    // The poller's lists: those searching by last_updated_time (the connect flow's scope check lists one row too).
    const lists = h.sdp
      .calls()
      .filter((c) => c.method === 'GET' && /\/requests$/.test(c.path))
      .filter((c) =>
        JSON.stringify(
          (c.inputData as { list_info: { search_criteria?: unknown } }).list_info.search_criteria ?? null,
        ).includes('last_updated_time'),
      );
    expect(lists.length).toBeGreaterThan(0);
    for (const c of lists)
      expect((c.inputData as { list_info: { fields_required?: string[] } }).list_info.fields_required).toContain(
        'last_updated_time',
      );
    expect(h.sdp.calls().some((c) => c.method === 'GET' && c.path.endsWith(`/requests/${requestId}`))).toBe(true);
    expect(requestView(h.sdp.getRequest(requestId)!).priority).toBe('Medium');
  });
});
