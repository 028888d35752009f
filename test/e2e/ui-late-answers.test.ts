import type { Page, Route } from 'playwright';
import { describe, expect, it } from 'vitest';
import { chromiumMissing } from '../helpers/browser';
import { serveAndBrowser } from '../helpers/serve-and-browser';
import { openApp, saveDraft, shot, tab } from '../helpers/ui-env';

/** A call the page made, held by the test until it chooses to answer. */
interface Held {
  body: Record<string, unknown>;
  /** Answers the call and waits until the page has read the answer and rendered what it does with it. */
  answer(json: unknown, status?: number): Promise<void>;
}

/** Holds every call to `method` whose input `hold` picks; the rest get `otherwise` (null: the server's answer). */
async function holdCalls(
  page: Page,
  method: string,
  hold: (body: Record<string, unknown>) => boolean,
  otherwise: (body: Record<string, unknown>) => { json: unknown; status?: number } | null,
) {
  const held: Held[] = [];
  const waiting: (() => void)[] = [];
  await page.route(`**/api/${method}`, async (route: Route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
    if (!hold(body)) {
      const answer = otherwise(body);
      return answer ? route.fulfill(answer) : route.continue();
    }
    const answer = async (json: unknown, status = 200): Promise<void> => {
      const read = page.waitForEvent('requestfinished', (r) => r === route.request());
      await route.fulfill({ json, status });
      await read;
      await nextFrames(page);
    };
    held.push({ body, answer });
    for (const wake of waiting.splice(0)) wake();
  });
  const all = (): readonly Held[] => held;
  /** The nth held call (from 0), once the page has made it. */
  const nth = async (n: number): Promise<Held> => {
    while (held.length <= n) await new Promise<void>((wake) => waiting.push(wake));
    return held[n]!;
  };
  return { nth, all };
}

/** Lets the page's answered calls settle into what it renders. */
function nextFrames(page: Page): Promise<void> {
  return page.evaluate(
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
  const env = serveAndBrowser();

  it.each([
    ['en', 'Older entries could not be loaded: Some values are not valid: text: Too long'],
    ['zh-CN', '无法加载更早的记录： 有些值无效：“text”：Too long'],
  ])(
    'log search (%s): a slow older search does not clear the newer search’s error, worded by its code',
    async (language, said) => {
      await env.call('settings.set', { language });
      try {
        const { page, context, errors } = await openApp(env.browser, `${env.serve.url}#/log`);
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
        await env.call('settings.set', { language: 'system' });
      }
    },
  );

  it('an entry’s trail: a slow trail of the entry shown before does not replace the one asked for now', async () => {
    const { page, context, errors } = await openApp(env.browser, `${env.serve.url}#/log`);
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
    await first.answer({ result: { link: { incidentId: 'a'.repeat(24), requestId: '5001' }, trail: [] } });
    expect(await detail.textContent()).toContain('⇄ request 5002');
    await shot(page, 'late-trail');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('turning a draft on: a summary that arrives after Cancel does not open the dialog again', async () => {
    const { page, context, errors } = await openApp(env.browser, `${env.serve.url}#/integrations/new`);
    page.setDefaultTimeout(10_000);
    const id = await saveDraft(page, 'Late summary');
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
      await first.answer(REFUSED, 400);
      expect(await page.getByTestId('go-live').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      expect((await env.call('integrations.delete', { id })).ok).toBe(true);
    }
  });

  it('a credential’s state: the states read before it was stored do not turn its badge back to missing', async () => {
    const { page, context, errors } = await openApp(env.browser, `${env.serve.url}#/integrations/new`);
    page.setDefaultTimeout(10_000);
    const id = await saveDraft(page, 'Late secret states');
    try {
      // Reads the page makes before the write reaches the server are held; later ones see the key stored.
      let written = false;
      const reads = await holdCalls(
        page,
        'secrets.state',
        () => !written,
        () => ({ json: { result: { secrets: [{ name: 'flashduty.appKey', state: 'set', last4: 'e2e1' }] } } }),
      );
      // The keychain is not what is tested here: the write answers as the server does for a stored key.
      await page.route('**/api/secrets.set', (route) => {
        written = true;
        return route.fulfill({ json: { result: { name: 'flashduty.appKey', state: 'set', last4: 'e2e1' } } });
      });
      await page.reload();
      await tab(page, 'Connection');
      const stale = await reads.nth(0);
      await page.locator('#secret-flashduty-appKey').fill('app-key-e2e1');
      await page.locator('#secret-flashduty-appKey').locator('..').getByRole('button', { name: /Store/ }).click();
      const badge = page.getByTestId('secret-state-flashduty.appKey');
      await badge.filter({ hasText: 'Stored' }).waitFor();
      const missing = { name: 'flashduty.appKey', state: 'missing' };
      for (const read of reads.all()) await read.answer({ result: { secrets: [missing] } });
      expect(stale.body.integrationId).toBe(id);
      expect(await badge.textContent()).toContain('Stored');
      await shot(page, 'late-secret-state');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      expect((await env.call('integrations.delete', { id })).ok).toBe(true);
    }
  });
});
