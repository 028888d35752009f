import { randomBytes } from 'node:crypto';
import {
  diffConfigs,
  integrationConfigSchema,
  isWebhookSecretRef,
  requiredSecrets,
  sdpRequestUrl,
  type IntegrationConfig,
} from '../../shared/common/config';
import {
  DISPATCH_CODES,
  uiSettingsSchema,
  type AppInfo,
  type IncidentRow,
  type IntegrationHealth,
  type IntegrationSummary,
  type SecretStateView,
  type UiSettings,
} from '../../shared/common/contract';
import { AppError } from '../../shared/common/errors';
import { statusDefaultsFromInstance } from '../../shared/node/sdp/status';
import { sdpWebhookBodyTemplate } from '../../shared/node/sdp/webhook';
import { summarize } from '../../shared/node/sync/describe';
import { incidentSnapshot, udfType } from '../../shared/node/sync/snapshots';
import type { SyncStore } from '../../shared/node/sync/store';
import { SECRET_HEADER } from '../ingress/webhook-server';
import { describeIssues, type Handlers } from '../transport/dispatcher';
import { exportIntegrations, parseIntegrationsJson } from './config-transfer';
import { goLivePreview } from './go-live';
import { connectSdpCloud, testConnections } from './connections';
import { loadSdpMetadata } from './metadata-cache';
import { FLASHDUTY_SYNC_EVENTS, flashdutySetupSteps, sdpSetupSteps, unreachableFrom } from './webhook-setup';
import type { Engine } from './engine';
import type { IntegrationRuntime } from './integration-runtime';
import { newWebhookSecret, type SecretResolver } from './secrets';
import type { Settings } from './settings';
import type { StatusBoard } from './status-board';
import type { Vault } from './vault';
import type { ZohoTokens } from './zoho-tokens';
import type { EventBus } from './event-bus';

export interface AppServiceDeps {
  info: AppInfo;
  settings: Settings;
  board: StatusBoard;
  bus: EventBus;
  engine: Engine;
  store: SyncStore;
  vault: () => Vault;
  resolveSecret: SecretResolver;
  zohoTokens?: ZohoTokens;
  now?: () => number;
  newId?: () => string;
}

const newIntegrationId = (): string => randomBytes(9).toString('base64url');

function notFound(id: string): AppError {
  return new AppError(
    DISPATCH_CODES.notFound,
    `No integration with ID "${id}". It may have been deleted; reload the list.`,
  );
}

/** The contract's handlers: each one a thin step from a validated input to the services. */
export function createAppService(deps: AppServiceDeps): Handlers {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? newIntegrationId;
  const { settings, board, engine, store } = deps;

  const config = (id: string): IntegrationConfig =>
    settings.integration(id) ??
    (() => {
      throw notFound(id);
    })();
  const runtime = (id: string): IntegrationRuntime => {
    config(id);
    const r = engine.runtime(id);
    if (!r) throw new AppError('engine.not_running', 'This integration is not running yet. Enable it and try again.');
    return r;
  };
  const clients = (id: string) => {
    const r = runtime(id);
    try {
      return r.requireClients();
    } catch {
      throw new AppError(
        'engine.not_connected',
        r.needsAttentionMessage ??
          'The integration is not connected. Enter its credentials under Integration → Connection.',
      );
    }
  };
  const refuseManaged = (id: string): void => {
    if (settings.isManaged(id))
      throw new AppError(
        'config.managed',
        'This integration comes from the server’s --config file. Change it there and restart DeskBridge.',
      );
  };

  const summary = (c: IntegrationConfig, healths: ReadonlyMap<string, IntegrationHealth>): IntegrationSummary => {
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
  };

  /** A keychain-referenced webhook secret is made on first save, so the setup helper always has one. */
  const ensureWebhookSecret = async (c: IntegrationConfig): Promise<void> => {
    const ref = c.ingress.webhookSecret;
    if (!('secret' in ref) || !c.ingress.webhooks) return;
    const vault = deps.vault();
    if ((await vault.get(c.id, ref.secret)) === null) await vault.set(c.id, ref.secret, newWebhookSecret());
  };

  const secretStates = async (c: IntegrationConfig): Promise<SecretStateView[]> =>
    Promise.all(
      requiredSecrets(c).map(async (s): Promise<SecretStateView> => {
        if ('env' in s.ref)
          return { name: s.slot, state: (await deps.resolveSecret(c.id, s.ref)) === null ? 'missing' : 'set' };
        const state = await deps.vault().state(c.id, s.ref.secret);
        return { name: s.slot, state: state.state, ...(state.last4 !== undefined ? { last4: state.last4 } : {}) };
      }),
    );
  const slotRef = (c: IntegrationConfig, slot: string) => {
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
      );
    return { ...s, name: s.ref.secret };
  };

  const sdpTokenOptions = (c: IntegrationConfig) => (deps.zohoTokens ? { sdp: deps.zohoTokens.clientOptions(c) } : {});

  const parsedImport = (json: string): IntegrationConfig[] => {
    const parsed = parseIntegrationsJson(json);
    if (parsed.ok) return parsed.integrations;
    throw new AppError(
      DISPATCH_CODES.invalidInput,
      `The file has problems: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      {
        details: { issues: parsed.problems },
      },
    );
  };

  const uiSettings = (): UiSettings => uiSettingsSchema.parse(settings.ui());

  return {
    'app.info': async () => deps.info,
    'integrations.list': async () => {
      const healths = new Map(board.snapshot().integrations.map((h) => [h.id, h]));
      return settings.integrations().map((c) => summary(c, healths));
    },
    'integrations.get': async ({ id }) => config(id),
    'integrations.save': async ({ config: draft }) => {
      const existing = draft.id === undefined ? undefined : settings.integration(draft.id);
      if (draft.id !== undefined && existing === undefined) throw notFound(draft.id);
      if (existing) refuseManaged(existing.id);
      const stamp = now();
      // Only integrations.goLive turns a stored draft on; a save keeps the stored state either way.
      const parsed = integrationConfigSchema.safeParse({
        ...draft,
        id: existing?.id ?? newId(),
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
      settings.saveIntegration(parsed.data);
      await ensureWebhookSecret(parsed.data);
      await engine.upsert(parsed.data);
      return parsed.data;
    },
    'integrations.goLivePreview': async ({ id }) => {
      const r = runtime(id);
      const c = config(id);
      const { flashduty, sdp } = clients(id);
      return goLivePreview({
        config: c,
        flashduty,
        sdp,
        sdpStatuses: () => r.sdpStatuses(),
        plan: async (side, entityId, snapshot) => (await r.runner.dryRun(side, entityId, 'poll', snapshot)).operations,
        now: now(),
      });
    },
    'integrations.goLive': async ({ id }) => {
      const c = config(id);
      refuseManaged(id);
      if (!c.draft) return c;
      const live = { ...c, draft: false, updatedAt: now() };
      settings.saveIntegration(live);
      await ensureWebhookSecret(live);
      await engine.upsert(live);
      engine.log({
        at: now(),
        level: 'info',
        integrationId: id,
        direction: null,
        incidentId: null,
        requestId: null,
        action: 'go_live',
        message: 'Turned on: sync starts with the next poll.',
        changes: [],
        apiRequestIds: [],
        error: null,
      });
      return live;
    },
    'integrations.delete': async ({ id }) => {
      refuseManaged(id);
      const deleted = settings.deleteIntegration(id);
      if (deleted) {
        await engine.remove(id);
        await Promise.resolve()
          .then(() => deps.vault().deleteAll(id))
          .catch((error: unknown) => {
            engine.log({
              at: now(),
              level: 'warn',
              integrationId: id,
              direction: null,
              incidentId: null,
              requestId: null,
              action: 'delete',
              message: `The integration was deleted, but its secrets could not be removed from the keychain: ${(error as Error).message}`,
              changes: [],
              apiRequestIds: [],
              error: null,
            });
          });
      }
      return { deleted };
    },

    'engine.status': async () => board.snapshot(),
    'engine.pause': async ({ integrationId }) => {
      if (integrationId !== undefined) config(integrationId);
      engine.pause(integrationId);
      return board.snapshot();
    },
    'engine.resume': async ({ integrationId }) => {
      if (integrationId !== undefined) config(integrationId);
      engine.resume(integrationId);
      return board.snapshot();
    },

    'integrations.webhookSetup': async ({ id }) => {
      const c = config(id);
      const ref = c.ingress.webhookSecret;
      // Only the webhook secret's own slot is ever read out here, whatever reference reached the config.
      const secret = isWebhookSecretRef(ref) ? ((await deps.resolveSecret(c.id, ref).catch(() => null)) ?? '') : '';
      const route = (kind: 'sdp' | 'flashduty' | 'flashduty-action') => engine.ingress.url(c.id, kind);
      const sdp = route('sdp');
      const pending = 'The public address appears here once the tunnel is connected.';
      const off = c.ingress.webhooks
        ? 'Set the webhook secret to receive webhooks.'
        : 'Webhooks are off: turn them on and save to get the URLs.';
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
          warning: sdp === null ? off : sdp.url === null ? pending : engine.ingress.warning(c.id),
        },
        polling: { flashdutySeconds: c.ingress.flashdutyPollSeconds, sdpSeconds: c.ingress.sdpPollSeconds },
      };
    },

    'incidents.list': async ({ integrationId, channelIds, progress, severities, since, until, limit }) => {
      const fd = clients(integrationId).flashduty;
      const c = config(integrationId);
      const end = Math.ceil((until ?? now()) / 1000);
      const start = Math.floor((since ?? now() - 7 * 86_400_000) / 1000);
      const channelNames = new Map((await fd.listChannels()).map((ch) => [ch.channel_id, ch.channel_name]));
      const rows: IncidentRow[] = [];
      for await (const incident of fd.iterateIncidents({
        startTime: start,
        endTime: end,
        asc: false,
        ...(channelIds ? { channelIds } : {}),
        ...(progress ? { progress } : {}),
        ...(severities ? { severities } : {}),
      })) {
        const snap = incidentSnapshot(incident, now());
        const link = store.linkByIncident(integrationId, incident.incident_id);
        const failed = store
          .outboxForEntity(integrationId, 'flashduty', incident.incident_id)
          .find((i) => i.state === 'failed');
        rows.push({
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
          requestUrl: link ? sdpRequestUrl(c.sdp, link.requestId) : null,
          lastError: failed?.lastError?.message ?? null,
        });
        if (rows.length >= limit) break;
      }
      return { incidents: rows };
    },
    'incidents.get': async ({ integrationId, incidentId }) => {
      const incident = await clients(integrationId).flashduty.getIncident(incidentId);
      const snap = incidentSnapshot(incident, now());
      return { id: snap.id, num: snap.num, title: snap.title, url: incident.detail_url || null };
    },
    'incidents.push': async ({ integrationId, incidentIds }) => {
      const r = runtime(integrationId);
      if (r.isDraft)
        throw new AppError(
          'integration.draft',
          'This integration is a draft: it writes nothing until you turn it on (Integration → Turn on). Use Dry run to preview a push.',
        );
      clients(integrationId);
      let done = 0;
      const results = await r.push(incidentIds, (outcome) => {
        done++;
        deps.bus.publish('push.progress', { integrationId, done, total: incidentIds.length, last: outcome });
      });
      return { results };
    },

    'log.query': async (query) => {
      const entries = store.queryLog({ ...query, limit: query.limit + 1 });
      return { entries: entries.slice(0, query.limit), hasMore: entries.length > query.limit };
    },
    'links.rebuild': async ({ integrationId }) => {
      const r = runtime(integrationId);
      clients(integrationId);
      return r.rebuildLinks((progress) => deps.bus.publish('links.rebuildProgress', { integrationId, ...progress }));
    },
    'links.get': async ({ integrationId, incidentId, requestId }) => {
      config(integrationId);
      const link =
        incidentId !== undefined
          ? store.linkByIncident(integrationId, incidentId)
          : store.linkByRequest(integrationId, requestId!);
      // Without a link only the ID asked about has a trail; an empty filter would be the whole integration's log.
      const ids = link ? { incidentId: link.incidentId, requestId: link.requestId } : { incidentId, requestId };
      const trailOf = (filter: { incidentId: string } | { requestId: string }) =>
        store.queryLog({ integrationId, ...filter, limit: 1000 });
      const byId = new Map<string, ReturnType<typeof trailOf>[number]>();
      for (const e of [
        ...(ids.incidentId === undefined ? [] : trailOf({ incidentId: ids.incidentId })),
        ...(ids.requestId === undefined ? [] : trailOf({ requestId: ids.requestId })),
      ])
        byId.set(e.id, e);
      const trail = [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
      return {
        link: link && {
          incidentId: link.incidentId,
          requestId: link.requestId,
          updatedAt: link.updatedAt,
          sdp: link.lastAgreedWithSdp,
          flashduty: link.lastAgreedWithFlashduty,
        },
        trail,
      };
    },

    'outbox.list': async ({ integrationId, state }) => {
      config(integrationId);
      return {
        items: store.outbox(integrationId, state).map((i) => ({
          id: i.id,
          side: i.side,
          entityId: i.entityId,
          type: i.op.type,
          summary: summarize(i.op),
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
    'outbox.retry': async ({ integrationId, ids }) => {
      const r = runtime(integrationId);
      const failed = store.outbox(integrationId, 'failed').filter((i) => ids === undefined || ids.includes(i.id));
      for (const item of failed) store.requeueOutbox(item.id, now());
      r.runner.resumeDue();
      r.report();
      return { requeued: failed.length };
    },

    'sync.dryRun': async ({ integrationId, side, id, mode }) => {
      const r = runtime(integrationId);
      clients(integrationId);
      const result = await r.runner.dryRun(side, id, mode === 'automatic' ? 'poll' : 'manual');
      return {
        mode,
        source: { ...result.source },
        target: result.target && { ...result.target },
        operations: result.operations.map((op) => ({ type: op.type, summary: summarize(op), payload: op })),
        problems: result.operations.flatMap((op) =>
          op.type === 'fail' ? [{ code: op.code, message: op.reason }] : [],
        ),
      };
    },

    'metadata.sdp': async ({ integrationId }) => {
      const sdp = clients(integrationId).sdp;
      // Per endpoint: a list SDP refuses empties its dropdown and says why; the others still load.
      const { sources, problems } = await loadSdpMetadata(sdp, config(integrationId).requestTemplate);
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
      const users = await clients(integrationId).sdp.listUsers();
      const matching = users.filter(
        (u) => u.name.toLowerCase().includes(wanted) || (u.email ?? '').toLowerCase().includes(wanted),
      );
      return { requesters: matching.slice(0, 20).map((u) => ({ name: u.name, email: u.email })) };
    },
    'metadata.flashduty': async ({ integrationId }) => {
      const fd = clients(integrationId).flashduty;
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

    'secrets.state': async ({ integrationId }) => ({ secrets: await secretStates(config(integrationId)) }),
    'secrets.set': async ({ integrationId, name, value }) => {
      const c = config(integrationId);
      const slot = slotRef(c, name);
      await deps.vault().set(c.id, slot.name, value);
      await engine.upsert(c);
      const state = await deps.vault().state(c.id, slot.name);
      return { name, state: state.state, ...(state.last4 !== undefined ? { last4: state.last4 } : {}) };
    },
    'secrets.delete': async ({ integrationId, name }) => {
      const c = config(integrationId);
      const slot = slotRef(c, name);
      await deps.vault().delete(c.id, slot.name);
      // The running clients hold the old value; rebuilding them makes the deletion take effect now.
      await engine.upsert(c);
      return { name, state: 'missing' as const };
    },
    'connections.connectSdpCloud': async ({ integrationId, clientSecret, grantCode }) => {
      const c = config(integrationId);
      await connectSdpCloud(c, { clientSecret, grantCode }, deps.vault(), sdpTokenOptions(c));
      await engine.upsert(c);
      return { connected: true as const };
    },
    'connections.test': async ({ integrationId }) => {
      const c = config(integrationId);
      const report = await testConnections(c, deps.resolveSecret, sdpTokenOptions(c));
      engine.runtime(integrationId)?.noteConnectionTest(report);
      return report;
    },

    'config.export': async ({ ids }) => {
      const list = settings.integrations().filter((c) => ids === undefined || ids.includes(c.id));
      return { json: exportIntegrations(list, now()), count: list.length };
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
      for (const c of integrations) refuseManaged(c.id);
      const replaced = integrations.filter((c) => settings.integration(c.id) !== undefined);
      if (replaced.length > 0 && !replace) {
        throw new AppError(
          'config.import_replaces',
          `The file replaces ${replaced.length} existing integration(s) (${replaced.map((c) => c.name).join(', ')}). Review what changes, then confirm the import.`,
        );
      }
      for (const c of integrations) {
        settings.saveIntegration(c);
        await engine.upsert(c);
      }
      return { imported: integrations.map((c) => ({ id: c.id, name: c.name })) };
    },

    'settings.get': async () => uiSettings(),
    'settings.set': async (patch) => {
      const next = uiSettingsSchema.parse({ ...uiSettings(), ...patch });
      settings.setUi(next);
      return next;
    },
  };
}
