import { describe, expect, it } from 'vitest';
import { SIM_ROUTES, requestSchemas, type SimRoute } from '../../../simulators/flashduty/schemas';

/** Request examples hand-copied from Flashduty's OpenAPI spec and API reference. */
const SPEC_EXAMPLES: [SimRoute, unknown][] = [
  [
    '/incident/list',
    {
      start_time: 1711900800,
      end_time: 1712000000,
      progress: 'Triggered,Processing',
      incident_severity: 'Critical,Warning',
      channel_ids: [2551105804131],
      limit: 20,
      p: 1,
    },
  ],
  [
    '/incident/list',
    { start_time: 1775900000, end_time: 1775990000, limit: 100, search_after_ctx: '69da451ef77b1b51f40e83eb' },
  ],
  ['/incident/info', { incident_id: '69da451ef77b1b51f40e83ee' }],
  ['/incident/list-by-ids', { incident_ids: ['69da451ef77b1b51f40e83ee', '69da451ef77b1b51f40e83ef'] }],
  [
    '/incident/create',
    {
      incident_severity: 'Critical',
      title: 'Database connection timeout on prod-db-01',
      channel_id: 2551105804131,
      assigned_to: { person_ids: [2476444212131] },
    },
  ],
  ['/incident/ack', { incident_ids: ['69da451ef77b1b51f40e83ee'] }],
  ['/incident/unack', { incident_ids: ['69da451ef77b1b51f40e83ee'] }],
  [
    '/incident/resolve',
    {
      incident_ids: ['69da451ef77b1b51f40e83ee'],
      root_cause: 'Memory leak in the connection pool caused by a missing cleanup call.',
      resolution: 'Deployed hotfix v2.3.1 and restarted the affected service.',
    },
  ],
  [
    '/incident/reopen',
    {
      incident_ids: ['69da451ef77b1b51f40e83ee'],
      reason: 'Monitoring detected the issue recurred after the initial fix.',
    },
  ],
  ['/incident/snooze', { incident_ids: ['69da451ef77b1b51f40e83ee'], minutes: 60 }],
  ['/incident/wake', { incident_ids: ['69da451ef77b1b51f40e83ee'] }],
  [
    '/incident/reset',
    {
      incident_id: '69da451ef77b1b51f40e83ee',
      title: 'Database connection timeout - prod-db-01 primary',
      incident_severity: 'Critical',
    },
  ],
  [
    '/incident/field/reset',
    { incident_id: '69da451ef77b1b51f40e83ee', field_name: 'affected_service', field_value: 'payment-service' },
  ],
  [
    '/incident/comment',
    {
      incident_ids: ['69da451ef77b1b51f40e83ee'],
      comment: 'Identified the root cause. Rolling back the deployment now.',
    },
  ],
  ['/incident/feed', { incident_id: '69da451ef77b1b51f40e83ee', p: 1, limit: 20 }],
  [
    '/incident/feed',
    { incident_id: '69da451ef77b1b51f40e83ee', p: 1, limit: 50, asc: true, types: ['i_comm', 'i_rslv'] },
  ],
  ['/channel/list', { p: 1, limit: 20, orderby: 'created_at', asc: false }],
  ['/channel/list', { p: 1, limit: 100, is_brief: true }],
  ['/team/list', { p: 1, limit: 20, orderby: 'created_at', asc: false }],
  ['/member/list', { p: 1, limit: 5 }],
  ['/member/list', { p: 1, limit: 100, query: 'bob' }],
  ['/member/info', {}],
  ['/person/infos', { person_ids: [2476444212131, 3790925372131] }],
  ['/field/list', {}],
];

/** Bodies the spec's constraints forbid, one constraint each. */
const SPEC_VIOLATIONS: [SimRoute, string, unknown][] = [
  ['/incident/list', 'start_time', { end_time: 1712000000 }],
  ['/incident/list', 'limit', { start_time: 1, end_time: 2, limit: 101 }],
  ['/incident/list', 'channel_ids', { start_time: 1, end_time: 2, channel_ids: ['2551105804131'] }],
  ['/incident/info', 'incident_id', { incident_id: '69da451ef77b1b51f40e83e' }],
  ['/incident/create', 'incident_severity', { title: 'no severity' }],
  ['/incident/create', 'title', { incident_severity: 'Critical', title: 'x'.repeat(513) }],
  ['/incident/create', 'assigned_to', { incident_severity: 'Critical', assigned_to: { person_ids: [] } }],
  ['/incident/ack', 'incident_ids', { incident_ids: Array.from({ length: 101 }, () => '69da451ef77b1b51f40e83ee') }],
  ['/incident/resolve', 'root_cause', { incident_ids: ['69da451ef77b1b51f40e83ee'], root_cause: 'x'.repeat(1025) }],
  ['/incident/snooze', 'minutes', { incident_ids: ['69da451ef77b1b51f40e83ee'], minutes: 1441 }],
  ['/incident/snooze', 'minutes', { incident_ids: ['69da451ef77b1b51f40e83ee'] }],
  ['/incident/reset', 'description', { incident_id: '69da451ef77b1b51f40e83ee', description: 'ab' }],
  ['/incident/reset', 'incident_severity', { incident_id: '69da451ef77b1b51f40e83ee', incident_severity: 'Ok' }],
  ['/incident/field/reset', 'field_name', { incident_id: '69da451ef77b1b51f40e83ee' }],
  ['/incident/comment', 'comment', { incident_ids: ['69da451ef77b1b51f40e83ee'], comment: 'x'.repeat(1025) }],
  ['/incident/feed', 'limit', { incident_id: '69da451ef77b1b51f40e83ee', limit: 0 }],
  ['/channel/list', 'orderby', { orderby: 'name' }],
  ['/team/list', 'limit', { limit: 101 }],
  ['/member/list', 'p', { p: 0 }],
  ['/person/infos', 'person_ids', {}],
];

describe('simulator request schemas', () => {
  it('has a schema for every route it serves', () => {
    expect(SIM_ROUTES).toHaveLength(20);
  });

  it.each(SPEC_EXAMPLES)('accepts the spec example for %s', (route, body) => {
    const result = requestSchemas[route].safeParse(body);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it.each(SPEC_VIOLATIONS)('rejects a %s body with a bad %s', (route, parameter, body) => {
    const result = requestSchemas[route].safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(parameter);
  });

  it('accepts int64 IDs beyond the safe-integer range (as JSON.parse yields them)', () => {
    expect(requestSchemas['/person/infos'].safeParse({ person_ids: [9007199254740992] }).success).toBe(true);
  });
});
