// The app's windows. Every window is created here, with one literal set of secure
// webPreferences (reviewers and electronegativity see them whole); only the screen name,
// size and placement differ.
import { BrowserWindow, screen as displays } from 'electron';
import { join } from 'node:path';
import type { ScreenName } from '../main/ipc/contract.ts';
import { APP_ORIGIN } from './security.ts';

export interface WindowOptions {
  /** Development builds only: devtools and reload keys. */
  isDevelopment: boolean;
  /** Directory of the built preload (out/preload). */
  preloadDir: string;
}

/** Where the resident screen goes: full-screen kiosk on a second display when there is one. */
export function residentPlacement(): { kiosk: boolean; x?: number; y?: number } {
  const primary = displays.getPrimaryDisplay();
  const second = displays.getAllDisplays().find((d) => d.id !== primary.id);
  return second ? { kiosk: true, x: second.bounds.x, y: second.bounds.y } : { kiosk: false };
}

export function createKioskWindow(screen: ScreenName, options: WindowOptions): BrowserWindow {
  const placement = screen === 'resident' ? residentPlacement() : { kiosk: false };
  const window = new BrowserWindow({
    width: screen === 'resident' ? 1080 : 1280,
    height: 800,
    ...placement,
    show: false,
    title: '書かない窓口',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(options.preloadDir, 'index.cjs'),
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
      devTools: options.isDevelopment,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') window.reload();
  });
  void window.loadURL(`${APP_ORIGIN}/index.html#/${screen}`);
  return window;
}
