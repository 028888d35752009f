import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntegrationDraftInput } from '../../../shared/common/config';
import type { EventPayload, MethodInput, MethodName, MethodOutput } from '../../../shared/common/contract';
import Database from 'libsql';
import { createAppCore, type AppCore } from '../../../electron/services/app-core';
import type { SettingsBackend } from '../../../electron/services/settings';
import { startFlashdutySimulator, type FlashdutySimulator } from '../../../simulators/flashduty/index';
import { startSdpSimulator, type SdpSimulator } from '../../../simulators/sdp/index';
import { renderMessage } from '../../../renderer/src/i18n/messages';
import { memoryVault } from '../connections/harness';
import { fastClients } from '../../helpers/engine-clients';
import { WEBHOOK_SECRET } from '../../helpers/engine';

/**
 * Losing sync.db must cost re-reads, never duplicates: the links come back from the markers both
 * sides carry. One data folder and one settings store, across restarts of the app core.
 */
let sdp: SdpSimulator;
let fd: FlashdutySimulator;
let dataDir: string;
let backend: SettingsBackend;
let core: AppCore | undefined;
const vault = memoryVault();
const notices: string[] = [];

beforeEach(async () => {
  [sdp, fd] = await Promise.all([
    startSdpSimulator({ edition: 'onprem', seed: 1 }),
    startFlashdutySimulator({ rateLimit: false, seed: 1 }),
  ]);
  dataDir = mkdtempSync(join(tmpdir(), 'deskbridge-lostdb-'));
  backend = { store: { ui: { webhookPort: 0 } } };
  notices.length = 0;
});
afterEach(async () => {
  await core?.close();
  core = undefined;
  await Promise.all([sdp.close(), fd.close()]);
});

async function start(): Promise<AppCore> {
  core = await createAppCore({
    mode: 'headless',
    dataDir,
    demo: false,
    settingsBackend: backend,
    env: {
      SDP_KEY: (sdp.credentials as { apiKey: string }).apiKey,
      FD_KEY: fd.appKey,
      DESKBRIDGE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    },
    clientOptions: fastClients(),
    retry: { baseDelayMs: 20, maxDelayMs: 200 },
    vault: () => vault,
    onNotice: (message) => notices.push(renderMessage(message, 'en')),
  });
  return core;
}

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await core!.dispatcher.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

async function settle(id: string, rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const runtime = core!.engine.runtime(id)!;
    await runtime.pollOnce();
    await core!.engine.idle();
    runtime.runner.resumeDue();
    await core!.engine.idle();
  }
}

const draft: IntegrationDraftInput = {
  name: 'Lost database',
  direction: 'two_way',
  sdp: { platform: 'onprem', endpoint: '', apiKey: { env: 'SDP_KEY' } },
  flashduty: { apiBase: '', appKey: { env: 'FD_KEY' } },
  ingress: { webhookSecret: { env: 'DESKBRIDGE_WEBHOOK_SECRET' }, flashdutyPollSeconds: 3600, sdpPollSeconds: 3600 },
};

/** Pairs made both ways, some of each closed; returns the integration and the pairs, incident → request. */
async function linkedDesk(perKind: number): Promise<{ id: string; pairs: Map<string, string> }> {
  await start();
  const { id } = await call('integrations.save', {
    config: {
      ...draft,
      sdp: { platform: 'onprem', endpoint: sdp.origin, apiKey: { env: 'SDP_KEY' } },
      flashduty: { apiBase: fd.baseUrl, appKey: { env: 'FD_KEY' } },
    },
  });
  const incidents = Array.from({ length: perKind }, (_, i) =>
    fd.createIncident({ title: `From Flashduty ${i}`, severity: 'Warning' }),
  );
  const requests = Array.from({ length: perKind }, (_, i) => sdp.createRequest({ subject: `From SDP ${i}` }));
  await settle(id);
  // A quarter of each kind is closed at its origin, and the close carried across.
  for (const incident of incidents.slice(0, perKind / 4)) fd.resolve(incident.incident_id);
  for (const request of requests.slice(0, perKind / 4)) sdp.updateRequest(String(request.id), { status: 'Closed' });
  await settle(id);
  const pairs = new Map<string, string>();
  for (const incident of fd.incidents()) {
    const { link } = await call('links.get', { integrationId: id, incidentId: incident.incident_id });
    if (link) pairs.set(incident.incident_id, link.requestId);
  }
  expect(pairs.size).toBe(2 * perKind);
  expect(fd.incidents()).toHaveLength(2 * perKind);
  expect(sdp.listRequests()).toHaveLength(2 * perKind);
  return { id, pairs };
}

async function expectSameDesk(id: string, pairs: Map<string, string>): Promise<void> {
  expect(fd.incidents()).toHaveLength(pairs.size);
  expect(sdp.listRequests()).toHaveLength(pairs.size);
  for (const [incidentId, requestId] of pairs) {
    const { link } = await call('links.get', { integrationId: id, incidentId });
    expect(link?.requestId, `incident ${incidentId}`).toBe(requestId);
  }
  const errors = await call('log.query', { integrationId: id, levels: ['error'] });
  expect(errors.entries).toEqual([]);
}

async function restart(damage: () => void): Promise<void> {
  await core!.close();
  core = undefined;
  damage();
  await start();
}

const dbFiles = () => readdirSync(dataDir).filter((f) => f.startsWith('sync.'));

describe('losing sync.db', () => {
  it('deleted with linked pairs (both ways, some closed): the restart links every pair again from the markers and creates nothing', async () => {
    const { id, pairs } = await linkedDesk(16);
    await restart(() => {
      for (const f of dbFiles()) rmSync(join(dataDir, f));
    });
    expect(notices).toEqual([expect.stringContaining('new or was replaced')]);
    await core!.recovery;
    await core!.engine.idle();
    await settle(id);
    await expectSameDesk(id, pairs);
    // Said once: the next start knows this database.
    await restart(() => undefined);
    expect(notices).toHaveLength(1);
    expect(core!.recovery).toBeUndefined();
  });

  it('damaged: moved aside as sync.corrupt-<time>.db, a fresh owner-only one started, links rebuilt, said once', async () => {
    const { id, pairs } = await linkedDesk(8);
    await restart(() => writeFileSync(join(dataDir, 'sync.db'), 'not a database '.repeat(500)));
    const aside = dbFiles().filter((f) => /^sync\.corrupt-\d+\.db$/.test(f));
    expect(aside).toHaveLength(1);
    expect(notices).toEqual([expect.stringContaining(`kept as ${join(dataDir, aside[0]!)}`)]);
    expect(statSync(join(dataDir, 'sync.db')).mode & 0o777).toBe(0o600);
    await core!.recovery;
    await settle(id);
    await expectSameDesk(id, pairs);
    // The notice is in the log too, once, naming the file it kept (the search finds a line's data, not its words).
    const log = await call('log.query', { text: aside[0]! });
    expect(log.entries.map((e) => e.message)).toEqual([
      { code: 'notice.db_damaged_relinking', params: { file: join(dataDir, aside[0]!) } },
    ]);
  });

  it('"Rebuild links" on demand relinks what is unlinked, with progress, and creates nothing', async () => {
    const { id, pairs } = await linkedDesk(8);
    await restart(() => {
      const db = new Database(join(dataDir, 'sync.db'));
      db.exec('DELETE FROM links');
      db.close();
    });
    // The same database (its identity is known): nothing runs by itself.
    expect(core!.recovery).toBeUndefined();
    expect((await call('links.get', { integrationId: id, incidentId: [...pairs.keys()][0]! })).link).toBeNull();
    const progress: EventPayload<'links.rebuildProgress'>[] = [];
    core!.bus.onAny((event, payload) => {
      if (event === 'links.rebuildProgress') progress.push(payload as EventPayload<'links.rebuildProgress'>);
    });
    const result = await call('links.rebuild', { integrationId: id });
    expect(result.linked).toBe(pairs.size);
    expect(result.scanned).toBeGreaterThanOrEqual(2 * pairs.size);
    expect(progress[0]).toMatchObject({ integrationId: id, phase: 'sdp', scanned: 0, linked: 0 });
    expect(progress.at(-1)).toEqual({ integrationId: id, phase: 'done', scanned: result.scanned, linked: pairs.size });
    expect(progress.map((p) => p.phase)).toContain('flashduty');
    await settle(id);
    await expectSameDesk(id, pairs);
    // Again: everything is linked, nothing to do.
    expect((await call('links.rebuild', { integrationId: id })).linked).toBe(0);
  });
});
