import { describe, expect, it } from 'vitest';
import type { FlashdutyClient } from '../../../shared/node/flashduty/client';
import type { FlashdutyIncident } from '../../../shared/node/flashduty/types';
import { markUnmarkedCreate } from '../../../shared/node/sync/orphans';
import type { Operation } from '../../../shared/node/sync/types';

const op: Extract<Operation, { type: 'create_incident' }> = {
  type: 'create_incident',
  requestId: '42',
  marker: { kind: 'custom_field', name: 'sdp_request_id', value: '42' },
  incident: {
    title: 'Badge reader offline',
    description: 'Lobby',
    severity: 'Info',
    channelId: null,
    fields: { sdp_request_id: '42' },
  },
  state: 'Snoozed',
  snoozeMinutes: 120,
  records: { sdp: {}, flashduty: {} },
};

/** A Flashduty holding `incidents`, recording the field writes and the list window asked for. */
function flashduty(incidents: { id: string; title: string; fields?: Record<string, unknown> }[]) {
  const writes: [string, string, unknown][] = [];
  const windows: { startTime: number; endTime: number }[] = [];
  const client = {
    async *iterateIncidents(span: { startTime: number; endTime: number }) {
      windows.push({ startTime: span.startTime, endTime: span.endTime });
      for (const i of incidents)
        yield { incident_id: i.id, title: i.title, fields: i.fields ?? {} } as unknown as FlashdutyIncident;
    },
    async resetField(id: string, name: string, value: unknown) {
      writes.push([id, name, value]);
    },
  } as unknown as FlashdutyClient;
  return { client, writes, windows };
}

const STAGED_AT = 1_700_000_000_000;

describe('an incident created before its marker was written', () => {
  const cases: {
    name: string;
    incidents: { id: string; title: string; fields?: Record<string, unknown> }[];
    marked: string | null;
  }[] = [
    {
      name: 'is marked when it has the exact title and no marker',
      incidents: [{ id: 'a', title: 'Badge reader offline' }],
      marked: 'a',
    },
    {
      name: 'is marked when its marker field is empty',
      incidents: [{ id: 'a', title: 'Badge reader offline', fields: { sdp_request_id: '' } }],
      marked: 'a',
    },
    { name: 'is not another title', incidents: [{ id: 'a', title: 'Badge reader offline again' }], marked: null },
    {
      name: 'is not one carrying a marker (ours or another request’s)',
      incidents: [{ id: 'a', title: 'Badge reader offline', fields: { sdp_request_id: '41' } }],
      marked: null,
    },
    {
      name: 'is the first match only',
      incidents: [
        { id: 'a', title: 'Other' },
        { id: 'b', title: 'Badge reader offline' },
        { id: 'c', title: 'Badge reader offline' },
      ],
      marked: 'b',
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const fd = flashduty(c.incidents);
      expect(await markUnmarkedCreate(fd.client, op, STAGED_AT, STAGED_AT + 5_000)).toBe(c.marked);
      expect(fd.writes).toEqual(c.marked === null ? [] : [[c.marked, 'sdp_request_id', '42']]);
    });
  }

  it('looks only at incidents started since the create was first staged (a minute of clock slack)', async () => {
    const fd = flashduty([]);
    await markUnmarkedCreate(fd.client, op, STAGED_AT, STAGED_AT + 5_000);
    expect(fd.windows).toEqual([{ startTime: STAGED_AT / 1000 - 60, endTime: (STAGED_AT + 5_000) / 1000 + 60 }]);
  });
});
