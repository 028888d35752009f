import type { SdpClient } from '../../../shared/node/sdp/client';
import { statusDefaultsFromInstance } from '../../../shared/node/sdp/status';
import { udfType } from '../../../shared/node/sync/snapshots';
import type { HandlerContext, NamespaceHandlers } from './context';

const REQUESTER_SUGGESTIONS = 20;
/**
 * How long one read of SDP's users serves the requester box: SDP has no documented name search on
 * its user lists, so a search filters a whole list, and typing must not page through it again.
 */
const DIRECTORY_TTL_MS = 5 * 60_000;

type Directory = { at: number; users: ReturnType<SdpClient['listUsers']> };

export function metadataHandlers(ctx: HandlerContext): NamespaceHandlers<'metadata'> {
  // Per client: a saved connection change builds a new client, which reads its directory afresh.
  const directories = new WeakMap<SdpClient, Directory>();
  const usersOf = (sdp: SdpClient): Directory['users'] => {
    const held = directories.get(sdp);
    if (held !== undefined && ctx.now() - held.at < DIRECTORY_TTL_MS) return held.users;
    const entry: Directory = { at: ctx.now(), users: sdp.listUsers() };
    directories.set(sdp, entry);
    // A failed read is not kept: the next search asks SDP again.
    entry.users.catch(() => directories.get(sdp) === entry && directories.delete(sdp));
    return entry.users;
  };
  return {
    'metadata.sdp': async ({ integrationId }) => {
      ctx.clients(integrationId);
      // Per endpoint: a list SDP refuses empties its dropdown and says why; the others still load.
      const { sources, problems } = await ctx.runtime(integrationId).loadSdpMetadata();
      return {
        templates: sources.templates.map((t) => ({
          id: t.id,
          name: t.name,
          isDefault: t.isDefault,
          mandatoryFields: t.mandatoryFields,
        })),
        priorities: sources.priorities.map((p) => ({ id: p.id, name: p.name })),
        statuses: sources.statuses.map((s) => ({
          id: s.id,
          name: s.name,
          class: s.classification,
          inProgress: s.inProgress,
          stopTimer: s.stopTimer,
        })),
        technicians: sources.technicians.map((t) => ({ id: t.id, name: t.name, email: t.email })),
        groups: sources.groups.map((g) => ({ id: g.id, name: g.name })),
        udfs: sources.udfs.map((u) => ({ key: u.key, displayName: u.displayName, type: udfType(u), isText: u.isText })),
        problems,
        statusDefaults: statusDefaultsFromInstance(sources.statuses),
      };
    },
    'metadata.requesters': async ({ integrationId, search }) => {
      const wanted = search.toLowerCase();
      const users = await usersOf(ctx.clients(integrationId).sdp);
      const matching = users.filter(
        (u) => u.name.toLowerCase().includes(wanted) || (u.email ?? '').toLowerCase().includes(wanted),
      );
      return { requesters: matching.slice(0, REQUESTER_SUGGESTIONS).map((u) => ({ name: u.name, email: u.email })) };
    },
    'metadata.flashduty': async ({ integrationId }) => {
      const fd = ctx.clients(integrationId).flashduty;
      const [channels, teams, fields] = await Promise.all([fd.listChannels(), fd.listTeams(), fd.listFields()]);
      return {
        channels: channels.map((c) => ({ id: c.channel_id, name: c.channel_name, teamId: c.team_id ?? null })),
        teams: teams.map((t) => ({ id: t.team_id, name: t.team_name })),
        fields: fields.map((f) => ({
          name: f.field_name,
          displayName: f.display_name || f.field_name,
          type: f.field_type,
          options: f.options,
        })),
      };
    },
  };
}
