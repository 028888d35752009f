import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/headless';
import { SHOTS } from '../helpers/ui-env';

describe.skipIf(chromiumMissing)('headless app in Chromium', () => {
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [serve, browser] = await Promise.all([startServe(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    if (serve) expect(await serve.stop()).toBe(0);
  });

  it('opens the printed URL and shows the app frame with the empty state', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(serve.url);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('button').count()).toBe(4);
    for (const name of ['Integrations', 'Sync log', 'Incidents', 'Settings']) {
      await page.getByRole('button', { name, exact: true }).waitFor();
    }
    await page.getByTestId('integrations-empty').waitFor();
    expect(await page.getByTestId('integrations-empty').textContent()).toContain('No integrations yet');
    await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'integrations-empty.png') });

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByText(serve.dataDir).waitFor();
    expect(page.url()).toContain('#/settings');
    await page.screenshot({ path: join(SHOTS, 'settings.png') });
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  });

  it('without the token shows how to get in, not a blank page', async () => {
    const page = await browser.newPage();
    await page.goto(serve.origin);
    await page.getByRole('heading', { name: 'Open the link printed in the terminal' }).waitFor();
    expect(await page.textContent('body')).toContain('DeskBridge ready:');
    await page.screenshot({ path: join(SHOTS, 'token-missing.png') });
    await page.close();
  });

  it('keeps the token out of requests other than the API (no Referer leak)', async () => {
    const page = await browser.newPage();
    const referers: string[] = [];
    page.on('request', (r) => {
      const referer = r.headers().referer;
      if (referer) referers.push(referer);
    });
    await page.goto(serve.url);
    await page.getByTestId('integrations-empty').waitFor();
    expect(referers.filter((r) => r.includes(serve.token))).toEqual([]);
    await page.close();
  });
});
