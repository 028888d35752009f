import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { NgrokProvider, TunnelManager } from '../../../electron/ingress/tunnels';
import { gatedSleep, memoryStore, statusWhere } from './helpers';

/** A local port with nothing listening: the real SDK's connect fails there at once, offline or not. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('ngrok provider with the real @ngrok/ngrok SDK (no ngrok service reachable)', () => {
  it('loads the native SDK, and an unreachable ngrok service maps to "reconnecting", retryable, token-free', async () => {
    const token = '2realSDKtestTOKEN_abcdefghijklmnopqrstuvwxyz0123';
    const gate = gatedSleep();
    const manager = new TunnelManager({
      provider: new NgrokProvider({ authtoken: token, localPort: 1, serverAddr: `127.0.0.1:${await closedPort()}` }),
      store: memoryStore(),
      storeKey: 'k',
      sleep: gate.sleep,
    });
    manager.start();
    const status = await statusWhere(manager, (s) => s.state === 'reconnecting');
    expect(status).toMatchObject({ attempt: 1, code: 'ingress.ngrok_unreachable' });
    expect(JSON.stringify(status)).not.toContain(token);
    await manager.stop();
  });
});
