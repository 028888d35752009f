import { describe, expect, it } from 'vitest';
import { msg, type EngineStatus, type IntegrationHealth } from '../../../shared/common/contract';
import { trayCall, trayModel, type TrayItem } from '../../../electron/tray-model';

const health = (patch: Partial<IntegrationHealth> & { id: string }): IntegrationHealth => ({
  name: patch.id.toUpperCase(),
  state: 'idle',
  queued: 0,
  failed: 0,
  lastSyncAt: null,
  lastError: null,
  unreachableSince: null,
  ingress: null,
  ...patch,
});

const labels = (items: TrayItem[]): string[] =>
  items.flatMap((i) =>
    i.type === 'separator'
      ? ['—']
      : i.type === 'submenu'
        ? [i.label, ...labels(i.items).map((l) => `  ${l}`)]
        : [i.label],
  );

describe('trayModel', () => {
  const cases: {
    name: string;
    status: EngineStatus;
    icon: string;
    tooltip: RegExp;
    has: string[];
    lacks?: string[];
  }[] = [
    {
      name: 'no integrations',
      status: { paused: false, integrations: [] },
      icon: 'ok',
      tooltip: /No integrations yet \(0 integrations · 0 queued · 0 failed\)/,
      has: ['Open DeskBridge', 'Pause all', 'Quit DeskBridge'],
      lacks: ['Integrations'],
    },
    {
      name: 'healthy',
      status: { paused: false, integrations: [health({ id: 'a', queued: 3 }), health({ id: 'b', state: 'syncing' })] },
      icon: 'ok',
      tooltip: /Sync healthy \(2 integrations · 3 queued · 0 failed\)/,
      has: ['Pause all', 'Integrations', '  Pause A', '  Pause B'],
    },
    {
      name: 'a draft is not counted or offered for pausing: it writes nothing yet',
      status: { paused: false, integrations: [health({ id: 'a' }), health({ id: 'd', state: 'draft' })] },
      icon: 'ok',
      tooltip: /Sync healthy \(1 integration · 0 queued · 0 failed\)/,
      has: ['  Pause A'],
      lacks: ['  Pause D'],
    },
    {
      name: 'an unreachable API is red, above failures',
      status: {
        paused: false,
        integrations: [
          health({ id: 'a', failed: 1, state: 'failing' }),
          health({
            id: 'b',
            state: 'unreachable',
            unreachableSince: 1,
            lastError: msg('status.sdp_not_answering', { error: msg('quoted', { text: 'ECONNREFUSED' }) }),
          }),
        ],
      },
      icon: 'error',
      tooltip: /B cannot reach its API/,
      has: ['Last error: ServiceDesk Plus is not answering: “ECONNREFUSED”'],
    },
    {
      name: 'permanent failures warn',
      status: {
        paused: false,
        integrations: [health({ id: 'a', failed: 2, lastError: msg('fail.priority_missing', { priority: 'P0' }) })],
      },
      icon: 'warn',
      tooltip: /2 failed operations/,
      has: ['Last error: SDP has no priority “P0”.'],
    },
    {
      name: 'needs attention is red and beats failures',
      status: {
        paused: false,
        integrations: [
          health({ id: 'a', failed: 1 }),
          health({ id: 'b', state: 'needs_attention', lastError: msg('quoted', { text: 'SDP API key expired' }) }),
        ],
      },
      icon: 'error',
      tooltip: /1 integration needs attention/,
      has: ['Last error: “SDP API key expired”'],
    },
    {
      name: 'globally paused',
      status: { paused: true, integrations: [health({ id: 'a', state: 'paused' })] },
      icon: 'paused',
      tooltip: /Sync paused/,
      has: ['Resume all', '  Resume A'],
      lacks: ['Pause all'],
    },
    {
      name: 'every active integration paused one by one',
      status: {
        paused: false,
        integrations: [health({ id: 'a', state: 'paused' }), health({ id: 'd', state: 'disabled' })],
      },
      icon: 'paused',
      tooltip: /Sync paused \(1 integration · 0 queued · 0 failed\)/,
      has: ['Pause all', '  Resume A'],
      lacks: ['  Pause D', '  Resume D'],
    },
    {
      name: 'a webhook route down warns, saying polling continues',
      status: {
        paused: false,
        integrations: [
          health({
            id: 'a',
            ingress: {
              mode: 'relay',
              state: 'reconnecting',
              url: null,
              message: msg('quoted', { text: 'relay dropped' }),
            },
          }),
          health({
            id: 'b',
            ingress: { mode: 'direct', state: 'connected', url: 'http://127.0.0.1:4781', message: null },
          }),
        ],
      },
      icon: 'warn',
      tooltip: /Webhooks reconnecting for A \(polling continues\)/,
      has: ['A: webhooks reconnecting (the relay channel)', 'B: webhooks connected (the local server)'],
    },
    {
      name: 'one paused among running stays ok',
      status: { paused: false, integrations: [health({ id: 'a', state: 'paused' }), health({ id: 'b' })] },
      icon: 'ok',
      tooltip: /Sync healthy/,
      has: ['  Resume A', '  Pause B'],
    },
  ];

  it.each(cases)('$name', ({ status, icon, tooltip, has, lacks = [] }) => {
    const model = trayModel(status);
    expect(model.icon).toBe(icon);
    expect(model.tooltip).toMatch(tooltip);
    const shown = labels(model.items);
    for (const label of has) expect(shown).toContain(label);
    for (const label of lacks) expect(shown).not.toContain(label);
    expect(shown[0]).toBe('Open DeskBridge');
    expect(shown.at(-1)).toBe('Quit DeskBridge');
  });

  it('maps every action to the integration it names', () => {
    const model = trayModel({ paused: false, integrations: [health({ id: 'x1' })] });
    const submenu = model.items.find((i) => i.type === 'submenu');
    expect(submenu?.type === 'submenu' && submenu.items[0]).toEqual({
      type: 'action',
      label: 'Pause X1',
      action: { kind: 'pause', integrationId: 'x1' },
    });
  });
});

describe('the tray in Simplified Chinese', () => {
  it('words every label with the same tables as the window, keeping names and API text as data', () => {
    const model = trayModel(
      {
        paused: false,
        integrations: [
          health({ id: 'a', failed: 2, lastError: msg('fail.assignee_missing', { technician: 'li.lei@example.com' }) }),
          health({ id: 'b', ingress: { mode: 'ngrok', state: 'down', url: null, message: null } }),
        ],
      },
      'zh-CN',
    );
    expect(model.tooltip).toBe('DeskBridge — 2 个失败的操作（2 个集成 · 0 个排队 · 2 个失败）');
    expect(labels(model.items)).toEqual([
      '打开 DeskBridge',
      '—',
      '2 个失败的操作',
      '最近错误：SDP 中没有技术员“li.lei@example.com”（按邮箱或姓名查找）。',
      'B：Webhook 已断开（经由 ngrok）',
      '—',
      '全部暂停',
      '集成',
      '  暂停 A',
      '  暂停 B',
      '—',
      '退出 DeskBridge',
    ]);
  });
});

describe('tray actions', () => {
  it('pause and resume through the same contract calls as the UI', () => {
    expect(trayCall({ kind: 'pause-all' })).toEqual({ method: 'engine.pause', input: {} });
    expect(trayCall({ kind: 'resume-all' })).toEqual({ method: 'engine.resume', input: {} });
    expect(trayCall({ kind: 'pause', integrationId: 'a' })).toEqual({
      method: 'engine.pause',
      input: { integrationId: 'a' },
    });
    expect(trayCall({ kind: 'resume', integrationId: 'a' })).toEqual({
      method: 'engine.resume',
      input: { integrationId: 'a' },
    });
    expect(trayCall({ kind: 'open' })).toBeNull();
    expect(trayCall({ kind: 'quit' })).toBeNull();
  });
});
