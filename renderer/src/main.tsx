import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { PreloadBridge } from '../../shared/common/contract';
import { App } from './App';
import { applyLanguage, resolveLanguage } from './i18n';
import { httpBackend } from './backend/http';
import { ipcBackend } from './backend/ipc';
import { TokenMissing } from './pages/TokenMissing';
import { useApp } from './store';
// One sheet per part of the window, in cascade order: later sheets may refine earlier ones.
import './styles/base.css';
import './styles/status.css';
import './styles/controls.css';
import './styles/editor.css';
import './styles/editor-panels.css';
import './styles/log.css';
import './styles/settings.css';

declare global {
  interface Window {
    deskbridge?: PreloadBridge;
  }
}

const root = createRoot(document.getElementById('root')!);
const bridge = window.deskbridge;
// Read once: the token stays in this module's memory, never in storage.
const token = new URLSearchParams(window.location.search).get('token');

if (bridge) {
  useApp.getState().setConnection('online');
  useApp.getState().start(ipcBackend(bridge));
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} else if (token) {
  useApp.getState().start(httpBackend({ token, onConnection: (state) => useApp.getState().setConnection(state) }));
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} else {
  // Without its access link the page cannot read the language setting: it speaks the browser's.
  document.documentElement.lang = applyLanguage(resolveLanguage('system', navigator.languages));
  root.render(
    <StrictMode>
      <TokenMissing />
    </StrictMode>,
  );
}
