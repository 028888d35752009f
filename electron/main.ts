import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Notification, app, dialog, ipcMain, protocol, session, shell, type BrowserWindow } from 'electron';
import Store from 'electron-store';
import { isSafeExternalUrl } from './external-links';
import { gracefulQuit } from './graceful-quit';
import { uiSettingsSchema, type LogEntry } from '../shared/common/contract';
import { resolveLanguage, type Language } from '../renderer/src/i18n';
import { translate } from '../renderer/src/i18n';
import { renderMessage } from '../renderer/src/i18n/messages';
import { createAppCore } from './services/app-core';
import { lockDataDir, type DataDirLock } from './services/data-lock';
import { openSettingsFile, SETTINGS_FILE_NAME } from './services/settings-file';
import { CONTENT_SECURITY_POLICY } from './transport/http';
import { APP_ORIGIN, forwardEvents, registerIpc } from './transport/ipc';
import { createTray, type TrayController } from './tray';
import { trayCall, type TrayAction } from './tray-model';
import { createMainWindow } from './window';

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '../renderer');
const assetsDir = join(here, '../../electron/assets');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** `app://` serves the built renderer, nothing outside its folder, with the content security policy. */
async function serveRendererFile(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const file = normalize(join(rendererDir, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)));
  if (`${url.protocol}//${url.host}` !== APP_ORIGIN || !file.startsWith(rendererDir + sep)) {
    return new Response('Not found', { status: 404 });
  }
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | undefined;
  let tray: TrayController | undefined;
  let quitting = false;

  const showWindow = (): void => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  app.on('second-instance', showWindow);
  app.on('before-quit', () => {
    quitting = true;
  });
  // Closing the window hides it; the app keeps syncing from the tray until Quit.
  app.on('window-all-closed', () => undefined);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);

    protocol.handle('app', serveRendererFile);

    const notified = new Set<string>();
    // At most one notification per cause per session: a flapping integration must not spam the desktop.
    const notifyOnce = (cause: string, title: string, body: string): void => {
      if (notified.has(cause) || !Notification.isSupported()) return;
      notified.add(cause);
      const notification = new Notification({ title, body });
      notification.on('click', showWindow);
      notification.show();
    };
    const dataDir = app.getPath('userData');
    let dataLock: DataDirLock;
    try {
      dataLock = lockDataDir(dataDir, 'desktop');
    } catch (error) {
      // A headless server on this folder: the single-instance lock above cannot see it.
      dialog.showErrorBox('DeskBridge is already running', (error as Error).message);
      app.exit(1);
      return;
    }
    const settings = openSettingsFile(
      dataDir,
      () => new Store<Record<string, unknown>>({ name: SETTINGS_FILE_NAME, cwd: dataDir, configFileMode: 0o600 }),
    );
    // Notifications and the tray speak the language the window is set to (read when they show).
    let language = (): Language => 'en';
    const core = await createAppCore({
      mode: 'desktop',
      dataDir,
      demo: false,
      settingsBackend: settings.backend,
      dataLock,
      onAttention: (id, name, message) =>
        notifyOnce(`attention:${id}:${message}`, translate('notifyAttention', { name }, language()), message),
      onNotice: (message) =>
        notifyOnce(`notice:${JSON.stringify(message)}`, 'DeskBridge', renderMessage(message, language())),
    });
    language = () =>
      resolveLanguage(uiSettingsSchema.parse(core.settings.ui()).language, app.getPreferredSystemLanguages());
    core.bus.onAny((event, payload) => {
      if (event !== 'log.entry') return;
      const entry = payload as LogEntry;
      if (entry.level !== 'error' || !entry.error || !entry.integrationId) return;
      const title = translate('notifyFailed', {}, language());
      notifyOnce(`failed:${entry.integrationId}:${entry.error.code}`, title, renderMessage(entry.message, language()));
    });

    window = createMainWindow({ preloadPath: join(here, 'preload.cjs'), isQuitting: () => quitting });
    // A language change re-words the tray at once, not at the next status change.
    const dispatcher = {
      dispatch: async (method: string, input: unknown) => {
        const result = await core.dispatcher.dispatch(method, input);
        if (method === 'settings.set') tray?.update(core.board.snapshot(), language());
        return result;
      },
    };
    registerIpc(ipcMain, dispatcher, () => window?.webContents.id);
    forwardEvents(core.bus, (channel, event, payload) => window?.webContents.send(channel, event, payload));

    const onAction = (action: TrayAction): void => {
      const call = trayCall(action);
      if (call !== null) void core.dispatcher.dispatch(call.method, call.input);
      else if (action.kind === 'open') showWindow();
      else if (action.kind === 'quit') app.quit();
    };
    tray = createTray((icon) => join(assetsDir, `tray-${icon}.png`), onAction, showWindow);
    tray.update(core.board.snapshot(), language());
    core.bus.onAny((event) => {
      if (event === 'engine.status') tray?.update(core.board.snapshot(), language());
    });

    // Quitting waits for the engine's shutdown (bounded by its grace period), then exits.
    app.on(
      'before-quit',
      gracefulQuit(
        async () => {
          tray?.destroy();
          await core.close();
        },
        (code) => app.exit(code),
      ),
    );
  });
}
