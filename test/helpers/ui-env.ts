import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright';
import { createKeychainVault } from '../../electron/services/vault';
import { startFlashdutySimulator, type FlashdutySimulator } from '../../simulators/flashduty/index';
import { FLASHDUTY_GUIDE_STATUSES, startSdpSimulator, type SdpSimulator } from '../../simulators/sdp/index';
import { launchChromium } from './browser';
import { postContract, REPO, startServe, type ServeProcess } from './headless';
import { selfSignedCertificate } from '../../simulators/sdp/local-ca';

export const SHOTS = join(REPO, 'test-results/screenshots');
export const README_SHOTS = join(REPO, 'test/e2e/screenshots');

/** The UI e2e store secrets through the app, so they need a reachable keychain (CI starts gnome-keyring). */
export const keychainMissing: string | false = await createKeychainVault({
  service: `DeskBridge-e2e-probe-${process.pid}`,
})
  .check()
  .then(
    () => false as const,
    (error: unknown) =>
      process.env.CI === 'true'
        ? false
        : `no keychain reachable (${error instanceof Error ? error.message : String(error)})`,
  );

export interface UiEnv {
  serve: ServeProcess;
  browser: Browser;
  onprem: SdpSimulator;
  cloud: SdpSimulator;
  fd: FlashdutySimulator;
  /** A contract call over the server's HTTP API, as the page makes it. */
  api<T = unknown>(method: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
}

/** Contract calls over a headless server's HTTP API, as the page makes them. */
export function serveApi(serve: ServeProcess): UiEnv['api'] {
  return async <T>(method: string, input: unknown = {}): Promise<T> => {
    const response = await postContract(serve, method, input);
    const body = (await response.json()) as { result?: T; error?: { code: string; message: string } };
    if (!response.ok || body.error) throw new Error(`${method}: ${body.error?.code} ${body.error?.message}`);
    return body.result as T;
  };
}

/**
 * A headless DeskBridge, Chromium, and both simulators: SDP on-prem over HTTP, SDP Cloud over HTTPS
 * (its API and accounts server on one origin, trusted through NODE_EXTRA_CA_CERTS) and Flashduty.
 */
export async function startUiEnv(): Promise<UiEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'deskbridge-ui-'));
  const tls = selfSignedCertificate(dir);
  const [onprem, cloud, fd] = await Promise.all([
    startSdpSimulator({ edition: 'onprem', host: '127.0.0.1', addStatuses: FLASHDUTY_GUIDE_STATUSES }),
    startSdpSimulator({ edition: 'cloud', host: '127.0.0.1', tls: { key: tls.key, cert: tls.cert } }),
    startFlashdutySimulator({ host: '127.0.0.1' }),
  ]);
  const [serve, browser] = await Promise.all([
    startServe([], { ...process.env, NODE_EXTRA_CA_CERTS: tls.certFile }),
    launchChromium(),
  ]);
  const api = serveApi(serve);
  // Tests run side by side: each server's webhook listener takes a free port, not the fixed default.
  await api('settings.set', { webhookPort: 0 });
  mkdirSync(SHOTS, { recursive: true });
  return {
    serve,
    browser,
    onprem,
    cloud,
    fd,
    api,
    async close() {
      // Deleting the integrations removes their keychain entries too.
      const list = await api<{ id: string }[]>('integrations.list').catch(() => []);
      for (const i of list) await api('integrations.delete', { id: i.id }).catch(() => undefined);
      await browser.close();
      await serve.stop();
      await Promise.all([onprem.close(), cloud.close(), fd.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface AppPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions in the page; a test ends by expecting none. */
  errors: string[];
}

export async function openApp(
  browser: Browser,
  url: string,
  opts: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<AppPage> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    colorScheme: opts.colorScheme ?? 'light',
    locale: 'en-US',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.getByRole('navigation').first().waitFor();
  return { page, context, errors };
}

export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** Copies this run's screenshots over the ones the README shows. */
/**
 * Copies the named screenshots next to the README, only when asked (`UPDATE_SCREENSHOTS=1 npm test`):
 * an ordinary test run must not rewrite tracked files.
 */
export function publishScreenshots(names: readonly string[]): void {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(README_SHOTS, { recursive: true });
  const taken = new Set(readdirSync(SHOTS));
  for (const name of names)
    if (taken.has(`${name}.png`)) copyFileSync(join(SHOTS, `${name}.png`), join(README_SHOTS, `${name}.png`));
}

export async function tab(
  page: Page,
  name: 'Connection' | 'Basics' | 'Ticket' | 'Status' | 'Inbound' | 'Dry run',
): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(name) }).click();
}

/** Saves the editor and waits until the app has stored it (the hash then names the new ID). */
export async function saveEditor(page: Page): Promise<string> {
  await page.getByTestId('save').click();
  await page.getByText('Saved', { exact: true }).waitFor();
  const id = /#\/integrations\/([A-Za-z0-9_-]+)$/.exec(page.url())?.[1];
  if (!id || id === 'new') throw new Error(`no integration ID in ${page.url()}`);
  return id;
}

/** Fills the new-integration form just enough to save it (an on-prem draft), and saves it: its ID. */
export async function saveDraft(page: Page, name: string): Promise<string> {
  await page.getByText('Private Deployment Version').click();
  await page.locator('#f-endpoint').fill('https://sdp.example.com:8080');
  await tab(page, 'Basics');
  await page.locator('#f-name').fill(name);
  return saveEditor(page);
}

/** Types a write-only credential and stores it, then waits for the "Stored" state. */
export async function storeSecret(page: Page, name: string, value: string): Promise<void> {
  const id = `secret-${name.replace(/\W/g, '-')}`;
  await page.locator(`#${id}`).fill(value);
  await page
    .locator(`#${id}`)
    .locator('..')
    .getByRole('button', { name: /Store|Replace/ })
    .click();
  await page.getByTestId(`secret-state-${name}`).filter({ hasText: 'Stored' }).waitFor();
}

/** Runs "Test connection" and returns each check as id → passed. */
export async function testConnection(page: Page): Promise<Record<string, boolean>> {
  await tab(page, 'Connection');
  const box = page.getByTestId('test-connection');
  await box.getByRole('button', { name: 'Test connection' }).click();
  await box.locator('[data-testid^="check-"]').first().waitFor();
  const checks = await box
    .locator('[data-testid^="check-"]')
    .evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-testid')!.slice(6), e.classList.contains('ok')] as const),
    );
  return Object.fromEntries(checks);
}

/** Turns the open draft on: asks for the first-sync summary, confirms, and waits until it is live. */
export async function turnOn(page: Page): Promise<void> {
  await page.getByTestId('turn-on').click();
  await page.getByTestId('go-live').getByTestId('go-live-first-sync').waitFor({ timeout: 20_000 });
  await page.getByTestId('turn-on-confirm').click();
  await page.getByTestId('turned-on').waitFor();
}
