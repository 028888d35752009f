import { describe, expect, it } from 'vitest';
import { chromiumMissing } from '../helpers/browser';
import { serveAndBrowser } from '../helpers/serve-and-browser';
import { openApp, publishScreenshots, saveEditor, shot, tab } from '../helpers/ui-env';

/** The integration editor on its own: everything here works without reaching SDP or Flashduty. */
describe.skipIf(chromiumMissing)('integration editor in Chromium', () => {
  const env = serveAndBrowser();

  it('shows each validation problem next to its field, counts them per section, and clears them as they are fixed', async () => {
    const { page, context, errors } = await openApp(env.browser, `${env.serve.url}#/integrations/new`);
    await page.getByText('Private Deployment Version').click();
    await page.locator('#f-endpoint').fill('ftp://sdp.example.com');
    await tab(page, 'Status');
    await page.locator('#f-snoozeMinutes').fill('5000');
    await tab(page, 'Ticket');
    await page.getByRole('button', { name: 'Add mapping' }).click();
    await page.getByLabel('Source name, row 1').fill('service');
    await page.getByLabel('SDP field, row 1').fill('udf_pick_1');
    await page.getByLabel('SDP field type, row 1').selectOption('pick_list');
    await page.getByTestId('save').click();

    await page.getByTestId('save-error').waitFor();
    // Save jumps to the first section with a problem.
    expect(await page.getByRole('tab', { selected: true }).textContent()).toContain('Connection');
    expect(await page.getByTestId('error-f-endpoint').textContent()).toContain(
      'SDP address: enter http(s)://host:port',
    );
    expect(await page.locator('#f-endpoint').getAttribute('aria-invalid')).toBe('true');
    await tab(page, 'Basics');
    expect(await page.getByTestId('error-f-name').textContent()).toContain('Name: give the integration a name.');
    await tab(page, 'Status');
    expect(await page.getByTestId('error-f-snoozeMinutes').textContent()).toContain('at most 1440');
    await tab(page, 'Ticket');
    expect(await page.getByTestId('error-cf-0').textContent()).toContain('only single-line and multi-line text fields');
    const badge = (name: string) => page.getByRole('tab', { name: new RegExp(name) }).locator('.count-badge');
    expect(await badge('Connection').textContent()).toBe('1');
    expect(await badge('Ticket').textContent()).toBe('1');
    await shot(page, 'editor-validation', true);

    // Problems follow the form once shown: fixing a field removes its message and its badge.
    await page.getByLabel('SDP field type, row 1').selectOption('single_line');
    await page.getByTestId('error-cf-0').waitFor({ state: 'detached' });
    expect(await badge('Ticket').count()).toBe(0);
    await tab(page, 'Connection');
    await page.locator('#f-endpoint').fill('https://sdp.example.com:8080');
    await page.getByTestId('error-f-endpoint').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('pre-fills the API domain and accounts server from the data centre, and keeps them editable', async () => {
    const { page, context } = await openApp(env.browser, `${env.serve.url}#/integrations/new`);
    expect(await page.locator('#f-apiDomain').inputValue()).toBe('sdpondemand.manageengine.com');
    await page.locator('#f-dataCenter').selectOption('EU');
    expect(await page.locator('#f-apiDomain').inputValue()).toBe('sdpondemand.manageengine.eu');
    expect(await page.locator('#f-accountsServer').inputValue()).toBe('https://accounts.zoho.eu');
    await page.locator('#f-apiDomain').fill('helpdesk.example.eu');
    expect(await page.locator('#f-apiDomain').inputValue()).toBe('helpdesk.example.eu');
    await shot(page, 'editor-connection-cloud', true);
    await context.close();
  });

  it('trims a pasted SDP address to what the connection uses, and says what it kept (English and 简体中文)', async () => {
    const { page, context, errors } = await openApp(env.browser, `${env.serve.url}#/integrations/new`);
    await page.locator('#f-apiDomain').fill('https://helpdesk.example.com/app/it-ops/ui/requests/42/details');
    await page.locator('#f-portal').focus();
    expect(await page.locator('#f-apiDomain').inputValue()).toBe('helpdesk.example.com');
    expect(await page.locator('#f-portal').inputValue()).toBe('it-ops');
    expect(await page.getByTestId('kept-apiDomain').textContent()).toBe(
      'Kept helpdesk.example.com and portal it-ops; removed /app/it-ops/ui/requests/42/details.',
    );
    await shot(page, 'editor-address-cloud');

    await page.getByText('Private Deployment Version').click();
    await page.locator('#f-endpoint').fill('https://sdp.example.com:8080/api/v3/requests');
    await page.locator('#f-portalId').focus();
    expect(await page.locator('#f-endpoint').inputValue()).toBe('https://sdp.example.com:8080');
    expect(await page.getByTestId('kept-endpoint').textContent()).toBe(
      'Kept https://sdp.example.com:8080; removed /api/v3/requests.',
    );
    expect(await page.getByTestId('error-f-endpoint').count()).toBe(0);
    await shot(page, 'editor-address-onprem');
    expect(errors).toEqual([]);
    await context.close();

    await env.call('settings.set', { language: 'zh-CN' });
    const zh = await openApp(env.browser, `${env.serve.url}#/integrations/new`);
    await zh.page.getByText('私有部署版本').click();
    await zh.page.locator('#f-endpoint').fill('http://10.0.0.5:8080/WorkOrder.do?woID=12');
    await zh.page.locator('#f-portalId').focus();
    expect(await zh.page.getByTestId('kept-endpoint').textContent()).toBe(
      '已保留 http://10.0.0.5:8080，去掉了 /WorkOrder.do?woID=12。',
    );
    await shot(zh.page, 'editor-address-zh-CN');
    await zh.context.close();
    await env.call('settings.set', { language: 'system' });
  });

  it('offers the request number and link on the incident, on by default in the request ID field (English and 简体中文)', async () => {
    const { page, context, errors } = await openApp(env.browser, `${env.serve.url}#/integrations/new`);
    await tab(page, 'Ticket');
    const enabled = page.locator('#f-requestLinkEnabled');
    expect(await enabled.isChecked()).toBe(true);
    expect(await page.locator('#f-requestLinkField').getAttribute('placeholder')).toBe('sdp_request_id');
    await page.locator('#f-requestLinkField').fill('sdp_link');
    await page.getByText('A text field; empty = the request ID field (Basics).').scrollIntoViewIfNeeded();
    await shot(page, 'editor-request-link');
    await enabled.uncheck();
    await page.locator('#f-requestLinkField').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();

    await env.call('settings.set', { language: 'zh-CN' });
    try {
      const zh = await openApp(env.browser, `${env.serve.url}#/integrations/new`);
      await zh.page.getByRole('tab', { name: /工单|Ticket/ }).click();
      await zh.page.getByText('故障上的请求编号和链接').waitFor();
      await zh.page.locator('#f-requestLinkField').scrollIntoViewIfNeeded();
      await shot(zh.page, 'editor-request-link-zh-CN');
      expect(zh.errors).toEqual([]);
      await zh.context.close();
    } finally {
      await env.call('settings.set', { language: 'system' });
    }
  });

  it('copies SDP text fields to Flashduty custom fields, a row per pair, checked in the form (English and 简体中文)', async () => {
    const { page, context, errors } = await openApp(env.browser, `${env.serve.url}#/integrations/new`);
    await page.getByText('Private Deployment Version').click();
    await page.locator('#f-endpoint').fill('https://sdp.example.com:8080');
    await tab(page, 'Basics');
    await page.locator('#f-name').fill('Ops ↔ SDP (fields)');
    await tab(page, 'Ticket');
    const table = page.getByTestId('udf-fields');
    const cell = (label: string) => page.getByLabel(`SDP text field → Flashduty custom field: ${label}, row 1`);
    await table.locator('xpath=following-sibling::div[1]').getByRole('button', { name: 'Add row' }).click();
    await cell('SDP field').fill('udf_sline_301');
    await cell('Flashduty custom field').fill('sdp_request_id');
    // The default direction (Flashduty → SDP) does not copy them: the form says so.
    await page.getByText('The sync direction is Flashduty → SDP').waitFor();
    await page.getByTestId('save').click();
    await page.getByTestId('save-error').waitFor();
    expect(await page.getByTestId('error-udfFields-0').textContent()).toContain(
      'Flashduty field "sdp_request_id" holds the SDP request ID; pick another field.',
    );
    await table.scrollIntoViewIfNeeded();
    await shot(page, 'editor-udf-fields-problem');
    await cell('Flashduty custom field').fill('location');
    await page.getByTestId('error-udfFields-0').waitFor({ state: 'detached' });
    await tab(page, 'Basics');
    await page.locator('#f-direction').selectOption('two_way');
    await tab(page, 'Ticket');
    await table.scrollIntoViewIfNeeded();
    await shot(page, 'editor-udf-fields');
    const id = await saveEditor(page);
    const stored = (await (await env.call('integrations.get', { id })).json()) as {
      result: { direction: string; fromSdp: unknown };
    };
    expect(stored.result.direction).toBe('two_way');
    expect(stored.result.fromSdp).toMatchObject({
      udfFields: [{ udfKey: 'udf_sline_301', field: 'location' }],
    });
    expect(errors).toEqual([]);
    await context.close();

    await env.call('settings.set', { language: 'zh-CN' });
    try {
      const zh = await openApp(env.browser, `${env.serve.url}#/integrations/${id}`);
      await zh.page.getByRole('tab', { name: /工单|Ticket/ }).click();
      await zh.page.getByText('SDP 文本字段 → Flashduty 自定义字段', { exact: true }).first().waitFor();
      const zhCell = zh.page.getByLabel('SDP 文本字段 → Flashduty 自定义字段: Flashduty 自定义字段，第 1 行');
      expect(await zhCell.inputValue()).toBe('location');
      await zh.page.getByTestId('udf-fields').scrollIntoViewIfNeeded();
      await shot(zh.page, 'editor-udf-fields-zh-CN');
      expect(zh.errors).toEqual([]);
      await zh.context.close();
    } finally {
      await env.call('settings.set', { language: 'system' });
      // Later tests expect an empty list of integrations.
      expect((await env.call('integrations.delete', { id })).ok).toBe(true);
    }
  });

  it('seeds both status tables with the defaults, and "Reset to defaults" restores them after edits', async () => {
    const { page, context } = await openApp(env.browser, `${env.serve.url}#/integrations/new`);
    await tab(page, 'Status');
    const table = page.getByTestId('sdp-to-fd');
    expect(await table.locator('tbody tr').count()).toBe(10);
    expect(await page.getByLabel('SDP status → Flashduty: SDP status, row 6', { exact: true }).inputValue()).toBe(
      'On Hold',
    );
    expect(await page.getByLabel('SDP status → Flashduty: Flashduty state, row 6', { exact: true }).inputValue()).toBe(
      'Snoozed',
    );
    expect(await page.locator('#f-snoozeMinutes').inputValue()).toBe('120');
    expect(await page.locator('#f-flashdutyToSdp-Closed').inputValue()).toBe('Resolved');
    await table.getByRole('button', { name: 'SDP status → Flashduty: Remove row 1', exact: true }).click();
    await page.locator('#f-flashdutyToSdp-Closed').fill('Closed');
    expect(await table.locator('tbody tr').count()).toBe(9);
    await page.getByTestId('reset-sdp-to-fd').click();
    await page.getByTestId('reset-fd-to-sdp').click();
    expect(await table.locator('tbody tr').count()).toBe(10);
    expect(await page.getByLabel('SDP status → Flashduty: SDP status, row 1', { exact: true }).inputValue()).toBe(
      'Open',
    );
    expect(await page.locator('#f-flashdutyToSdp-Closed').inputValue()).toBe('Resolved');
    await shot(page, 'editor-status', true);
    await context.close();
  });

  it('asks before navigation discards unsaved changes', async () => {
    const { page, context } = await openApp(env.browser, `${env.serve.url}#/integrations/new`);
    await tab(page, 'Basics');
    await page.locator('#f-name').fill('Half-typed');
    await page.getByTestId('unsaved').waitFor();
    await page.getByRole('button', { name: 'Sync log', exact: true }).click();
    const dialog = page.getByTestId('leave-dialog');
    await dialog.getByRole('heading', { name: 'Discard unsaved changes?' }).waitFor();
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    expect(await page.locator('#f-name').inputValue()).toBe('Half-typed');
    expect(page.url()).toContain('#/integrations/new');

    // A changed address (back/forward, typed) asks too, and staying puts the address back.
    await page.evaluate(() => {
      window.location.hash = '#/incidents';
    });
    await dialog.getByRole('heading', { name: 'Discard unsaved changes?' }).waitFor();
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    expect(page.url()).toContain('#/integrations/new');
    expect(await page.locator('#f-name').inputValue()).toBe('Half-typed');

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await dialog.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(page.url()).toContain('#/settings');
    await context.close();
  });

  it('switches to Simplified Chinese in Settings, everywhere, and back', async () => {
    const { page, context } = await openApp(env.browser, `${env.serve.url}#/settings`);
    await page.locator('#language').selectOption('zh-CN');
    await page.getByRole('button', { name: '集成', exact: true }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('设置');
    await shot(page, 'settings-zh-CN');
    await page.getByRole('button', { name: '集成', exact: true }).click();
    await page.getByText('还没有集成').waitFor();
    // The choice is stored: a fresh page opens in Chinese.
    await page.reload();
    await page.getByRole('button', { name: '同步日志', exact: true }).waitFor();
    await page.getByRole('button', { name: '设置', exact: true }).click();
    await page.locator('#language').selectOption('en');
    await page.getByRole('button', { name: 'Integrations', exact: true }).waitFor();
    await context.close();
  });

  it('"System" follows the env.browser language', async () => {
    await env.call('settings.set', { language: 'system' });
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(env.serve.url);
    await page.getByRole('button', { name: '故障', exact: true }).waitFor();
    await context.close();
  });

  it('is usable from the keyboard: tabs move with arrow keys and the form saves with Enter', async () => {
    const { page, context } = await openApp(env.browser, `${env.serve.url}#/integrations/new`);
    await page.getByRole('tab', { name: /Connection/ }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Basics');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toContain('Basics');
    await page.keyboard.press('End');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toContain('Dry run');
    await page.keyboard.press('Home');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toContain('Connection');
    await page.locator('#f-portal').focus();
    await page.keyboard.type('itdesk');
    await page.keyboard.press('Enter');
    await page.getByTestId('save-error').waitFor();
    expect(await page.getByTestId('error-f-clientId').textContent()).toContain('Client ID');
    await context.close();
  });

  it('keeps the sync log virtualised with 12,000 entries: few rows in the DOM, keyboard to the end, filters apply', async () => {
    const base = Date.now() - 12_000 * 1000;
    const entries = Array.from({ length: 12_000 }, (_, i) => ({
      id: String(i + 1),
      at: base + i * 1000,
      level: i % 97 === 0 ? 'error' : 'info',
      integrationId: 'bulk',
      direction: i % 2 === 0 ? 'to_sdp' : 'from_sdp',
      incidentId: null,
      requestId: String(100_000 + i),
      action: i % 97 === 0 ? 'create_request' : 'update_request',
      message: { code: 'quoted', params: { text: `Entry number ${i + 1}` } },
      changes: [],
      apiRequestIds: [],
      error: null,
    }));
    const { page, context, errors } = await openApp(env.browser, `${env.serve.url}#/log`);
    // The server has no history to give; the page gets a large one through its own log.query call.
    await page.route('**/api/log.query', async (route) => {
      const wanted = JSON.parse(route.request().postData() ?? '{}') as { levels?: string[] };
      const page = wanted.levels ? entries.filter((e) => wanted.levels!.includes(e.level)) : entries;
      await route.fulfill({ json: { result: { entries: [...page].reverse(), hasMore: false } } });
    });
    await page.reload();
    await page.getByTestId('log-count').filter({ hasText: '12000 of 12000 entries' }).waitFor();
    const rendered = await page.getByTestId('log-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(80);
    expect(await page.getByTestId('log-row').first().textContent()).toContain('Entry number 12000');

    await page.getByTestId('log-row').first().click();
    await page.getByTestId('log-list').press('End');
    await page
      .getByTestId('log-detail')
      .locator('.detail-message')
      .filter({ hasText: /^“Entry number 1”$/ })
      .waitFor();
    await page.locator('#log-1').waitFor();
    expect(await page.getByTestId('log-row').count()).toBeLessThan(80);

    await page.getByRole('checkbox', { name: 'Error' }).check();
    await page.getByTestId('log-count').filter({ hasText: '124 of 12000 entries' }).waitFor();
    await shot(page, 'sync-log-bulk');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stays readable on a small laptop window and in the dark theme', async () => {
    const small = await openApp(env.browser, `${env.serve.url}#/integrations/new`, { width: 900, height: 600 });
    const overflow = await small.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(small.page, 'editor-small-window');
    await small.context.close();
    const dark = await openApp(env.browser, `${env.serve.url}#/integrations/new`, { colorScheme: 'dark' });
    const bg = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(21, 24, 30)');
    await shot(dark.page, 'editor-dark');
    await dark.context.close();
    publishScreenshots([
      'editor-validation',
      'editor-connection-cloud',
      'editor-status',
      'sync-log-bulk',
      'editor-small-window',
      'editor-dark',
      'settings-zh-CN',
    ]);
  });
});
