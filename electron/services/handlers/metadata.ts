import { statusDefaultsFromInstance } from '../../../shared/node/sdp/status';
import { sdpOffer } from '../../../shared/node/sync/snapshots';
import type { HandlerContext, NamespaceHandlers } from './context';

const REQUESTER_SUGGESTIONS = 20;

export function metadataHandlers(ctx: HandlerContext): NamespaceHandlers<'metadata'> {
  return {
    'metadata.sdp': async ({ integrationId }) => {
      ctx.clients(integrationId);
      // Per endpoint: a list SDP refuses empties its dropdown and says why; the others still load.
      const { sources, problems } = await ctx.runtime(integrationId).loadSdpMetadata();
      return {
        ...sdpOffer(sources),
        problems,
        statusDefaults: statusDefaultsFromInstance(sources.statuses),
      };
    },
    'metadata.requesters': async ({ integrationId, search }) => {
      const wanted = search.toLowerCase();
      const users = await ctx.clients(integrationId).sdp.listUsers();
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
