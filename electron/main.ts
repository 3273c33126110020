// Electron entry point: windows, protocol, IPC wiring and security. No application logic
// lives here; it is all in main/, devices/ and forms/, which run under plain Node too.
import { app, Menu, safeStorage, type BrowserWindow, type WebContents } from 'electron';
import { join } from 'node:path';
import { createHandlers } from '../main/app-handlers.ts';
import type { ScreenName } from '../main/ipc/contract.ts';
import { createProductionServices } from '../main/services/production.ts';
import { forwardEvents, registerIpc } from './ipc.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { hardenSession, installAppHardening } from './security.ts';
import { createKioskWindow } from './windows.ts';

const isDevelopment = !app.isPackaged && process.env.NODE_ENV === 'development';

app.enableSandbox();
registerAppScheme();
installAppHardening(isDevelopment);

if (!app.requestSingleInstanceLock()) app.quit();

const windows = new Map<ScreenName, BrowserWindow>();

function createWindow(screen: ScreenName): BrowserWindow {
  const window = createKioskWindow(screen, { isDevelopment, preloadDir: join(import.meta.dirname, '../preload') });
  windows.set(screen, window);
  window.on('closed', () => windows.delete(screen));
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
    appRoot: app.getAppPath(),
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
