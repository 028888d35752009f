import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SDP_TO_FLASHDUTY_STATUS, type IntegrationDraftInput } from '../../../shared/common/config';
import { startEngineHarness, type EngineHarness } from '../../helpers/engine';
import { flashdutyWrites, incidentState, onlyRequestFor, sdpWrites } from '../../helpers/engine-world';
import { prng } from '../../../simulators/prng';

let h: EngineHarness;
beforeEach(async () => {
  h = await startEngineHarness();
});
afterEach(() => h.close());

const TO_PRIORITY = { Critical: 'Urgent', Warning: 'High', Info: 'Low' } as const;
const TO_SEVERITY = { Urgent: 'Critical', High: 'Warning', Low: 'Info' } as const;
const CONFIG: Partial<IntegrationDraftInput> = {
  direction: 'two_way',
  severityMapping: { source: { kind: 'severity' }, toPriority: { ...TO_PRIORITY }, toSeverity: { ...TO_SEVERITY } },
};
/** The fields the random edits touch: title/subject, state/status, severity/priority. */
const FIELDS = 3;
const EDITS = 100;
const PAIRS = 5;

type Edit = (incidentId: string, requestId: string, n: number) => string | null;

/** Human edits that are valid in the entity's current state; null when not applicable now. */
function edits(x: EngineHarness): Edit[] {
  const state = (i: string) => incidentState(x.fd, i);
  return [
    (i, _r, n) => (x.fd.reset(i, { title: `Incident title v${n}` }), 'fd title'),
    (i, _r, n) => (
      x.fd.reset(i, { incident_severity: (['Critical', 'Warning', 'Info'] as const)[n % 3]! }),
      'fd severity'
    ),
    (i) => (state(i) === 'Triggered' ? (x.fd.ack(i), 'fd ack') : null),
    (i) => (state(i) === 'Processing' || state(i) === 'Triggered' ? (x.fd.snooze(i, 60), 'fd snooze') : null),
    (i) => (state(i) === 'Snoozed' ? (x.fd.wake(i), 'fd wake') : null),
    (i) => (state(i) !== 'Closed' ? (x.fd.resolve(i, { resolution: 'Fixed by the on-call' }), 'fd resolve') : null),
    (i) => (state(i) === 'Closed' ? (x.fd.reopen(i), 'fd reopen') : null),
    (_i, r, n) => (x.sdp.updateRequest(r, { subject: `Request subject v${n}`, as: 'bala@example.com' }), 'sdp subject'),
    (_i, r, n) => (
      x.sdp.updateRequest(r, { priority: (['Urgent', 'High', 'Low'] as const)[n % 3]!, as: 'bala@example.com' }),
      'sdp priority'
    ),
    (_i, r, n) => (
      x.sdp.updateRequest(r, {
        status: (['Open', 'In Progress', 'On Hold', 'Resolved'] as const)[n % 4]!,
        as: 'bala@example.com',
      }),
      'sdp status'
    ),
  ];
}

function expectPairAgrees(incidentId: string): void {
  const incident = h.fd.incident(incidentId);
  const request = onlyRequestFor(h.sdp, incidentId);
  expect(request.subject, `subject of ${request.id}`).toBe(incident.title);
  expect(DEFAULT_SDP_TO_FLASHDUTY_STATUS[request.status], `status of ${request.id}`).toBe(
    incidentState(h.fd, incidentId),
  );
  expect(request.priority, `priority of ${request.id}`).toBe(TO_PRIORITY[incident.incident_severity]);
}

describe('two-way loop', () => {
  it(`${EDITS} random edits on both sides converge, with at most one write per edited field and no ping-pong`, async () => {
    const id = await h.save(CONFIG);
    const incidents = Array.from(
      { length: PAIRS },
      (_, k) => h.fd.createIncident({ title: `Incident ${k}`, severity: 'Warning' }).incident_id,
    );
    await h.converge(id);
    const pairs = incidents.map((i) => ({ incidentId: i, requestId: onlyRequestFor(h.sdp, i).id }));
    for (const p of pairs) expectPairAgrees(p.incidentId);
    h.sdp.clearCalls();
    h.fd.clearCalls();

    const random = prng(20261127);
    const kinds = edits(h);
    const done: string[] = [];
    while (done.length < EDITS) {
      const pair = pairs[Math.floor(random() * pairs.length)]!;
      const applied = kinds[Math.floor(random() * kinds.length)]!(pair.incidentId, pair.requestId, done.length);
      if (applied === null) continue;
      done.push(applied);
      // Sometimes several edits (possibly on both sides of one pair) land before the engine looks.
      if (random() < 0.6) await h.settle(id);
    }
    await h.converge(id);

    for (const p of pairs) expectPairAgrees(p.incidentId);
    const writes = sdpWrites(h.sdp) + flashdutyWrites(h.fd);
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThanOrEqual(EDITS * FIELDS);

    // Settled means settled: more polls write nothing (no ping-pong between the sides).
    h.sdp.clearCalls();
    h.fd.clearCalls();
    await h.converge(id, 3);
    expect(sdpWrites(h.sdp) + flashdutyWrites(h.fd)).toBe(0);
    expect(h.sdp.listRequests()).toHaveLength(PAIRS);
    expect(h.fd.incidents()).toHaveLength(PAIRS);
  });
});
