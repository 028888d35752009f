import { jsonInt } from '../../shared/node/flashduty/lossless-json';
import { answer, lowerQuery, page, strs, type Body, type RouteHandler } from './api-params';
import type { SimRoute } from './schemas';
import { ACCOUNT, CHANNELS, FIELDS, MEMBERS, TEAMS } from './seed';

/** The account's directory: channels, teams, members, people and custom fields, from the seed. */

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

function channels(exact: Body): unknown {
  const q = lowerQuery(exact.query);
  const teamIds = strs(exact.team_ids);
  const channelIds = strs(exact.channel_ids);
  const all = CHANNELS.filter((c) => c.channel_name.toLowerCase().includes(q))
    .filter((c) => !teamIds || teamIds.includes(c.team_id))
    .filter((c) => !channelIds || channelIds.includes(c.channel_id))
    .filter((c) => typeof exact.channel_name !== 'string' || c.channel_name === exact.channel_name);
  const { slice, hasNext } = page(all, Number(exact.p ?? 1), Number(exact.limit ?? 100));
  return {
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
  };
}

/** Team and member lists page by `p` and `limit` and echo both back. */
function numberedPage<T>(exact: Body, all: T[], render: (item: T) => unknown): unknown {
  const p = Number(exact.p ?? 1);
  const limit = Number(exact.limit ?? 20);
  const { slice } = page(all, p, limit);
  return { p, limit, total: all.length, items: slice.map(render) };
}

const renderTeam = (t: (typeof TEAMS)[number]) => ({
  account_id: jsonInt(ACCOUNT.account_id),
  team_id: jsonInt(t.team_id),
  team_name: t.team_name,
  description: '',
  status: 'enabled',
  person_ids: t.person_ids.map((id) => jsonInt(id)),
  ref_id: '',
});

const renderField = (f: (typeof FIELDS)[number]) => ({
  ...f,
  account_id: jsonInt(ACCOUNT.account_id),
  description: '',
  default_value: null,
  status: 'enabled',
  creator_id: jsonInt(MEMBERS[0]!.member_id),
  updated_by: jsonInt(MEMBERS[0]!.member_id),
  created_at: 1750000000,
  updated_at: 1750000000,
});

export const directoryRoutes = {
  '/channel/list': (exact) => answer(channels(exact)),
  '/team/list': (exact) => {
    const q = lowerQuery(exact.query);
    const all = TEAMS.filter((t) => t.team_name.toLowerCase().includes(q)).filter(
      (t) => exact.person_id === undefined || t.person_ids.includes(String(exact.person_id)),
    );
    return answer(numberedPage(exact, all, renderTeam));
  },
  '/member/list': (exact) => {
    const q = lowerQuery(exact.query);
    const all = MEMBERS.filter((m) => `${m.member_name} ${m.email}`.toLowerCase().includes(q));
    return answer(numberedPage(exact, all, renderMember));
  },
  '/member/info': (_exact, caller) => {
    const me = MEMBERS.find((m) => m.member_id === caller.personId)!;
    return answer({
      ...renderMember(me),
      account_name: ACCOUNT.account_name,
      domain: 'acme',
      locale: 'en-US',
      time_zone: 'UTC',
    });
  },
  '/person/infos': (exact) => {
    const wanted = strs(exact.person_ids) ?? [];
    const items = MEMBERS.filter((m) => wanted.includes(m.member_id)).map((m) => ({
      account_id: jsonInt(ACCOUNT.account_id),
      person_id: jsonInt(m.member_id),
      person_name: m.member_name,
      email: m.email,
      as: 'member',
      status: 'enabled',
    }));
    return answer({ items });
  },
  '/field/list': () => answer({ items: FIELDS.map(renderField) }),
} satisfies Partial<Record<SimRoute, RouteHandler>>;
