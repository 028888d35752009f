import { describe, expect, it } from 'vitest';
import { chromiumMissing } from '../helpers/browser';
import { serveAndBrowser } from '../helpers/serve-and-browser';
import { openApp, saveDraft, shot } from '../helpers/ui-env';

/** Deleting an integration from its editor: asked twice, refused with the reason beside the button, or done. */
describe.skipIf(chromiumMissing)('deleting an integration in Chromium', () => {
  const env = serveAndBrowser();
  const names = async (): Promise<string[]> => {
    const response = await env.call('integrations.list', {});
    const { result } = (await response.json()) as { result: { name: string }[] };
    return result.map((i) => i.name);
  };

  it('a refused delete says why beside the buttons and keeps the integration; Cancel keeps it; Yes deletes it', async () => {
    const { page, context, errors } = await openApp(env.browser, `${env.serve.url}#/integrations/new`);
    page.setDefaultTimeout(10_000);
    await saveDraft(page, 'Delete me');
    expect(await names()).toContain('Delete me');

    // The main process refuses (as for a config from the server's --config file): said beside the buttons.
    await page.route('**/api/integrations.delete', (route) =>
      route.fulfill({
        status: 409,
        json: { error: { code: 'config.managed', message: 'This integration comes from the config file.' } },
      }),
    );
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    const refused = page.getByRole('alert').filter({ hasText: /config file|configuration file/i });
    await refused.waitFor();
    await shot(page, 'editor-delete-refused');
    expect(await names()).toContain('Delete me');

    await page.unroute('**/api/integrations.delete');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).waitFor();
    expect(await names()).toContain('Delete me');

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.waitForURL(/#\/integrations$/);
    await page.getByRole('button', { name: 'Add integration' }).waitFor();
    expect(await names()).not.toContain('Delete me');
    expect(errors).toEqual([]);
    await context.close();
  });
});
