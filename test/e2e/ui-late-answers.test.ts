import { mkdirSync } from 'node:fs';
import type { Browser, Page, Route } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/headless';
import { openApp, saveEditor, shot, SHOTS, tab } from '../helpers/ui-env';

/** A call the page made, held by the test until it chooses to answer. */
interface Held {
  body: Record<string, unknown>;
  answer(json: unknown, status?: number): Promise<void>;
}

/** Holds every call to `method` whose input `hold` picks; the rest get `otherwise`. */
async function holdCalls(
  page: Page,
  method: string,
  hold: (body: Record<string, unknown>) => boolean,
  otherwise: (body: Record<string, unknown>) => { json: unknown; status?: number },
) {
  const held: Held[] = [];
  const waiting: (() => void)[] = [];
  await page.route(`**/api/${method}`, async (route: Route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
    if (!hold(body)) return route.fulfill(otherwise(body));
    held.push({ body, answer: (json, status = 200) => route.fulfill({ json, status }) });
    for (const wake of waiting.splice(0)) wake();
  });
  /** The nth held call (from 0), once the page has made it. */
  const nth = async (n: number): Promise<Held> => {
    while (held.length <= n) await new Promise<void>((wake) => waiting.push(wake));
    return held[n]!;
  };
  return { nth };
}

/** Waits until the page has read the answer to `url` and rendered what it does with it. */
async function answered(page: Page, url: string, answer: () => Promise<void>): Promise<void> {
  const finished = page.waitForEvent('requestfinished', (r) => r.url().endsWith(url));
  await answer();
  await finished;
  await page.evaluate(
    () =>
      new Promise<void>((done) =>
        requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => done()), 0)),
      ),
  );
}

const REFUSED = {
  error: {
    code: 'contract.invalid_input',
    message: 'Invalid input: text: Too long',
    details: { issues: [{ path: 'text', message: 'Too long' }] },
  },
};

function entry(id: string, requestId: string, text: string) {
  return {
    id,
    at: Date.now() - 60_000 + Number(id),
    level: 'info',
    integrationId: 'int-late',
    direction: 'from_sdp',
    incidentId: null,
    requestId,
    action: 'update_incident',
    message: { code: 'quoted', params: { text } },
    changes: [],
    apiRequestIds: [],
    error: null,
  };
}

/**
 * Answers that arrive late never overwrite newer ones: every screen that loads something while the
 * admin keeps working (the log search, an entry's trail, the go-live summary) shows the answer to
 * what it asked last. The page's calls are held and answered out of order through Playwright routes.
 */
describe.skipIf(chromiumMissing)('late answers in Chromium', () => {
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
  const call = (method: string, input: unknown) =>
    fetch(`${serve.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${serve.token}` },
      body: JSON.stringify(input),
    });

  it.each([
    ['en', 'Older entries could not be loaded: Some values are not valid: text: Too long'],
    ['zh-CN', '无法加载更早的记录： 有些值无效：“text”：Too long'],
  ])(
    'log search (%s): a slow older search does not clear the newer search’s error, worded by its code',
    async (language, said) => {
      await call('settings.set', { language });
      try {
        const { page, context, errors } = await openApp(browser, `${serve.url}#/log`);
        page.setDefaultTimeout(10_000);
        const searches = await holdCalls(
          page,
          'log.query',
          (body) => body.text !== undefined,
          () => ({ json: { result: { entries: [], hasMore: false } } }),
        );
        const text = page.getByRole('search').locator('input[type="search"]');
        await text.fill('slo');
        const older = await searches.nth(0);
        expect(older.body.text).toBe('slo');
        await text.fill('slow');
        const newer = await searches.nth(1);
        await newer.answer(REFUSED, 400);
        const bar = page.locator('.log-bar');
        await bar.getByText(said).waitFor();
        // The older search's entries still join the log (they are true history): that shows it was read.
        await older.answer({ result: { entries: [entry('7', '4107', 'slow answer')], hasMore: false } });
        await page.getByTestId('log-row').filter({ hasText: 'slow answer' }).waitFor();
        expect(await bar.textContent()).toContain(said);
        await shot(page, `late-log-search-${language}`);
        expect(errors).toEqual([]);
        await context.close();
      } finally {
        await call('settings.set', { language: 'system' });
      }
    },
  );

  it('an entry’s trail: a slow trail of the entry shown before does not replace the one asked for now', async () => {
    const { page, context, errors } = await openApp(browser, `${serve.url}#/log`);
    page.setDefaultTimeout(10_000);
    await page.route('**/api/log.query', (route) =>
      route.fulfill({
        json: { result: { entries: [entry('2', '5002', 'second entry'), entry('1', '5001', 'first entry')] } },
      }),
    );
    const trails = await holdCalls(
      page,
      'links.get',
      (body) => body.requestId === '5001',
      (body) => ({
        json: { result: { link: { incidentId: 'b'.repeat(24), requestId: body.requestId }, trail: [] } },
      }),
    );
    await page.reload();
    const detail = page.getByTestId('log-detail');
    await page.getByTestId('log-row').filter({ hasText: 'first entry' }).click();
    await detail.getByTestId('show-trail').click();
    const first = await trails.nth(0);
    await page.getByTestId('log-row').filter({ hasText: 'second entry' }).click();
    await detail.getByTestId('show-trail').click();
    await detail.getByTestId('trail').getByText('⇄ request 5002').waitFor();
    await answered(page, '/api/links.get', () =>
      first.answer({ result: { link: { incidentId: 'a'.repeat(24), requestId: '5001' }, trail: [] } }),
    );
    expect(await detail.textContent()).toContain('⇄ request 5002');
    await shot(page, 'late-trail');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('turning a draft on: a summary that arrives after Cancel does not open the dialog again', async () => {
    const { page, context, errors } = await openApp(browser, `${serve.url}#/integrations/new`);
    await page.getByText('Private Deployment Version').click();
    await page.locator('#f-endpoint').fill('https://sdp.example.com:8080');
    await tab(page, 'Basics');
    await page.locator('#f-name').fill('Late summary');
    const id = await saveEditor(page);
    try {
      const previews = await holdCalls(
        page,
        'integrations.goLivePreview',
        () => true,
        () => ({ json: {} }),
      );
      await page.getByTestId('turn-on').click();
      await page.getByTestId('go-live').getByText('Checking what the first sync will do…').waitFor();
      await shot(page, 'late-go-live-checking');
      const first = await previews.nth(0);
      await page.getByTestId('go-live').getByRole('button', { name: 'Cancel' }).click();
      await page.getByTestId('go-live').waitFor({ state: 'detached' });
      await answered(page, '/api/integrations.goLivePreview', () => first.answer(REFUSED, 400));
      expect(await page.getByTestId('go-live').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      expect((await call('integrations.delete', { id })).ok).toBe(true);
    }
  });
});
