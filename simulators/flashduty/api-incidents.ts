import { jsonInt } from '../../shared/node/flashduty/lossless-json';
import { answer, csv, page, str, strs, type ApiResult, type Body, type RouteHandler } from './api-params';
import type { SimRoute } from './schemas';
import { ACCOUNT, CHANNELS } from './seed';
import { invalidParameter, renderIncident, type IncidentStore, type SimEvent, type SimIncident } from './store';

/** The incident routes: list and read, the responder actions, and the feed they leave. */

const MAX_WINDOW_SECONDS = 31 * 24 * 3600;

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

/** `/incident/list`: the window, filters, sort, and either page numbers or an opaque cursor. */
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

function feed(store: IncidentStore, exact: Body): unknown {
  const incident = store.get(String(exact.incident_id));
  const types = strs(exact.types);
  const entries = incident.feed
    .filter((e) => !types || types.includes(e.type))
    .sort((a, b) => (a.created_at - b.created_at) * (exact.asc === true ? 1 : -1));
  const { slice, hasNext } = page(entries, Number(exact.p ?? 1), Number(exact.limit ?? 20));
  return {
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
  };
}

function create(store: IncidentStore, exact: Body, personId: string): ApiResult {
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
    personId,
  );
  return { data: { incident_id: incident.incident_id, title: incident.title }, events };
}

function reset(store: IncidentStore, exact: Body, personId: string): SimEvent[] {
  const keys = ['title', 'description', 'impact', 'root_cause', 'resolution', 'incident_severity'] as const;
  if (!keys.some((k) => exact[k] !== undefined)) throw invalidParameter('title', 'give at least one field to reset');
  const input = Object.fromEntries(keys.filter((k) => exact[k] !== undefined).map((k) => [k, exact[k]]));
  return store.reset(String(exact.incident_id), input, personId);
}

const ids = (exact: Body): string[] => strs(exact.incident_ids) ?? [];
const done = (events: SimEvent[]): ApiResult => ({ data: {}, events });

export function incidentRoutes(store: IncidentStore) {
  return {
    '/incident/list': (exact, _caller, nowSec) => answer(listIncidents(store, exact, nowSec)),
    '/incident/info': (exact) => answer(renderIncident(store.get(String(exact.incident_id)))),
    '/incident/list-by-ids': (exact) => {
      const wanted = ids(exact);
      if (wanted.length > 100) throw invalidParameter('incident_ids', 'at most 100 ids per call');
      const items = wanted.map((id) => store.find(id)).filter((i): i is SimIncident => i !== undefined);
      return answer({ items: items.map(renderIncident), total: items.length, has_next_page: false });
    },
    '/incident/create': (exact, caller) => create(store, exact, caller.personId),
    '/incident/ack': (exact, caller) => done(store.ack(ids(exact), caller.personId)),
    '/incident/unack': (exact, caller) => done(store.unack(ids(exact), caller.personId)),
    '/incident/wake': (exact, caller) => done(store.wake(ids(exact), caller.personId)),
    '/incident/snooze': (exact, caller) => {
      if (ids(exact).length === 0) throw invalidParameter('incident_ids', 'at least one id');
      return done(store.snooze(ids(exact), Number(exact.minutes), caller.personId));
    },
    '/incident/resolve': (exact, caller) => {
      const detail = {
        ...(typeof exact.root_cause === 'string' ? { root_cause: exact.root_cause } : {}),
        ...(typeof exact.resolution === 'string' ? { resolution: exact.resolution } : {}),
      };
      return done(store.resolve(ids(exact), detail, caller.personId));
    },
    '/incident/reopen': (exact, caller) => done(store.reopen(ids(exact), str(exact.reason), caller.personId)),
    '/incident/reset': (exact, caller) => done(reset(store, exact, caller.personId)),
    '/incident/field/reset': (exact, caller) =>
      done(store.resetField(String(exact.incident_id), String(exact.field_name), exact.field_value, caller.personId)),
    '/incident/comment': (exact, caller) => {
      const comment = typeof exact.comment === 'string' ? exact.comment.trim() : '';
      if (comment === '') throw invalidParameter('comment', 'must not be empty');
      return done(store.comment(ids(exact), comment, exact.mute_reply === true, caller.personId));
    },
    '/incident/feed': (exact) => answer(feed(store, exact)),
  } satisfies Partial<Record<SimRoute, RouteHandler>>;
}
