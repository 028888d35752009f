import type { EngineStatus, IntegrationHealth } from '../shared/common/contract';
import type { Language, StringKey } from '../renderer/src/i18n';
import { translate } from '../renderer/src/i18n';
import { renderMessage } from '../renderer/src/i18n/messages';

export type TrayIcon = 'ok' | 'warn' | 'error' | 'paused';

export type TrayAction =
  | { kind: 'open' }
  | { kind: 'pause-all' }
  | { kind: 'resume-all' }
  | { kind: 'pause'; integrationId: string }
  | { kind: 'resume'; integrationId: string }
  | { kind: 'quit' };

/** The contract call a tray action makes: the same one the UI makes, so both pause and resume alike. */
export function trayCall(
  action: TrayAction,
): { method: 'engine.pause' | 'engine.resume'; input: { integrationId?: string } } | null {
  switch (action.kind) {
    case 'pause-all':
      return { method: 'engine.pause', input: {} };
    case 'resume-all':
      return { method: 'engine.resume', input: {} };
    case 'pause':
      return { method: 'engine.pause', input: { integrationId: action.integrationId } };
    case 'resume':
      return { method: 'engine.resume', input: { integrationId: action.integrationId } };
    case 'open':
    case 'quit':
      return null;
  }
}

export type TrayItem =
  | { type: 'action'; label: string; action: TrayAction }
  | { type: 'status'; label: string }
  | { type: 'submenu'; label: string; items: TrayItem[] }
  | { type: 'separator' };

export interface TrayModel {
  icon: TrayIcon;
  tooltip: string;
  items: TrayItem[];
}

type Health = IntegrationHealth;
type Say = (key: StringKey, params?: Record<string, string | number>) => string;
const count = (n: number): '_one' | '_other' => (n === 1 ? '_one' : '_other');

/** What the tray says first: the most urgent thing, with its icon. */
function headline(list: readonly Health[], active: readonly Health[], allPaused: boolean, say: Say) {
  const attention = list.filter((i) => i.state === 'needs_attention');
  const unreachable = list.filter((i) => i.state === 'unreachable');
  const failed = list.reduce((sum, i) => sum + i.failed, 0);
  // A webhook route that is not up is a warning, not an error: polling still keeps sync going.
  const routeDown = active.find(
    (i) => i.ingress !== null && i.ingress.state !== 'connected' && i.ingress.state !== 'off',
  );
  if (attention.length > 0)
    return { icon: 'error' as const, text: say(`trayAttention${count(attention.length)}`, { n: attention.length }) };
  if (unreachable.length > 0) {
    const n = unreachable.length;
    return { icon: 'error' as const, text: say(`trayUnreachable${count(n)}`, { n, name: unreachable[0]!.name }) };
  }
  if (failed > 0) return { icon: 'warn' as const, text: say(`trayFailed${count(failed)}`, { n: failed }) };
  if (routeDown !== undefined && !allPaused) {
    const state = say(`ingressRouteState_${routeDown.ingress!.state}`);
    return { icon: 'warn' as const, text: say('trayRouteDown', { state, name: routeDown.name }) };
  }
  if (allPaused) return { icon: 'paused' as const, text: say('syncPaused') };
  return { icon: 'ok' as const, text: say(active.length === 0 ? 'trayNoIntegrations' : 'trayHealthy') };
}

/**
 * Everything the tray shows, in the app's language, decided here so it can be tested without
 * Electron; `tray.ts` only renders it. Severity order: needs attention, unreachable (red) >
 * permanent failures (amber) > paused > ok.
 */
export function trayModel(status: EngineStatus, language: Language = 'en'): TrayModel {
  const say: Say = (key, params) => translate(key, params ?? {}, language);
  const list = status.integrations;
  const active = list.filter((i) => i.state !== 'disabled' && i.state !== 'draft');
  const allPaused = status.paused || (active.length > 0 && active.every((i) => i.state === 'paused'));
  const { icon, text } = headline(list, active, allPaused, say);
  const queued = list.reduce((sum, i) => sum + i.queued, 0);
  const failed = list.reduce((sum, i) => sum + i.failed, 0);
  const counts = say(`trayCounts${count(active.length)}`, { n: active.length, queued, failed });
  const lastError =
    list.find((i) => (i.state === 'needs_attention' || i.state === 'unreachable') && i.lastError)?.lastError ??
    list.find((i) => i.lastError)?.lastError;

  const items: TrayItem[] = [
    { type: 'action', label: say('trayOpen'), action: { kind: 'open' } },
    { type: 'separator' },
    { type: 'status', label: text },
  ];
  if (lastError)
    items.push({ type: 'status', label: say('trayLastError', { error: renderMessage(lastError, language) }) });
  for (const i of active) {
    if (i.ingress && i.ingress.state !== 'off') {
      const route = { state: say(`ingressRouteState_${i.ingress.state}`), mode: say(`ingressRoute_${i.ingress.mode}`) };
      items.push({ type: 'status', label: say('trayRoute', { name: i.name, ...route }) });
    }
  }
  items.push({ type: 'separator' });
  items.push(
    status.paused
      ? { type: 'action', label: say('resumeAll'), action: { kind: 'resume-all' } }
      : { type: 'action', label: say('pauseAll'), action: { kind: 'pause-all' } },
  );
  if (active.length > 0) {
    items.push({
      type: 'submenu',
      label: say('trayIntegrations'),
      items: active.map((i): TrayItem =>
        i.state === 'paused'
          ? {
              type: 'action',
              label: say('resumeNamed', { name: i.name }),
              action: { kind: 'resume', integrationId: i.id },
            }
          : {
              type: 'action',
              label: say('pauseNamed', { name: i.name }),
              action: { kind: 'pause', integrationId: i.id },
            },
      ),
    });
  }
  items.push({ type: 'separator' }, { type: 'action', label: say('trayQuit'), action: { kind: 'quit' } });
  return { icon, tooltip: say('trayTooltip', { headline: text, counts }), items };
}
