import type { LogEntry } from '../../../shared/common/contract';
import { describe } from '../../../shared/node/sync/describe';
import type { HandlerContext, NamespaceHandlers } from './context';

/** Everything logged about a pair (or, without a link, about the one ID asked about), oldest first. */
function trail(ctx: HandlerContext, integrationId: string, ids: { incidentId?: string; requestId?: string }) {
  const of = (filter: { incidentId: string } | { requestId: string }) =>
    ctx.store.queryLog({ integrationId, ...filter, limit: 1000 });
  const byId = new Map<string, LogEntry>();
  for (const e of [
    ...(ids.incidentId === undefined ? [] : of({ incidentId: ids.incidentId })),
    ...(ids.requestId === undefined ? [] : of({ requestId: ids.requestId })),
  ])
    byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
}

/** One entry of the integration's sync log, or undefined when there is none with that ID (any more). */
function logEntry(ctx: HandlerContext, integrationId: string, id: string): LogEntry | undefined {
  const [entry] = ctx.store.queryLog({ integrationId, before: String(BigInt(id) + 1n), limit: 1 });
  return entry?.id === id ? entry : undefined;
}

export function logHandlers(
  ctx: HandlerContext,
): NamespaceHandlers<'log'> & NamespaceHandlers<'links'> & NamespaceHandlers<'outbox'> {
  const { store } = ctx;
  return {
    'log.query': async (query) => {
      const entries = store.queryLog({ ...query, limit: query.limit + 1 });
      return { entries: entries.slice(0, query.limit), hasMore: entries.length > query.limit };
    },
    'links.rebuild': async ({ integrationId }) => {
      const r = ctx.runtime(integrationId);
      ctx.clients(integrationId);
      return r.rebuildLinks((progress) => ctx.bus.publish('links.rebuildProgress', { integrationId, ...progress }));
    },
    'links.get': async ({ integrationId, incidentId, requestId }) => {
      ctx.config(integrationId);
      const link =
        incidentId !== undefined
          ? store.linkByIncident(integrationId, incidentId)
          : store.linkByRequest(integrationId, requestId!);
      // Without a link only the ID asked about has a trail; an empty filter would be the whole integration's log.
      const ids = link ? { incidentId: link.incidentId, requestId: link.requestId } : { incidentId, requestId };
      return {
        link: link && {
          incidentId: link.incidentId,
          requestId: link.requestId,
          updatedAt: link.updatedAt,
          sdp: link.lastAgreedWithSdp,
          flashduty: link.lastAgreedWithFlashduty,
        },
        trail: trail(ctx, integrationId, ids),
      };
    },
    'outbox.list': async ({ integrationId, state }) => {
      ctx.config(integrationId);
      return {
        items: store.outbox(integrationId, state).map((i) => ({
          id: i.id,
          side: i.side,
          entityId: i.entityId,
          type: i.op.type,
          summary: describe(i.op),
          state: i.state,
          // A failed write was tried at least once even where the row's counter was never raised; a parked plan failure
          // never was.
          attempts: i.op.type === 'fail' ? i.attempts : Math.max(1, i.attempts),
          nextTryAt: i.nextTryAt,
          lastError: i.lastError,
          createdAt: i.createdAt,
        })),
      };
    },
    'outbox.retry': async ({ integrationId, ids, logEntryId }) => {
      const r = ctx.runtime(integrationId);
      if (logEntryId === undefined) return { requeued: r.retryFailed((i) => ids === undefined || ids.includes(i.id)) };
      // The log line names the entity, not the outbox row: every parked operation of that entity. An entry pruned
      // from the log names none.
      const entry = logEntry(ctx, integrationId, logEntryId);
      const entities = [entry?.incidentId, entry?.requestId].filter((e) => e !== null && e !== undefined);
      return { requeued: entities.length === 0 ? 0 : r.retryFailed((i) => entities.includes(i.entityId)) };
    },
  };
}
