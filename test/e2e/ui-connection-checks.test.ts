import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultIntegrationConfig } from '../../shared/common/config';
import { chromiumMissing } from '../helpers/browser';
import { keychainMissing, openApp, shot, startUiEnv, type UiEnv } from '../helpers/ui-env';

const skip = chromiumMissing || keychainMissing;

/** The visible text of each check: name, result and fix, by check ID. */
async function checks(page: Page): Promise<Record<string, { label: string; message: string; fix: string | null }>> {
  const box = page.getByTestId('test-connection');
  await box.locator('.check-item.failed').first().waitFor({ timeout: 60_000 });
  const rows = await box.locator('[data-testid^="check-"]').evaluateAll((els) =>
    els.map((e) => [
      e.getAttribute('data-testid')!.slice(6),
      {
        label: e.querySelector('.check-label')?.textContent ?? '',
        message: e.querySelector('.check-message')?.textContent ?? '',
        fix: e.querySelector('.check-fix')?.textContent ?? null,
      },
    ]),
  );
  return Object.fromEntries(rows);
}

/**
 * Test connection with failures, and errors the service sends, as an admin reads them: every check's
 * name, result and fix come as codes and are worded by the page in English and in 简体中文.
 */
describe.skipIf(skip)(
  `Test connection and errors in two languages${skip ? ` (skipped: ${skip})` : ''}`,
  { timeout: 120_000 },
  () => {
    let env: UiEnv;
    let id = '';

    const language = (value: 'en' | 'zh-CN' | 'system') => env.api('settings.set', { language: value });

    beforeAll(async () => {
      env = await startUiEnv();
      const {
        id: _id,
        createdAt: _c,
        updatedAt: _u,
        ...config
      } = defaultIntegrationConfig({
        id: 'placeholder',
        name: 'Checks desk',
        sdp: { platform: 'onprem', endpoint: env.onprem.origin },
        overrides: { flashduty: { apiBase: env.fd.baseUrl } },
        now: Date.now(),
      });
      id = (
        await env.api<{ id: string }>('integrations.save', { config: { ...config, direction: 'two_way', draft: true } })
      ).id;
      // A key SDP rejects, and a Flashduty key whose user may read but not manage incidents.
      await env.api('secrets.set', {
        integrationId: id,
        name: 'sdp.apiKey',
        value: 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE',
      });
      await env.api('secrets.set', { integrationId: id, name: 'flashduty.appKey', value: env.fd.readOnlyAppKey });
    }, 90_000);
    afterAll(async () => {
      await language('system').catch(() => undefined);
      await env?.close();
    });

    async function runTest(lang: 'en' | 'zh-CN', button: string) {
      await language(lang);
      const app = await openApp(env.browser, `${env.serve.url}#/integrations/${id}`);
      await app.page.getByTestId('test-connection').waitFor();
      await app.page.getByTestId('test-connection').getByRole('button', { name: button }).click();
      return { app, found: await checks(app.page) };
    }

    it('in English: the rejected key with its fix, the rest not run, the missing Flashduty permission named', async () => {
      const { app, found } = await runTest('en', 'Test connection');
      expect(found['sdp.connect']).toMatchObject({ label: 'Reach ServiceDesk Plus and sign in' });
      expect(found['sdp.connect']!.message).toMatch(/^ServiceDesk Plus rejected the API key/);
      expect(found['sdp.connect']!.fix).toMatch(/^Fix: Generate a new API key in ServiceDesk Plus/);
      expect(found['sdp.templates']!.message).toBe('Not run: “Reach ServiceDesk Plus and sign in” failed first.');
      expect(found['flashduty.connect']!.message).toMatch(/^The app key belongs to Bob <bob@example.com>/);
      expect(found['flashduty.incidents.manage']!.message).toMatch(/lacks the “Incidents Manage” permission/);
      expect(found['flashduty.incidents.manage']!.fix).toContain('“Manage incidents”');
      expect(found['flashduty.channels.read']!.message).toMatch(/^\d+ found\.$/);
      await shot(app.page, 'editor-test-connection-failed-en', true);
      expect(app.errors).toEqual([]);
      await app.context.close();
    });

    it('in 简体中文: the same checks worded in Chinese, product names and quoted data kept', async () => {
      const { app, found } = await runTest('zh-CN', '测试连接');
      expect(found['sdp.connect']).toMatchObject({ label: '访问 ServiceDesk Plus 并登录' });
      expect(found['sdp.connect']!.message).toMatch(/^ServiceDesk Plus 拒绝了 API 密钥/);
      expect(found['sdp.connect']!.fix).toMatch(/^解决办法：在 ServiceDesk Plus 中生成新的 API 密钥/);
      expect(found['sdp.users']!.message).toBe('未运行：“访问 ServiceDesk Plus 并登录”先失败了。');
      expect(found['flashduty.incidents.manage']!.message).toContain('缺少“Incidents Manage”权限');
      expect(found['flashduty.incidents.manage']!.fix).toContain('“管理故障”');
      expect(found['flashduty.channels.read']!.message).toMatch(/^找到 \d+ 个。$/);
      await shot(app.page, 'editor-test-connection-failed-zh-CN', true);
      expect(app.errors).toEqual([]);
      await app.context.close();
    });

    it('an import refused for its file says what is wrong in 简体中文, and in English', async () => {
      for (const [lang, expected] of [
        ['zh-CN', '有些值无效：第 1 行第 2 列不是有效的 JSON'],
        ['en', 'Some values are not valid: Not valid JSON at line 1, column 2'],
      ] as const) {
        await language(lang);
        const app = await openApp(env.browser, `${env.serve.url}#/settings`);
        await app.page.locator('#import-json').fill('{nope');
        await app.page.getByTestId('import').click();
        const note = app.page.getByTestId('import-note');
        await note.waitFor();
        expect(await note.textContent()).toContain(expected);
        await shot(app.page, `settings-import-error-${lang}`, true);
        await app.context.close();
      }
    });

    it('an error a call returns is worded by its code: turning on a draft whose SDP key is rejected', async () => {
      await language('zh-CN');
      const app = await openApp(env.browser, `${env.serve.url}#/integrations/${id}`);
      await app.page.getByTestId('turn-on').click();
      const alert = app.page.getByTestId('go-live').getByRole('alert');
      await alert.waitFor({ timeout: 60_000 });
      expect(await alert.textContent()).toMatch(/[\u4e00-\u9fff]/);
      await shot(app.page, 'editor-go-live-error-zh-CN');
      await app.context.close();
    });
  },
);
