import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLoopbackHost, parseServeArgs, type ServeArgs } from './cli-args';
import type { IntegrationConfig } from '../shared/common/config';
import type { Demo } from './demo';
import { createAppCore, type AppCore } from './services/app-core';
import { SHUTDOWN_GRACE_MS } from './services/engine';
import { loadConfigFile } from './services/config-transfer';
import { defaultDataDir } from './services/data-dir';
import { lockDataDir, type DataDirLock } from './services/data-lock';
import { confSettings } from './services/settings-file';
import { startHttpTransport } from './transport/http';
import { renderMessage } from '../renderer/src/i18n/messages';

const rendererDir = resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');

export interface Headless {
  url: string;
  core: AppCore;
  close(): Promise<void>;
}

export interface HeadlessIo {
  warn: (line: string) => void;
}

/** Starts the same services as the desktop app, with the UI and contract served over HTTP. */
async function startHeadless(args: ServeArgs, io: HeadlessIo): Promise<Headless> {
  // The demo starts from a clean slate each time (its simulators do too) unless a folder is named.
  const dataDir = resolve(
    args.dataDir ??
      (args.demo
        ? mkdtempSync(join(tmpdir(), 'deskbridge-demo-'))
        : defaultDataDir(process.platform, process.env, homedir())),
  );
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Before anything reads or repairs the folder: a second instance must not touch the first one's files.
  const dataLock = lockDataDir(dataDir, 'headless');
  try {
    return await startLocked(args, io, dataDir, dataLock);
  } catch (error) {
    dataLock.release();
    throw error;
  }
}

async function startLocked(args: ServeArgs, io: HeadlessIo, dataDir: string, dataLock: DataDirLock): Promise<Headless> {
  const managed: IntegrationConfig[] =
    args.configFile === undefined ? [] : await loadConfigFile(resolve(args.configFile));
  const demo: Demo | undefined = args.demo ? await (await import('./demo')).startDemo() : undefined;
  const settings = confSettings(dataDir);
  if (settings.movedAside)
    io.warn(`DeskBridge: settings file was not valid JSON; kept it as ${settings.movedAside} and started fresh.`);
  const core = await createAppCore({
    mode: 'headless',
    dataDir,
    demo: args.demo,
    settingsBackend: settings.backend,
    dataLock,
    managedIntegrations: managed,
    env: { ...process.env, ...demo?.env },
    // A server's terminal reads English; the UI words the same notice in its own language.
    onNotice: (message) => io.warn(`DeskBridge: ${renderMessage(message, 'en')}`),
    onInternalError: (method, error) =>
      io.warn(`DeskBridge: internal error in ${method}: ${error instanceof Error ? error.message : String(error)}`),
  });
  for (const problem of core.settings.problems()) {
    io.warn(
      `DeskBridge: integration #${problem.index + 1} in ${join(dataDir, 'settings.json')} is not valid and was left untouched: ${problem.message}`,
    );
  }
  if (!isLoopbackHost(args.host)) {
    io.warn(
      `DeskBridge: WARNING: listening on ${args.host}, not 127.0.0.1. Anyone who can reach this address and has the token controls DeskBridge.`,
    );
  }
  await demo?.attach(core);
  const token = randomBytes(24).toString('base64url');
  const http = await startHttpTransport({
    dispatcher: core.dispatcher,
    bus: core.bus,
    token,
    staticDir: rendererDir,
    host: args.host,
    port: args.port,
  });
  const shownHost = args.host.includes(':') ? `[${args.host}]` : args.host;
  return {
    url: `http://${shownHost}:${http.port}/?token=${token}`,
    core,
    close: async () => {
      await http.close();
      await core.close();
      await demo?.close();
    },
  };
}

/** `npm run serve`: print the ready line, run until SIGINT/SIGTERM, then shut down cleanly. */
export async function runHeadless(argv: string[]): Promise<void> {
  let args: ServeArgs;
  try {
    args = parseServeArgs(argv);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  let headless: Headless;
  try {
    headless = await startHeadless(args, { warn: (line) => console.error(line) });
  } catch (error) {
    console.error(`DeskBridge could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(`DeskBridge ready: ${headless.url}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // The engine gives calls in flight SHUTDOWN_GRACE_MS; should anything else hold the exit up, it ends here.
    setTimeout(() => {
      console.error('DeskBridge: shutdown took too long; exiting anyway (queued work stays in the outbox).');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS + 5_000).unref();
    headless.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`DeskBridge: error while shutting down: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
