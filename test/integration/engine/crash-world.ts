import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startFlashdutySimulator, type FlashdutySimulator } from '../../../simulators/flashduty/index';
import { FLASHDUTY_GUIDE_STATUSES, startSdpSimulator, type SdpSimulator } from '../../../simulators/sdp/index';
import { crashChildSetup } from './crash-process';

/** What a crash-child test file runs against: both simulators, and the child's environment for its integration. */
export interface CrashWorld {
  sdp: SdpSimulator;
  fd: FlashdutySimulator;
  env: NodeJS.ProcessEnv;
}

/**
 * Before the file's tests: both simulators (on-prem SDP with the guide's statuses, Flashduty without its rate
 * limit) and a fresh data folder (named from `prefix`) for one integration with these fields (see crashChildSetup).
 * After them: all closed and removed. The world's members are there once `beforeAll` has run.
 */
export function crashWorld(prefix: string, fields: Parameters<typeof crashChildSetup>[2]): CrashWorld {
  const world = {} as CrashWorld;
  let dataDir: string | undefined;
  beforeAll(async () => {
    [world.sdp, world.fd] = await Promise.all([
      startSdpSimulator({ edition: 'onprem', addStatuses: FLASHDUTY_GUIDE_STATUSES }),
      startFlashdutySimulator({ rateLimit: false }),
    ]);
    dataDir = mkdtempSync(join(tmpdir(), prefix));
    world.env = crashChildSetup(world, dataDir, fields).env;
  });
  afterAll(async () => {
    await Promise.all([world.sdp?.close(), world.fd?.close()]);
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });
  return world;
}
