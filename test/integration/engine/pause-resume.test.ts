import { afterEach, describe, expect, it } from 'vitest';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { requestsFor, sdpWrites } from '../../helpers/engine-world';
import { until } from '../../helpers/until';
import { trayCall, type TrayAction } from '../../../electron/tray-model';
import { renderMessage } from '../../../renderer/src/i18n/messages';

let h: EngineHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('pause and resume', () => {
  for (const scope of ['one integration', 'all integrations'] as const) {
    it(`${scope}: paused, nothing is written and every change waits in the outbox; resumed, it catches up without another poll`, async () => {
      const x = (h = await startEngineHarness());
      const id = await x.save({ direction: 'to_sdp' });
      const input = scope === 'one integration' ? { integrationId: id } : {};
      await x.call('engine.pause', input);
      const ids = ['Queue depth high', 'Disk latency', 'Cert expiring'].map(
        (title) => x.fd.createIncident({ title, severity: 'Warning' }).incident_id,
      );
      const writesBefore = sdpWrites(x.sdp);
      await x.converge(id, 2);

      expect(sdpWrites(x.sdp)).toBe(writesBefore);
      const waitingItems = (await x.call('outbox.list', { integrationId: id, state: 'pending' })).items;
      expect(waitingItems.map((i) => i.entityId).sort()).toEqual([...ids].sort());
      // Each is a marker to re-read the incident once the integration may write, not a skipped operation.
      expect(waitingItems.map((i) => renderMessage(i.summary, 'en'))).toEqual(
        ids.map(
          () => 'Re-read and sync when due: the integration may not write now (paused, needs attention, or stopping).',
        ),
      );

      await x.call('engine.resume', input);
      await x.core.engine.idle();
      expect(ids.map((i) => requestsFor(x.sdp, i).length)).toEqual([1, 1, 1]);
      expect((await x.call('outbox.list', { integrationId: id, state: 'pending' })).items).toEqual([]);
    });
  }

  for (const scope of ['one integration', 'all integrations'] as const) {
    it(`from the tray, ${scope}: resuming catches up on the changes made while paused, as the UI's resume does`, async () => {
      const x = (h = await startEngineHarness());
      const id = await x.save({ direction: 'to_sdp' });
      // What electron/main.ts does with a tray click: the tray action's contract call, through the one dispatcher.
      const click = async (action: TrayAction): Promise<void> => {
        const call = trayCall(action)!;
        expect(await x.core.dispatcher.dispatch(call.method, call.input)).toMatchObject({ ok: true });
      };
      await click(scope === 'one integration' ? { kind: 'pause', integrationId: id } : { kind: 'pause-all' });
      const incident = x.fd.createIncident({ title: 'Paging storm', severity: 'Critical' }).incident_id;
      await x.converge(id, 2);
      expect(requestsFor(x.sdp, incident)).toHaveLength(0);

      await click(scope === 'one integration' ? { kind: 'resume', integrationId: id } : { kind: 'resume-all' });
      await x.core.engine.idle();
      expect(requestsFor(x.sdp, incident)).toHaveLength(1);
    });
  }

  it('under a manual trigger, resuming pushes what was pushed while paused, and nothing the poller merely saw', async () => {
    const x = (h = await startEngineHarness());
    const id = await x.save({ direction: 'to_sdp', trigger: { mode: 'manual' } });
    await x.call('engine.pause', { integrationId: id });
    const seen = x.fd.createIncident({ title: 'Only polled', severity: 'Warning' }).incident_id;
    const pushed = x.fd.createIncident({ title: 'Pushed while paused', severity: 'Warning' }).incident_id;
    await x.converge(id, 2);
    await x.call('incidents.push', { integrationId: id, incidentIds: [pushed] });

    await x.call('engine.resume', { integrationId: id });
    await x.core.engine.idle();
    expect([requestsFor(x.sdp, pushed).length, requestsFor(x.sdp, seen).length]).toEqual([1, 0]);
  });

  it('a pause in the middle of a pass stops before its next write', async () => {
    const x = (h = await startEngineHarness());
    const id = await x.save({ direction: 'two_way' });
    const incident = x.fd.createIncident({ title: 'Switch flapping', severity: 'Warning' }).incident_id;
    await x.converge(id, 2);
    const request = requestsFor(x.sdp, incident)[0]!.id;
    // A technician changes the subject and the status: two Flashduty writes, reset then ack.
    x.sdp.updateRequest(request, {
      subject: 'Switch flapping on floor 3',
      status: 'In Progress',
      as: 'bala@example.com',
    });
    // Flashduty answers slowly: the pause lands while the reset is on its way, before the ack.
    x.fd.setLatency(300);
    const pass = x.settle(id);
    await until(() => x.fd.calls().some((c) => c.path === '/incident/reset'), 'the reset on its way', { everyMs: 5 });
    await x.call('engine.pause', { integrationId: id });
    await pass;
    x.fd.setLatency(0);
    expect(x.fd.incident(incident).title).toBe('Switch flapping on floor 3');
    expect(x.fd.incident(incident).progress).toBe('Triggered');

    await x.call('engine.resume', { integrationId: id });
    await x.core.engine.idle();
    expect(x.fd.incident(incident).progress).toBe('Processing');
  });
});

describe('resuming one integration while all are paused', () => {
  it('resumes that one and catches it up; the others stay paused', async () => {
    const x = (h = await startEngineHarness());
    const first = await x.save({ name: 'First', direction: 'to_sdp' });
    const second = await x.save({ name: 'Second', direction: 'to_sdp', channels: ['1'] });
    await x.call('engine.pause', {});
    const incident = x.fd.createIncident({ title: 'Resumed alone', severity: 'Warning' }).incident_id;
    await x.converge(first, 2);
    expect(requestsFor(x.sdp, incident)).toHaveLength(0);

    const status = await x.call('engine.resume', { integrationId: first });
    await x.core.engine.idle();
    expect(requestsFor(x.sdp, incident)).toHaveLength(1);
    expect(Object.fromEntries(status.integrations.map((i) => [i.id, i.state === 'paused']))).toEqual({
      [first]: false,
      [second]: true,
    });
  });
});
