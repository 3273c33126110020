// Session- and app-wide hardening (Electron security checklist): no permissions, no
// navigation away from the bundled UI, no new windows, a strict CSP on every response.
import { app, session, type WebContents } from 'electron';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://kiosk`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * True only for app://kiosk/… . Compares scheme and host, not `origin`: WHATWG URL (Node, and so
 * Electron's main process) reports origin "null" for non-special schemes such as app:.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'kiosk' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

export function hardenWebContents(contents: WebContents, allowDevTools: boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('before-input-event', (event, input) => {
    if (allowDevTools) return;
    const key = input.key.toLowerCase();
    const reload = key === 'f5' || ((input.control || input.meta) && key === 'r');
    const devtools = key === 'f12' || ((input.control || input.meta) && input.shift && key === 'i');
    if (reload || devtools) event.preventDefault();
  });
}

export function installAppHardening(allowDevTools: boolean): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, allowDevTools));
}
