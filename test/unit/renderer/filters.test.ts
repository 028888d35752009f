import { describe, expect, it } from 'vitest';
import { msg, type LogEntry } from '../../../shared/common/contract';
import { applyLanguage } from '../../../renderer/src/i18n';
import {
  EMPTY_INCIDENT_FILTER,
  EMPTY_LOG_FILTER,
  logEntryMatches,
  mergeLog,
  selectionState,
  timeWindow,
  toggle,
  toIncidentQuery,
  toLogQuery,
  type LogFilter,
} from '../../../renderer/src/lib/filters';

const NOW = 1_700_000_000_000;
const INCIDENT = '65a1b2c3d4e5f60718293a4b';

function entry(patch: Partial<LogEntry> = {}): LogEntry {
  return {
    id: '1',
    at: NOW - 60_000,
    level: 'info',
    integrationId: 'int_a',
    direction: 'to_sdp',
    incidentId: INCIDENT,
    requestId: '349',
    action: 'create_request',
    message: msg('op.created_request', { subject: 'Disk full', incident: INCIDENT }),
    changes: [{ field: 'status', from: 'Open', to: 'In Progress' }],
    apiRequestIds: ['req-1'],
    error: null,
    ...patch,
  };
}

const f = (patch: Partial<LogFilter>): LogFilter => ({ ...EMPTY_LOG_FILTER, ...patch });

describe('timeWindow', () => {
  it.each([
    ['all', '', '', { from: null, to: null }],
    ['15m', '', '', { from: NOW - 15 * 60_000, to: null }],
    ['1h', '', '', { from: NOW - 3_600_000, to: null }],
    ['24h', '', '', { from: NOW - 86_400_000, to: null }],
    ['7d', '', '', { from: NOW - 7 * 86_400_000, to: null }],
    ['custom', '', '', { from: null, to: null }],
    ['custom', 'not a date', '', { from: null, to: null }],
  ] as const)('%s (%j, %j)', (range, from, to, window) => {
    expect(timeWindow(range, NOW, from, to)).toEqual(window);
  });

  it('custom ranges read the datetime-local texts in local time', () => {
    expect(timeWindow('custom', NOW, '2026-11-27T10:00', '2026-11-27T11:30')).toEqual({
      from: new Date('2026-11-27T10:00').getTime(),
      to: new Date('2026-11-27T11:30').getTime(),
    });
  });
});

describe('logEntryMatches', () => {
  const all = { from: null, to: null };
  it.each<[string, LogFilter, Partial<LogEntry>, boolean]>([
    ['no filter', EMPTY_LOG_FILTER, {}, true],
    ['integration matches', f({ integrationId: 'int_a' }), {}, true],
    ['integration differs', f({ integrationId: 'int_b' }), {}, false],
    ['direction matches', f({ direction: 'to_sdp' }), {}, true],
    ['direction differs', f({ direction: 'from_sdp' }), {}, false],
    ['entry without direction, direction filter', f({ direction: 'to_sdp' }), { direction: null }, false],
    ['level in set', f({ levels: ['warn', 'info'] }), {}, true],
    ['level not in set', f({ levels: ['error'] }), {}, false],
    ['incident ID part', f({ entity: '65a1b2' }), {}, true],
    ['request ID', f({ entity: '349' }), {}, true],
    ['entity elsewhere', f({ entity: '999' }), {}, false],
    ['entity, entry has neither', f({ entity: '349' }), { incidentId: null, requestId: null }, false],
    ['text in message, any case', f({ text: 'DISK' }), {}, true],
    ['text in action', f({ text: 'create_req' }), {}, true],
    ['text in a change value', f({ text: 'in progress' }), {}, true],
    [
      'text in error fix code',
      f({ text: 'sdp.forbidden' }),
      { error: { code: 'sdp.forbidden', message: msg('quoted', { text: 'No' }) } },
      true,
    ],
    ['text in the worded message', f({ text: 'created sdp request' }), {}, true],
    ['text in the action as shown', f({ text: 'create request' }), {}, true],
    ['text nowhere', f({ text: 'printer' }), {}, false],
    ['blank text ignored', f({ text: '   ' }), {}, true],
  ])('%s → %s', (_, filter, patch, expected) => {
    expect(logEntryMatches(entry(patch), filter, all)).toBe(expected);
  });

  it('matches the words the log shows in the chosen language', () => {
    applyLanguage('zh-CN');
    try {
      expect(logEntryMatches(entry(), f({ text: '创建 SDP 请求' }), all)).toBe(true);
      expect(logEntryMatches(entry(), f({ text: 'Created SDP request' }), all)).toBe(false);
    } finally {
      applyLanguage('en');
    }
  });

  it.each([
    [{ from: NOW - 120_000, to: null }, true],
    [{ from: NOW - 30_000, to: null }, false],
    [{ from: null, to: NOW - 90_000 }, false],
    [{ from: NOW - 60_000, to: NOW - 60_000 }, true],
  ])('time window %j → %s', (window, expected) => {
    expect(logEntryMatches(entry(), EMPTY_LOG_FILTER, window)).toBe(expected);
  });
});

describe('toLogQuery', () => {
  it.each<[string, LogFilter, Record<string, unknown>]>([
    ['empty', EMPTY_LOG_FILTER, { limit: 2000 }],
    ['incident ID', f({ entity: INCIDENT }), { incidentId: INCIDENT, limit: 2000 }],
    ['request ID', f({ entity: ' 349 ' }), { requestId: '349', limit: 2000 }],
    ['partial entity stays client-side', f({ entity: '65a1' }), { limit: 2000 }],
    [
      'everything',
      f({ integrationId: 'int_a', direction: 'from_sdp', levels: ['error'], text: ' fail ' }),
      { integrationId: 'int_a', direction: 'from_sdp', levels: ['error'], text: 'fail', limit: 2000 },
    ],
  ])('%s', (_, filter, query) => {
    expect(toLogQuery(filter, { from: null, to: null })).toEqual(query);
  });

  it('passes the time window and caps text at the contract limit', () => {
    expect(toLogQuery(f({ text: 'x'.repeat(300) }), { from: 5, to: 9 }, 10)).toEqual({
      text: 'x'.repeat(200),
      from: 5,
      to: 9,
      limit: 10,
    });
  });
});

describe('mergeLog', () => {
  const e = (id: string, at: number) => entry({ id, at });
  it.each<[string, LogEntry[], LogEntry[], number, string[]]>([
    ['appends newer live entries', [e('1', 1), e('2', 2)], [e('3', 3)], 10, ['1', '2', '3']],
    ['drops entries already held', [e('1', 1), e('2', 2)], [e('2', 2), e('3', 3)], 10, ['1', '2', '3']],
    ['sorts an older query page in', [e('5', 5), e('6', 6)], [e('2', 2), e('4', 4)], 10, ['2', '4', '5', '6']],
    ['drops duplicates inside the incoming batch', [], [e('1', 1), e('1', 1)], 10, ['1']],
    ['keeps only the newest `limit`', [e('1', 1), e('2', 2)], [e('3', 3), e('4', 4)], 3, ['2', '3', '4']],
    ['equal times order by ID', [e('10', 5)], [e('9', 5)], 10, ['9', '10']],
  ])('%s', (_, current, incoming, limit, ids) => {
    expect(mergeLog(current, incoming, limit).map((x) => x.id)).toEqual(ids);
  });

  it('returns the same array when nothing is new, so the store does not re-render', () => {
    const current = [e('1', 1)];
    expect(mergeLog(current, [], 10)).toBe(current);
    expect(mergeLog(current, [e('1', 1)], 10)).toBe(current);
  });

  it('stays fast with 20,000 entries and a live stream (no quadratic merge)', () => {
    let log: LogEntry[] = [];
    for (let i = 0; i < 20_000; i += 1000)
      log = mergeLog(
        log,
        Array.from({ length: 1000 }, (_, j) => e(String(i + j), i + j)),
        20_000,
      );
    for (let i = 20_000; i < 20_200; i++) log = mergeLog(log, [e(String(i), i)], 20_000);
    expect(log).toHaveLength(20_000);
    expect(log[0]!.id).toBe('200');
    expect(log[log.length - 1]!.id).toBe('20199');
  });
});

describe('incident filters', () => {
  it.each([
    ['defaults: last 24 h', EMPTY_INCIDENT_FILTER, { integrationId: 'i', since: NOW - 86_400_000, limit: 200 }],
    [
      'everything',
      {
        ...EMPTY_INCIDENT_FILTER,
        channelIds: ['2551105804131'],
        progress: ['Triggered' as const],
        severities: ['Critical' as const],
        range: 'all' as const,
      },
      {
        integrationId: 'i',
        channelIds: ['2551105804131'],
        progress: ['Triggered'],
        severities: ['Critical'],
        limit: 200,
      },
    ],
    [
      'custom range',
      { ...EMPTY_INCIDENT_FILTER, range: 'custom' as const, customFrom: '2026-11-27T10:00', customTo: '' },
      { integrationId: 'i', since: new Date('2026-11-27T10:00').getTime(), limit: 200 },
    ],
  ])('%s', (_, filter, query) => {
    expect(toIncidentQuery('i', filter, NOW)).toEqual(query);
  });

  it.each([
    [[], ['a', 'b'], 'none'],
    [['a'], ['a', 'b'], 'some'],
    [['a', 'b', 'x'], ['a', 'b'], 'all'],
    [['x'], ['a'], 'none'],
    [[], [], 'none'],
  ] as const)('selection %j of %j is %s', (selected, visible, state) => {
    expect(selectionState(selected, visible)).toBe(state);
  });

  it.each([
    [['a', 'b'], 'c', ['a', 'b', 'c']],
    [['a', 'b', 'c'], 'b', ['a', 'c']],
    [[], 'a', ['a']],
  ])('toggle(%j, %s) → %j', (list, value, out) => {
    expect(toggle(list, value)).toEqual(out);
  });
});
