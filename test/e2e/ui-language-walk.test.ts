import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en, zhCN, type StringKey } from '../../renderer/src/i18n';
import { CHANNELS, startFlashdutySimulator, type FlashdutySimulator } from '../../simulators/flashduty/index';
import { FLASHDUTY_GUIDE_STATUSES, startSdpSimulator, type SdpSimulator } from '../../simulators/sdp/index';
import { chromiumMissing, launchChromium } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/headless';
import { latinOffenders, untranslated, visibleTexts, wrappedShortTexts } from '../helpers/language-walk';
import { openApp, publishScreenshots, serveApi, shot, SHOTS, type AppPage } from '../helpers/ui-env';
import { until } from '../helpers/until';

type Language = 'en' | 'zh-CN';

/** The Chinese screens the README shows (`UPDATE_SCREENSHOTS=1` copies them next to it). */
const README_SCREENS = [
  'integrations',
  'editor-inbound',
  'editor-test-connection-failed',
  'editor-go-live',
  'sync-log-detail',
  'incidents',
] as const;

interface Offender {
  screen: string;
  /** The nearest test ID around it, to find it on the screenshot. */
  where: string;
  text: string;
  /** The runs of Latin letters nobody translated (Chinese) or the lost strings (English). */
  runs: string[];
}

interface Walked {
  offenders: Offender[];
  screens: string[];
}

const report = (offenders: readonly Offender[]): string[] => [
  ...new Set(offenders.map((o) => `${o.screen} ${o.where}: ${o.text} ⟶ ${o.runs.join(' | ')}`)),
];

/**
 * Every screen and state an admin reaches — in the demo and in integrations that fail (a parked operation, an
 * unreachable SDP with a wrong Flashduty key, a draft) — in 简体中文 and in English. In Chinese no run of Latin
 * letters may be left untranslated outside product names, IDs, addresses, codes and quoted or marked data; in
 * English no `{param}` or raw string key may show. Screenshots of each screen land in test-results/screenshots.
 */
describe.skipIf(chromiumMissing !== false)(
  'Language walk: every screen in 简体中文 and English',
  { timeout: 300_000 },
  () => {
    let sdp: SdpSimulator;
    let fd: FlashdutySimulator;
    let serve: ServeProcess;
    let browser: Browser;
    const ids = { demo: '', parked: '', dead: '', draft: '', cloud: '' };
    let parkedIncident = '';
    /** Names and titles that come from SDP, Flashduty or the admin (and the priority SDP lacks): data, shown as is. */
    const data = new Set<string>(['Apocalyptic']);

    let api: ReturnType<typeof serveApi>;

    beforeAll(async () => {
      [sdp, fd] = await Promise.all([
        startSdpSimulator({ edition: 'onprem', host: '127.0.0.1', addStatuses: FLASHDUTY_GUIDE_STATUSES }),
        startFlashdutySimulator({ host: '127.0.0.1' }),
      ]);
      const env = {
        ...process.env,
        WALK_SDP_API_KEY: (sdp.credentials as { apiKey: string }).apiKey,
        WALK_FLASHDUTY_APP_KEY: fd.appKey,
        WALK_WRONG_APP_KEY: 'not-the-app-key',
        DESKBRIDGE_WEBHOOK_SECRET_WALK: 'walk-webhook-secret',
      };
      [serve, browser] = await Promise.all([startServe(['--demo'], env), launchChromium()]);
      api = serveApi(serve);
      const demo = await until(
        () => api<{ id: string; name: string }[]>('integrations.list'),
        (list) => list.length === 1,
        'the demo integration',
      );
      ids.demo = demo[0]!.id;
      const base = {
        direction: 'to_sdp',
        trigger: { mode: 'manual' },
        sdp: { platform: 'onprem', endpoint: sdp.origin, apiKey: { env: 'WALK_SDP_API_KEY' } },
        flashduty: { apiBase: fd.baseUrl, appKey: { env: 'WALK_FLASHDUTY_APP_KEY' } },
        severityMapping: {
          source: { kind: 'severity' },
          toPriority: { Critical: 'Urgent', Warning: 'High', Info: 'Apocalyptic' },
        },
      };
      const save = async (config: Record<string, unknown>): Promise<string> =>
        (await api<{ id: string }>('integrations.save', { config: { ...base, ...config } })).id;
      ids.parked = await save({ name: 'Walk parked desk' });
      ids.dead = await save({
        name: 'Walk dead desk',
        sdp: { ...base.sdp, endpoint: 'http://127.0.0.1:9' },
        flashduty: { apiBase: fd.baseUrl, appKey: { env: 'WALK_WRONG_APP_KEY' } },
      });
      ids.draft = await save({ name: 'Walk draft desk', draft: true });
      // A draft on SDP Cloud: the webhook helper with the cloud's steps (a draft takes no webhooks, so no URL yet).
      ids.cloud = await save({
        name: 'Walk cloud desk',
        draft: true,
        direction: 'two_way',
        sdp: { platform: 'cloud', dataCenter: 'US', portal: 'itdesk', clientId: '1000.WALKCLIENT' },
        ingress: { webhooks: true, webhookSecret: { env: 'DESKBRIDGE_WEBHOOK_SECRET_WALK' } },
      });
      const channelId = String(CHANNELS[0]!.channel_id);
      const parked = fd.createIncident({ title: 'Printer low on toner', severity: 'Info', channelId });
      parkedIncident = parked.incident_id;
      const created = fd.createIncident({ title: 'Mail queue stuck', severity: 'Critical', channelId });
      await api('incidents.push', {
        integrationId: ids.parked,
        incidentIds: [parked.incident_id, created.incident_id],
      });
      await api('connections.test', { integrationId: ids.dead }).catch(() => undefined);
      // The dead desk's SDP never answers: asking for its metadata would only wait for retries.
      for (const id of [ids.demo, ids.parked, ids.draft])
        await collectData(id, ['metadata.sdp', 'metadata.flashduty', 'incidents.list']);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await serve?.stop();
      await Promise.all([sdp?.close(), fd?.close()]);
    });

    /** Adds the names in what `methods` answer for the integration, and the integrations' names, to `data`. */
    async function collectData(integrationId: string, methods: readonly string[]): Promise<void> {
      const collect = (value: unknown, key = ''): void => {
        if (typeof value === 'string' && /^(name|displayName|display_name|title|subject|email|channelName)$/.test(key))
          data.add(value);
        else if (Array.isArray(value)) for (const v of value) collect(v, key);
        else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, k);
      };
      collect(await api('integrations.list'));
      for (const method of methods) collect(await api(method, { integrationId }).catch(() => null));
    }

    async function walk(language: Language): Promise<Walked> {
      const L = language === 'en' ? en : zhCN;
      const keys = new Set<string>(Object.keys(en));
      const walked: Walked = { offenders: [], screens: [] };
      await api('settings.set', { language });
      const app: AppPage = await openApp(browser, `${serve.url}#/integrations`, { height: 900 });
      const page = app.page;

      const check = async (screen: string, target: Page = page): Promise<void> => {
        walked.screens.push(screen);
        await shot(target, `walk-${screen}-${language}`, true);
        // The demo keeps creating incidents: what the screen shows now is data too.
        await collectData(ids.demo, ['incidents.list']);
        for (const { text, where } of await visibleTexts(target)) {
          const runs = language === 'en' ? untranslated(text, keys) : latinOffenders(text, [...data]);
          if (runs.length > 0) walked.offenders.push({ screen, where, text, runs });
        }
        for (const { text, where } of await wrappedShortTexts(target))
          walked.offenders.push({ screen, where, text, runs: ['wraps over lines: the column is too narrow'] });
      };
      // Tables keep Chinese words whole: at 800 px nothing may then push the page (or a table) sideways.
      const fitsAt800 = async (screen: string): Promise<void> => {
        await page.setViewportSize({ width: 800, height: 900 });
        await shot(page, `walk-${screen}-800-${language}`, true);
        const sideways = await page.evaluate(() =>
          [document.documentElement, ...document.querySelectorAll('.table-wrap')].map(
            (el) => el.scrollWidth - el.clientWidth,
          ),
        );
        if (sideways.some((px) => px > 0))
          walked.offenders.push({ screen, where: '800 px', text: String(sideways), runs: ['scrolls sideways'] });
        await page.setViewportSize({ width: 1280, height: 900 });
      };
      const nav = (key: StringKey): Promise<void> => page.getByRole('button', { name: L[key], exact: true }).click();
      const tab = (key: StringKey): Promise<void> => page.getByRole('tab', { name: new RegExp(L[key]) }).click();
      const editor = async (id: string): Promise<void> => {
        await page.goto(`${serve.url}#/integrations/${id}`);
        await page.getByTestId('save').waitFor();
      };

      // Integrations: the demo syncing, a parked failure, an unreachable desk whose Test connection failed, a draft.
      await page.getByTestId(`integration-${ids.parked}`).getByTestId('state').waitFor();
      await until(
        () => page.getByTestId(`integration-${ids.dead}`).getByTestId('state').textContent(),
        (s) => s === L.state_needs_attention,
        'the dead desk needing attention',
      );
      await check('integrations');
      await fitsAt800('integrations');
      await page.getByRole('button', { name: L.pauseAll, exact: true }).click();
      await page.getByRole('button', { name: L.resumeAll, exact: true }).waitFor();
      await check('integrations-paused');
      await page.getByRole('button', { name: L.resumeAll, exact: true }).click();
      await page.getByRole('button', { name: L.pauseAll, exact: true }).waitFor();

      // The demo's editor, tab by tab, with the webhook helper and a dry run.
      await editor(ids.demo);
      await check('editor-connection');
      await tab('tab_basics');
      await check('editor-basics');
      await tab('tab_ticket');
      await check('editor-ticket');
      await tab('tab_status');
      await check('editor-status');
      await tab('tab_inbound');
      await page.getByTestId('webhook-helper').waitFor();
      await check('editor-inbound');
      await editor(ids.cloud);
      await tab('tab_inbound');
      await page.getByTestId('webhook-helper').waitFor();
      await check('editor-inbound-cloud');
      await editor(ids.demo);
      await tab('tab_dryrun');
      const dry = page.getByTestId('dry-run');
      await until(
        () => dry.locator('#dry-recent option').count(),
        (n) => n > 1,
        'recent incidents in the dry run',
      );
      await dry.locator('#dry-recent').selectOption({ index: 1 });
      await dry.getByTestId('dry-run-go').click();
      await dry.getByTestId('dry-run-result').waitFor({ timeout: 30_000 });
      await check('editor-dry-run');

      // Test connection against an SDP nobody answers for, with a wrong Flashduty key.
      await editor(ids.dead);
      await page.getByTestId('test-connection').getByRole('button', { name: L.testConnection }).click();
      await page.getByTestId('test-connection').locator('.check-item.failed').first().waitFor({ timeout: 60_000 });
      await check('editor-test-connection-failed');

      // Validation: a priority SDP lacks, a repeated row, a port no address has; then the leave dialog.
      await editor(ids.parked);
      await tab('tab_ticket');
      await page.getByTestId('fill-priority-defaults').waitFor();
      await page.getByRole('button', { name: L.addRow }).first().click();
      await page.getByTestId('save').click();
      await page.getByTestId('save-error').waitFor();
      await check('editor-validation-ticket');
      await tab('tab_connection');
      await page.locator('#f-endpoint').fill('http://127.0.0.1:99999');
      await page.getByTestId('save').click();
      await page.getByTestId('error-f-endpoint').waitFor();
      await check('editor-validation-connection');
      await nav('navLog');
      await page.getByTestId('leave-dialog').waitFor();
      await check('leave-dialog');
      await page.getByRole('button', { name: L.leaveDiscard }).click();

      // The sync log, a parked entry's detail with its trail, and the failed operations.
      await page.getByTestId('log-row').first().waitFor({ timeout: 30_000 });
      await check('sync-log');
      await page.getByRole('search').locator('select').first().selectOption(ids.parked);
      await page.locator('[data-testid=log-row][data-action=priority_missing]').first().click();
      await page.getByTestId('log-detail').getByTestId('show-trail').click();
      await page.getByTestId('log-detail').getByTestId('trail').locator('li').first().waitFor();
      await check('sync-log-detail');
      await page.keyboard.press('Escape');
      await page.getByTestId('toggle-failed').click();
      await page.getByTestId('failed-ops').getByRole('combobox').selectOption(ids.parked);
      await page.getByTestId('failed-ops').locator('[data-testid^="failed-"]').first().waitFor();
      await check('sync-log-failed-operations');
      await fitsAt800('sync-log-failed-operations');

      // Incidents of the parked desk, and a push that fails again.
      await nav('navIncidents');
      await page.getByTestId('incident-integration').selectOption(ids.parked);
      await page.getByTestId(`incident-${parkedIncident}`).getByRole('checkbox').check();
      await page.getByTestId('push').click();
      await page.getByTestId(`outcome-${parkedIncident}`).waitFor({ timeout: 30_000 });
      await check('incidents');

      // A draft, and what turning it on would do.
      await editor(ids.draft);
      await page.getByTestId('draft-bar').waitFor();
      await page.getByTestId('turn-on').click();
      await page.getByTestId('go-live').getByTestId('go-live-first-sync').waitFor({ timeout: 30_000 });
      await check('editor-go-live');

      // A new integration on SDP Cloud, before anything is stored.
      await nav('navIntegrations');
      await page.getByTestId('add-integration').click();
      await page.getByTestId('save').waitFor();
      await check('editor-new-cloud');
      await nav('navSettings');

      // Settings, every card: language, export, an import that fails and one that replaces, sync data, about.
      await page.getByTestId('export').click();
      await page.locator('#import-json').fill('{"integrations": [{"name": ""}]}');
      await page.getByTestId('import').click();
      const importCard = page.getByRole('region').filter({ has: page.getByTestId('import') });
      await importCard.getByRole('alert').waitFor();
      await check('settings-import-failed');
      const { json } = await api<{ json: string }>('config.export', { ids: [ids.parked] });
      const file = JSON.parse(json) as { integrations: Record<string, unknown>[] };
      file.integrations[0] = { ...file.integrations[0], direction: 'two_way' };
      await page.locator('#import-json').fill(JSON.stringify(file));
      await page.getByTestId('import').click();
      await page.getByTestId('import-review').waitFor();
      await page.getByTestId('rebuild-links').click();
      await page
        .getByTestId('rebuild-progress')
        .getByText(new RegExp(`^${L.rebuildPhase_done.slice(0, 2)}`))
        .waitFor({ timeout: 60_000 });
      await check('settings');
      expect(app.errors).toEqual([]);
      await app.context.close();

      // The page a server shows without its access link, in the browser's own language.
      const bare = await browser.newContext({ locale: language });
      const tokenless = await bare.newPage();
      await tokenless.goto(`${serve.origin}/`);
      await tokenless.getByRole('heading', { name: L.tokenMissingTitle }).waitFor();
      await check('token-missing', tokenless);
      await bare.close();
      return walked;
    }

    it('in 简体中文, no Latin text is left untranslated outside names, IDs, addresses, codes and data', async () => {
      const walked = await walk('zh-CN');
      expect(walked.screens.length).toBeGreaterThan(15);
      writeFileSync(join(SHOTS, '../language-walk-zh-CN.txt'), report(walked.offenders).join('\n'));
      expect(report(walked.offenders)).toEqual([]);
      publishScreenshots(README_SCREENS.map((screen) => `walk-${screen}-zh-CN`));
    });

    it('in English, no string key or {placeholder} is left unfilled', async () => {
      const walked = await walk('en');
      expect(report(walked.offenders)).toEqual([]);
    });

    it('with every integration deleted, the empty list reads right in both languages', async () => {
      for (const id of Object.values(ids)) await api('integrations.delete', { id });
      for (const [language, L] of [
        ['zh-CN', zhCN],
        ['en', en],
      ] as const) {
        await api('settings.set', { language });
        const { page, context, errors } = await openApp(browser, `${serve.url}#/integrations`);
        await page.getByTestId('integrations-empty').getByText(L.integrationsEmptyTitle).waitFor();
        await shot(page, `walk-integrations-empty-${language}`);
        const texts = await visibleTexts(page);
        const lost = texts.flatMap(({ text }) =>
          language === 'en' ? untranslated(text, new Set(Object.keys(en))) : latinOffenders(text),
        );
        expect(lost).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      }
    });
  },
);
