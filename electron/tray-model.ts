import type { EngineStatus } from '../shared/common/contract';

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

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Everything the tray shows, decided here so it can be tested without Electron; `tray.ts` only
 * renders it. Severity order: needs attention, unreachable (red) > permanent failures (amber) > paused > ok.
 */
export function trayModel(status: EngineStatus): TrayModel {
  const list = status.integrations;
  const attention = list.filter((i) => i.state === 'needs_attention');
  const unreachable = list.filter((i) => i.state === 'unreachable');
  const failed = list.reduce((sum, i) => sum + i.failed, 0);
  const queued = list.reduce((sum, i) => sum + i.queued, 0);
  const active = list.filter((i) => i.state !== 'disabled' && i.state !== 'draft');
  const allPaused = status.paused || (active.length > 0 && active.every((i) => i.state === 'paused'));
  // A webhook route that is not up is a warning, not an error: polling still keeps sync going.
  const routesDown = active.filter(
    (i) => i.ingress !== null && i.ingress.state !== 'connected' && i.ingress.state !== 'off',
  );

  let icon: TrayIcon;
  let headline: string;
  if (attention.length > 0) {
    icon = 'error';
    headline = `${plural(attention.length, 'integration')} need${attention.length === 1 ? 's' : ''} attention`;
  } else if (unreachable.length > 0) {
    icon = 'error';
    headline =
      unreachable.length === 1
        ? `${unreachable[0]!.name} cannot reach its API`
        : `${unreachable.length} integrations cannot reach their APIs`;
  } else if (failed > 0) {
    icon = 'warn';
    headline = `${plural(failed, 'failed operation')}`;
  } else if (routesDown.length > 0 && !allPaused) {
    icon = 'warn';
    headline = `Webhooks ${routesDown[0]!.ingress!.state} for ${routesDown[0]!.name} (polling continues)`;
  } else if (allPaused) {
    icon = 'paused';
    headline = 'Sync paused';
  } else {
    icon = 'ok';
    headline = active.length === 0 ? 'No integrations yet' : 'Sync healthy';
  }

  const counts = [plural(active.length, 'integration'), `${queued} queued`, `${failed} failed`].join(' · ');
  const tooltip = `DeskBridge — ${headline} (${counts})`;

  const lastError =
    list.find((i) => (i.state === 'needs_attention' || i.state === 'unreachable') && i.lastError)?.lastError ??
    list.find((i) => i.lastError)?.lastError;

  const items: TrayItem[] = [
    { type: 'action', label: 'Open DeskBridge', action: { kind: 'open' } },
    { type: 'separator' },
    { type: 'status', label: headline },
  ];
  if (lastError) items.push({ type: 'status', label: `Last error: ${lastError}` });
  for (const i of active) {
    if (i.ingress && i.ingress.state !== 'off')
      items.push({ type: 'status', label: `${i.name}: webhooks ${i.ingress.state} (${i.ingress.mode})` });
  }
  items.push({ type: 'separator' });
  items.push(
    status.paused
      ? { type: 'action', label: 'Resume all', action: { kind: 'resume-all' } }
      : { type: 'action', label: 'Pause all', action: { kind: 'pause-all' } },
  );
  if (active.length > 0) {
    items.push({
      type: 'submenu',
      label: 'Integrations',
      items: active.map((i): TrayItem =>
        i.state === 'paused'
          ? { type: 'action', label: `Resume ${i.name}`, action: { kind: 'resume', integrationId: i.id } }
          : { type: 'action', label: `Pause ${i.name}`, action: { kind: 'pause', integrationId: i.id } },
      ),
    });
  }
  items.push({ type: 'separator' }, { type: 'action', label: 'Quit DeskBridge', action: { kind: 'quit' } });
  return { icon, tooltip, items };
}
