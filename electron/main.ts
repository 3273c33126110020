// Electron entry point: windows, protocol, IPC wiring and security. No application logic
// lives here; it is all in main/, devices/ and forms/, which run under plain Node too.
import { app, dialog, Menu, safeStorage, type BrowserWindow, type WebContents } from 'electron';
import { join } from 'node:path';
import { createHandlers } from '../main/app-handlers.ts';
import type { ScreenName } from '../main/ipc/contract.ts';
import { createProductionServices } from '../main/services/production.ts';
import { checkSecretStore } from '../main/crypto/secret-store.ts';
import { isKioskError } from '../domain/errors.ts';
import { installCrashGuard } from '../main/crash-guard.ts';
import { forwardEvents, registerIpc } from './ipc.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { hardenSession, installAppHardening } from './security.ts';
import { createKioskWindow } from './windows.ts';

// Everything the app creates is owner-only (0600 files, 0700 folders), whatever the session's umask.
process.umask(0o077);

const isDevelopment = !app.isPackaged && process.env.NODE_ENV === 'development';

// An error nobody caught: a dialog with its code only (Electron's own shows the message and the
// stack, which may quote a resident's data), then the app ends; the queue and print jobs are on disk.
installCrashGuard((summary) => {
  dialog.showErrorBox(
    '書かない窓口',
    `予期しないエラーが発生しました（${summary}）。アプリを起動し直してください。\n\nAn unexpected error occurred (${summary}). Start the app again.`,
  );
  app.exit(1);
});
app.enableSandbox();
registerAppScheme();
installAppHardening(isDevelopment);

// A second instance must stop here: two would open the same database.
if (!app.requestSingleInstanceLock()) app.quit();
else start();

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

function start(): void {
  app.whenReady().then(run);
  app.on('window-all-closed', () => app.quit());
}

/**
 * The secret store's backend when it protects nothing and IT staff started the app anyway
 * (KIOSK_ALLOW_INSECURE_KEYSTORE=1): recorded in the audit log at start, not only on stderr.
 */
let insecureKeyStore: string | null = null;

/** The OS secret store must protect the master key (electron: safeStorage; the decision is main/crypto/secret-store.ts). */
function secretStoreAllowed(): boolean {
  try {
    const encryptionAvailable = safeStorage.isEncryptionAvailable();
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
    const warning = checkSecretStore({
      platform: process.platform,
      encryptionAvailable,
      backend,
      allowInsecure: process.env.KIOSK_ALLOW_INSECURE_KEYSTORE === '1',
    });
    if (warning) {
      console.error(warning);
      insecureKeyStore = encryptionAvailable ? backend : 'no-encryption';
    }
    return true;
  } catch (error) {
    dialog.showErrorBox('書かない窓口', isKioskError(error) ? `${error.message}\n\n${error.messageEn}` : 'Secret store check failed.');
    app.quit();
    return false;
  }
}

async function run(): Promise<void> {
  if (!secretStoreAllowed()) return;
  Menu.setApplicationMenu(null);
  hardenSession();
  serveRenderer(join(import.meta.dirname, '../renderer'));
  let services: Awaited<ReturnType<typeof createProductionServices>>;
  try {
    services = await createProductionServices({
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
  } catch (error) {
    // A database or key that must not be used (behind its ticket marks, a foreign key, a damaged
    // or read-only file): IT staff read what happened and what to do, and the app does not start.
    dialog.showErrorBox(
      '書かない窓口',
      isKioskError(error)
        ? `${error.message}\n\n${error.action}\n\n${error.messageEn} [${error.code}]`
        : '起動できませんでした。システム担当に連絡してください。\n\nThe app could not start.',
    );
    app.quit();
    return;
  }
  if (insecureKeyStore)
    services.audit.record({
      staffId: null,
      counter: services.counter,
      action: 'insecure-key-store',
      reference: null,
      detail: insecureKeyStore,
    });
  registerIpc(createHandlers(services), screenOf);
  forwardEvents(services.events, () =>
    [...windows].filter(([, w]) => !w.isDestroyed()).map(([screen, w]) => ({ screen, contents: w.webContents })),
  );
  createWindow('staff');
  createWindow('resident');
  app.on('before-quit', () => void services.close());
}
