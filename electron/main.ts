// Electron entry point: windows, protocol, IPC wiring and security. No application logic
// lives here; it is all in main/, devices/ and forms/, which run under plain Node too.
import { app, BrowserWindow, Menu } from 'electron';
import { join } from 'node:path';
import { createHandlers } from '../main/app-handlers.ts';
import { registerIpc } from './ipc.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { APP_ORIGIN, hardenSession, installAppHardening } from './security.ts';

const isDevelopment = !app.isPackaged && process.env.NODE_ENV === 'development';

app.enableSandbox();
registerAppScheme();
installAppHardening(isDevelopment);

if (!app.requestSingleInstanceLock()) app.quit();

function createStaffWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    title: '書かない窓口',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      devTools: isDevelopment,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') window.reload();
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

app.whenReady().then(() => {
  Menu.setApplicationMenu(null);
  hardenSession();
  serveRenderer(join(import.meta.dirname, '../renderer'));
  registerIpc(createHandlers({ name: app.getName(), version: app.getVersion(), demoMode: true }));
  createStaffWindow();
});

app.on('window-all-closed', () => app.quit());
