import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/headless';
import { openApp, shot, SHOTS } from '../helpers/ui-env';

/**
 * Settings → Sync data: retention and "Rebuild links" with its progress, in both languages (demo integration, no
 * keychain needed).
 */
describe.skipIf(chromiumMissing !== false)('Settings: sync data', () => {
  let serve: ServeProcess;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [serve, browser] = await Promise.all([startServe(['--demo']), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('rebuilds links with progress and saves retention, in English and 简体中文', async () => {
    const { page, context, errors } = await openApp(browser, `${serve.url}#/settings`);
    await page.getByRole('heading', { name: 'Sync data' }).waitFor();
    expect(await page.locator('#log-retention-days').inputValue()).toBe('30');
    await page.locator('#log-retention-days').fill('14');
    await page.getByRole('region', { name: 'Sync data' }).getByRole('button', { name: 'Save retention' }).click();
    await page.getByRole('region', { name: 'Sync data' }).getByRole('status').waitFor();
    await page.getByTestId('rebuild-links').click();
    await page
      .getByTestId('rebuild-progress')
      .getByText(/^Done: \d+ pair\(s\) linked again, \d+ looked at\.$/)
      .waitFor();
    await page.getByRole('heading', { name: 'Sync data' }).scrollIntoViewIfNeeded();
    await shot(page, 'settings-sync-data');

    await page.locator('#language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '同步数据' }).waitFor();
    expect(await page.locator('#log-retention-days').inputValue()).toBe('14');
    await page.getByTestId('rebuild-links').click();
    await page
      .getByTestId('rebuild-progress')
      .getByText(/^完成：重新关联 \d+ 对，共查看 \d+ 个。$/)
      .waitFor();
    await page.getByRole('heading', { name: '同步数据' }).scrollIntoViewIfNeeded();
    await shot(page, 'settings-sync-data-zh-CN');
    await page.locator('#language').selectOption('en');
    expect(errors).toEqual([]);
    await context.close();
  });
});
