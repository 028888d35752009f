import { describe, expect, it } from 'vitest';
import { DEFAULT_FLASHDUTY_TO_SDP_STATUS } from '../../../shared/common/config';
import { startEngineHarness } from '../../helpers/engine';
import { incidentState, requests, requestsFor } from '../../helpers/engine-world';
import { prng } from '../../../simulators/prng';
import type { WriteBoundary } from '../../../shared/node/sync/write-boundary';
import { startCrashChild } from './crash-process';
import { crashWorld } from './crash-world';

/**
 * The engine in a child process is SIGKILLed while it turns a burst of incidents into requests,
 * then restarted on the same data directory; the outbox and the marker search must leave exactly
 * one request per incident. Each round's kill point is a write boundary and a count ("the 37th
 * time any pass is after create_request"), drawn from a seed the test prints: CRASH_SEED=<seed>
 * replays the same kill points.
 */
const INCIDENTS = 200;
const ROUNDS = 10;
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
/**
 * The first half of the rounds kill inside the burst of creates; the rest inside the responders' few status changes.
 */
const CREATES: WriteBoundary[] = ['before:create_request', 'after:create_request'];
const UPDATES: WriteBoundary[] = [
  'before:change_request_status',
  'after:change_request_status',
  'before:set_request_resolution',
  'after:set_request_resolution',
];

const world = crashWorld('deskbridge-crash-', {
  id: 'crash-test',
  name: 'Crash test',
  direction: 'to_sdp',
  syncComments: false,
});

const expectedStatus = (incidentId: string): string =>
  DEFAULT_FLASHDUTY_TO_SDP_STATUS[incidentState(world.fd, incidentId)];

function settled(ids: readonly string[]): boolean {
  return ids.every((id) => {
    const found = requestsFor(world.sdp, id);
    return found.length === 1 && found[0]!.status === expectedStatus(id);
  });
}

describe('crash safety', () => {
  it(`SIGKILL at seeded write boundaries during a ${INCIDENTS}-incident burst, ${ROUNDS} rounds: exactly one request per incident, final states equal`, async () => {
    console.log(`crash test seed ${SEED}: CRASH_SEED=${SEED} replays its kill points`);
    const random = prng(SEED);
    const ids = Array.from(
      { length: INCIDENTS },
      (_, k) => world.fd.createIncident({ title: `Burst incident ${k}`, severity: 'Warning' }).incident_id,
    );

    const kills: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const [boundaries, most] = round < ROUNDS / 2 ? [CREATES, 60] : [UPDATES, 5];
      const at = `${boundaries[Math.floor(random() * boundaries.length)]!}#${1 + Math.floor(random() * most)}`;
      const child = startCrashChild({ ...world.env, CRASH_AT: at });
      // The first pass runs the whole burst: a boundary not reached by the second is not reached this round, and the
      // kill falls between passes.
      const atBoundary = (await child.line((l) => l.pass === 2)) === null;
      kills.push(atBoundary ? at : `${at} not reached: between passes`);
      child.process.kill('SIGKILL');
      await child.exited;
      // Responders keep working between crashes: the restarted engine must carry these too.
      const synced = ids.filter((id) => requestsFor(world.sdp, id).length > 0);
      for (let k = 0; k < 5 && synced.length > 0; k++) {
        // Only incidents that have their request: closing one before it synced means it never gets one, by design.
        const id = synced[Math.floor(random() * synced.length)]!;
        const state = incidentState(world.fd, id);
        if (state === 'Triggered') world.fd.ack(id);
        else if (state === 'Processing') world.fd.resolve(id, { resolution: `Handled in round ${round}` });
      }
    }

    console.log(`crash test seed ${SEED} killed at: ${kills.join(', ')}`);
    const last = startCrashChild(world.env);
    try {
      let passes = 0;
      while (!settled(ids)) {
        await last.line((l) => typeof l.pass === 'number');
        passes++;
        if (passes > 200) break;
      }
    } finally {
      last.process.kill('SIGKILL');
      await last.exited;
    }

    const all = requests(world.sdp);
    const perIncident = ids.map((id) => requestsFor(world.sdp, id).length);
    expect(perIncident.filter((n) => n !== 1)).toEqual([]);
    expect(all).toHaveLength(INCIDENTS);
    const mismatched = ids.filter((id) => requestsFor(world.sdp, id)[0]!.status !== expectedStatus(id));
    expect(mismatched).toEqual([]);
  }, 180_000);
});

describe('a request whose create answer was lost', () => {
  it('is found by its marker on the retry, linked instead of duplicated, and brought up to date', async () => {
    const h = await startEngineHarness();
    try {
      const id = await h.save({ direction: 'to_sdp' });
      // SDP creates the request, then the connection breaks before the answer: the attempt is recorded, the link is
      // not.
      h.sdp.injectFault({ kind: 'lostResponse', method: 'POST', pathIncludes: '/requests' });
      const incident = h.fd.createIncident({
        title: 'Created, then the answer was lost',
        severity: 'Warning',
      }).incident_id;
      await h.settle(id);
      const orphan = requestsFor(h.sdp, incident).map((r) => r.id);
      expect(orphan).toHaveLength(1);
      expect((await h.call('links.get', { integrationId: id, incidentId: incident })).link).toBeNull();

      h.fd.ack(incident);
      await h.call('outbox.retry', { integrationId: id });
      await h.converge(id);

      expect(requestsFor(h.sdp, incident).map((r) => r.id)).toEqual(orphan);
      expect(requestsFor(h.sdp, incident)[0]!.status).toBe('In Progress');
      const { link } = await h.call('links.get', { integrationId: id, incidentId: incident });
      expect(link?.requestId).toBe(orphan[0]);
    } finally {
      await h.close();
    }
  });

  it('a first attempt creates directly: one call to SDP, no search', async () => {
    const h = await startEngineHarness();
    try {
      // No follow-up pass (comments, the request link written back): it would read the new request.
      const id = await h.save({ direction: 'to_sdp', syncComments: false, toSdp: { requestLink: { enabled: false } } });
      const incident = h.fd.createIncident({ title: 'First attempt', severity: 'Warning' }).incident_id;
      h.sdp.clearCalls();
      await h.settle(id);
      expect(requestsFor(h.sdp, incident)).toHaveLength(1);
      const calls = h.sdp
        .calls()
        .filter(
          (c) =>
            c.kind === 'api' &&
            !/\/(statuses|priorities|request_templates|technicians|support_groups|_metainfo|users|requesters)/.test(
              c.path,
            ),
        );
      expect(calls.map((c) => `${c.method} ${c.path.replace(/\/\d+(?=\/|$)/g, '/:id')}`)).toEqual([
        'POST /api/v3/requests',
      ]);
    } finally {
      await h.close();
    }
  });
});
