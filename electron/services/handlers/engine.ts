import { describe } from '../../../shared/node/sync/describe';
import type { HandlerContext, NamespaceHandlers } from './context';

export function engineHandlers(ctx: HandlerContext): NamespaceHandlers<'engine'> & NamespaceHandlers<'sync'> {
  const { board, engine } = ctx;
  return {
    'engine.status': async () => board.snapshot(),
    'engine.pause': async ({ integrationId }) => {
      if (integrationId !== undefined) ctx.config(integrationId);
      engine.pause(integrationId);
      return board.snapshot();
    },
    'engine.resume': async ({ integrationId }) => {
      if (integrationId !== undefined) ctx.config(integrationId);
      engine.resume(integrationId);
      return board.snapshot();
    },
    'sync.dryRun': async ({ integrationId, side, id, mode }) => {
      const r = ctx.runtime(integrationId);
      ctx.clients(integrationId);
      const result = await r.dryRun(side, id, mode === 'automatic' ? 'poll' : 'manual');
      return {
        mode,
        source: { ...result.source },
        target: result.target && { ...result.target },
        operations: result.operations.map((op) => ({ type: op.type, summary: describe(op), payload: op })),
        problems: result.operations.flatMap((op) =>
          op.type === 'fail' ? [{ code: op.code, message: op.reason }] : [],
        ),
      };
    },
  };
}
