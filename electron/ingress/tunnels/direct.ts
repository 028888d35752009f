import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { msg, type Message } from '../../../shared/common/contract/message';
import { AppError } from '../../../shared/common/errors';
import { isAllInterfaces, isLoopbackHost } from '../../../shared/common/config/ingress';
import type { TunnelConnection, TunnelDrop, TunnelProvider } from './types';

export type Interfaces = Record<string, NetworkInterfaceInfo[] | undefined>;

export type DirectReach =
  | { ok: true; reach: 'this-computer' | 'network' | 'all-interfaces'; urlHost: string; warning: Message | null }
  | { ok: false; error: AppError };

const urlHost = (address: string) => (address.includes(':') ? `[${address}]` : address);

/** What listening on `host` means: who can reach it, the address to show, and what to warn about. */
export function directReach(host: string, interfaces: Interfaces): DirectReach {
  const addresses = Object.values(interfaces).flatMap((list) => list ?? []);
  if (isLoopbackHost(host)) return { ok: true, reach: 'this-computer', urlHost: urlHost(host), warning: null };
  if (isAllInterfaces(host)) {
    const family = host === '::' ? 'IPv6' : 'IPv4';
    const lan =
      addresses.find((a) => !a.internal && a.family === family && !a.address.startsWith('fe80:')) ??
      addresses.find((a) => !a.internal && a.family === 'IPv4');
    return {
      ok: true,
      reach: 'all-interfaces',
      urlHost: urlHost(lan?.address ?? '127.0.0.1'),
      warning: msg('ingress.warn_all_interfaces'),
    };
  }
  if (!addresses.some((a) => a.address === host)) {
    return {
      ok: false,
      error: new AppError(
        'ingress.direct_address_missing',
        `${host} is not an address of this computer right now (the network may have changed). Pick the current LAN address under Integration → Inbound; DeskBridge keeps checking meanwhile.`,
        { retryable: true, details: { host } },
      ),
    };
  }
  return {
    ok: true,
    reach: 'network',
    urlHost: urlHost(host),
    warning: msg('ingress.warn_network', { host }),
  };
}

export interface DirectProviderOptions {
  /** The address the webhook server is bound to, and its port. */
  host: string;
  port: number;
  interfaces?: () => Interfaces;
}

/** No tunnel: the webhook server itself is the route; SDP on the same network calls it directly. */
export class DirectProvider implements TunnelProvider {
  readonly type = 'direct' as const;

  constructor(private readonly options: DirectProviderOptions) {}

  async connect(): Promise<TunnelConnection> {
    const reach = directReach(this.options.host, (this.options.interfaces ?? networkInterfaces)());
    if (!reach.ok) throw reach.error;
    let settle: (drop: TunnelDrop) => void = () => undefined;
    const closed = new Promise<TunnelDrop>((r) => (settle = r));
    return {
      publicUrl: `http://${reach.urlHost}:${this.options.port}`,
      warning: reach.warning,
      closed,
      close: async () => settle({ error: new AppError('ingress.route_stopped', 'Stopped.') }),
    };
  }
}
