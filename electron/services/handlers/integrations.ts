import { integrationConfigSchema, isWebhookSecretRef, type IntegrationConfig } from '../../../shared/common/config';
import { DISPATCH_CODES, msg, type IntegrationHealth, type IntegrationSummary } from '../../../shared/common/contract';
import { AppError } from '../../../shared/common/errors';
import { sdpWebhookBodyTemplate } from '../../../shared/node/sdp/webhook';
import { SECRET_HEADER } from '../../ingress/webhook-server';
import { describeIssues } from '../../transport/dispatcher';
import { goLivePreview } from '../go-live';
import { errorMessage } from '../runtime-messages';
import { newWebhookSecret } from '../secrets';
import { FLASHDUTY_SYNC_EVENTS, flashdutySetupSteps, sdpSetupSteps, unreachableFrom } from '../webhook-setup';
import { notFound, type HandlerContext, type NamespaceHandlers } from './context';

function summary(c: IntegrationConfig, healths: ReadonlyMap<string, IntegrationHealth>): IntegrationSummary {
  const health = healths.get(c.id);
  return {
    id: c.id,
    name: c.name,
    state: health?.state ?? (c.draft ? 'draft' : c.enabled ? 'idle' : 'disabled'),
    queued: health?.queued ?? 0,
    failed: health?.failed ?? 0,
    lastSyncAt: health?.lastSyncAt ?? null,
    lastError: health?.lastError ?? null,
    unreachableSince: health?.unreachableSince ?? null,
    ingress: health?.ingress ?? null,
    platform: c.sdp.platform,
    direction: c.direction,
    triggerMode: c.trigger.mode,
    enabled: c.enabled,
  };
}

/** A keychain-referenced webhook secret is made on first save, so the setup helper always has one. */
async function ensureWebhookSecret(ctx: HandlerContext, c: IntegrationConfig): Promise<void> {
  const ref = c.ingress.webhookSecret;
  if (!('secret' in ref) || !c.ingress.webhooks) return;
  const vault = ctx.vault();
  if ((await vault.get(c.id, ref.secret)) === null) await vault.set(c.id, ref.secret, newWebhookSecret());
}

/** Stores a config and applies it to the engine: the last step of save, go live and import. */
export async function storeIntegration(ctx: HandlerContext, c: IntegrationConfig): Promise<void> {
  ctx.settings.saveIntegration(c);
  await ensureWebhookSecret(ctx, c);
  await ctx.engine.upsert(c);
}

/** Where to point each side's webhooks, with the secret header and the steps of the configured edition. */
async function webhookSetup(ctx: HandlerContext, id: string) {
  const c = ctx.config(id);
  const ref = c.ingress.webhookSecret;
  // Only the webhook secret's own slot is ever read out here, whatever reference reached the config.
  const secret = isWebhookSecretRef(ref) ? ((await ctx.resolveSecret(c.id, ref).catch(() => null)) ?? '') : '';
  const route = (kind: 'sdp' | 'flashduty' | 'flashduty-action') => ctx.engine.ingress.url(c.id, kind);
  const sdp = route('sdp');
  const pending = msg('ingress.address_pending');
  // No route is served: webhooks are off, the integration is a draft (it takes none yet), or the secret is missing.
  const off = !c.ingress.webhooks
    ? msg('ingress.webhooks_off')
    : c.draft
      ? msg('ingress.draft_no_webhooks')
      : msg('ingress.secret_needed');
  return {
    webhooksEnabled: c.ingress.webhooks,
    secretHeader: { name: SECRET_HEADER, value: secret },
    sdp: {
      edition: c.sdp.platform,
      url: sdp?.url ?? '',
      method: 'POST' as const,
      contentType: 'application/json' as const,
      body: sdpWebhookBodyTemplate(c.sdp.platform),
      steps: sdpSetupSteps(c),
      unreachableFrom: unreachableFrom(c, sdp?.url ?? ''),
    },
    flashduty: {
      incidentWebhookUrl: route('flashduty')?.url ?? '',
      customActionUrl: route('flashduty-action')?.url ?? '',
      events: [...FLASHDUTY_SYNC_EVENTS],
      steps: flashdutySetupSteps(),
    },
    ingress: {
      mode: c.ingress.mode.type,
      publicBase: sdp?.base ?? '',
      warning: sdp === null ? off : sdp.url === null ? pending : ctx.engine.ingress.warning(c.id),
    },
    polling: { flashdutySeconds: c.ingress.flashdutyPollSeconds, sdpSeconds: c.ingress.sdpPollSeconds },
  };
}

export function integrationHandlers(ctx: HandlerContext): NamespaceHandlers<'integrations'> {
  const { settings, engine, config } = ctx;
  return {
    'integrations.list': async () => {
      const healths = new Map(ctx.board.snapshot().integrations.map((h) => [h.id, h]));
      return settings.integrations().map((c) => summary(c, healths));
    },
    'integrations.get': async ({ id }) => config(id),
    'integrations.save': async ({ config: draft }) => {
      const existing = draft.id === undefined ? undefined : settings.integration(draft.id);
      if (draft.id !== undefined && existing === undefined) throw notFound(draft.id);
      if (existing) ctx.refuseManaged(existing.id);
      const stamp = ctx.now();
      // Only integrations.goLive turns a stored draft on; a save keeps the stored state either way.
      const parsed = integrationConfigSchema.safeParse({
        ...draft,
        id: existing?.id ?? ctx.newId(),
        draft: existing?.draft ?? draft.draft,
        createdAt: existing?.createdAt ?? stamp,
        updatedAt: stamp,
      });
      if (!parsed.success) {
        const { message, issues } = describeIssues(parsed.error);
        throw new AppError(DISPATCH_CODES.invalidInput, `The integration has problems: ${message}`, {
          details: { issues },
        });
      }
      await storeIntegration(ctx, parsed.data);
      return parsed.data;
    },
    'integrations.goLivePreview': async ({ id }) => {
      const r = ctx.runtime(id);
      const { flashduty, sdp } = ctx.clients(id);
      return goLivePreview({
        config: config(id),
        flashduty,
        sdp,
        sdpStatuses: () => r.sdpStatuses(),
        plan: async (side, entityId, snapshot) => (await r.dryRun(side, entityId, 'poll', snapshot)).operations,
        now: ctx.now(),
      });
    },
    'integrations.goLive': async ({ id }) => {
      const c = config(id);
      ctx.refuseManaged(id);
      if (!c.draft) return c;
      const live = { ...c, draft: false, updatedAt: ctx.now() };
      await storeIntegration(ctx, live);
      ctx.note('info', id, 'go_live', msg('app.turned_on'));
      return live;
    },
    'integrations.delete': async ({ id }) => {
      ctx.refuseManaged(id);
      const deleted = settings.deleteIntegration(id);
      if (deleted) {
        await engine.remove(id);
        await Promise.resolve()
          .then(() => ctx.vault().deleteAll(id))
          .catch((error: unknown) => {
            ctx.note('warn', id, 'delete', msg('app.secrets_not_removed', { error: errorMessage(error) }));
          });
      }
      return { deleted };
    },
    'integrations.webhookSetup': async ({ id }) => webhookSetup(ctx, id),
  };
}
