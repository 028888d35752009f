import type { Page, Response } from 'playwright';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../simulators/flashduty/index';
import { chromiumMissing } from '../helpers/browser';
import {
  keychainMissing,
  openApp,
  publishScreenshots,
  shot,
  startUiEnv,
  storeSecret,
  tab,
  type AppPage,
  type UiEnv,
} from '../helpers/ui-env';

const skip = chromiumMissing || keychainMissing;
const channelId = String(CHANNELS[0]!.channel_id);

/** Polls `read` until `done` holds; the simulators and the engine run on their own schedule. */
async function until<T>(
  read: () => T | Promise<T>,
  done: (v: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Stored {
  id: string;
  name: string;
  draft: boolean;
  direction: string;
}

/**
 * The admin's workflow in real Chromium against the headless server and the simulators: an
 * integration is a draft that writes nothing until it is turned on, and nothing replaces a
 * configuration without showing what changes.
 */
describe.skipIf(skip)(`Admin workflow${skip ? ` (skipped: ${skip})` : ''}`, { timeout: 120_000 }, () => {
  let env: UiEnv;
  let app: AppPage;
  let page: Page;
  let draftId = '';

  beforeAll(async () => {
    env = await startUiEnv();
    app = await openApp(env.browser, env.serve.url);
    page = app.page;
  }, 90_000);
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page)
      await shot(page, `failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`, true);
  });
  afterAll(async () => {
    await app?.context.close();
    await env?.close();
  });

  it('storing a credential on a new integration stores only the secret: the integration is a draft that writes nothing', async () => {
    const { onprem, fd } = env;
    await page.getByTestId('add-integration').click();
    await page.getByText('Private Deployment Version', { exact: true }).click();
    await page.locator('#f-endpoint').fill(onprem.origin);
    await page.locator('#f-flashdutyApiBase').fill(fd.baseUrl);
    await tab(page, 'Basics');
    await page.locator('#f-name').fill('Draft desk');
    await tab(page, 'Connection');
    await storeSecret(page, 'sdp.apiKey', (onprem.credentials as { apiKey: string }).apiKey);
    draftId = /#\/integrations\/([A-Za-z0-9_-]+)$/.exec(page.url())![1]!;
    expect(await env.api<Stored>('integrations.get', { id: draftId })).toMatchObject({
      name: 'Draft desk',
      draft: true,
    });
    await page.getByTestId('draft-bar').waitFor();

    // With the draft saved, storing another secret leaves every other unsaved edit unsaved.
    await tab(page, 'Basics');
    await page.locator('#f-name').fill('Draft desk (renamed)');
    await tab(page, 'Connection');
    await storeSecret(page, 'flashduty.appKey', fd.appKey);
    expect((await env.api<Stored>('integrations.get', { id: draftId })).name).toBe('Draft desk');
    await page.getByTestId('unsaved').waitFor();
    await tab(page, 'Basics');
    await page.locator('#f-name').fill('Draft desk');
    await page.getByTestId('unsaved').waitFor({ state: 'detached' });

    // Open incidents exist, the draft is connected and reads them, yet it creates nothing.
    const incidents = ['Draft A: disk full', 'Draft B: API 500s', 'Draft C: cert expiring'].map((title) =>
      fd.createIncident({ title, severity: 'Critical', channelId }),
    );
    await tab(page, 'Dry run');
    await page.getByTestId('dry-run').locator('#dry-id').fill(incidents[0]!.incident_id);
    await page.getByTestId('dry-run-go').click();
    await page.getByTestId('dry-run-result').waitFor({ timeout: 20_000 });
    const list = await env.api<{ id: string; state: string }[]>('integrations.list');
    expect(list.find((i) => i.id === draftId)?.state).toBe('draft');
    await expect(
      env.api('incidents.push', { integrationId: draftId, incidentIds: [incidents[1]!.incident_id] }),
    ).rejects.toThrow(/integration\.draft/);
    expect(onprem.listRequests()).toHaveLength(0);
    await page.getByRole('button', { name: 'Integrations', exact: true }).click();
    await page.getByTestId(`integration-${draftId}`).getByText('Draft', { exact: true }).waitFor();
    await shot(page, 'integrations-draft');
  });

  it('turning a draft on shows what the first sync will do and asks first; then it syncs', async () => {
    const { onprem } = env;
    await page.getByTestId(`integration-${draftId}`).getByRole('button', { name: 'Draft desk', exact: true }).click();
    await page.getByTestId('turn-on').click();
    const dialog = page.getByTestId('go-live');
    await dialog.getByTestId('go-live-first-sync').waitFor({ timeout: 20_000 });
    const text = await dialog.textContent();
    expect(text).toContain('Flashduty → SDP');
    expect(text).toContain('every channel');
    expect(text).toContain('3 will become SDP requests');
    await shot(page, 'editor-go-live', true);
    expect(onprem.listRequests()).toHaveLength(0);
    await dialog.getByTestId('turn-on-confirm').click();
    await page.getByTestId('turned-on').waitFor();
    expect((await env.api<Stored>('integrations.get', { id: draftId })).draft).toBe(false);
    await until(
      () => onprem.listRequests().filter((r) => String(r.subject).startsWith('Draft ')).length,
      (n) => n === 3,
      'the three requests in SDP after going live',
    );
  });

  it('dry run plans as the automatic sync would (conditions apply), a second button previews a manual push, and recent incidents refresh', async () => {
    const { fd, onprem } = env;
    const stored = await env.api<Record<string, unknown>>('integrations.get', { id: draftId });
    await env.api('integrations.save', {
      config: {
        ...stored,
        trigger: { mode: 'auto', match: 'all', conditions: [{ kind: 'severity_in', severities: ['Critical'] }] },
      },
    });
    await page.goto(`${env.serve.url}#/integrations/${draftId}`);
    await tab(page, 'Dry run');
    const panel = page.getByTestId('dry-run');
    await panel.locator('#dry-recent').waitFor({ timeout: 20_000 });
    // An incident that arrives while the panel is open shows up in the list on refresh.
    const info = fd.createIncident({ title: 'Dry run: only informational', severity: 'Info', channelId });
    await panel.getByTestId('dry-recent-refresh').click();
    await until(
      () => panel.locator('#dry-recent option').allTextContents(),
      (o) => o.some((text) => text.includes('only informational')),
      'the new incident in Recent incidents',
    );
    await panel.locator('#dry-recent').selectOption(info.incident_id);
    const before = onprem.listRequests().length;

    await panel.getByTestId('dry-run-go').click();
    const result = panel.getByTestId('dry-run-result');
    await result.waitFor({ timeout: 20_000 });
    expect(await panel.getByTestId('dry-run-mode').textContent()).toContain('As the automatic sync would run it');
    const automatic = await result.locator('.operations').textContent();
    expect(automatic).toContain('skip');
    expect(automatic).toContain('Trigger conditions not met');
    expect(automatic).not.toContain('create_request');
    await shot(page, 'editor-dry-run-automatic', true);

    await panel.getByTestId('dry-run-push').click();
    await panel.getByTestId('dry-run-mode').filter({ hasText: 'As a manual push' }).waitFor({ timeout: 20_000 });
    expect(await result.locator('.operations').textContent()).toContain('create_request');
    expect(onprem.listRequests().length).toBe(before);
  });

  it('state never misleads: parked failures show as failing with their code and fix, keep their direction, retry once, and trail alone', async () => {
    const { fd } = env;
    // Info maps to a priority SDP does not have: a push of an Info incident is parked, not sent.
    const stored = await env.api<Record<string, unknown> & { severityMapping: Record<string, unknown> }>(
      'integrations.get',
      { id: draftId },
    );
    // Manual trigger: the incident reaches SDP only by a push, so a retry re-plans it as that push.
    const ingress = { ...(stored.ingress as Record<string, unknown>), flashdutyPollSeconds: 5 };
    await env.api('integrations.save', {
      config: {
        ...stored,
        ingress,
        trigger: { mode: 'manual' },
        severityMapping: { ...stored.severityMapping, toPriority: { Info: 'Apocalyptic' } },
      },
    });
    const incident = fd.createIncident({ title: 'Parked: printer low on toner', severity: 'Info', channelId });
    // Once the poller has seen (and, under the manual trigger, skipped) the incident, it leaves it alone until it
    // changes.
    await until(
      () =>
        env.api<{ entries: { action: string }[] }>('log.query', {
          integrationId: draftId,
          incidentId: incident.incident_id,
        }),
      (p) => p.entries.some((e) => e.action === 'skip'),
      'the poller’s skip of the new incident',
    );
    const { results } = await env.api<{ results: { outcome: string }[] }>('incidents.push', {
      integrationId: draftId,
      incidentIds: [incident.incident_id],
    });
    expect(results[0]?.outcome).toBe('failed');

    await page.getByRole('button', { name: 'Integrations', exact: true }).click();
    await page
      .getByTestId(`integration-${draftId}`)
      .getByTestId('state')
      .filter({ hasText: 'Failing: 1 parked' })
      .waitFor();

    // The sync log keeps the parked error under its direction, with its code, message and fix.
    await page.getByRole('button', { name: 'Sync log', exact: true }).click();
    await page.getByLabel('Direction').selectOption('to_sdp');
    await page.getByLabel('Incident / request').fill(incident.incident_id);
    // The row names the failure in words (its action, "No priority"); the detail keeps its code for support.
    const parked = page.getByTestId('log-row').filter({ hasText: 'No priority' }).first();
    await parked.waitFor({ timeout: 20_000 });
    await parked.click();
    const detail = page.getByTestId('log-detail');
    const error = await detail.getByTestId('entry-error').textContent();
    expect(error).toContain('priority_missing');
    expect(error).toContain('Apocalyptic');
    expect(error).toContain('Fix:');
    expect(error).not.toContain('[object Object]');
    // Next to the 24-character ID: the incident's short number and title, linked to Flashduty.
    const named = detail.getByTestId('entry-incident');
    await named.waitFor();
    expect(await named.textContent()).toBe(`#${incident.num} Parked: printer low on toner`);
    expect(await named.getByRole('link').getAttribute('href')).toBe(
      `https://app.flashcat.cloud/incident/detail/${incident.incident_id}`,
    );

    // Its trail holds only this incident's entries, though it has no link.
    await detail.getByTestId('show-trail').click();
    await detail.getByTestId('trail').locator('li').first().waitFor();
    const own = await env.api<{ entries: unknown[] }>('log.query', {
      integrationId: draftId,
      incidentId: incident.incident_id,
      limit: 1000,
    });
    expect(await detail.getByTestId('trail').locator('li').count()).toBe(own.entries.length);
    await shot(page, 'sync-log-parked', true);

    // "Retry all" is one attempt: it fails for the same reason and is parked again, once.
    await page.getByTestId('toggle-failed').click();
    const failed = page.getByTestId('failed-ops');
    await failed.getByRole('combobox').selectOption(draftId);
    const row = failed.locator('[data-testid^="failed-"]').first();
    await row.waitFor();
    expect((await row.textContent())!.split('SDP has no priority “Apocalyptic”').length - 1).toBe(1);
    await failed.getByTestId('retry-all').click();
    await failed
      .getByRole('status')
      .filter({ hasText: /^1 operation\(s\) queued again\.$/ })
      .waitFor();
    await shot(page, 'sync-log-failed-retried');
    await until(
      () =>
        env.api<{ entries: unknown[] }>('log.query', {
          integrationId: draftId,
          incidentId: incident.incident_id,
          levels: ['error'],
        }),
      (p) => p.entries.length >= 2,
      'the retry’s own attempt in the log',
    );
    await until(
      () => env.api<{ items: { state: string }[] }>('outbox.list', { integrationId: draftId }),
      (o) => o.items.every((i) => i.state === 'failed'),
      'the retried row settled',
    );
    const after = await env.api<{ items: { state: string }[] }>('outbox.list', { integrationId: draftId });
    expect(after.items.map((i) => i.state)).toEqual(['failed']);
    await page.keyboard.press('Escape');
  });

  it('an unreachable SDP shows since when, and a failed Test connection shows on the integration', async () => {
    const { fd } = env;
    const stored = await env.api<Record<string, unknown> & { sdp: Record<string, unknown> }>('integrations.get', {
      id: draftId,
    });
    const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = stored;
    // Port 9 (discard) on loopback: nothing listens there, so every call is refused before it is sent.
    const dead = await env.api<Stored>('integrations.save', {
      config: {
        ...rest,
        name: 'Dead desk',
        direction: 'to_sdp',
        trigger: { mode: 'manual' },
        sdp: { ...stored.sdp, endpoint: 'http://127.0.0.1:9' },
      },
    });
    await env.api('secrets.set', {
      integrationId: dead.id,
      name: 'sdp.apiKey',
      value: (env.onprem.credentials as { apiKey: string }).apiKey,
    });
    await env.api('secrets.set', { integrationId: dead.id, name: 'flashduty.appKey', value: fd.appKey });
    const incident = fd.createIncident({ title: 'Unreachable: VPN down', severity: 'Warning', channelId });
    // The client retries a refused connection (2, 4, 8 s) before the engine hears of it.
    await env.api('incidents.push', { integrationId: dead.id, incidentIds: [incident.incident_id] });

    await page.getByRole('button', { name: 'Integrations', exact: true }).click();
    const state = page.getByTestId(`integration-${dead.id}`).getByTestId('state');
    await state.filter({ hasText: 'Unreachable since' }).waitFor({ timeout: 60_000 });
    await shot(page, 'integrations-states');

    await page.getByTestId(`integration-${dead.id}`).getByRole('button', { name: 'Dead desk', exact: true }).click();
    await tab(page, 'Connection');
    await page.getByTestId('test-connection').getByRole('button', { name: 'Test connection' }).click();
    await page.getByTestId('test-connection').locator('.check-item.failed').first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Integrations', exact: true }).click();
    await state.filter({ hasText: 'Needs attention' }).waitFor();
    expect(await page.getByTestId(`integration-${dead.id}`).textContent()).toContain('Test connection failed');
    await env.api('integrations.delete', { id: dead.id });
  });

  it('validates where the admin types: priorities from SDP, repeats, ports; the banner and "Unsaved changes" follow the form', async () => {
    await page.goto(`${env.serve.url}#/integrations/${draftId}`);
    await tab(page, 'Ticket');
    const priority = (n: number) =>
      page.getByLabel(`Flashduty value → SDP priority: SDP priority, row ${n}`, { exact: true });
    const value = (n: number) => page.getByLabel(`Flashduty value → SDP priority: Value, row ${n}`, { exact: true });
    // The stored "Apocalyptic" (set by the previous step) is flagged at once: SDP has no such priority.
    await until(
      () => priority(1).evaluate((el) => el.tagName),
      (tag) => tag === 'SELECT',
      'the priority cell as a dropdown of SDP priorities',
    );
    expect(await priority(1).locator('option').allTextContents()).toEqual([
      'Pick a priority…',
      'Low',
      'Medium',
      'High',
      'Urgent',
      'Apocalyptic',
    ]);
    await page.getByText('SDP has no priority "Apocalyptic"; pick one of its priorities.').waitFor();
    await page.getByTestId('save').click();
    const banner = page.getByTestId('save-error');
    await banner.filter({ hasText: '1 problem(s) to fix' }).waitFor();

    // "Fill defaults" maps by what the priority names say, and the banner goes once nothing is left to fix.
    await page.getByTestId('fill-priority-defaults').click();
    expect(
      await Promise.all([1, 2, 3].map(async (n) => [await value(n).inputValue(), await priority(n).inputValue()])),
    ).toEqual([
      ['Critical', 'Urgent'],
      ['Warning', 'High'],
      ['Info', 'Low'],
    ]);
    await banner.waitFor({ state: 'detached' });

    // A repeated source value is an error next to its row.
    await page.getByRole('button', { name: 'Add row' }).first().click();
    await value(4).fill('critical');
    await page.getByText('"critical" is mapped twice; keep one row.').waitFor();
    await shot(page, 'editor-ticket-priorities', true);
    await page.getByRole('button', { name: 'Flashduty value → SDP priority: Remove row 4', exact: true }).click();

    // A port no URL can have is rejected in the form, and the count follows.
    await tab(page, 'Connection');
    const endpoint = await page.locator('#f-endpoint').inputValue();
    await page.locator('#f-endpoint').fill('http://127.0.0.1:99999');
    await page.getByTestId('save').click();
    await banner.filter({ hasText: '1 problem(s) to fix' }).waitFor();
    await page.getByText('SDP address: the port must be a whole number from 1 to 65535.').waitFor();
    await page.locator('#f-endpoint').fill(endpoint);
    await banner.waitFor({ state: 'detached' });
    await page.getByTestId('save').click();
    await page.getByText('Saved', { exact: true }).waitFor();

    // The requester box suggests SDP's requesters as you type; a name SDP does not know is refused on save.
    await tab(page, 'Ticket');
    await page.locator('#f-requester').fill('bob');
    await until(
      () =>
        page
          .locator('datalist#sdp-requesters option')
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
      (v) => v.includes('bob@example.com'),
      'requesters matching "bob"',
    );
    await page.locator('#f-requester').fill('Nobody Atall');
    await page.getByTestId('save').click();
    await page.getByText('SDP has no requester named "Nobody Atall"').waitFor();
    await banner.filter({ hasText: '1 problem(s) to fix' }).waitFor();
    await page.locator('#f-requester').fill('bob@example.com');
    await banner.waitFor({ state: 'detached' });
    await page.getByTestId('save').click();
    await page.getByText('Saved', { exact: true }).waitFor();
    expect((await env.api<{ requester: string }>('integrations.get', { id: draftId })).requester).toBe(
      'bob@example.com',
    );

    // What would save the same is not an unsaved change.
    await tab(page, 'Basics');
    await page.locator('#f-name').fill('Draft desk  ');
    await page.locator('#f-name').fill('Draft desk ');
    expect(await page.getByTestId('unsaved').count()).toBe(0);
    await page.locator('#f-name').fill('Draft desk');
  });

  it('an integration without credentials fires no metadata calls, and each side says what it waits for', async () => {
    const failed: string[] = [];
    const watch = (r: Response): void => {
      if (r.url().includes('/api/metadata.') && r.status() !== 200) failed.push(`${r.status()} ${r.url()}`);
    };
    page.on('response', watch);
    await page.getByRole('button', { name: 'Integrations', exact: true }).click();
    await page.getByTestId('add-integration').click();
    await page.getByText('Private Deployment Version', { exact: true }).click();
    await page.locator('#f-endpoint').fill(env.onprem.origin);
    await page.locator('#f-flashdutyApiBase').fill(env.fd.baseUrl);
    await tab(page, 'Basics');
    await page.locator('#f-name').fill('No keys yet');
    await tab(page, 'Connection');
    await storeSecret(page, 'flashduty.appKey', env.fd.appKey);
    await tab(page, 'Ticket');
    await page.getByText('store the ServiceDesk Plus credentials under 1. Connection first.').waitFor();
    await tab(page, 'Basics');
    await page.getByText('they load once the ServiceDesk Plus credentials are stored too.').waitFor();
    await tab(page, 'Connection');
    await storeSecret(page, 'sdp.apiKey', (env.onprem.credentials as { apiKey: string }).apiKey);
    await tab(page, 'Ticket');
    await until(
      () => page.locator('select#f-requestTemplate option').count(),
      (n) => n > 1,
      'SDP templates once both keys are stored',
    );
    page.off('response', watch);
    expect(failed).toEqual([]);
    const id = /#\/integrations\/([A-Za-z0-9_-]+)$/.exec(page.url())![1]!;
    await env.api('integrations.delete', { id });
    await page.getByRole('button', { name: 'Integrations', exact: true }).click();
  });

  it('links incidents to Flashduty and their requests to SDP', async () => {
    const { fd, onprem } = env;
    const incident = fd.createIncident({ title: 'Links: mail queue stuck', severity: 'Warning', channelId });
    const { results } = await env.api<{ results: { outcome: string; requestId: string | null }[] }>('incidents.push', {
      integrationId: draftId,
      incidentIds: [incident.incident_id],
    });
    expect(results[0]?.outcome).toBe('created');
    const requestId = results[0]!.requestId!;
    await page.getByRole('button', { name: 'Incidents', exact: true }).click();
    await page.getByTestId('incident-integration').selectOption(draftId);
    await page.getByRole('button', { name: 'Refresh' }).click();
    const row = page.getByTestId(`incident-${incident.incident_id}`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getByTestId(`incident-link-${incident.incident_id}`).getAttribute('href')).toBe(
      `https://app.flashcat.cloud/incident/detail/${incident.incident_id}`,
    );
    const request = row.getByTestId(`request-link-${incident.incident_id}`);
    expect(await request.textContent()).toContain(`#${requestId}`);
    expect(await request.getAttribute('href')).toBe(`${onprem.origin}/WorkOrder.do?woMode=viewWO&woID=${requestId}`);
    expect(await request.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('small things: the no-token page names the real port, Esc closes the log detail, 800 px does not scroll sideways, long names wrap', async () => {
    const bare = await env.browser.newPage();
    await bare.goto(`${env.serve.origin}/`);
    await bare.getByText(`DeskBridge ready: ${env.serve.origin}/?token=…`).waitFor();
    await bare.close();

    await page.getByRole('button', { name: 'Sync log', exact: true }).click();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByTestId('log-row').first().click();
    await page.getByTestId('log-detail').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('log-detail').waitFor({ state: 'detached' });

    const stored = await env.api<Record<string, unknown>>('integrations.get', { id: draftId });
    const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = stored;
    const long = await env.api<Stored>('integrations.save', {
      config: {
        ...rest,
        name: 'Production ServiceDesk Plus for the EMEA infrastructure on-call rotation (night)',
        draft: true,
      },
    });
    const narrow = await openApp(env.browser, `${env.serve.url}#/integrations`, { width: 800, height: 700 });
    await narrow.page.getByTestId('integrations-table').waitFor();
    const sideways = () =>
      narrow.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await shot(narrow.page, 'integrations-800');
    expect(await sideways()).toBeLessThanOrEqual(0);
    // Nor does the list itself: it fits, rather than scrolling in its own box.
    expect(
      await narrow.page.locator('.table-wrap').evaluate((el) => el.scrollWidth - el.clientWidth),
    ).toBeLessThanOrEqual(0);
    await narrow.page
      .getByTestId(`integration-${long.id}`)
      .getByRole('button', { name: /^Production/ })
      .click();
    const heading = narrow.page.getByRole('heading', { level: 2 }).first();
    await heading.waitFor();
    const save = (await narrow.page.getByTestId('save').boundingBox())!;
    await shot(narrow.page, 'editor-long-name');
    expect(save.x + save.width).toBeLessThanOrEqual(800);
    expect(await sideways()).toBeLessThanOrEqual(0);
    await narrow.context.close();
    await env.api('integrations.delete', { id: long.id });
  });

  it('an import that replaces an existing integration shows the changes field by field and asks first', async () => {
    const { json } = await env.api<{ json: string }>('config.export', { ids: [draftId] });
    const file = JSON.parse(json) as { integrations: Record<string, unknown>[] };
    file.integrations[0] = { ...file.integrations[0], name: 'Imported desk', direction: 'two_way' };
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.locator('#import-json').fill(JSON.stringify(file));
    await page.getByTestId('import').click();
    const review = page.getByTestId('import-review');
    await review.waitFor();
    const rows = await review.locator('tbody tr').allTextContents();
    expect(rows).toEqual(expect.arrayContaining(['name"Draft desk""Imported desk"', 'direction"to_sdp""two_way"']));
    expect(rows).toHaveLength(2);
    expect((await env.api<Stored>('integrations.get', { id: draftId })).name).toBe('Draft desk');
    await shot(page, 'settings-import-review', true);
    await review.getByTestId('import-confirm').click();
    await page.getByText(/Imported 1: Imported desk/).waitFor();
    expect(await env.api<Stored>('integrations.get', { id: draftId })).toMatchObject({
      name: 'Imported desk',
      direction: 'two_way',
    });

    // Walk the new screens in Simplified Chinese too: the import review and a draft's bar.
    const config = await env.api<Record<string, unknown>>('integrations.get', { id: draftId });
    const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = config;
    const second = await env.api<Stored>('integrations.save', { config: { ...rest, name: '第二个草稿', draft: true } });
    const zh = await openApp(env.browser, `${env.serve.url}#/settings`);
    await zh.page.locator('#language').selectOption('zh-CN');
    await zh.page.getByRole('button', { name: '集成', exact: true }).waitFor();
    await zh.page
      .locator('#import-json')
      .fill(JSON.stringify({ ...file, integrations: [{ ...file.integrations[0], name: 'Draft desk' }] }));
    await zh.page.getByTestId('import').click();
    await zh.page.getByTestId('import-review').waitFor();
    await shot(zh.page, 'settings-import-review-zh', true);
    await zh.page.getByTestId('import-review').getByRole('button', { name: '取消' }).click();
    await zh.page.goto(`${env.serve.url}#/integrations/${second.id}`);
    await zh.page.getByTestId('draft-bar').getByText('草稿', { exact: true }).waitFor();
    await shot(zh.page, 'editor-draft-zh', true);
    await zh.page.getByTestId('turn-on').click();
    await zh.page.getByTestId('go-live').getByRole('alert').waitFor();
    await shot(zh.page, 'editor-go-live-zh', true);
    await zh.page.goto(`${env.serve.url}#/integrations/${draftId}`);
    await zh.page.getByRole('tab', { name: /工单/ }).click();
    await zh.page.getByTestId('fill-priority-defaults').waitFor();
    await shot(zh.page, 'editor-ticket-zh', true);
    await zh.page.getByRole('button', { name: '集成', exact: true }).click();
    await zh.page.getByTestId('integrations-table').waitFor();
    await shot(zh.page, 'integrations-zh');
    await zh.page.getByRole('button', { name: '设置', exact: true }).click();
    await zh.page.locator('#language').selectOption('en');
    await zh.page.getByRole('button', { name: 'Integrations', exact: true }).waitFor();
    await zh.context.close();
    expect(app.errors).toEqual([]);
    publishScreenshots([
      'integrations-draft',
      'editor-go-live',
      'settings-import-review',
      'sync-log-parked',
      'integrations-states',
      'editor-ticket-priorities',
      'integrations-800',
      'editor-long-name',
    ]);
  });
});
