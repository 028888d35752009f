import { requiredSecrets, type IntegrationConfig } from '../../../shared/common/config';
import type { SecretStateView } from '../../../shared/common/contract';
import { AppError } from '../../../shared/common/errors';
import { connectSdpCloud, testConnections } from '../connections';
import type { HandlerContext, NamespaceHandlers } from './context';

/** A slot's keychain state as the UI shows it: set, missing or invalid, with the last four characters when set. */
async function slotState(ctx: HandlerContext, integrationId: string, secret: string) {
  const state = await ctx.vault().state(integrationId, secret);
  return { state: state.state, ...(state.last4 !== undefined ? { last4: state.last4 } : {}) };
}

async function secretStates(ctx: HandlerContext, c: IntegrationConfig): Promise<SecretStateView[]> {
  return Promise.all(
    requiredSecrets(c).map(async (s): Promise<SecretStateView> =>
      'env' in s.ref
        ? { name: s.slot, state: (await ctx.resolveSecret(c.id, s.ref)) === null ? 'missing' : 'set' }
        : { name: s.slot, ...(await slotState(ctx, c.id, s.ref.secret)) },
    ),
  );
}

/** The keychain name behind a slot the UI may write; env-managed secrets are changed on the server. */
function keychainName(c: IntegrationConfig, slot: string): string {
  const s = requiredSecrets(c).find((r) => r.slot === slot);
  if (!s)
    throw new AppError(
      'secrets.unknown_slot',
      `This integration has no secret "${slot}". Expected one of: ${requiredSecrets(c)
        .map((r) => r.slot)
        .join(', ')}.`,
    );
  if (!('secret' in s.ref))
    throw new AppError(
      'vault.env_managed',
      `The ${s.label} comes from the environment variable ${s.ref.env} on this server; change it there.`,
      { details: { slot, env: s.ref.env } },
    );
  return s.ref.secret;
}

export function secretHandlers(ctx: HandlerContext): NamespaceHandlers<'secrets'> & NamespaceHandlers<'connections'> {
  const { engine } = ctx;
  const sdpTokenOptions = (c: IntegrationConfig) => (ctx.zohoTokens ? { sdp: ctx.zohoTokens.clientOptions(c) } : {});
  return {
    'secrets.state': async ({ integrationId }) => ({ secrets: await secretStates(ctx, ctx.config(integrationId)) }),
    'secrets.set': async ({ integrationId, name, value }) => {
      const c = ctx.config(integrationId);
      const secret = keychainName(c, name);
      await ctx.vault().set(c.id, secret, value);
      await engine.upsert(c);
      return { name, ...(await slotState(ctx, c.id, secret)) };
    },
    'secrets.delete': async ({ integrationId, name }) => {
      const c = ctx.config(integrationId);
      await ctx.vault().delete(c.id, keychainName(c, name));
      // The running clients hold the old value; rebuilding them makes the deletion take effect now.
      await engine.upsert(c);
      return { name, state: 'missing' as const };
    },
    'connections.connectSdpCloud': async ({ integrationId, clientSecret, grantCode }) => {
      const c = ctx.config(integrationId);
      await connectSdpCloud(c, { clientSecret, grantCode }, ctx.vault(), sdpTokenOptions(c));
      await engine.upsert(c);
      return { connected: true as const };
    },
    'connections.test': async ({ integrationId }) => {
      const c = ctx.config(integrationId);
      const report = await testConnections(c, ctx.resolveSecret, sdpTokenOptions(c));
      engine.runtime(integrationId)?.noteConnectionTest(report);
      return report;
    },
  };
}
