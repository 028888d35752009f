import { describe, expect, it } from 'vitest';
import type { WriteBoundary } from '../../../shared/node/sync/write-boundary';
import { incidentState, incidentsFor, requestsFor, requestView } from '../../helpers/engine-world';
import { until } from '../../helpers/until';
import { startCrashChild, type CrashChild } from './crash-process';
import { crashWorld } from './crash-world';

/**
 * Every multi-write plan of the planner's tables, killed (SIGKILL, in a child process) at every
 * write boundary it passes: after its operation is in the outbox but before it is sent, between a
 * create and its follow-up call, and after the API answered but before the link recorded it. The
 * kill point is named, not timed: the child kills itself when that entity's pass reaches it. A
 * fresh process then recovers on the same data folder; the technician's or responder's edit that
 * caused the plan must survive, and every write of the plan must have reached its service exactly
 * once. Each child recovers the previous case and then crashes the next one.
 */
const TECH = 'bala@example.com';

const world = crashWorld('deskbridge-boundaries-', {
  id: 'boundaries',
  name: 'Crash at every write boundary',
  direction: 'two_way',
  syncComments: true,
});

/** One plan under test: an edit on a settled pair (or a new entity) and what must hold afterwards. */
interface Scenario {
  /** The entity whose pass carries out the plan. */
  entity: string;
  edit(): void;
  /** The edit survived and the other side followed it. */
  settled(): boolean;
}

interface Case {
  plan: string;
  /** The edit is a technician's in SDP (else a responder's in Flashduty). */
  editsSdp: boolean;
  boundaries: WriteBoundary[];
  /** Each write the plan makes, as `<service> <method> <route>`; every one exactly once. */
  writes: string[];
  /** Builds fresh entities (syncing them through `passUntil`) and returns the edit to crash. */
  build(passUntil: (done: () => boolean) => Promise<void>): Promise<Scenario>;
}

const status = (requestId: string): string => {
  const raw = world.sdp.getRequest(requestId);
  return raw === undefined ? '' : requestView(raw).status;
};
const requestOf = (incidentId: string): string | undefined => requestsFor(world.sdp, incidentId)[0]?.id;

/** An incident with its request, settled; `then` brings the pair to the state the case starts from. */
async function pair(
  passUntil: (done: () => boolean) => Promise<void>,
  title: string,
): Promise<{ incident: string; request: string }> {
  const incident = world.fd.createIncident({ title, severity: 'Warning' }).incident_id;
  await passUntil(() => requestOf(incident) !== undefined);
  return { incident, request: requestOf(incident)! };
}

async function resolvedPair(
  passUntil: (done: () => boolean) => Promise<void>,
  title: string,
): Promise<{ incident: string; request: string }> {
  const p = await pair(passUntil, title);
  world.fd.resolve(p.incident, { resolution: 'Restarted the service' });
  await passUntil(() => status(p.request) === 'Resolved');
  return p;
}

const CASES: Case[] = [
  {
    plan: 'Resolved request set On Hold: reopen, then snooze',
    editsSdp: true,
    boundaries: ['before:reopen', 'after:reopen', 'before:snooze', 'after:snooze'],
    writes: ['fd POST /incident/reopen', 'fd POST /incident/snooze'],
    build: async (passUntil) => {
      const p = await resolvedPair(passUntil, 'Printer on fire');
      return {
        entity: p.request,
        edit: () => world.sdp.updateRequest(p.request, { status: 'On Hold', as: TECH }),
        settled: () => status(p.request) === 'On Hold' && incidentState(world.fd, p.incident) === 'Snoozed',
      };
    },
  },
  {
    plan: 'Resolved request set In Progress: reopen, then acknowledge',
    editsSdp: true,
    boundaries: ['before:reopen', 'after:reopen', 'before:ack', 'after:ack'],
    writes: ['fd POST /incident/reopen', 'fd POST /incident/ack'],
    build: async (passUntil) => {
      const p = await resolvedPair(passUntil, 'VPN down again');
      return {
        entity: p.request,
        edit: () => world.sdp.updateRequest(p.request, { status: 'In Progress', as: TECH }),
        settled: () => status(p.request) === 'In Progress' && incidentState(world.fd, p.incident) === 'Processing',
      };
    },
  },
  {
    plan: 'Snoozed incident, On Hold request set In Progress: wake, then acknowledge',
    editsSdp: true,
    boundaries: ['before:wake', 'after:wake', 'before:ack', 'after:ack'],
    writes: ['fd POST /incident/wake', 'fd POST /incident/ack'],
    build: async (passUntil) => {
      const p = await pair(passUntil, 'Backup window overrun');
      world.sdp.updateRequest(p.request, { status: 'On Hold', as: TECH });
      await passUntil(() => incidentState(world.fd, p.incident) === 'Snoozed');
      return {
        entity: p.request,
        edit: () => world.sdp.updateRequest(p.request, { status: 'In Progress', as: TECH }),
        settled: () => status(p.request) === 'In Progress' && incidentState(world.fd, p.incident) === 'Processing',
      };
    },
  },
  {
    plan: 'Incident resolved with a resolution: resolution, then status',
    editsSdp: false,
    boundaries: [
      'before:set_request_resolution',
      'after:set_request_resolution',
      'before:change_request_status',
      'after:change_request_status',
    ],
    writes: ['sdp POST /requests/:id/resolutions', 'sdp PUT /requests/:id'],
    build: async (passUntil) => {
      const p = await pair(passUntil, 'Disk full');
      return {
        entity: p.incident,
        edit: () => world.fd.resolve(p.incident, { resolution: 'Rotated the logs' }),
        settled: () =>
          status(p.request) === 'Resolved' &&
          (requestsFor(world.sdp, p.incident)[0]?.resolution ?? '').includes('Rotated the logs') &&
          incidentState(world.fd, p.incident) === 'Closed',
      };
    },
  },
  {
    plan: 'Incident acknowledged with a comment: status, then note',
    editsSdp: false,
    boundaries: [
      'before:change_request_status',
      'after:change_request_status',
      'before:add_request_note',
      'after:add_request_note',
    ],
    writes: ['sdp PUT /requests/:id', 'sdp POST /requests/:id/notes'],
    build: async (passUntil) => {
      const p = await pair(passUntil, 'Latency spike');
      return {
        entity: p.incident,
        edit: () => {
          world.fd.ack(p.incident);
          world.fd.comment(p.incident, 'Looking at the load balancer');
        },
        settled: () => status(p.request) === 'In Progress' && incidentState(world.fd, p.incident) === 'Processing',
      };
    },
  },
  {
    plan: 'Request subject and status changed: reset, then acknowledge',
    editsSdp: true,
    boundaries: ['before:reset_incident', 'after:reset_incident', 'before:ack', 'after:ack'],
    writes: ['fd POST /incident/reset', 'fd POST /incident/ack'],
    build: async (passUntil) => {
      const p = await pair(passUntil, 'Mail queue stuck');
      return {
        entity: p.request,
        edit: () =>
          world.sdp.updateRequest(p.request, {
            subject: 'Mail queue stuck on relay 2',
            status: 'In Progress',
            as: TECH,
          }),
        settled: () =>
          status(p.request) === 'In Progress' &&
          incidentState(world.fd, p.incident) === 'Processing' &&
          world.fd.incident(p.incident).title === 'Mail queue stuck on relay 2',
      };
    },
  },
  {
    plan: 'New On Hold request: create the incident, mark it, then snooze it',
    editsSdp: true,
    boundaries: [
      'before:create_incident',
      'created:create_incident',
      'marked:create_incident',
      'after:create_incident',
    ],
    writes: ['fd POST /incident/create', 'fd POST /incident/field/reset', 'fd POST /incident/snooze'],
    build: async () => {
      let request = '';
      return {
        get entity() {
          return request;
        },
        edit: () => {
          request = String(
            world.sdp.createRequest({ subject: 'Badge reader offline', status: 'On Hold', as: TECH }).id,
          );
        },
        settled: () =>
          status(request) === 'On Hold' &&
          incidentsFor(world.fd, request).length === 1 &&
          incidentState(world.fd, incidentsFor(world.fd, request)[0]!.incident_id) === 'Snoozed',
      };
    },
  },
  {
    plan: 'New incident: create the request carrying its marker, then write its number and link to the incident',
    editsSdp: false,
    boundaries: ['before:create_request', 'after:create_request', 'before:set_request_link', 'after:set_request_link'],
    writes: ['sdp POST /requests', 'fd POST /incident/field/reset'],
    build: async () => {
      let incident = '';
      return {
        get entity() {
          return incident;
        },
        edit: () => {
          incident = world.fd.createIncident({ title: 'Certificate expires tomorrow', severity: 'Info' }).incident_id;
        },
        settled: () => {
          const requests = requestsFor(world.sdp, incident);
          return (
            requests.length === 1 &&
            status(requests[0]!.id) === 'Open' &&
            String(world.fd.incident(incident).fields.sdp_request_id ?? '').endsWith(`woID=${requests[0]!.id}`)
          );
        },
      };
    },
  },
];

/** Successful writes from call number `fdFrom` / `sdpFrom` on, with IDs folded into `:id`. */
function writesSince(fdFrom: number, sdpFrom: number): string[] {
  const fdWrites = world.fd
    .calls()
    .slice(fdFrom)
    .filter(
      (c) =>
        c.status === 200 &&
        /^\/incident\/(create|ack|unack|wake|resolve|reopen|snooze|reset|field\/reset|comment)$/.test(c.path),
    )
    .map((c) => `fd ${c.method} ${c.path}`);
  const sdpWrites = world.sdp
    .calls()
    .slice(sdpFrom)
    .filter((c) => c.kind === 'api' && c.method !== 'GET' && c.status >= 200 && c.status < 300)
    .map((c) => `sdp ${c.method} ${c.path.replace(/^.*\/api\/v3/, '').replace(/\/\d+/g, '/:id')}`);
  return [...fdWrites, ...sdpWrites].sort();
}

describe('a crash at every write boundary of every multi-write plan', () => {
  it('never reverses the edit that caused the plan, and never repeats a write', async () => {
    let child: CrashChild = startCrashChild(world.env, true);
    await child.line((l) => l.ready === true);
    const onePass = async (): Promise<boolean> => {
      child.send('pass');
      return (await child.line((l) => typeof l.pass === 'number')) !== null;
    };
    const passUntil = async (done: () => boolean, what = 'the pair to settle'): Promise<void> => {
      for (let n = 0; n < 15 && !done(); n++)
        if (!(await onePass())) throw new Error(`the engine died while waiting for ${what}`);
      if (!done()) throw new Error(`gave up waiting for ${what}`);
    };
    const results: { point: string; killed: boolean; settled: boolean; writes: string[]; expected: string[] }[] = [];
    try {
      for (const c of CASES) {
        for (const boundary of c.boundaries) {
          const scenario = await c.build(passUntil);
          // One more pass: the new pair's follow-ups (records, a comment check) are done before the edit.
          await onePass();
          const [fdFrom, sdpFrom] = [world.fd.calls().length, world.sdp.calls().length];
          const editedAt = world.sdp.now();
          scenario.edit();
          // Flashduty stamps whole seconds: once its clock has passed the technician's edit, our
          // writes there look newer than that edit, as after a real restart, and "newest wins"
          // must still not take them for a newer change. (A Flashduty edit is always older than
          // our SDP writes, which SDP stamps in milliseconds.)
          if (c.editsSdp)
            await until(
              () => Math.floor(world.fd.now() / 1000) * 1000 > editedAt,
              'Flashduty’s clock to pass the edit',
            );
          child.send(`arm ${boundary} ${scenario.entity}`);
          const died = !(await onePass());
          if (!died) child.process.kill('SIGKILL');
          await child.exited;
          child = startCrashChild(world.env, true);
          await child.line((l) => l.ready === true);
          await passUntil(scenario.settled, `${c.plan} to recover from a crash at ${boundary}`).catch(() => undefined);
          // A pass with nothing left to do proves nothing more is written.
          await onePass();
          if (process.env.DEBUG_CRASH)
            console.log(c.plan, boundary, died, scenario.settled(), writesSince(fdFrom, sdpFrom));
          results.push({
            point: `${c.plan} @ ${boundary}`,
            killed: died,
            settled: scenario.settled(),
            writes: writesSince(fdFrom, sdpFrom),
            expected: [...c.writes].sort(),
          });
        }
      }
    } finally {
      child.process.kill('SIGKILL');
      await child.exited.catch(() => undefined);
    }
    expect(results.filter((r) => !r.killed).map((r) => r.point)).toEqual([]);
    expect(results.filter((r) => !r.settled).map((r) => r.point)).toEqual([]);
    expect(
      results.filter((r) => r.writes.join() !== r.expected.join()).map((r) => `${r.point}: ${r.writes.join(', ')}`),
    ).toEqual([]);
  }, 300_000);
});
