import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumMissing } from '../helpers/browser';
import { serveAndBrowser } from '../helpers/serve-and-browser';
import { SHOTS } from '../helpers/ui-env';

describe.skipIf(chromiumMissing)('headless app in Chromium', () => {
  const env = serveAndBrowser();

  it('opens the printed URL and shows the app frame with the empty state', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(env.serve.url);
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
    await page.getByText(env.serve.dataDir).waitFor();
    expect(page.url()).toContain('#/settings');
    await page.screenshot({ path: join(SHOTS, 'settings.png') });
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  });

  it('without the token shows how to get in, not a blank page', async () => {
    const page = await env.browser.newPage();
    await page.goto(env.serve.origin);
    await page.getByRole('heading', { name: 'Open the link printed in the terminal' }).waitFor();
    expect(await page.textContent('body')).toContain('DeskBridge ready:');
    await page.screenshot({ path: join(SHOTS, 'token-missing.png') });
    await page.close();
  });

  it('keeps the token out of requests other than the API (no Referer leak)', async () => {
    const page = await env.browser.newPage();
    const referers: string[] = [];
    page.on('request', (r) => {
      const referer = r.headers().referer;
      if (referer) referers.push(referer);
    });
    await page.goto(env.serve.url);
    await page.getByTestId('integrations-empty').waitFor();
    expect(referers.filter((r) => r.includes(env.serve.token))).toEqual([]);
    await page.close();
  });
});
