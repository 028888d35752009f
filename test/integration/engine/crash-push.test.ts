import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationConfigSchema } from '../../../shared/config';
import { requestsFor } from '../../helpers/engine-world';
import { startFlashdutySimulator, type FlashdutySimulator } from '../../simulators/flashduty/index';
import { FLASHDUTY_GUIDE_STATUSES, startSdpSimulator, type SdpSimulator } from '../../simulators/sdp/index';
import { startCrashChild } from './crash-process';

/**
 * A push of an incident the automatic sync leaves alone, killed (SIGKILL, in a child process) after
 * its create is in the outbox and before it is sent: the restart must carry the push on, not re-plan
 * it as an automatic retry that skips it, and create exactly one request.
 */
let sdp: SdpSimulator;
let fd: FlashdutySimulator;
let dataDir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  [sdp, fd] = await Promise.all([startSdpSimulator({ edition: 'onprem', addStatuses: FLASHDUTY_GUIDE_STATUSES }), startFlashdutySimulator({ rateLimit: false })]);
  dataDir = mkdtempSync(join(tmpdir(), 'deskbridge-crash-push-'));
  const now = Date.now();
  const config = integrationConfigSchema.parse({
    id: 'crash-push',
    name: 'Crash during a push',
    sdp: { platform: 'onprem', endpoint: sdp.origin, apiKey: { env: 'SDP_KEY' } },
    flashduty: { apiBase: fd.baseUrl, appKey: { env: 'FD_KEY' } },
    direction: 'to_sdp',
    // Only critical incidents sync on their own: the pushed one is not.
    trigger: { mode: 'auto', match: 'all', conditions: [{ kind: 'severity_in', severities: ['Critical'] }] },
    ingress: { webhookSecret: { env: 'DESKBRIDGE_WEBHOOK_SECRET' }, flashdutyPollSeconds: 3600, sdpPollSeconds: 3600 },
    createdAt: now - 1000,
    updatedAt: now - 1000,
  });
  env = {
    PATH: process.env.PATH,
    CRASH_DATA_DIR: dataDir,
    CRASH_CONFIG: JSON.stringify(config),
    SDP_KEY: (sdp.credentials as { apiKey: string }).apiKey,
    FD_KEY: fd.appKey,
    DESKBRIDGE_WEBHOOK_SECRET: 'crash-test-webhook-secret-0123456789',
  };
});

afterAll(async () => {
  await Promise.all([sdp?.close(), fd?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a push interrupted before its create is sent', () => {
  it('is carried on after the restart: exactly one request, also after later polls', async () => {
    const incident = fd.createIncident({ title: 'Printer queue stuck on floor 3', severity: 'Info' });

    const first = startCrashChild(env, true);
    expect(await first.line((l) => l.ready === true)).not.toBeNull();
    first.send(`arm before:create_request ${incident.incident_id}`);
    first.send(`push ${incident.incident_id}`);
    expect(await first.exited).toBe('killed');
    expect(requestsFor(sdp, incident.incident_id)).toHaveLength(0);

    const second = startCrashChild(env, true);
    expect(await second.line((l) => l.ready === true)).not.toBeNull();
    for (let pass = 1; pass <= 3; pass++) {
      second.send('pass');
      expect(await second.line((l) => l.pass === pass)).not.toBeNull();
    }
    second.process.kill('SIGTERM');
    await second.exited;
    expect(requestsFor(sdp, incident.incident_id).map((r) => r.subject)).toEqual(['Printer queue stuck on floor 3']);
  });
});
