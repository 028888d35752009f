import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/headless';

/**
 * The address bar while the page starts: the store reads the hash when its module runs, the window
 * listens for changes once React has mounted. A hash changed in between (a link followed, a test's
 * `goto` right after a reload) used to be lost: the page stayed where it started.
 */
describe.skipIf(chromiumMissing)('the route while the page starts', () => {
  let serve: ServeProcess;
  let browser: Browser;
  beforeAll(async () => {
    [serve, browser] = await Promise.all([startServe(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    if (serve) expect(await serve.stop()).toBe(0);
  });

  it('follows a hash changed before the window listens for changes', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    // Module scripts have run (the store read `#/log`) and React has not mounted yet.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        location.hash = '#/settings';
      });
    });
    await page.goto(`${serve.url}#/log`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/settings');
    await context.close();
  });
});
