import { describe, expect, it } from 'vitest';
import { errorMessageOf, msg } from '../../../shared/common/contract';
import { renderMessage } from '../../../renderer/src/i18n/messages';
import {
  localBinding,
  publicWebhookBase,
  publicWebhookUrl,
  toIngressStatus,
  type TunnelStatus,
} from '../../../electron/ingress/tunnels';
import { ingressStatusSchema } from '../../../shared/common/contract/schemas';
import type { IngressMode } from '../../../shared/common/config';

const direct: IngressMode = { type: 'direct', host: '192.168.1.20', port: 0, allowAllInterfaces: false };
const ngrokFree: IngressMode = { type: 'ngrok', authtoken: { secret: 'ngrok.authtoken' } };
const ngrokReserved: IngressMode = {
  type: 'ngrok',
  authtoken: { secret: 'ngrok.authtoken' },
  domain: 'desk.ngrok.app',
};
const relay: IngressMode = { type: 'relay', channelUrl: 'https://smee.io/abc' };

const connected = (publicUrl: string): TunnelStatus => ({ state: 'connected', publicUrl, warning: null, since: 1 });
const reconnecting: TunnelStatus = {
  state: 'reconnecting',
  attempt: 2,
  nextInMs: 4_000,
  reason: 'Cannot reach ngrok.',
  code: 'ingress.ngrok_unreachable',
  details: { ngrokCode: null },
};
const LOCAL = 'http://127.0.0.1:8765';

describe('publicWebhookBase: what the setup helper shows', () => {
  it.each([
    ['direct, connected → the LAN URL', direct, connected('http://192.168.1.20:8765'), 'http://192.168.1.20:8765'],
    ['direct, not yet connected → the local server URL', direct, { state: 'connecting' } as TunnelStatus, LOCAL],
    [
      'ngrok, assigned address, connected → that address',
      ngrokFree,
      connected('https://abc.ngrok-free.app'),
      'https://abc.ngrok-free.app',
    ],
    ['ngrok, assigned address, reconnecting → unknown', ngrokFree, reconnecting, null],
    [
      'ngrok, reserved domain, down → still the domain',
      ngrokReserved,
      { state: 'down', reason: 'x', code: 'y', details: {} } as TunnelStatus,
      'https://desk.ngrok.app',
    ],
    ['relay, stopped → the channel', relay, { state: 'stopped' } as TunnelStatus, 'https://smee.io/abc'],
  ])('%s', (_what, mode, status, expected) => {
    expect(publicWebhookBase(mode, status, LOCAL)).toBe(expected);
  });

  it('builds the full URL per route: path appended, or carried in the query for a relay', () => {
    const path = '/hooks/i1/tok/sdp';
    expect(publicWebhookUrl(ngrokReserved, 'https://desk.ngrok.app/', path)).toBe(
      'https://desk.ngrok.app/hooks/i1/tok/sdp',
    );
    expect(publicWebhookUrl(relay, 'https://smee.io/abc', path)).toBe('https://smee.io/abc?path=/hooks/i1/tok/sdp');
  });
});

describe('localBinding', () => {
  it.each([
    ['direct with port 0 shares the app port', direct, { host: '192.168.1.20', port: 8765 }],
    ['direct with its own port', { ...direct, port: 9000 } as IngressMode, { host: '192.168.1.20', port: 9000 }],
    ['ngrok listens on loopback only', ngrokFree, { host: '127.0.0.1', port: 8765 }],
    ['relay listens on loopback only', relay, { host: '127.0.0.1', port: 8765 }],
  ])('%s', (_what, mode, expected) => {
    expect(localBinding(mode, 8765)).toEqual(expected);
  });
});

describe('toIngressStatus: the contract shape for UI and tray', () => {
  // Why a route is down travels as its error (code, English text, details), worded by the UI.
  const unreachable = errorMessageOf('ingress.ngrok_unreachable', 'Cannot reach ngrok.');
  it.each([
    [{ state: 'stopped' } as TunnelStatus, { state: 'off', url: null, message: null }],
    [{ state: 'connecting' } as TunnelStatus, { state: 'reconnecting', url: null, message: msg('ingress.connecting') }],
    [
      {
        state: 'connected',
        publicUrl: 'https://a',
        warning: msg('ingress.warn_network', { host: '10.0.0.5' }),
        since: 1,
      } as TunnelStatus,
      { state: 'connected', url: 'https://a', message: msg('ingress.warn_network', { host: '10.0.0.5' }) },
    ],
    [
      reconnecting,
      {
        state: 'reconnecting',
        url: null,
        message: msg('ingress.retrying', { reason: unreachable, attempt: 2, seconds: 4 }),
      },
    ],
    [{ ...reconnecting, nextInMs: null } as TunnelStatus, { state: 'reconnecting', url: null, message: unreachable }],
    [
      {
        state: 'down',
        reason: 'ngrok refused the tunnel (ERR_NGROK_999).',
        code: 'ingress.ngrok_refused',
        details: { ngrokCode: 'ERR_NGROK_999', detail: 'x' },
      } as TunnelStatus,
      {
        state: 'down',
        url: null,
        message: errorMessageOf('ingress.ngrok_refused', 'ngrok refused the tunnel (ERR_NGROK_999).', {
          ngrokCode: 'ERR_NGROK_999',
          detail: 'x',
        }),
      },
    ],
  ])('%j', (status, expected) => {
    const out = toIngressStatus(ngrokFree, status);
    expect(out).toEqual({ mode: 'ngrok', ...expected });
    expect(ingressStatusSchema.parse(out)).toEqual(out);
  });
});

describe('a route that is down, as the tray and the window word it', () => {
  it.each([
    ['ingress.ngrok_authtoken', {}, 'ngrok 拒绝了该 authtoken'],
    ['ingress.ngrok_refused', { ngrokCode: 'ERR_NGROK_999' }, 'ngrok 拒绝了隧道（ERR_NGROK_999）'],
    ['ingress.relay_unreachable', { httpStatus: 502 }, '中继返回了 HTTP 502'],
    ['ingress.relay_unreachable', { networkError: 'getaddrinfo ENOTFOUND smee.io' }, '“getaddrinfo ENOTFOUND smee.io”'],
    ['ingress.direct_address_missing', { host: '10.0.0.9' }, '10.0.0.9 目前不是此计算机的地址'],
  ])('%s %j reads in Chinese, in the tray too', (code, details, chinese) => {
    const status: TunnelStatus = { state: 'down', reason: 'English reason.', code, details };
    const message = toIngressStatus(ngrokFree, status).message!;
    expect(renderMessage(message, 'zh-CN')).toContain(chinese);
    expect(renderMessage(message, 'en')).not.toContain('“English reason.”');
  });

  it('the direct route warnings read in both languages', () => {
    const warning = msg('ingress.warn_network', { host: '10.0.0.5' });
    expect(renderMessage(warning, 'en')).toMatch(/network on 10\.0\.0\.5.*secret header/);
    expect(renderMessage(warning, 'zh-CN')).toContain('在 10.0.0.5 上接收来自网络的 Webhook');
  });
});
