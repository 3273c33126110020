// Electron entry point: windows, protocol, IPC wiring and security. No application logic
// lives here; it is all in main/, devices/ and forms/, which run under plain Node too.
import { app, BrowserWindow, Menu, safeStorage, screen as displays, type WebContents } from 'electron';
import { join } from 'node:path';
import { createHandlers } from '../main/app-handlers.ts';
import type { ScreenName } from '../main/ipc/contract.ts';
import { createProductionServices } from '../main/services/production.ts';
import { forwardEvents, registerIpc } from './ipc.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { APP_ORIGIN, hardenSession, installAppHardening } from './security.ts';

const isDevelopment = !app.isPackaged && process.env.NODE_ENV === 'development';

app.enableSandbox();
registerAppScheme();
installAppHardening(isDevelopment);

if (!app.requestSingleInstanceLock()) app.quit();

const windows = new Map<ScreenName, BrowserWindow>();

/** Where the resident screen goes: full-screen kiosk on a second display when there is one. */
function residentPlacement(): { kiosk: boolean; x?: number; y?: number } {
  const primary = displays.getPrimaryDisplay();
  const second = displays.getAllDisplays().find((d) => d.id !== primary.id);
  return second ? { kiosk: true, x: second.bounds.x, y: second.bounds.y } : { kiosk: false };
}

function createWindow(screen: ScreenName): BrowserWindow {
  const placement = screen === 'resident' ? residentPlacement() : { kiosk: false };
  // The options are one literal so that reviewers (and electronegativity) see them whole.
  const window = new BrowserWindow({
    width: screen === 'resident' ? 1080 : 1280,
    height: 800,
    ...placement,
    show: false,
    title: '書かない窓口',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      additionalArguments: [`--kiosk-screen=${screen}`],
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // No middle-click "open in new window" (electronegativity AUXCLICK).
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: isDevelopment,
      spellcheck: false,
    },
  });
  windows.set(screen, window);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => windows.delete(screen));
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') window.reload();
  });
  void window.loadURL(`${APP_ORIGIN}/index.html#/${screen}`);
  return window;
}

function screenOf(contents: WebContents): ScreenName | null {
  for (const [screen, window] of windows) if (!window.isDestroyed() && window.webContents.id === contents.id) return screen;
  return null;
}

app.whenReady().then(async () => {
  Menu.setApplicationMenu(null);
  hardenSession();
  serveRenderer(join(import.meta.dirname, '../renderer'));
  const services = await createProductionServices({
    dataDir: app.getPath('userData'),
    version: app.getVersion(),
    sealer: {
      seal: (plain) => safeStorage.encryptString(plain.toString('hex')),
      unseal: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'hex'),
    },
    openDashboard: () => {
      const existing = windows.get('supervisor');
      if (existing && !existing.isDestroyed()) existing.focus();
      else createWindow('supervisor');
    },
  });
  registerIpc(createHandlers(services), screenOf);
  forwardEvents(services.events, () =>
    [...windows].filter(([, w]) => !w.isDestroyed()).map(([screen, w]) => ({ screen, contents: w.webContents })),
  );
  createWindow('staff');
  createWindow('resident');
  app.on('before-quit', () => void services.close());
});

app.on('window-all-closed', () => app.quit());
