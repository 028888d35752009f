import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DirectProvider, directReach, TunnelManager, type Interfaces } from '../../../electron/ingress/tunnels';
import { memoryStore, statusWhere } from '../../integration/tunnels/helpers';
import { msg } from '../../../shared/common/contract';
import { renderMessage } from '../../../renderer/src/i18n/messages';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  ({
    address,
    family,
    internal,
    netmask: '',
    mac: '00:00:00:00:00:00',
    cidr: null,
    ...(family === 'IPv6' ? { scopeid: 0 } : {}),
  }) as NetworkInterfaceInfo;

const machine: Interfaces = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  eth0: [nic('192.168.1.20', 'IPv4'), nic('fe80::1', 'IPv6'), nic('fd00::20', 'IPv6')],
};

describe('direct route: who can reach the webhook port', () => {
  it.each([
    ['127.0.0.1', 'this-computer', '127.0.0.1', false],
    ['::1', 'this-computer', '[::1]', false],
    ['192.168.1.20', 'network', '192.168.1.20', true],
    ['fd00::20', 'network', '[fd00::20]', true],
    ['0.0.0.0', 'all-interfaces', '192.168.1.20', true],
    ['::', 'all-interfaces', '[fd00::20]', true],
  ] as const)('%s → %s, shown as %s, warning %s', (host, reach, urlHost, warns) => {
    const result = directReach(host, machine);
    expect(result).toMatchObject({ ok: true, reach, urlHost });
    expect(result.ok && result.warning !== null).toBe(warns);
  });

  it('0.0.0.0 on a machine without a LAN address still shows a usable loopback URL', () => {
    expect(directReach('0.0.0.0', { lo: machine.lo })).toMatchObject({
      ok: true,
      reach: 'all-interfaces',
      urlHost: '127.0.0.1',
    });
  });

  it('an address this computer no longer has is a retryable error that names it', () => {
    const result = directReach('10.9.9.9', machine);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({
      code: 'ingress.direct_address_missing',
      retryable: true,
      details: { host: '10.9.9.9' },
    });
  });

  it('the warning names the risk and the safeguard', () => {
    const result = directReach('0.0.0.0', machine);
    expect(result.ok && result.warning).toEqual(msg('ingress.warn_all_interfaces'));
    expect(renderMessage(msg('ingress.warn_all_interfaces'), 'en')).toMatch(/every network.*secret header/s);
  });
});

describe('direct provider under the manager', () => {
  it('reports the LAN URL with its warning as the connected status', async () => {
    const manager = new TunnelManager({
      provider: new DirectProvider({ host: '192.168.1.20', port: 8765, interfaces: () => machine }),
      store: memoryStore(),
      storeKey: 'k',
    });
    manager.start();
    const status = await statusWhere(manager, (s) => s.state === 'connected');
    expect(status).toMatchObject({
      publicUrl: 'http://192.168.1.20:8765',
      warning: msg('ingress.warn_network', { host: '192.168.1.20' }),
    });
    await manager.stop();
  });

  it('loopback is connected with no warning', async () => {
    const manager = new TunnelManager({
      provider: new DirectProvider({ host: '127.0.0.1', port: 8765, interfaces: () => machine }),
      store: memoryStore(),
      storeKey: 'k',
    });
    manager.start();
    expect(await statusWhere(manager, (s) => s.state === 'connected')).toMatchObject({
      publicUrl: 'http://127.0.0.1:8765',
      warning: null,
    });
    await manager.stop();
  });
});
