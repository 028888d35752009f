import { BrowserWindow } from 'electron';
import { APP_ORIGIN } from './transport/ipc';
import { mainWindowWebPreferences } from './window-options';

export interface MainWindowOptions {
  preloadPath: string;
  /** Closing hides to the tray unless the app is really quitting. */
  isQuitting: () => boolean;
}

/** The one app window, with every Electron security checklist switch set. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 880,
    minHeight: 560,
    show: false,
    title: 'DeskBridge',
    backgroundColor: '#00000000',
    webPreferences: mainWindowWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (!options.isQuitting()) {
      event.preventDefault();
      window.hide();
    }
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
