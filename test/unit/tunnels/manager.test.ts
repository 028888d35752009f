import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/common/errors';
import { TunnelManager } from '../../../electron/ingress/tunnels';
import type {
  TunnelConnection,
  TunnelDrop,
  TunnelHooks,
  TunnelProvider,
  TunnelStatus,
} from '../../../electron/ingress/tunnels/types';
import { gatedSleep, memoryStore, statusWhere } from '../../integration/tunnels/helpers';

const transient = (message = 'network down') => new AppError('test.transient', message, { retryable: true });
const fatal = () => new AppError('test.fatal', 'Bad token: paste it again.');

interface Scripted {
  provider: TunnelProvider;
  /** Connections handed out so far, to drop them from the test. */
  live: { drop(error: AppError): void; hooks: TunnelHooks; closed: boolean }[];
  attempts: number;
}

/** A provider whose every connect() follows the next step of the script. */
function scripted(steps: (AppError | string)[]): Scripted {
  const state: Scripted = { live: [], attempts: 0, provider: undefined as unknown as TunnelProvider };
  state.provider = {
    type: 'ngrok',
    connect: async (hooks) => {
      const step = steps[state.attempts++] ?? steps.at(-1)!;
      if (step instanceof AppError) throw step;
      let settle: (d: TunnelDrop) => void = () => undefined;
      const closed = new Promise<TunnelDrop>((r) => (settle = r));
      const entry = { drop: (error: AppError) => settle({ error }), hooks, closed: false };
      state.live.push(entry);
      const connection: TunnelConnection = {
        publicUrl: step,
        warning: null,
        closed,
        close: async () => {
          entry.closed = true;
        },
      };
      return connection;
    },
  };
  return state;
}

function managerFor(provider: TunnelProvider, extra: Partial<ConstructorParameters<typeof TunnelManager>[0]> = {}) {
  const store = memoryStore();
  let clock = 1_000;
  const manager = new TunnelManager({
    provider,
    store,
    storeKey: 'ingress.i1.publicUrl',
    reconnect: { baseDelayMs: 1_000, maxDelayMs: 60_000 },
    random: () => 1,
    now: () => (clock += 10),
    ...extra,
  });
  const statuses: TunnelStatus[] = [];
  manager.onStatus((s) => statuses.push(s));
  return { manager, store, statuses };
}

describe('reconnect backoff', () => {
  it('doubles from the base delay up to the cap while connects keep failing, then resets after a success', async () => {
    const gate = gatedSleep();
    const script = scripted([...Array.from({ length: 8 }, () => transient()), 'https://a.example']);
    const { manager, statuses } = managerFor(script.provider, { sleep: gate.sleep });
    manager.start();
    for (let i = 0; i < 8; i++) await gate.release();
    await statusWhere(manager, (s) => s.state === 'connected');

    // random() = 1 picks the top of each jitter window: 1s, 2s, 4s … capped at 60s.
    expect(gate.requested).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(
      statuses
        .filter((s) => s.state === 'reconnecting')
        .map((s) => s.state === 'reconnecting' && [s.attempt, s.nextInMs]),
    ).toEqual(gate.requested.map((ms, i) => [i + 1, ms]));

    script.live[0]!.drop(transient('stream ended'));
    await statusWhere(manager, (s) => s.state === 'reconnecting');
    expect(manager.status()).toMatchObject({ attempt: 1, nextInMs: 1_000, reason: 'stream ended' });
    await manager.stop();
  });

  it('jitter keeps each delay within the upper half of its window', async () => {
    const gate = gatedSleep();
    const script = scripted([transient(), transient(), transient(), 'https://a.example']);
    const { manager } = managerFor(script.provider, { sleep: gate.sleep, random: () => 0 });
    manager.start();
    for (let i = 0; i < 3; i++) await gate.release();
    await statusWhere(manager, (s) => s.state === 'connected');
    expect(gate.requested).toEqual([500, 1_000, 2_000]);
    await manager.stop();
  });

  it('a Retry-After from the provider wins over the schedule', async () => {
    const gate = gatedSleep();
    const script = scripted([
      new AppError('test.limited', 'slow down', { retryable: true, retryAfterMs: 7_000 }),
      'https://a.example',
    ]);
    const { manager } = managerFor(script.provider, { sleep: gate.sleep });
    manager.start();
    await gate.release();
    await statusWhere(manager, (s) => s.state === 'connected');
    expect(gate.requested).toEqual([7_000]);
    await manager.stop();
  });
});

describe('lifecycle', () => {
  it('a non-retryable failure is "down" with the fix, and nothing retries', async () => {
    const script = scripted([fatal()]);
    const { manager } = managerFor(script.provider);
    manager.start();
    const down = await statusWhere(manager, (s) => s.state === 'down');
    expect(down).toEqual({ state: 'down', reason: 'Bad token: paste it again.', code: 'test.fatal', details: {} });
    expect(script.attempts).toBe(1);
    await manager.stop();
    expect(manager.status()).toEqual({ state: 'stopped' });
  });

  it('an established connection ending for good is "down" too', async () => {
    const script = scripted(['https://a.example']);
    const { manager } = managerFor(script.provider);
    manager.start();
    await statusWhere(manager, (s) => s.state === 'connected');
    script.live[0]!.drop(fatal());
    await statusWhere(manager, (s) => s.state === 'down');
    expect(script.attempts).toBe(1);
    expect(script.live[0]!.closed).toBe(true);
  });

  it('stop() during a backoff wait ends the loop, closes nothing twice and reports stopped', async () => {
    const gate = gatedSleep();
    const script = scripted([transient()]);
    const { manager, statuses } = managerFor(script.provider, { sleep: gate.sleep });
    manager.start();
    await statusWhere(manager, (s) => s.state === 'reconnecting');
    await manager.stop();
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'reconnecting', 'stopped']);
    expect(script.attempts).toBe(1);
  });

  it('stop() closes the live connection; start() again reconnects', async () => {
    const script = scripted(['https://a.example']);
    const { manager } = managerFor(script.provider);
    manager.start();
    await statusWhere(manager, (s) => s.state === 'connected');
    await manager.stop();
    expect(script.live[0]!.closed).toBe(true);
    manager.start();
    await statusWhere(manager, (s) => s.state === 'connected');
    expect(script.attempts).toBe(2);
    await manager.stop();
  });

  it('an SDK-side interruption reports reconnecting with no schedule of ours, then connected again; the outage is recorded', async () => {
    const script = scripted(['https://a.example']);
    const { manager } = managerFor(script.provider);
    manager.start();
    await statusWhere(manager, (s) => s.state === 'connected');
    const { hooks } = script.live[0]!;
    hooks.interrupted(transient('session lost'));
    expect(manager.status()).toEqual({
      state: 'reconnecting',
      attempt: 1,
      nextInMs: null,
      reason: 'session lost',
      code: 'test.transient',
      details: {},
    });
    hooks.interrupted(transient('session lost'));
    expect(manager.status()).toMatchObject({ attempt: 2 });
    hooks.restored('https://a.example');
    await statusWhere(manager, (s) => s.state === 'connected');
    const [outage] = manager.stats().outages;
    expect(outage!.to).toBeGreaterThan(outage!.from);
    expect(manager.wasDownBetween(outage!.from, outage!.from)).toBe(true);
    expect(manager.wasDownBetween(outage!.to! + 1, outage!.to! + 5)).toBe(false);
    expect(script.attempts).toBe(1);
    await manager.stop();
  });

  it('an error that is not an AppError is treated as transient', async () => {
    const gate = gatedSleep();
    let calls = 0;
    const provider: TunnelProvider = {
      type: 'relay',
      connect: async () => {
        calls += 1;
        throw new TypeError('boom');
      },
    };
    const { manager } = managerFor(provider, { sleep: gate.sleep });
    manager.start();
    const s = await statusWhere(manager, (x) => x.state === 'reconnecting');
    expect(s).toMatchObject({ code: 'ingress.route_failed' });
    expect(calls).toBe(1);
    await manager.stop();
  });
});

describe('webhook URL changes', () => {
  it('the first URL ever is remembered without a notice; a different one later is announced until acknowledged', async () => {
    const script = scripted(['https://one.example', 'https://two.example']);
    const { manager, store } = managerFor(script.provider, { sleep: async () => undefined });
    const changes: unknown[] = [];
    manager.onUrlChanged((c) => changes.push(c));
    manager.start();
    await statusWhere(manager, (s) => s.state === 'connected');
    expect(changes).toEqual([]);
    expect(store.data.get('ingress.i1.publicUrl')).toEqual({ url: 'https://one.example', changedFrom: null });

    script.live[0]!.drop(transient());
    await statusWhere(manager, (s) => s.state === 'connected' && s.publicUrl === 'https://two.example');
    expect(changes).toEqual([{ previous: 'https://one.example', current: 'https://two.example' }]);
    expect(manager.urlChange()).toEqual({ previous: 'https://one.example', current: 'https://two.example' });

    await manager.acknowledgeUrlChange();
    expect(manager.urlChange()).toBeNull();
    expect(store.data.get('ingress.i1.publicUrl')).toEqual({ url: 'https://two.example', changedFrom: null });
    await manager.stop();
  });

  it('after a restart: a new URL is announced, and an unacknowledged change is announced again', async () => {
    const first = managerFor(scripted(['https://two.example']).provider);
    first.store.data.set('ingress.i1.publicUrl', { url: 'https://one.example', changedFrom: null });
    const seen: unknown[] = [];
    first.manager.onUrlChanged((c) => seen.push(c));
    first.manager.start();
    await statusWhere(first.manager, (s) => s.state === 'connected');
    await first.manager.stop();
    expect(seen).toEqual([{ previous: 'https://one.example', current: 'https://two.example' }]);

    // Same store, app restarted, admin never acknowledged: remind again.
    const second = new TunnelManager({
      provider: scripted(['https://two.example']).provider,
      store: first.store,
      storeKey: 'ingress.i1.publicUrl',
    });
    const again: unknown[] = [];
    second.onUrlChanged((c) => again.push(c));
    second.start();
    await statusWhere(second, (s) => s.state === 'connected');
    expect(again).toEqual([{ previous: 'https://one.example', current: 'https://two.example' }]);
    await second.stop();
  });

  it('coming back to the URL the senders already have clears the notice', async () => {
    const { manager, store } = managerFor(scripted(['https://one.example']).provider);
    store.data.set('ingress.i1.publicUrl', { url: 'https://two.example', changedFrom: 'https://one.example' });
    const seen: unknown[] = [];
    manager.onUrlChanged((c) => seen.push(c));
    manager.start();
    await statusWhere(manager, (s) => s.state === 'connected');
    expect(seen).toEqual([]);
    expect(manager.urlChange()).toBeNull();
    expect(store.data.get('ingress.i1.publicUrl')).toEqual({ url: 'https://one.example', changedFrom: null });
    await manager.stop();
  });

  it('garbage in the store is ignored rather than trusted', async () => {
    const { manager, store } = managerFor(scripted(['https://one.example']).provider);
    store.data.set('ingress.i1.publicUrl', 'not-a-record');
    const seen: unknown[] = [];
    manager.onUrlChanged((c) => seen.push(c));
    manager.start();
    await statusWhere(manager, (s) => s.state === 'connected');
    expect(seen).toEqual([]);
    expect(store.data.get('ingress.i1.publicUrl')).toEqual({ url: 'https://one.example', changedFrom: null });
    await manager.stop();
  });
});

describe('resilience', () => {
  it('a store that fails does not keep the route down; URL changes are still noticed in memory', async () => {
    const script = scripted(['https://one.example', 'https://two.example']);
    const broken = {
      get: () => {
        throw new Error('disk full');
      },
      set: async () => Promise.reject(new Error('disk full')),
    };
    const manager = new TunnelManager({
      provider: script.provider,
      store: broken,
      storeKey: 'k',
      sleep: async () => undefined,
    });
    const changes: unknown[] = [];
    manager.onUrlChanged((c) => changes.push(c));
    manager.start();
    await statusWhere(manager, (s) => s.state === 'connected');
    script.live[0]!.drop(transient());
    await statusWhere(manager, (s) => s.state === 'connected' && s.publicUrl === 'https://two.example');
    expect(changes).toEqual([{ previous: 'https://one.example', current: 'https://two.example' }]);
    await manager.stop();
  });

  it('a status listener that throws does not stop the route', async () => {
    const { manager } = managerFor(scripted(['https://one.example']).provider);
    manager.onStatus(() => {
      throw new Error('UI bug');
    });
    manager.start();
    await statusWhere(manager, (s) => s.state === 'connected');
    await manager.stop();
    expect(manager.status()).toEqual({ state: 'stopped' });
  });
});
