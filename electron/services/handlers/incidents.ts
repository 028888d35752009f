import { sdpRequestUrl } from '../../../shared/common/config';
import type { IncidentRow } from '../../../shared/common/contract';
import { AppError } from '../../../shared/common/errors';
import type { FlashdutyIncident } from '../../../shared/node/flashduty/types';
import { incidentSnapshot } from '../../../shared/node/sync/snapshots';
import type { HandlerContext, NamespaceHandlers } from './context';

const WEEK_MS = 7 * 86_400_000;

/** One row of the Incidents page: the incident, its request if linked, and its parked failure if any. */
function incidentRow(
  ctx: HandlerContext,
  integrationId: string,
  incident: FlashdutyIncident,
  channelNames: ReadonlyMap<string, string>,
): IncidentRow {
  const snap = incidentSnapshot(incident, ctx.now());
  const link = ctx.store.linkByIncident(integrationId, incident.incident_id);
  const failed = ctx.store
    .outboxForEntity(integrationId, 'flashduty', incident.incident_id)
    .find((i) => i.state === 'failed');
  return {
    id: snap.id,
    num: snap.num,
    title: snap.title,
    severity: snap.severity,
    progress: snap.progress,
    snoozed: snap.snoozedUntilMs !== null,
    channelId: snap.channelId,
    channelName: channelNames.get(snap.channelId) ?? (incident.channel_name || null),
    createdAt: snap.createdAtMs,
    updatedAt: snap.updatedAtMs,
    requestId: link?.requestId ?? null,
    url: incident.detail_url || null,
    requestUrl: link ? sdpRequestUrl(ctx.config(integrationId).sdp, link.requestId) : null,
    lastError: failed?.lastError?.message ?? null,
  };
}

export function incidentHandlers(ctx: HandlerContext): NamespaceHandlers<'incidents'> {
  return {
    'incidents.list': async ({ integrationId, channelIds, progress, severities, since, until, limit }) => {
      const fd = ctx.clients(integrationId).flashduty;
      const channelNames = new Map((await fd.listChannels()).map((ch) => [ch.channel_id, ch.channel_name]));
      const rows: IncidentRow[] = [];
      for await (const incident of fd.iterateIncidents({
        startTime: Math.floor((since ?? ctx.now() - WEEK_MS) / 1000),
        endTime: Math.ceil((until ?? ctx.now()) / 1000),
        asc: false,
        ...(channelIds ? { channelIds } : {}),
        ...(progress ? { progress } : {}),
        ...(severities ? { severities } : {}),
      })) {
        rows.push(incidentRow(ctx, integrationId, incident, channelNames));
        if (rows.length >= limit) break;
      }
      return { incidents: rows };
    },
    'incidents.get': async ({ integrationId, incidentId }) => {
      const incident = await ctx.clients(integrationId).flashduty.getIncident(incidentId);
      const snap = incidentSnapshot(incident, ctx.now());
      return { id: snap.id, num: snap.num, title: snap.title, url: incident.detail_url || null };
    },
    'incidents.push': async ({ integrationId, incidentIds }) => {
      const r = ctx.runtime(integrationId);
      if (r.isDraft)
        throw new AppError(
          'integration.draft',
          'This integration is a draft: it writes nothing until you turn it on (Integration → Turn on). Use Dry run to preview a push.',
        );
      ctx.clients(integrationId);
      let done = 0;
      const results = await r.push(incidentIds, (outcome) => {
        done++;
        ctx.bus.publish('push.progress', { integrationId, done, total: incidentIds.length, last: outcome });
      });
      return { results };
    },
  };
}
