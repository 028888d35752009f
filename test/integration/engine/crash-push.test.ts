import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrationDraftInput } from '../../../shared/common/config';
import { requestsFor } from '../../helpers/engine-world';
import { startFlashdutySimulator, type FlashdutySimulator } from '../../../simulators/flashduty/index';
import { FLASHDUTY_GUIDE_STATUSES, startSdpSimulator, type SdpSimulator } from '../../../simulators/sdp/index';
import { crashChildSetup, startCrashChild } from './crash-process';

/**
 * A push of an incident the automatic sync leaves alone, killed (SIGKILL, in a child process) after
 * its create is in the outbox and before it is sent: the restart must carry the push on, not re-plan
 * it as an automatic retry that skips it, and create exactly one request.
 */
let sdp: SdpSimulator;
let fd: FlashdutySimulator;
const dataDirs: string[] = [];

beforeAll(async () => {
  [sdp, fd] = await Promise.all([
    startSdpSimulator({ edition: 'onprem', addStatuses: FLASHDUTY_GUIDE_STATUSES }),
    startFlashdutySimulator({ rateLimit: false }),
  ]);
});

afterAll(async () => {
  await Promise.all([sdp?.close(), fd?.close()]);
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh data folder and the child's environment for one integration with this trigger. */
function childEnv(id: string, trigger: IntegrationDraftInput['trigger']): NodeJS.ProcessEnv {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbridge-crash-push-'));
  dataDirs.push(dataDir);
  return crashChildSetup({ sdp, fd }, dataDir, { id, name: 'Crash during a push', direction: 'to_sdp', trigger }).env;
}

const TRIGGERS: { name: string; trigger: IntegrationDraftInput['trigger'] }[] = [
  // Only critical incidents sync on their own: the pushed one is not.
  {
    name: 'trigger conditions not met',
    trigger: { mode: 'auto', match: 'all', conditions: [{ kind: 'severity_in', severities: ['Critical'] }] },
  },
  { name: 'a manual trigger', trigger: { mode: 'manual' } },
];

describe('a push interrupted before its create is sent', () => {
  for (const [k, { name, trigger }] of TRIGGERS.entries()) {
    it(`is carried on after the restart under ${name}: exactly one request, also after later polls`, async () => {
      const env = childEnv(`crash-push-${k}`, trigger);
      const title = `Printer queue stuck on floor ${k + 3}`;
      const incident = fd.createIncident({ title, severity: 'Info' });

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
      expect(requestsFor(sdp, incident.incident_id).map((r) => r.subject)).toEqual([title]);
    });
  }
});
