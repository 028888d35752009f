import { readFileSync } from 'node:fs';
import type { Page } from 'playwright';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../simulators/flashduty/index';
import { chromiumMissing } from '../helpers/browser';
import {
  keychainMissing,
  openApp,
  publishScreenshots,
  saveEditor,
  shot,
  startUiEnv,
  storeSecret,
  tab,
  testConnection,
  turnOn,
  type AppPage,
  type UiEnv,
} from '../helpers/ui-env';
import { until } from '../helpers/until';

const skip = chromiumMissing || keychainMissing;
const channelId = String(CHANNELS[0]!.channel_id);
/** Each check is a round trip to the browser: poll it less often than in-process state. */
const browserPoll = { everyMs: 200 };

/**
 * The whole app in real Chromium against the headless server and both simulators: the flows an
 * admin goes through, in order, on one server (later steps use the integrations earlier ones made).
 */
describe.skipIf(skip)(`DeskBridge UI end to end${skip ? ` (skipped: ${skip})` : ''}`, { timeout: 60_000 }, () => {
  let env: UiEnv;
  let app: AppPage;
  let page: Page;
  let onpremId = '';
  let cloudId = '';

  beforeAll(async () => {
    env = await startUiEnv();
    app = await openApp(env.browser, env.serve.url);
    page = app.page;
  }, 90_000);
  // A failed step leaves a picture of the page behind, next to the other screenshots.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page)
      await shot(page, `failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`, true);
  });
  afterAll(async () => {
    await app?.context.close();
    await env?.close();
  });

  it('creates a Cloud Version integration end to end: connect with a grant code, store the app key, test the connection', async () => {
    const { cloud, fd } = env;
    const creds = cloud.credentials as {
      clientId: string;
      clientSecret: string;
      grantCode: string;
      accountsServer: string;
    };
    await page.getByTestId('add-integration').click();
    await page.getByText('Cloud Version', { exact: true }).click();
    await page.locator('#f-apiDomain').fill(new URL(cloud.origin).host);
    await page.locator('#f-accountsServer').fill(creds.accountsServer);
    await page.locator('#f-portal').fill(cloud.portal);
    await page.locator('#f-clientId').fill(creds.clientId);
    await page.locator('#f-flashdutyApiBase').fill(fd.baseUrl);
    await tab(page, 'Basics');
    await page.locator('#f-name').fill('Cloud desk');
    await tab(page, 'Connection');

    // Connect saves the new integration first, then trades the grant code for a refresh token.
    await page.locator('#connect-client-secret').fill(creds.clientSecret);
    await page.locator('#connect-grant-code').fill(creds.grantCode);
    await page.getByTestId('connect-cloud').click();
    await page.getByText('Connected to ServiceDesk Plus.').waitFor({ timeout: 20_000 });
    cloudId = /#\/integrations\/([A-Za-z0-9_-]+)$/.exec(page.url())![1]!;
    await page.getByTestId('secret-state-sdp.refreshToken').filter({ hasText: 'Stored' }).waitFor();
    await shot(page, 'editor-cloud-connected');
    expect(await page.locator('#connect-client-secret').inputValue()).toBe('');
    expect(await page.locator('#connect-grant-code').inputValue()).toBe('');
    expect(cloud.calls().some((c) => c.kind === 'oauth' && c.grantType === 'authorization_code')).toBe(true);

    await storeSecret(page, 'flashduty.appKey', fd.appKey);
    expect(await page.locator('#secret-flashduty-appKey').inputValue()).toBe('');
    const checks = await testConnection(page);
    expect(Object.values(checks).length).toBeGreaterThan(1);
    expect(checks, JSON.stringify(checks)).toEqual(Object.fromEntries(Object.keys(checks).map((k) => [k, true])));
    await shot(page, 'editor-connection-checks', true);
    await turnOn(page);

    // Live metadata fills the dropdowns: SDP templates and only text UDFs for custom fields.
    await tab(page, 'Ticket');
    await until(
      () => page.locator('select#f-requestTemplate option').count(),
      (n) => n > 1,
      'SDP templates in the template dropdown',
      browserPoll,
    );
    await page.getByRole('button', { name: 'Add mapping' }).click();
    const offered = await page.getByLabel('SDP field, row 1').locator('option').allTextContents();
    expect(offered.length).toBeGreaterThan(1);
    for (const o of offered.slice(1)) expect(o).toMatch(/single-line text|multi-line text/);
    await page.getByRole('button', { name: 'Remove row 1', exact: true }).click();
    await shot(page, 'editor-ticket', true);
    const list = await env.api<{ name: string; platform: string }[]>('integrations.list');
    expect(list).toContainEqual(expect.objectContaining({ name: 'Cloud desk', platform: 'cloud' }));
  });

  it('creates a Private Deployment Version integration end to end with its API key', async () => {
    const { onprem, fd } = env;
    await page.getByRole('button', { name: 'Integrations', exact: true }).click();
    await page.getByTestId('add-integration').click();
    await page.getByText('Private Deployment Version', { exact: true }).click();
    await page.locator('#f-endpoint').fill(onprem.origin);
    await page.locator('#f-flashdutyApiBase').fill(fd.baseUrl);
    await tab(page, 'Basics');
    await page.locator('#f-name').fill('On-prem desk');
    await page.locator('#f-direction').selectOption('two_way');
    // Manual: incidents reach SDP only when pushed, so the push below is what creates them.
    await page.getByText('Manual', { exact: true }).click();
    await tab(page, 'Inbound');
    await page.locator('#f-webhooks').check();
    await page.locator('#f-sdpPollSeconds').fill('5');
    await page.locator('#f-flashdutyPollSeconds').fill('5');
    onpremId = await saveEditor(page);

    await tab(page, 'Connection');
    await storeSecret(page, 'sdp.apiKey', (onprem.credentials as { apiKey: string }).apiKey);
    await storeSecret(page, 'flashduty.appKey', fd.appKey);
    const checks = await testConnection(page);
    expect(checks, JSON.stringify(checks)).toEqual(Object.fromEntries(Object.keys(checks).map((k) => [k, true])));
    await turnOn(page);
    const stored = await env.api<{
      direction: string;
      trigger: { mode: string };
      ingress: { webhooks: boolean; sdpPollSeconds: number };
    }>('integrations.get', { id: onpremId });
    expect(stored).toMatchObject({
      draft: false,
      direction: 'two_way',
      trigger: { mode: 'manual' },
      ingress: { webhooks: true, sdpPollSeconds: 5 },
    });
  });

  it('copies the exact webhook body SDP accepts: registered in the simulator, a request change arrives in the log', async () => {
    const { onprem } = env;
    await tab(page, 'Inbound');
    const helper = page.getByTestId('webhook-helper');
    await helper.waitFor();
    // The on-prem steps, and no "cannot reach" warning: this SDP runs on this machine.
    expect(
      await helper
        .getByTestId('sdp-steps')
        .locator('li')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-step'))),
    ).toStrictEqual(['sdp_onprem_webhook', 'sdp_onprem_trigger', 'sdp_onprem_no_webhook']);
    expect(await helper.getByTestId('sdp-steps').textContent()).toContain('Admin → Automation → Custom Triggers');
    expect(await helper.getByTestId('webhook-unreachable').count()).toBe(0);
    await shot(page, 'editor-inbound', true);
    const copy = async (what: string): Promise<string> => {
      await helper.getByTestId(`copy-${what}`).click();
      await helper.getByTestId(`copy-${what}`).filter({ hasText: 'Copied' }).waitFor();
      return page.evaluate(() => navigator.clipboard.readText());
    };
    const url = await copy('sdp-url');
    const header = await copy('sdp-header');
    const body = await copy('sdp-body');
    expect(body).toBe(await helper.getByTestId('sdp-body').textContent());
    expect(body).toContain('${{request.');
    const [name, ...rest] = header.split(': ');
    const hook = onprem.registerWebhook({ name: 'DeskBridge', url, headers: { [name!]: rest.join(': ') }, body });
    onprem.registerTrigger({ name: 'DeskBridge on create and edit', webhookId: hook.id, on: ['create', 'edit'] });

    const request = onprem.createRequest({ subject: 'Printer on fire (webhook check)' });
    await onprem.flushWebhooks();
    const delivery = onprem.webhookDeliveries().find((d) => d.requestId === String(request.id));
    expect(delivery?.status, delivery?.error).toBeGreaterThanOrEqual(200);
    expect(delivery?.status, delivery?.error).toBeLessThan(300);
    await until(
      () =>
        env.api<{ entries: { requestId: string | null }[] }>('log.query', {
          integrationId: onpremId,
          requestId: String(request.id),
        }),
      (p) => p.entries.length > 0,
      'a log entry for the webhook-delivered request',
      browserPoll,
    );
  });

  it('dry-runs an incident: shows the payload and the problems against live metadata, writing nothing', async () => {
    const { fd, onprem } = env;
    // The editor only offers SDP's own priorities; a config written elsewhere can still name one SDP lacks.
    const stored = await env.api<Record<string, unknown> & { severityMapping: Record<string, unknown> }>(
      'integrations.get',
      { id: onpremId },
    );
    await env.api('integrations.save', {
      config: { ...stored, severityMapping: { ...stored.severityMapping, toPriority: { Critical: 'Apocalyptic' } } },
    });
    await page.reload();
    await page.getByTestId('save').waitFor();
    const incident = fd.createIncident({ title: 'Dry run: disk full on db-1', severity: 'Critical', channelId });
    const before = onprem.listRequests().length;

    await tab(page, 'Dry run');
    const panel = page.getByTestId('dry-run');
    await panel.locator('#dry-id').fill(incident.incident_id);
    await panel.getByTestId('dry-run-go').click();
    const result = panel.getByTestId('dry-run-result');
    await result.waitFor({ timeout: 20_000 });
    // The trigger is manual: the automatic sync leaves the incident alone, a push would create it.
    expect(await panel.getByTestId('dry-run-mode').textContent()).toContain('As the automatic sync');
    expect(await result.locator('.operations').textContent()).toContain('manual');
    await panel.getByTestId('dry-run-push').click();
    await panel.getByTestId('dry-run-mode').filter({ hasText: 'As a manual push' }).waitFor({ timeout: 20_000 });
    expect(await panel.getByTestId('dry-run-problems').textContent()).toContain('Apocalyptic');

    // With a priority SDP knows, the same incident shows exactly what would be sent.
    await tab(page, 'Ticket');
    await page.getByLabel('Flashduty value → SDP priority: SDP priority, row 1', { exact: true }).selectOption('High');
    await saveEditor(page);
    await tab(page, 'Dry run');
    await panel.getByTestId('dry-run-push').click();
    await until(
      () => result.locator('.operations').textContent(),
      (text) => (text ?? '').includes('Dry run: disk full on db-1'),
      'the request payload in the dry run',
      browserPoll,
    );
    expect(await result.locator('.payload').first().textContent()).toContain('High');
    await shot(page, 'editor-dry-run', true);
    expect(onprem.listRequests().length).toBe(before);
  });

  it('pushes 3 incidents to SDP from the Incidents page, with each outcome inline, and the requests appear in SDP', async () => {
    const { fd, onprem } = env;
    const titles = ['Push A: API 500s', 'Push B: queue backlog', 'Push C: cert expiring'];
    const ids = titles.map((title) => fd.createIncident({ title, severity: 'Warning', channelId }).incident_id);
    await page.getByRole('button', { name: 'Incidents', exact: true }).click();
    await page.getByTestId('incident-integration').selectOption(onpremId);
    await page.getByRole('button', { name: 'Refresh' }).click();
    for (const id of ids) await page.getByTestId(`incident-${id}`).waitFor({ timeout: 20_000 });
    for (const id of ids) await page.getByTestId(`incident-${id}`).getByRole('checkbox').check();
    await page.getByTestId('push').click();
    for (const id of ids)
      await page.getByTestId(`outcome-${id}`).filter({ hasText: 'Created' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('push-progress').filter({ hasText: '3 of 3' }).waitFor();
    await shot(page, 'incidents');
    const subjects = onprem.listRequests().map((r) => r.subject);
    for (const title of titles)
      expect(subjects.filter((s) => typeof s === 'string' && s.includes(title))).toHaveLength(1);
  });

  it('shows a request change made in SDP live in the sync log, with its detail and trail', async () => {
    const { onprem } = env;
    const request = onprem.listRequests().find((r) => String(r.subject).includes('Push A'))!;
    const requestId = String(request.id);
    await page.getByRole('button', { name: 'Sync log', exact: true }).click();
    // The filter's one query; once it has landed, new rows can only come from the live stream.
    const queried = page.waitForResponse(
      (r) => r.url().endsWith('/api/log.query') && (r.request().postData() ?? '').includes(requestId),
    );
    await page.getByLabel('Incident / request').fill(requestId);
    await queried;
    await page.getByTestId('log-row').first().waitFor({ timeout: 20_000 });
    const rowsBefore = await page.getByTestId('log-row').count();
    onprem.updateRequest(requestId, { status: 'In Progress' });
    await until(
      () => page.getByTestId('log-row').count(),
      (n) => n > rowsBefore,
      'a live log row for the SDP change',
      browserPoll,
    ).catch(async (e: Error) => {
      const stored = await env.api('log.query', { requestId, limit: 20 });
      throw new Error(
        `${e.message}\nstored entries for request ${requestId}: ${JSON.stringify(stored).slice(0, 1500)}`,
      );
    });
    const fromSdp = page.getByTestId('log-row').filter({ hasText: 'SDP → FD' }).first();
    await fromSdp.click();
    const detail = page.getByTestId('log-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain(requestId);
    await detail.getByTestId('show-trail').click();
    await detail.getByTestId('trail').locator('li').first().waitFor();
    await shot(page, 'sync-log');
  });

  it('retries a permanently failed operation from the sync log', async () => {
    const { fd, cloud } = env;
    // SDP refuses request creation (403, not retryable) until the fault is cleared; the cloud integration syncs
    // automatically.
    cloud.injectFault({ kind: 'forbidden', method: 'POST', pathIncludes: '/requests', times: 10 });
    const incident = fd.createIncident({ title: 'Retry me: DNS flapping', severity: 'Info', channelId });
    const { results } = await env.api<{ results: { outcome: string }[] }>('incidents.push', {
      integrationId: cloudId,
      incidentIds: [incident.incident_id],
    });
    expect(results[0]?.outcome).toBe('failed');
    const retried = () => cloud.listRequests().filter((r) => String(r.subject).includes('Retry me')).length;
    expect(retried()).toBe(0);

    await page.getByLabel('Incident / request').fill('');
    await page.getByTestId('toggle-failed').click();
    const failed = page.getByTestId('failed-ops');
    await failed.getByRole('combobox').selectOption(cloudId);
    await failed.locator('[data-testid^="failed-"]').first().waitFor({ timeout: 20_000 });
    expect(await failed.textContent()).toContain(incident.incident_id);
    // The create was sent once and refused: one attempt, not zero.
    expect(await failed.locator('[data-testid^="failed-"] td.num').first().textContent()).toBe('1');
    await shot(page, 'sync-log-failed');
    cloud.clearFaults();
    // Retry from the failed entry's detail in the log (the panel's "Retry all" does the same for every item).
    await page.getByTestId('log-row').filter({ hasText: 'Retry me' }).filter({ hasText: 'Error' }).first().click();
    await page.getByTestId('log-detail').getByTestId('retry-entry').click();
    await page.getByTestId('log-detail').getByText('1 operation(s) queued again.').waitFor();
    await until(retried, (n) => n === 1, 'the retried request in SDP', browserPoll);
    await failed.getByRole('button', { name: 'Refresh' }).click();
    await failed.getByText('No failed operations.').waitFor();
    expect(retried()).toBe(1);
    expect(app.errors).toEqual([]);
  });

  it('the sync log, an entry’s detail and the failed operations read in 简体中文, API text quoted as data', async () => {
    const { fd, cloud } = env;
    cloud.injectFault({ kind: 'forbidden', method: 'POST', pathIncludes: '/requests', times: 10 });
    const incident = fd.createIncident({ title: 'Parked again: printer on fire', severity: 'Info', channelId });
    const { results } = await env.api<{ results: { outcome: string }[] }>('incidents.push', {
      integrationId: cloudId,
      incidentIds: [incident.incident_id],
    });
    expect(results[0]?.outcome).toBe('failed');
    await env.api('settings.set', { language: 'zh-CN' });
    await page.reload();
    await page.getByRole('button', { name: '同步日志', exact: true }).click();
    // The lines stored in English-free codes are worded in Chinese; the subject and IDs stay as they are.
    const row = page.getByTestId('log-row').filter({ hasText: 'Parked again' }).filter({ hasText: '错误' }).first();
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain(
      `为故障 ${incident.incident_id} 创建 SDP 请求“Parked again: printer on fire”`,
    );
    expect(await page.getByTestId('log-list').textContent()).not.toMatch(/Create SDP request|Skipped:|Linked with/);
    await row.click();
    const detail = page.getByTestId('log-detail');
    await detail.waitFor();
    expect(await detail.locator('h2').textContent()).toBe('创建请求');
    expect(await detail.getByTestId('entry-error').textContent()).toMatch(/“.+”/);
    await shot(page, 'sync-log-zh-CN');
    await page.getByTestId('toggle-failed').click();
    const failed = page.getByTestId('failed-ops');
    await failed.getByRole('combobox').selectOption(cloudId);
    await failed.locator('[data-testid^="failed-"]').filter({ hasText: incident.incident_id }).first().waitFor();
    expect(await failed.textContent()).toContain('创建请求');
    await shot(page, 'sync-log-failed-zh-CN');
    // The integration's status names the parked failure in the same words.
    await page.getByRole('button', { name: '集成', exact: true }).click();
    const cloudRow = page.getByTestId(`integration-${cloudId}`);
    await cloudRow.waitFor();
    expect(await cloudRow.getByTestId('state').textContent()).toMatch(/失败|挂起/);
    await shot(page, 'integrations-failing-zh-CN');
    await page.getByRole('button', { name: '同步日志', exact: true }).click();
    await page.getByTestId('toggle-failed').click();
    await failed.getByRole('combobox').selectOption(cloudId);
    cloud.clearFaults();
    await failed.getByTestId('retry-all').click();
    // The panel's own answer, beside its buttons.
    await failed
      .getByRole('status')
      .filter({ hasText: /^已重新排队 \d+ 个操作。$/ })
      .waitFor();
    await shot(page, 'sync-log-failed-retried-zh-CN');
    await env.api('settings.set', { language: 'system' });
    await page.reload();
    expect(app.errors).toEqual([]);
  });

  it('exports the configuration without secrets and imports it back from Settings', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const download = page.waitForEvent('download');
    await page.getByTestId('export').click();
    await page.getByText('2 integration(s) exported.').waitFor();
    const file = await download;
    expect(file.suggestedFilename()).toBe('deskbridge-integrations.json');
    const json = readFileSync((await file.path())!, 'utf8');
    expect(json).toContain('On-prem desk');
    expect(json).toContain('Cloud desk');
    for (const secret of [
      (env.onprem.credentials as { apiKey: string }).apiKey,
      env.fd.appKey,
      (env.cloud.credentials as { clientSecret: string }).clientSecret,
    ]) {
      expect(json).not.toContain(secret);
    }

    await page.locator('#import-json').fill(json);
    await page.getByTestId('import').click();
    // Both exist already: the import shows that nothing changes and asks before replacing them.
    const review = page.getByTestId('import-review');
    await review.waitFor();
    expect(await review.getByText('No field changes.').count()).toBe(2);
    await review.getByTestId('import-confirm').click();
    await page.getByText(/Imported 2: /).waitFor();
    await shot(page, 'settings-export-import');
    expect((await env.api<unknown[]>('integrations.list')).length).toBeGreaterThanOrEqual(2);
  });

  it('a list SDP will not give is named beside the dropdowns with its endpoint and fix; the others still load (English and 简体中文)', async () => {
    env.onprem.injectFault({ kind: 'forbidden', method: 'GET', pathIncludes: '/technicians', times: 1000 });
    await page.goto(`${env.serve.url}#/integrations/${onpremId}`);
    await page.reload();
    await tab(page, 'Ticket');
    const problems = page.getByTestId('meta-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toBe(
      'One list is missing (GET /technicians): The technician behind the API key may not read it. Fix: Give the technician who owns the API key a role that may read this list (Admin → Roles). Until then there are no technician suggestions and assignees are not checked before writing (SDP still refuses a bad one); everything else syncs.',
    );
    await until(
      () => page.locator('select#f-requestTemplate option').count(),
      (n) => n > 1,
      'templates still in their dropdown',
    );
    await shot(page, 'editor-meta-problem', true);

    await env.api('settings.set', { language: 'zh-CN' });
    await page.reload();
    await page.getByRole('tab', { name: /工单/ }).click();
    await page.getByTestId('meta-problems').waitFor();
    expect(await page.getByTestId('meta-problems').textContent()).toBe(
      '有一个列表缺失（GET /technicians）： API 密钥所属的技术员无权读取该列表。 解决办法: 为 API 密钥所属的技术员分配可读取该列表的角色（管理 → 角色）。 在此之前没有技术员建议，写入前不校验处理人（SDP 仍会拒绝错误的值）；其他内容照常同步。',
    );
    await shot(page, 'editor-meta-problem-zh-CN', true);
    await env.api('settings.set', { language: 'system' });
    env.onprem.clearFaults();
    await page.reload();
    expect(app.errors).toEqual([]);
  });

  it('the cloud setup helper shows the cloud steps and warns that SDP Cloud cannot reach a loopback URL (English and 简体中文)', async () => {
    await page.goto(`${env.serve.url}#/integrations/${cloudId}`);
    await page.getByRole('heading', { name: 'Cloud desk' }).waitFor();
    await tab(page, 'Inbound');
    await page.locator('#f-webhooks').check();
    await saveEditor(page);
    const helper = page.getByTestId('webhook-helper');
    const warning = helper.getByTestId('webhook-unreachable');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(
      /^ServiceDesk Plus at 127\.0\.0\.1:\d+ cannot reach this address: it only answers on this computer\. Choose ngrok or relay above/,
    );
    expect(await helper.getByTestId('sdp-steps').textContent()).toContain(
      'Setup → Automation → Custom Actions → Webhooks',
    );
    expect(await helper.getByTestId('fd-steps').textContent()).toContain('Subscribe to exactly these 14 event types');
    await shot(page, 'editor-inbound-cloud', true);

    await env.api('settings.set', { language: 'zh-CN' });
    await page.reload();
    await page.getByRole('tab', { name: /入站/ }).click();
    await page.getByTestId('webhook-unreachable').waitFor();
    expect(await page.getByTestId('webhook-unreachable').textContent()).toContain('无法访问此地址');
    expect(await page.getByTestId('sdp-steps').textContent()).toContain('设置 → 自动化 → 自定义操作 → Webhooks');
    await shot(page, 'editor-inbound-cloud-zh-CN', true);
    await env.api('settings.set', { language: 'system' });
    await page.reload();
    expect(app.errors).toEqual([]);
    // Two languages, two reloads and two full-page screenshots: more than the default 30 s on a busy machine.
  }, 60_000);

  it('lists integrations with their state, in light and dark', async () => {
    await page.getByRole('button', { name: 'Integrations', exact: true }).click();
    const table = page.getByTestId('integrations-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    await shot(page, 'integrations');
    const dark = await openApp(env.browser, `${env.serve.url}#/log`, { colorScheme: 'dark' });
    await dark.page.getByTestId('log-row').first().waitFor();
    await shot(dark.page, 'sync-log-dark');
    await dark.context.close();
    publishScreenshots([
      'settings-export-import',
      'integrations',
      'editor-connection-checks',
      'editor-ticket',
      'editor-inbound',
      'editor-dry-run',
      'incidents',
      'sync-log',
      'sync-log-failed',
      'sync-log-dark',
    ]);
  });
});
