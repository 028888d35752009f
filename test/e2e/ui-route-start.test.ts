import { describe, expect, it } from 'vitest';
import { chromiumMissing } from '../helpers/browser';
import { serveAndBrowser } from '../helpers/serve-and-browser';

/**
 * The address bar while the page starts: the store reads the hash when its module runs, the window
 * listens for changes once React has mounted. A hash changed in between (a link followed, a test's
 * `goto` right after a reload) used to be lost: the page stayed where it started.
 */
describe.skipIf(chromiumMissing)('the route while the page starts', () => {
  const env = serveAndBrowser();

  it('follows a hash changed before the window listens for changes', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    // Module scripts have run (the store read `#/log`) and React has not mounted yet.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        location.hash = '#/settings';
      });
    });
    await page.goto(`${env.serve.url}#/log`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/settings');
    await context.close();
  });
});
