import { describe, expect, it } from 'vitest';
import type { IntegrationConfig } from '../../../shared/common/config';
import { applyRecords } from '../../../shared/node/sync/link-records';
import { intentOf, recogniseIntents, recordsAfter } from '../../../shared/node/sync/intents';
import { plan } from '../../../shared/node/sync/plan';
import type { IncidentSnapshot, Link, Operation, RequestSnapshot } from '../../../shared/node/sync/types';
import { incidentValues, requestValues } from '../../../shared/node/sync/values';
import {
  agreed,
  applyToIncident,
  applyToRequest,
  config,
  IDS,
  incident,
  INCIDENT_ID,
  REQUEST_ID,
  request,
  status,
  writes,
} from './fixtures';

const fdHint = { side: 'flashduty' as const, id: INCIDENT_ID, origin: 'retry' as const };
const sdpHint = { side: 'sdp' as const, id: REQUEST_ID, origin: 'retry' as const };

interface World {
  cfg: IntegrationConfig;
  inc: IncidentSnapshot;
  req: RequestSnapshot;
  link: Link;
}

/** Applies writes to the side each one targets, at time `at`. */
function apply(w: World, ops: readonly Operation[], at: number): World {
  return { ...w, inc: applyToIncident(w.inc, ops, at), req: applyToRequest(w.req, ops, at) };
}

function linkAfter(link: Link, ops: readonly Operation[]): Link {
  return ops.reduce((l, op) => ('records' in op ? applyRecords(l, IDS, recordsAfter(op), 5) : l), link);
}

/**
 * Each multi-write plan, cut after each of its writes reached the other side but before the link
 * recorded it. Recognising the unfinished writes' intents, a re-plan from either side must neither
 * undo the edit nor send a write that already went through.
 */
const CASES: {
  name: string;
  start: (cfg: IntegrationConfig) => World;
  edit: (w: World) => World;
  source: 'flashduty' | 'sdp';
}[] = [
  {
    name: 'Resolved request set On Hold: reopen, then snooze',
    start: (cfg) => {
      const inc = incident({ progress: 'Closed', resolution: 'Fixed' });
      const req = request({ status: status('Resolved'), resolution: 'Fixed' });
      return { cfg, inc, req, link: agreed(cfg, inc, req) };
    },
    edit: (w) => ({ ...w, req: { ...w.req, status: status('On Hold'), updatedAtMs: 2_000 } }),
    source: 'sdp',
  },
  {
    name: 'Resolved request set In Progress: reopen, then acknowledge',
    start: (cfg) => {
      const inc = incident({ progress: 'Closed' });
      const req = request({ status: status('Resolved') });
      return { cfg, inc, req, link: agreed(cfg, inc, req) };
    },
    edit: (w) => ({ ...w, req: { ...w.req, status: status('In Progress'), updatedAtMs: 2_000 } }),
    source: 'sdp',
  },
  {
    name: 'Snoozed incident, On Hold request set In Progress: wake, then acknowledge',
    start: (cfg) => {
      const inc = incident({ snoozedUntilMs: 99_000_000 });
      const req = request({ status: status('On Hold') });
      return { cfg, inc, req, link: agreed(cfg, inc, req) };
    },
    edit: (w) => ({ ...w, req: { ...w.req, status: status('In Progress'), updatedAtMs: 2_000 } }),
    source: 'sdp',
  },
  {
    name: 'Incident resolved with a resolution: resolution, then status',
    start: (cfg) => {
      const inc = incident();
      const req = request();
      return { cfg, inc, req, link: agreed(cfg, inc, req) };
    },
    edit: (w) => ({ ...w, inc: { ...w.inc, progress: 'Closed', resolution: 'Rotated the logs', updatedAtMs: 2_000 } }),
    source: 'flashduty',
  },
];

describe('intents of unfinished writes', () => {
  it('name the state each middle step of a transition leaves', () => {
    const ops = plan(
      config({ direction: 'two_way' }),
      sdpHint,
      request({ status: status('On Hold') }),
      incident({ progress: 'Closed' }),
      null,
    );
    expect(writes(ops).map((op) => [op.type, intentOf(op)?.values.status])).toEqual([
      ['reopen', ['Triggered']],
      ['snooze', ['Snoozed']],
    ]);
  });

  for (const c of CASES) {
    it(`${c.name}: cut after each write, neither side undoes the edit or repeats a write`, () => {
      const cfg = config({ direction: 'two_way' });
      const edited = c.edit(c.start(cfg));
      const hint = c.source === 'flashduty' ? fdHint : sdpHint;
      const ops = writes(
        c.source === 'flashduty'
          ? plan(cfg, hint, edited.inc, edited.req, edited.link)
          : plan(cfg, hint, edited.req, edited.inc, edited.link),
      );
      expect(ops.length).toBeGreaterThan(1);
      for (let cut = 0; cut < ops.length; cut++) {
        // Writes before the cut were recorded; the one at the cut reached its service, the link never knew.
        const recorded = { ...edited, link: linkAfter(edited.link, ops.slice(0, cut)) };
        // Later than the edit: a restart takes a while.
        const crashed = apply(recorded, ops.slice(0, cut + 1), 9_000);
        const current = { flashduty: incidentValues(cfg, crashed.inc), sdp: requestValues(cfg, crashed.req) };
        const { link } = recogniseIntents(crashed.link, ops.slice(cut), current, 10);

        const fromFd = writes(plan(cfg, fdHint, crashed.inc, crashed.req, link));
        const fromSdp = writes(plan(cfg, sdpHint, crashed.req, crashed.inc, link));
        const fromOther = c.source === 'flashduty' ? fromSdp : fromFd;
        const fromSource = c.source === 'flashduty' ? fromFd : fromSdp;
        expect(fromOther, `cut after ${ops[cut]!.type}: the other side writes nothing back`).toEqual([]);
        expect(
          fromSource.map((op) => op.type),
          `cut after ${ops[cut]!.type}: only what is left`,
        ).toEqual(ops.slice(cut + 1).map((op) => op.type));
      }
    });
  }

  it('a value that is not what the write intended stays a change', () => {
    const cfg = config({ direction: 'two_way' });
    const inc = incident({ progress: 'Closed' });
    const req = request({ status: status('Resolved') });
    const link = agreed(cfg, inc, req);
    const [reopen] = writes(plan(cfg, sdpHint, { ...req, status: status('On Hold'), updatedAtMs: 2_000 }, inc, link));
    // A responder acknowledged instead: Processing is not the reopen's Triggered.
    const current = {
      flashduty: incidentValues(cfg, { ...inc, progress: 'Processing' }),
      sdp: requestValues(cfg, req),
    };
    expect(recogniseIntents(link, [reopen!], current, 10).recognised).toEqual([]);
  });
});
