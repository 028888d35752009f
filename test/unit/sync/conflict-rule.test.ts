import { describe, expect, it } from 'vitest';
import { decide, FieldPass, type DecideContext, type Decision } from '../../../shared/node/sync/decide';
import { newerChangeWins, type ConflictRule } from '../../../shared/node/sync/fields/conflict';
import type { SyncedField } from '../../../shared/node/sync/fields/field';
import { walkFields } from '../../../shared/node/sync/fields/walk';
import type { Link, Side, SyncedValues } from '../../../shared/node/sync/types';
import { config, incident, INCIDENT_ID, request } from './fixtures';

describe('newerChangeWins', () => {
  const cases: { name: string; flashduty: number; sdp: number; winner: Side }[] = [
    { name: 'SDP changed later', flashduty: 2_000, sdp: 3_000, winner: 'sdp' },
    { name: 'Flashduty changed later', flashduty: 3_000, sdp: 2_000, winner: 'flashduty' },
    { name: 'a tie goes to Flashduty', flashduty: 2_000, sdp: 2_000, winner: 'flashduty' },
    { name: 'one millisecond is enough', flashduty: 2_000, sdp: 2_001, winner: 'sdp' },
  ];
  it.each(cases)('$name', ({ flashduty, sdp, winner }) => {
    expect(newerChangeWins({ flashduty, sdp })).toBe(winner);
  });
});

/** The field both sides agreed on as "Agreed"; each case says what each side holds now. */
function link(agreed: Partial<Record<Side, string | null>> = { flashduty: 'Agreed', sdp: 'Agreed' }): Link {
  const record = (side: Side): SyncedValues => (Object.hasOwn(agreed, side) ? { title: agreed[side] ?? null } : {});
  return {
    integrationId: 'int1',
    incidentId: 'i1',
    requestId: 'r1',
    lastAgreedWithFlashduty: record('flashduty'),
    lastAgreedWithSdp: record('sdp'),
    updatedAt: 0,
  };
}

interface Pair {
  now: Record<Side, string | null>;
  updatedAtMs: Record<Side, number>;
  link?: Link | null;
  force?: boolean;
  twoWay?: boolean;
  inSync?: boolean;
}

/** One field decided from `source`'s pass: the other side is the target. */
function decideFrom(source: Side, pair: Pair, conflict: ConflictRule = newerChangeWins): Decision {
  const target: Side = source === 'flashduty' ? 'sdp' : 'flashduty';
  const ctx: DecideContext = {
    sourceSide: source,
    link: pair.link === undefined ? link() : pair.link,
    force: pair.force ?? false,
    twoWay: pair.twoWay ?? true,
    sourceUpdatedAtMs: pair.updatedAtMs[source],
    targetUpdatedAtMs: pair.updatedAtMs[target],
  };
  return decide(ctx, { key: 'title', conflict }, pair.now[source], pair.now[target], pair.inSync ?? false);
}

const times = { flashduty: 2_000, sdp: 3_000 };

describe('decide: the echo guard before any rule', () => {
  const cases: { name: string; pair: Pair; fromFlashduty: Decision['kind'] }[] = [
    {
      name: 'the source still holds the agreed value',
      pair: { now: { flashduty: 'Agreed', sdp: 'SDP edit' }, updatedAtMs: times },
      fromFlashduty: 'unchanged',
    },
    {
      name: 'only the source changed',
      pair: { now: { flashduty: 'FD edit', sdp: 'Agreed' }, updatedAtMs: times },
      fromFlashduty: 'write',
    },
    {
      name: 'both changed to values that already agree',
      pair: { now: { flashduty: 'Same', sdp: 'Same' }, updatedAtMs: times, inSync: true },
      fromFlashduty: 'in_sync',
    },
    {
      name: 'an emptied source never overwrites the target',
      pair: { now: { flashduty: null, sdp: 'SDP edit' }, updatedAtMs: times },
      fromFlashduty: 'empty',
    },
    {
      name: 'one-way sync: the source overwrites the target’s change',
      pair: { now: { flashduty: 'FD edit', sdp: 'SDP edit' }, updatedAtMs: times, twoWay: false },
      fromFlashduty: 'write',
    },
    {
      name: 'a manual push overwrites the target’s change',
      pair: { now: { flashduty: 'FD edit', sdp: 'SDP edit' }, updatedAtMs: times, force: true },
      fromFlashduty: 'write',
    },
    {
      name: 'no record of the target yet: nothing to conflict with',
      pair: { now: { flashduty: 'FD edit', sdp: 'SDP edit' }, updatedAtMs: times, link: link({ flashduty: 'Agreed' }) },
      fromFlashduty: 'write',
    },
    {
      name: 'both changed: the field’s rule decides',
      pair: { now: { flashduty: 'FD edit', sdp: 'SDP edit' }, updatedAtMs: times },
      fromFlashduty: 'conflict_lost',
    },
  ];
  it.each(cases)('$name', ({ pair, fromFlashduty }) => {
    expect(decideFrom('flashduty', pair).kind).toBe(fromFlashduty);
  });
});

describe('decide: the field’s conflict rule names the winner, from either pass', () => {
  const both = (updatedAtMs: Record<Side, number>): Pair => ({
    now: { flashduty: 'FD edit', sdp: 'SDP edit' },
    updatedAtMs,
  });
  const sdpKeeps: ConflictRule = () => 'sdp';
  const cases: { name: string; rule: ConflictRule; pair: Pair; winner: Side }[] = [
    {
      name: 'newer change: SDP later',
      rule: newerChangeWins,
      pair: both({ flashduty: 2_000, sdp: 3_000 }),
      winner: 'sdp',
    },
    {
      name: 'newer change: Flashduty later',
      rule: newerChangeWins,
      pair: both({ flashduty: 3_000, sdp: 2_000 }),
      winner: 'flashduty',
    },
    {
      name: 'newer change: a tie',
      rule: newerChangeWins,
      pair: both({ flashduty: 2_000, sdp: 2_000 }),
      winner: 'flashduty',
    },
    // Not a product rule: it shows decide asks the field, not a rule of its own.
    {
      name: 'another rule overrides the times',
      rule: sdpKeeps,
      pair: both({ flashduty: 3_000, sdp: 2_000 }),
      winner: 'sdp',
    },
  ];
  it.each(cases)('$name', ({ rule, pair, winner }) => {
    const loser: Side = winner === 'sdp' ? 'flashduty' : 'sdp';
    const won = decideFrom(winner, pair, rule);
    const lost = decideFrom(loser, pair, rule);
    expect(won.kind).toBe('write');
    expect(lost.kind).toBe('conflict_lost');
    const side = { flashduty: 'Flashduty', sdp: 'SDP' };
    const at = (s: Side) => new Date(pair.updatedAtMs[s]).toISOString();
    const note = {
      code: 'note.conflict',
      params: { field: 'title', winner: side[winner], winnerAt: at(winner), loser: side[loser], loserAt: at(loser) },
    };
    expect(won).toMatchObject({ note });
    expect(lost).toMatchObject({ note });
  });
});

describe('one pass, each field by its own rule', () => {
  it('walkFields hands each field’s rule to the echo guard', () => {
    const sdpKeeps: ConflictRule = () => 'sdp';
    const field = (key: string, conflict: ConflictRule): SyncedField => ({
      key,
      incident: (incident) => incident.labels[key] ?? null,
      request: (request) => request.udf[key] ?? null,
      conflict,
      toSdp: { write: (incident) => ({ patch: { udf: { [key]: incident.labels[key]! } }, to: incident.labels[key]! }) },
    });
    const fields = [field('newer', newerChangeWins), field('kept', sdpKeeps)];
    const agreedValues = { newer: 'Agreed', kept: 'Agreed' };
    const pass = new FieldPass(
      config({ direction: 'two_way' }),
      { side: 'flashduty', id: INCIDENT_ID, origin: 'poll' },
      { ...link(), lastAgreedWithFlashduty: agreedValues, lastAgreedWithSdp: agreedValues },
      { newer: 'FD edit', kept: 'FD edit' },
      { newer: 'SDP edit', kept: 'SDP edit' },
      { source: 3_000, target: 2_000 },
    );
    const inc = incident({ labels: { newer: 'FD edit', kept: 'FD edit' }, updatedAtMs: 3_000 });
    const req = request({ udf: { newer: 'SDP edit', kept: 'SDP edit' }, updatedAtMs: 2_000 });
    const walked = walkFields(fields, (f) => f.toSdp, { source: inc, target: req, extra: undefined, pass });
    expect(walked.writes.map((w) => w.key)).toEqual(['newer']);
    expect(pass.skips).toMatchObject([{ code: 'conflict_lost', note: { params: { field: 'kept', winner: 'SDP' } } }]);
  });
});
