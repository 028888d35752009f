import type { z } from 'zod';
import { jsonInt } from '../../shared/node/flashduty/lossless-json';
import { firstIssue, requestSchemas, type SimRoute } from './schemas';
import { ACCOUNT, CHANNELS, FIELDS, MEMBERS, TEAMS } from './seed';
import { invalidParameter, renderIncident, type IncidentStore, type SimEvent, type SimIncident } from './store';

/** Who is calling: the key's owner and whether the key may change incidents. */
export interface Caller {
  personId: string;
  canManage: boolean;
}

export interface ApiResult {
  data: unknown;
  events: SimEvent[];
}

const MAX_WINDOW_SECONDS = 31 * 24 * 3600;
const WRITE_ROUTES = new Set<SimRoute>([
  '/incident/create',
  '/incident/ack',
  '/incident/unack',
  '/incident/resolve',
  '/incident/reopen',
  '/incident/snooze',
  '/incident/wake',
  '/incident/reset',
  '/incident/field/reset',
  '/incident/comment',
]);

export const isWriteRoute = (route: SimRoute): boolean => WRITE_ROUTES.has(route);

/**
 * `strict` is the body as plain JSON.parse saw it (checked against the spec schema); `exact`
 * is the same body with int64 IDs kept as digit strings (used for the values).
 */
export function validateBody(route: SimRoute, strict: unknown): void {
  const result = (requestSchemas[route] as z.ZodType).safeParse(strict);
  if (!result.success) {
    const { parameter, problem } = firstIssue(result.error);
    throw invalidParameter(parameter, problem);
  }
}

type Body = Record<string, unknown>;
const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
const strs = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);
const csv = (v: unknown): string[] | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.split(',').map((s) => s.trim()) : undefined;

function page<T>(items: T[], p: number, limit: number): { slice: T[]; hasNext: boolean } {
  if (p * limit > 10_000) throw invalidParameter('p', 'p * limit must not exceed 10000');
  const start = (p - 1) * limit;
  return { slice: items.slice(start, start + limit), hasNext: start + limit < items.length };
}

interface Cursor {
  start: number;
  id: string;
}
const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify([c.start, c.id])).toString('base64url');
function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string')
      return { start: value[0], id: value[1] };
  } catch {
    // fall through to the error below
  }
  throw invalidParameter('search_after_ctx', 'not a cursor this server issued');
}

function listIncidents(store: IncidentStore, body: Body, nowSec: number): unknown {
  const start = Number(body.start_time);
  const end = Number(body.end_time);
  if (end <= start) throw invalidParameter('end_time', 'must be greater than start_time');
  if (end - start > MAX_WINDOW_SECONDS) throw invalidParameter('end_time', 'the time window must not exceed 31 days');
  const limit = Number(body.limit ?? 20) || 20;
  const asc = body.asc === true;
  const progress = csv(body.progress);
  const severities = csv(body.incident_severity);
  const channels = strs(body.channel_ids);
  const ids = strs(body.incident_ids)?.map((i) => i.toLowerCase());
  const nums = strs(body.nums);
  const query = typeof body.query === 'string' ? body.query.toLowerCase() : '';
  const teams = strs(body.team_ids);
  const teamChannels = teams ? CHANNELS.filter((c) => teams.includes(c.team_id)).map((c) => c.channel_id) : undefined;
  const key = (i: SimIncident) => [i.start_time, i.incident_id] as const;
  const before = (a: SimIncident, c: Cursor) => {
    const [s, id] = key(a);
    return s < c.start || (s === c.start && id < c.id);
  };
  let matches = store
    .all()
    .filter((i) => i.start_time >= start && i.start_time <= end)
    .filter((i) => !progress || progress.includes(i.progress))
    .filter((i) => !severities || severities.includes(i.incident_severity))
    .filter((i) => !channels || channels.includes(i.channel_id))
    .filter((i) => !teamChannels || teamChannels.includes(i.channel_id))
    .filter((i) => !ids || ids.includes(i.incident_id))
    .filter((i) => !nums || nums.includes(i.num))
    .filter((i) => body.is_snoozed !== true || i.snoozed_before > nowSec)
    .filter((i) => query === '' || `${i.title} ${i.description}`.toLowerCase().includes(query))
    .sort((a, b) => (a.start_time - b.start_time || (a.incident_id < b.incident_id ? -1 : 1)) * (asc ? 1 : -1));
  const total = Math.min(matches.length, 1000);
  let slice: SimIncident[];
  let hasNext: boolean;
  if (typeof body.search_after_ctx === 'string' && body.search_after_ctx !== '') {
    const cursor = decodeCursor(body.search_after_ctx);
    matches = matches.filter((i) =>
      asc ? !before(i, cursor) && !(i.start_time === cursor.start && i.incident_id === cursor.id) : before(i, cursor),
    );
    slice = matches.slice(0, limit);
    hasNext = matches.length > limit;
  } else {
    ({ slice, hasNext } = page(matches, Number(body.p ?? 1) || 1, limit));
  }
  const last = slice[slice.length - 1];
  return {
    items: slice.map(renderIncident),
    total,
    has_next_page: hasNext,
    ...(hasNext && last ? { search_after_ctx: encodeCursor({ start: last.start_time, id: last.incident_id }) } : {}),
  };
}

const renderMember = (m: (typeof MEMBERS)[number]) => ({
  account_id: jsonInt(ACCOUNT.account_id),
  member_id: jsonInt(m.member_id),
  member_name: m.member_name,
  email: m.email,
  phone: '',
  status: 'enabled',
  account_role_ids: [2],
  is_external: false,
  ref_id: '',
  created_at: 1752030749,
  updated_at: 1752030749,
});

/** Runs one validated Open API call. `exact` holds the body with int64 IDs as digit strings. */
export function handleApi(
  route: SimRoute,
  exact: Body,
  caller: Caller,
  store: IncidentStore,
  nowMs: number,
): ApiResult {
  const nowSec = Math.floor(nowMs / 1000);
  const ids = (): string[] => strs(exact.incident_ids) ?? [];
  const done = (events: SimEvent[]): ApiResult => ({ data: {}, events });
  switch (route) {
    case '/incident/list':
      return { data: listIncidents(store, exact, nowSec), events: [] };
    case '/incident/info':
      return { data: renderIncident(store.get(String(exact.incident_id))), events: [] };
    case '/incident/list-by-ids': {
      const wanted = ids();
      if (wanted.length > 100) throw invalidParameter('incident_ids', 'at most 100 ids per call');
      const items = wanted.map((id) => store.find(id)).filter((i): i is SimIncident => i !== undefined);
      return { data: { items: items.map(renderIncident), total: items.length, has_next_page: false }, events: [] };
    }
    case '/incident/create': {
      const title = typeof exact.title === 'string' ? exact.title.trim() : '';
      if (title === '') throw invalidParameter('title', 'required');
      const assigned = exact.assigned_to as Body | undefined;
      const { incident, events } = store.createManual(
        {
          title,
          severity: exact.incident_severity as 'Critical' | 'Warning' | 'Info',
          ...(typeof exact.description === 'string' ? { description: exact.description } : {}),
          ...(exact.channel_id !== undefined ? { channelId: String(exact.channel_id) } : {}),
          ...(strs(assigned?.person_ids) ? { assignedPersonIds: strs(assigned?.person_ids)! } : {}),
        },
        caller.personId,
      );
      return { data: { incident_id: incident.incident_id, title: incident.title }, events };
    }
    case '/incident/ack':
      return done(store.ack(ids(), caller.personId));
    case '/incident/unack':
      return done(store.unack(ids(), caller.personId));
    case '/incident/wake':
      return done(store.wake(ids(), caller.personId));
    case '/incident/snooze':
      if (ids().length === 0) throw invalidParameter('incident_ids', 'at least one id');
      return done(store.snooze(ids(), Number(exact.minutes), caller.personId));
    case '/incident/resolve':
      return done(
        store.resolve(
          ids(),
          {
            ...(typeof exact.root_cause === 'string' ? { root_cause: exact.root_cause } : {}),
            ...(typeof exact.resolution === 'string' ? { resolution: exact.resolution } : {}),
          },
          caller.personId,
        ),
      );
    case '/incident/reopen':
      return done(store.reopen(ids(), str(exact.reason), caller.personId));
    case '/incident/reset': {
      const keys = ['title', 'description', 'impact', 'root_cause', 'resolution', 'incident_severity'] as const;
      if (!keys.some((k) => exact[k] !== undefined))
        throw invalidParameter('title', 'give at least one field to reset');
      const input = Object.fromEntries(keys.filter((k) => exact[k] !== undefined).map((k) => [k, exact[k]]));
      return done(store.reset(String(exact.incident_id), input, caller.personId));
    }
    case '/incident/field/reset':
      return done(
        store.resetField(String(exact.incident_id), String(exact.field_name), exact.field_value, caller.personId),
      );
    case '/incident/comment': {
      const comment = typeof exact.comment === 'string' ? exact.comment.trim() : '';
      if (comment === '') throw invalidParameter('comment', 'must not be empty');
      return done(store.comment(ids(), comment, exact.mute_reply === true, caller.personId));
    }
    case '/incident/feed': {
      const incident = store.get(String(exact.incident_id));
      const types = strs(exact.types);
      const entries = incident.feed
        .filter((e) => !types || types.includes(e.type))
        .sort((a, b) => (a.created_at - b.created_at) * (exact.asc === true ? 1 : -1));
      const { slice, hasNext } = page(entries, Number(exact.p ?? 1), Number(exact.limit ?? 20));
      return {
        data: {
          has_next_page: hasNext,
          items: slice.map((e) => ({
            ref_id: incident.incident_id,
            type: e.type,
            detail: e.detail,
            account_id: jsonInt(ACCOUNT.account_id),
            creator_id: jsonInt(e.creator_id),
            created_at: e.created_at,
            updated_at: e.created_at,
          })),
        },
        events: [],
      };
    }
    case '/channel/list': {
      const q = typeof exact.query === 'string' ? exact.query.toLowerCase() : '';
      const teamIds = strs(exact.team_ids);
      const channelIds = strs(exact.channel_ids);
      const all = CHANNELS.filter((c) => c.channel_name.toLowerCase().includes(q))
        .filter((c) => !teamIds || teamIds.includes(c.team_id))
        .filter((c) => !channelIds || channelIds.includes(c.channel_id))
        .filter((c) => typeof exact.channel_name !== 'string' || c.channel_name === exact.channel_name);
      const { slice, hasNext } = page(all, Number(exact.p ?? 1), Number(exact.limit ?? 100));
      return {
        data: {
          total: all.length,
          has_next_page: hasNext,
          items: slice.map((c) => ({
            channel_id: jsonInt(c.channel_id),
            channel_name: c.channel_name,
            description: '',
            status: 'enabled',
            team_id: jsonInt(c.team_id),
            account_id: jsonInt(ACCOUNT.account_id),
          })),
        },
        events: [],
      };
    }
    case '/team/list': {
      const q = typeof exact.query === 'string' ? exact.query.toLowerCase() : '';
      const p = Number(exact.p ?? 1);
      const limit = Number(exact.limit ?? 20);
      const all = TEAMS.filter((t) => t.team_name.toLowerCase().includes(q)).filter(
        (t) => exact.person_id === undefined || t.person_ids.includes(String(exact.person_id)),
      );
      const { slice } = page(all, p, limit);
      return {
        data: {
          p,
          limit,
          total: all.length,
          items: slice.map((t) => ({
            account_id: jsonInt(ACCOUNT.account_id),
            team_id: jsonInt(t.team_id),
            team_name: t.team_name,
            description: '',
            status: 'enabled',
            person_ids: t.person_ids.map((id) => jsonInt(id)),
            ref_id: '',
          })),
        },
        events: [],
      };
    }
    case '/member/list': {
      const q = typeof exact.query === 'string' ? exact.query.toLowerCase() : '';
      const p = Number(exact.p ?? 1);
      const limit = Number(exact.limit ?? 20);
      const all = MEMBERS.filter((m) => `${m.member_name} ${m.email}`.toLowerCase().includes(q));
      const { slice } = page(all, p, limit);
      return { data: { p, limit, total: all.length, items: slice.map(renderMember) }, events: [] };
    }
    case '/member/info': {
      const me = MEMBERS.find((m) => m.member_id === caller.personId)!;
      return {
        data: {
          ...renderMember(me),
          account_name: ACCOUNT.account_name,
          domain: 'acme',
          locale: 'en-US',
          time_zone: 'UTC',
        },
        events: [],
      };
    }
    case '/person/infos': {
      const wanted = strs(exact.person_ids) ?? [];
      const items = MEMBERS.filter((m) => wanted.includes(m.member_id)).map((m) => ({
        account_id: jsonInt(ACCOUNT.account_id),
        person_id: jsonInt(m.member_id),
        person_name: m.member_name,
        email: m.email,
        as: 'member',
        status: 'enabled',
      }));
      return { data: { items }, events: [] };
    }
    case '/field/list':
      return {
        data: {
          items: FIELDS.map((f) => ({
            ...f,
            account_id: jsonInt(ACCOUNT.account_id),
            description: '',
            default_value: null,
            status: 'enabled',
            creator_id: jsonInt(MEMBERS[0]!.member_id),
            updated_by: jsonInt(MEMBERS[0]!.member_id),
            created_at: 1750000000,
            updated_at: 1750000000,
          })),
        },
        events: [],
      };
  }
}
