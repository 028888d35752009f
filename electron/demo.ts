import type { IntegrationDraftInput } from '../shared/common/config';
import type { IntegrationConfig } from '../shared/common/config';
import { sdpWebhookBodyTemplate } from '../shared/node/sdp/webhook';
import { SECRET_HEADER, webhookPath } from './ingress/webhook-server';
import type { AppCore } from './services/app-core';

/**
 * `npm run demo`: both simulators in this process, one two-way integration against them, and a
 * gentle stream of incidents and technician actions, so a newcomer sees sync work without accounts.
 * The simulators are test code; they are loaded only when demo mode is asked for.
 */
export interface Demo {
  /** Secrets for the demo integration, handed to the app as environment values (no keychain needed). */
  env: Record<string, string>;
  /** Call once the app is up: creates the integration, wires webhooks, starts the activity. */
  attach(core: AppCore): Promise<void>;
  close(): Promise<void>;
}

const TITLES = [
  'Disk usage above 90% on db-prod-01',
  'API latency p99 over 2 s (checkout)',
  'Payment gateway errors rising',
  'Certificate for api.example.com expires in 7 days',
  'Kafka consumer lag on orders-events',
  'Memory pressure on k8s node pool blue',
  'Login failures spike from one region',
];
const SEVERITIES = ['Critical', 'Warning', 'Info'] as const;
const SDP_STEPS: Array<{ status?: string; priority?: string; note?: string }> = [
  { status: 'In Progress' },
  { note: 'Looking into it — checking the dashboards now.' },
  { priority: 'High' },
  { status: 'On Hold', note: 'Waiting for the vendor.' },
  { status: 'In Progress' },
  { status: 'Resolved' },
];

/** One two-way integration against both simulators, its secrets from the demo's environment. */
function demoDraft(sdpOrigin: string, flashdutyBaseUrl: string): IntegrationDraftInput {
  return {
    name: 'Demo: Flashduty ⇄ ServiceDesk Plus',
    direction: 'two_way',
    sdp: { platform: 'onprem', endpoint: sdpOrigin, apiKey: { env: 'DEMO_SDP_API_KEY' } },
    flashduty: { apiBase: flashdutyBaseUrl, appKey: { env: 'DEMO_FLASHDUTY_APP_KEY' } },
    severityMapping: {
      source: { kind: 'severity' },
      toPriority: { Critical: 'Urgent', Warning: 'High', Info: 'Medium' },
      toSeverity: { Urgent: 'Critical', High: 'Warning', Medium: 'Info', Low: 'Info' },
    },
    fromSdp: { channelId: '2551105804131' },
    ingress: {
      webhooks: true,
      webhookSecret: { env: 'DESKBRIDGE_WEBHOOK_SECRET_DEMO' },
      flashdutyPollSeconds: 10,
      sdpPollSeconds: 10,
    },
  };
}

export async function startDemo(): Promise<Demo> {
  const [{ startSdpSimulator, FLASHDUTY_GUIDE_STATUSES }, { startFlashdutySimulator }] = await Promise.all([
    import('../simulators/sdp/index'),
    import('../simulators/flashduty/index'),
  ]);
  // The demo instance has the statuses Flashduty's guide maps, as an admin following it adds them.
  const [sdp, fd] = await Promise.all([
    startSdpSimulator({ edition: 'onprem', host: '127.0.0.1', addStatuses: FLASHDUTY_GUIDE_STATUSES }),
    startFlashdutySimulator({ host: '127.0.0.1' }),
  ]);
  const env = {
    DEMO_SDP_API_KEY: (sdp.credentials as { apiKey: string }).apiKey,
    DEMO_FLASHDUTY_APP_KEY: fd.appKey,
    DESKBRIDGE_WEBHOOK_SECRET_DEMO: 'demo-webhook-secret-not-for-production',
  };
  const timers: NodeJS.Timeout[] = [];
  let step = 0;
  const progress = new Map<string, number>();

  const draft = demoDraft(sdp.origin, fd.baseUrl);

  return {
    env,
    async attach(core) {
      // Any free port: the demo must not clash with a real DeskBridge on this machine.
      core.settings.setUi({ ...core.settings.ui(), webhookPort: 0 });
      const saved = await core.dispatcher.dispatch('integrations.save', { config: draft });
      if (!saved.ok) throw new Error(`demo integration rejected: ${saved.error.message}`);
      const config = saved.value as IntegrationConfig;
      const server = await core.engine.webhookServer();
      const base = `http://127.0.0.1:${server.port}`;
      const headers = { [SECRET_HEADER]: env.DESKBRIDGE_WEBHOOK_SECRET_DEMO };
      const hook = sdp.registerWebhook({
        name: 'DeskBridge',
        url: `${base}${webhookPath(config.id, env.DESKBRIDGE_WEBHOOK_SECRET_DEMO, 'sdp')}`,
        headers,
        body: sdpWebhookBodyTemplate('onprem'),
      });
      sdp.registerTrigger({ name: 'DeskBridge on create and edit', webhookId: hook.id, on: ['create', 'edit'] });
      fd.subscribe({
        url: `${base}${webhookPath(config.id, env.DESKBRIDGE_WEBHOOK_SECRET_DEMO, 'flashduty')}`,
        headers,
      });

      const newIncident = (): void => {
        const title = TITLES[step % TITLES.length]!;
        fd.createIncident({
          title,
          severity: SEVERITIES[step % SEVERITIES.length]!,
          channelId: '2551105804131',
          labels: { service: title.split(' ')[0]!.toLowerCase(), env: 'prod' },
        });
        step++;
      };
      const technicianStep = (): void => {
        const open = sdp.listRequests().filter((r) => (progress.get(String(r.id)) ?? 0) < SDP_STEPS.length);
        const request = open[step % Math.max(open.length, 1)];
        if (!request) return;
        const id = String(request.id);
        const next = progress.get(id) ?? 0;
        const action = SDP_STEPS[next]!;
        progress.set(id, next + 1);
        if (action.status || action.priority)
          sdp.updateRequest(id, {
            ...(action.status ? { status: action.status } : {}),
            ...(action.priority ? { priority: action.priority } : {}),
          });
        if (action.note) sdp.addNote(id, { description: action.note });
      };
      newIncident();
      timers.push(setInterval(newIncident, 12_000), setInterval(technicianStep, 5_000));
      for (const t of timers) t.unref();
    },
    async close() {
      for (const t of timers) clearInterval(t);
      await Promise.all([sdp.close(), fd.close()]);
    },
  };
}
