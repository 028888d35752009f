import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchChromium } from './browser';
import { postContract, REPO, startServe, type ServeProcess } from './headless';

export interface ServeAndBrowser {
  serve: ServeProcess;
  browser: Browser;
  /** A contract call over the server's HTTP API, as the page makes it; the raw response, refusals included. */
  call(method: string, input: unknown): Promise<Response>;
}

/**
 * A headless DeskBridge without simulators, and Chromium, for one describe block: started before
 * its tests, stopped after them (the server must exit cleanly). Its fields are there once the
 * tests run, not when the describe block is read.
 */
export function serveAndBrowser(): ServeAndBrowser {
  const env = {
    call: (method: string, input: unknown) => postContract(env.serve, method, input),
  } as ServeAndBrowser;
  beforeAll(async () => {
    mkdirSync(join(REPO, 'test-results/screenshots'), { recursive: true });
    [env.serve, env.browser] = await Promise.all([startServe(), launchChromium()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    if (env.serve) expect(await env.serve.stop()).toBe(0);
  });
  return env;
}
