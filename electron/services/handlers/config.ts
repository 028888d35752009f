import { diffConfigs, type IntegrationConfig } from '../../../shared/common/config';
import { DISPATCH_CODES } from '../../../shared/common/contract';
import { AppError } from '../../../shared/common/errors';
import { exportIntegrations, parseIntegrationsJson } from '../config-transfer';
import type { HandlerContext, NamespaceHandlers } from './context';

function parsedImport(json: string): IntegrationConfig[] {
  const parsed = parseIntegrationsJson(json);
  if (parsed.ok) return parsed.integrations;
  throw new AppError(
    DISPATCH_CODES.invalidInput,
    `The file has problems: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    { details: { issues: parsed.problems } },
  );
}

export function configHandlers(ctx: HandlerContext): NamespaceHandlers<'config'> {
  const { settings } = ctx;
  return {
    'config.export': async ({ ids }) => {
      const list = settings.integrations().filter((c) => ids === undefined || ids.includes(c.id));
      return { json: exportIntegrations(list, ctx.now()), count: list.length };
    },
    'config.importPreview': async ({ json }) => ({
      integrations: parsedImport(json).map((c) => {
        const existing = settings.integration(c.id);
        return {
          id: c.id,
          name: c.name,
          replaces: existing !== undefined,
          changes: existing ? diffConfigs(existing, c) : [],
        };
      }),
    }),
    'config.import': async ({ json, replace }) => {
      const integrations = parsedImport(json);
      // Refuse before saving any, so a file touching a managed integration changes nothing.
      for (const c of integrations) ctx.refuseManaged(c.id);
      const replaced = integrations.filter((c) => settings.integration(c.id) !== undefined);
      if (replaced.length > 0 && !replace) {
        throw new AppError(
          'config.import_replaces',
          `The file replaces ${replaced.length} existing integration(s) (${replaced.map((c) => c.name).join(', ')}). Review what changes, then confirm the import.`,
          { details: { n: replaced.length } },
        );
      }
      for (const c of integrations) {
        settings.saveIntegration(c);
        await ctx.engine.upsert(c);
      }
      return { imported: integrations.map((c) => ({ id: c.id, name: c.name })) };
    },
  };
}
