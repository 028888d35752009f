import { describe, expect, it } from 'vitest';
import {
  NgrokProvider,
  ngrokError,
  TunnelManager,
  WEBHOOK_ONLY_POLICY,
  type NgrokSdk,
} from '../../../electron/ingress/tunnels';
import type {
  NgrokHttpListenerBuilder,
  NgrokListener,
  NgrokSession,
  NgrokSessionBuilder,
} from '../../../electron/ingress/tunnels/ngrok';
import { gatedSleep, memoryStore, statusWhere } from '../../integration/tunnels/helpers';

const TOKEN = '2abcDEFghiJKLmnoPQRstuVWXyz_0123456789ABCDEFGHIJ';

/**
 * How the SDK words failures: `<context>: <ngrok message> error_code: ERR_NGROK_<n>` (see src/lib.rs napi_ngrok_err).
 */
const sdkError = (context: string, message: string, code?: string) =>
  Object.assign(new Error(code ? `${context}: ${message} error_code: ${code}` : `${context}: ${message}`), {
    code: 'GenericFailure',
  });

interface FakeScript {
  connect?: Error[];
  listen?: Error[];
  url?: string | null;
}

/** A stand-in for `@ngrok/ngrok` 1.7 with the documented builder signatures; records what was asked. */
function fakeSdk(script: FakeScript = {}) {
  const log = {
    sessions: 0,
    authtokens: [] as string[],
    clientInfo: [] as [string, string][],
    forwards: [] as string[],
    domains: [] as string[],
    policies: [] as string[],
    closedListeners: 0,
    closedSessions: 0,
    disconnect: null as ((addr: string, error: string) => boolean) | null,
    heartbeat: null as ((latency: number) => void) | null,
    stop: null as (() => void) | null,
  };
  const connectErrors = [...(script.connect ?? [])];
  const listenErrors = [...(script.listen ?? [])];

  class FakeListenerBuilder implements NgrokHttpListenerBuilder {
    domain(domain: string) {
      log.domains.push(domain);
      return this;
    }
    trafficPolicy(policy: string) {
      log.policies.push(policy);
      return this;
    }
    metadata() {
      return this;
    }
    async listenAndForward(toUrl: string): Promise<NgrokListener> {
      const error = listenErrors.shift();
      if (error) throw error;
      log.forwards.push(toUrl);
      return {
        url: () => (script.url === undefined ? 'https://abc123.ngrok-free.app' : script.url),
        close: async () => {
          log.closedListeners += 1;
        },
      };
    }
  }
  class FakeSessionBuilder implements NgrokSessionBuilder {
    authtoken(token: string) {
      log.authtokens.push(token);
      return this;
    }
    clientInfo(type: string, version: string) {
      log.clientInfo.push([type, version]);
      return this;
    }
    serverAddr() {
      return this;
    }
    handleDisconnection(handler: (addr: string, error: string) => boolean) {
      log.disconnect = handler;
      return this;
    }
    handleHeartbeat(handler: (latency: number) => void) {
      log.heartbeat = handler;
      return this;
    }
    handleStopCommand(handler: () => void) {
      log.stop = handler;
      return this;
    }
    async connect(): Promise<NgrokSession> {
      const error = connectErrors.shift();
      if (error) throw error;
      log.sessions += 1;
      return {
        httpEndpoint: () => new FakeListenerBuilder(),
        close: async () => {
          log.closedSessions += 1;
        },
      };
    }
  }
  const sdk: NgrokSdk = { SessionBuilder: FakeSessionBuilder };
  return { sdk, log };
}

function run(script: FakeScript, options: { domain?: string; authtoken?: string } = {}) {
  const fake = fakeSdk(script);
  const gate = gatedSleep();
  const manager = new TunnelManager({
    provider: new NgrokProvider({
      authtoken: options.authtoken ?? TOKEN,
      localPort: 48123,
      appVersion: '1.2.3',
      loadSdk: async () => fake.sdk,
      ...(options.domain ? { domain: options.domain } : {}),
    }),
    store: memoryStore(),
    storeKey: 'ingress.i1.publicUrl',
    sleep: gate.sleep,
  });
  manager.start();
  return { manager, gate, ...fake };
}

describe('ngrok provider lifecycle (fake SDK, documented signatures)', () => {
  it('opens an HTTPS endpoint forwarding to the local webhook server, with the webhook-only policy', async () => {
    const { manager, log } = run({});
    const status = await statusWhere(manager, (s) => s.state === 'connected');
    expect(status).toMatchObject({ publicUrl: 'https://abc123.ngrok-free.app', warning: null });
    expect(log.authtokens).toEqual([TOKEN]);
    expect(log.clientInfo).toEqual([['DeskBridge', '1.2.3']]);
    expect(log.forwards).toEqual(['http://127.0.0.1:48123']);
    expect(log.policies).toEqual([WEBHOOK_ONLY_POLICY]);
    expect(log.domains).toEqual([]);
    await manager.stop();
    expect(log).toMatchObject({ closedListeners: 1, closedSessions: 1 });
    expect(manager.status()).toEqual({ state: 'stopped' });
  });

  it('asks for the reserved domain when one is configured', async () => {
    const { manager, log } = run({ url: 'https://deskbridge.ngrok.app' }, { domain: 'deskbridge.ngrok.app' });
    await statusWhere(manager, (s) => s.state === 'connected');
    expect(log.domains).toEqual(['deskbridge.ngrok.app']);
    await manager.stop();
  });

  it('a bad authtoken is "down" with the fix, is not retried, and the token appears nowhere', async () => {
    const bad = sdkError(
      'failed to connect session',
      `The authtoken you specified is properly formed, but it is invalid. Your authtoken: ${TOKEN}`,
      'ERR_NGROK_107',
    );
    const { manager, log } = run({ connect: [bad] });
    const down = await statusWhere(manager, (s) => s.state === 'down');
    expect(down).toMatchObject({ code: 'ingress.ngrok_authtoken' });
    expect(down.state === 'down' && down.reason).toMatch(/dashboard\.ngrok\.com/);
    expect(JSON.stringify(manager.status())).not.toContain(TOKEN);
    expect(log.sessions).toBe(0);
    await manager.stop();
  });

  it('network down: reconnecting with backoff, then connected once ngrok is reachable', async () => {
    const offline = sdkError('failed to connect session', 'failed to establish tcp connection');
    const { manager, gate } = run({ connect: [offline, offline] });
    expect(await statusWhere(manager, (s) => s.state === 'reconnecting')).toMatchObject({
      attempt: 1,
      code: 'ingress.ngrok_unreachable',
    });
    await gate.release();
    await statusWhere(manager, (s) => s.state === 'reconnecting' && s.attempt === 2);
    await gate.release();
    await statusWhere(manager, (s) => s.state === 'connected');
    expect(gate.requested).toHaveLength(2);
    await manager.stop();
  });

  it('a domain not reserved for the account is "down", and the half-open session is closed', async () => {
    const notReserved = sdkError(
      'failed to start listener',
      'You must reserve a custom hostname for your account before it can be used to create endpoints.',
      'ERR_NGROK_319',
    );
    const { manager, log } = run({ listen: [notReserved] }, { domain: 'mine.example.com' });
    const down = await statusWhere(manager, (s) => s.state === 'down');
    expect(down).toMatchObject({ code: 'ingress.ngrok_domain' });
    expect(down.state === 'down' && down.reason).toMatch(/Reserve it/);
    expect(log).toMatchObject({ sessions: 1, closedSessions: 1 });
    await manager.stop();
  });

  it("the SDK's own reconnect shows as reconnecting, and heartbeats after it as connected again", async () => {
    const { manager, log } = run({});
    await statusWhere(manager, (s) => s.state === 'connected');
    expect(log.disconnect!('connect.ngrok-agent.com:443', 'connection reset by peer')).toBe(true);
    expect(manager.status()).toMatchObject({
      state: 'reconnecting',
      attempt: 1,
      nextInMs: null,
      code: 'ingress.ngrok_unreachable',
    });
    log.heartbeat!(42);
    await statusWhere(manager, (s) => s.state === 'connected');
    expect(manager.stats()).toMatchObject({ connects: 1, drops: 0 });
    expect(manager.stats().outages).toHaveLength(1);
    await manager.stop();
  });

  it('a revoked token during a reconnect ends the session instead of retrying forever', async () => {
    const { manager, log } = run({});
    await statusWhere(manager, (s) => s.state === 'connected');
    const keepGoing = log.disconnect!(
      'connect.ngrok-agent.com:443',
      `The authtoken credential has been revoked. error_code: ERR_NGROK_300`,
    );
    // true keeps the SDK from throwing an uncaught error; the session is closed by us instead.
    expect(keepGoing).toBe(true);
    await statusWhere(manager, (s) => s.state === 'down');
    expect(manager.status()).toMatchObject({ code: 'ingress.ngrok_authtoken' });
    expect(log).toMatchObject({ closedListeners: 1, closedSessions: 1 });
  });

  it('a stop command from the ngrok dashboard is "down", not retried', async () => {
    const { manager, log } = run({});
    await statusWhere(manager, (s) => s.state === 'connected');
    log.stop!();
    await statusWhere(manager, (s) => s.state === 'down');
    expect(manager.status()).toMatchObject({ code: 'ingress.ngrok_stopped_remotely' });
    expect(log.sessions).toBe(1);
  });

  it('no saved authtoken is "down" before the SDK is even loaded', async () => {
    let loaded = false;
    const manager = new TunnelManager({
      provider: new NgrokProvider({
        authtoken: '  ',
        localPort: 1,
        loadSdk: async () => ((loaded = true), fakeSdk().sdk),
      }),
      store: memoryStore(),
      storeKey: 'k',
    });
    manager.start();
    expect(await statusWhere(manager, (s) => s.state === 'down')).toMatchObject({
      code: 'ingress.ngrok_authtoken_missing',
    });
    expect(loaded).toBe(false);
  });

  it('an SDK that cannot load (no native build for this platform) is "down" with an alternative', async () => {
    const manager = new TunnelManager({
      provider: new NgrokProvider({
        authtoken: TOKEN,
        localPort: 1,
        loadSdk: async () => Promise.reject(new Error('Cannot find module ngrok.win32-ia32-msvc.node')),
      }),
      store: memoryStore(),
      storeKey: 'k',
    });
    manager.start();
    const down = await statusWhere(manager, (s) => s.state === 'down');
    expect(down).toMatchObject({ code: 'ingress.ngrok_unavailable' });
    expect(down.state === 'down' && down.reason).toMatch(/relay/);
  });
});

describe('ngrok error mapping', () => {
  it.each([
    ['ERR_NGROK_105', 'ingress.ngrok_authtoken', false],
    ['ERR_NGROK_107', 'ingress.ngrok_authtoken', false],
    ['ERR_NGROK_4018', 'ingress.ngrok_authtoken', false],
    ['ERR_NGROK_319', 'ingress.ngrok_domain', false],
    ['ERR_NGROK_320', 'ingress.ngrok_domain', false],
    ['ERR_NGROK_7117', 'ingress.ngrok_domain', false],
    ['ERR_NGROK_313', 'ingress.ngrok_plan', false],
    ['ERR_NGROK_108', 'ingress.ngrok_session_limit', true],
    ['ERR_NGROK_334', 'ingress.ngrok_domain_in_use', true],
    ['ERR_NGROK_121', 'ingress.ngrok_outdated', false],
    ['ERR_NGROK_9999', 'ingress.ngrok_refused', false],
  ])('%s → %s (retryable %s)', (code, appCode, retryable) => {
    const error = ngrokError(sdkError('failed to connect session', `something about ${TOKEN}`, code), TOKEN);
    expect(error).toMatchObject({ code: appCode, retryable, details: { ngrokCode: code } });
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(TOKEN);
  });

  it('a message without a code is a transport failure, retryable', () => {
    expect(ngrokError(new Error('failed to connect session: failed to establish tcp connection'), TOKEN)).toMatchObject(
      {
        code: 'ingress.ngrok_unreachable',
        retryable: true,
        details: { ngrokCode: null },
      },
    );
  });

  it("prefers the SDK's errorCode property when it set one", () => {
    const error = Object.assign(new Error('failed to connect session: nope'), { errorCode: 'ERR_NGROK_105' });
    expect(ngrokError(error, TOKEN).code).toBe('ingress.ngrok_authtoken');
  });

  it('the unknown-code message names the code for support', () => {
    expect(ngrokError('x error_code: ERR_NGROK_9999', TOKEN).message).toContain('ERR_NGROK_9999');
  });
});

describe('webhook-only traffic policy', () => {
  it('denies everything but POST to /hooks/… at the ngrok edge', () => {
    const policy = JSON.parse(WEBHOOK_ONLY_POLICY) as {
      on_http_request: { expressions: string[]; actions: { type: string; config: { status_code: number } }[] }[];
    };
    expect(policy.on_http_request).toEqual([
      {
        expressions: ["req.method != 'POST' || !req.url.path.startsWith('/hooks/')"],
        actions: [{ type: 'deny', config: { status_code: 404 } }],
      },
    ]);
  });
});
