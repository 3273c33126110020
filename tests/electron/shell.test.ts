// Bitwarden-style tests of the Electron shell without Electron: `electron` is mocked, and the
// tests assert the options and handlers the shell installs (window options, navigation and
// permission policy, key blocking, IPC sender checks, the preload's allowlists).
import { beforeEach, describe, expect, it, vi } from 'vitest';

const mocks = vi.hoisted(() => {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const contentsHandlers = new Map<string, (...args: unknown[]) => unknown>();
  const BrowserWindow = vi.fn(function (this: Record<string, unknown>, options: unknown) {
    this.options = options;
    this.once = vi.fn();
    this.on = vi.fn();
    this.show = vi.fn();
    this.reload = vi.fn();
    this.loadURL = vi.fn(() => Promise.resolve());
    this.webContents = { on: vi.fn() };
  });
  return {
    handlers,
    contentsHandlers,
    BrowserWindow,
    ipcMain: { handle: vi.fn((channel: string, fn: (...args: unknown[]) => unknown) => handlers.set(channel, fn)) },
    screen: { getPrimaryDisplay: vi.fn(() => ({ id: 1 })), getAllDisplays: vi.fn(() => [{ id: 1, bounds: { x: 0, y: 0 } }]) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() },
      },
    },
    app: { on: vi.fn() },
    exposed: new Map<string, unknown>(),
    ipcRenderer: { invoke: vi.fn(() => Promise.resolve({ ok: true, value: {} })), on: vi.fn(), removeListener: vi.fn() },
  };
});

vi.mock('electron', () => ({
  BrowserWindow: mocks.BrowserWindow,
  ipcMain: mocks.ipcMain,
  screen: mocks.screen,
  session: mocks.session,
  app: mocks.app,
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => mocks.exposed.set(key, api) },
  ipcRenderer: mocks.ipcRenderer,
}));

import { createKioskWindow } from '../../electron/windows.ts';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY, hardenSession, hardenWebContents, isAppUrl } from '../../electron/security.ts';
import { registerIpc } from '../../electron/ipc.ts';
import { channelNames, CHANNEL_PREFIX, EVENT_CHANNEL, type KioskApi } from '../../main/ipc/contract.ts';
import type { HandlerMap } from '../../main/ipc/registry.ts';

type WindowOptions = { webPreferences: Record<string, unknown>; kiosk?: boolean };

beforeEach(() => {
  mocks.BrowserWindow.mockClear();
});

describe('BrowserWindow options', () => {
  it('creates every screen sandboxed, context-isolated, without Node, with devtools off', () => {
    for (const screen of ['staff', 'resident', 'supervisor'] as const) {
      const window = createKioskWindow(screen, { isDevelopment: false, preloadDir: '/app/out/preload' }) as unknown as {
        options: WindowOptions;
        loadURL: ReturnType<typeof vi.fn>;
      };
      const prefs = window.options.webPreferences;
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        devTools: false,
        preload: '/app/out/preload/index.cjs',
        additionalArguments: [`--kiosk-screen=${screen}`],
      });
      expect(prefs).not.toHaveProperty('enableBlinkFeatures');
      expect(window.loadURL).toHaveBeenCalledWith(`${APP_ORIGIN}/index.html#/${screen}`);
    }
  });

  it('puts the resident screen full-screen on the second display when there is one', () => {
    mocks.screen.getAllDisplays.mockReturnValueOnce([
      { id: 1, bounds: { x: 0, y: 0 } },
      { id: 2, bounds: { x: 1920, y: 0 } },
    ]);
    const window = createKioskWindow('resident', { isDevelopment: false, preloadDir: '/p' }) as unknown as {
      options: WindowOptions & { x: number };
    };
    expect(window.options).toMatchObject({ kiosk: true, x: 1920 });
    const staff = createKioskWindow('staff', { isDevelopment: false, preloadDir: '/p' }) as unknown as { options: WindowOptions };
    expect(staff.options.kiosk).toBe(false);
  });
});

describe('navigation, windows, keys and permissions', () => {
  function contents() {
    const handlers = new Map<string, (...args: unknown[]) => void>();
    let openHandler: (() => unknown) | null = null;
    return {
      handlers,
      open: () => openHandler?.(),
      on: vi.fn((event: string, fn: (...args: unknown[]) => void) => handlers.set(event, fn)),
      setWindowOpenHandler: vi.fn((fn: () => unknown) => (openHandler = fn)),
    };
  }

  it('recognises only the app origin', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html#/staff`)).toBe(true);
    for (const url of [
      'app://kiosk.evil.example/',
      'app://other/',
      'app://user@kiosk/',
      'app://kiosk:8080/',
      'file:///etc/passwd',
      'https://kiosk/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('blocks navigation away from the app, new windows and webviews', () => {
    const c = contents();
    hardenWebContents(c as never, false);
    const navigate = c.handlers.get('will-navigate');
    const away = { preventDefault: vi.fn() };
    navigate?.(away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    navigate?.(inside, `${APP_ORIGIN}/index.html`);
    expect(inside.preventDefault).not.toHaveBeenCalled();
    expect(c.open()).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    c.handlers.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('swallows reload and devtools keys outside development only', () => {
    const keys = [{ key: 'F5' }, { key: 'r', control: true }, { key: 'I', control: true, shift: true }, { key: 'F12' }];
    const production = contents();
    hardenWebContents(production as never, false);
    for (const input of keys) {
      const event = { preventDefault: vi.fn() };
      production.handlers.get('before-input-event')?.(event, { control: false, meta: false, shift: false, ...input });
      expect(event.preventDefault, JSON.stringify(input)).toHaveBeenCalled();
    }
    const typing = { preventDefault: vi.fn() };
    production.handlers.get('before-input-event')?.(typing, { key: '5', control: false, meta: false, shift: false });
    expect(typing.preventDefault).not.toHaveBeenCalled();
    const development = contents();
    hardenWebContents(development as never, true);
    const event = { preventDefault: vi.fn() };
    development.handlers.get('before-input-event')?.(event, { key: 'F12', control: false, meta: false, shift: false });
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('denies every permission and sets the CSP header on every response', () => {
    hardenSession();
    const ses = mocks.session.defaultSession;
    const request = ses.setPermissionRequestHandler.mock.calls[0]?.[0] as (w: unknown, p: string, cb: (ok: boolean) => void) => void;
    const callback = vi.fn();
    request({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    const check = ses.setPermissionCheckHandler.mock.calls[0]?.[0] as () => boolean;
    expect(check()).toBe(false);
    const headers = ses.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (
      d: unknown,
      cb: (r: { responseHeaders: Record<string, string[]> }) => void,
    ) => void;
    const done = vi.fn();
    headers({ responseHeaders: { 'content-type': ['text/html'] } }, done);
    expect(done.mock.calls[0]?.[0].responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
});

describe('IPC sender checks', () => {
  const staffContents = { id: 7 };
  const handlers = {
    'app:info': vi.fn(() => ({ name: 'n', version: 'v', demoMode: false, idleTimeoutSeconds: 1, idleCountdownSeconds: 1 })),
  } as unknown as HandlerMap;
  registerIpc(handlers, (contents) => (contents === staffContents ? 'staff' : null));
  const call = (event: unknown) =>
    Promise.resolve(mocks.handlers.get(`${CHANNEL_PREFIX}app:info`)?.(event, {}) as { ok: boolean; error?: { code: string } });

  it('registers exactly the contract channels', () => {
    expect([...mocks.handlers.keys()].sort()).toEqual(channelNames.map((c) => `${CHANNEL_PREFIX}${c}`).sort());
  });

  it('answers the app main frame of a known window', async () => {
    await expect(call({ sender: staffContents, senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('refuses other origins, subframes and unknown windows', async () => {
    for (const event of [
      { sender: staffContents, senderFrame: { url: 'https://evil.example/', parent: null } },
      { sender: staffContents, senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: {} } },
      { sender: { id: 99 }, senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } },
      { sender: staffContents, senderFrame: null },
    ]) {
      await expect(call(event)).resolves.toMatchObject({ ok: false, error: { code: 'ipc/forbidden-sender' } });
    }
  });
});

describe('preload', () => {
  it('exposes one narrow API with channel and event allowlists', async () => {
    const argv = process.argv;
    process.argv = [...argv, '--kiosk-screen=supervisor'];
    try {
      await import('../../electron/preload.ts');
    } finally {
      process.argv = argv;
    }
    const api = mocks.exposed.get('kiosk') as KioskApi;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'screen']);
    expect(api.screen).toBe('supervisor');
    await expect(api.invoke('fs:read' as never, {} as never)).rejects.toThrow('unknown channel');
    expect(mocks.ipcRenderer.invoke).not.toHaveBeenCalled();
    await api.invoke('app:info', {});
    expect(mocks.ipcRenderer.invoke).toHaveBeenCalledWith(`${CHANNEL_PREFIX}app:info`, {});
    expect(() => api.on('anything' as never, () => undefined)).toThrow('unknown event');
    const listener = vi.fn();
    const off = api.on('queue-changed', listener);
    const wrapped = mocks.ipcRenderer.on.mock.calls[0]?.[1] as (event: unknown, name: unknown) => void;
    expect(mocks.ipcRenderer.on.mock.calls[0]?.[0]).toBe(EVENT_CHANNEL);
    wrapped({ sender: 'secret' }, 'wipe');
    expect(listener).not.toHaveBeenCalled();
    wrapped({ sender: 'secret' }, 'queue-changed');
    expect(listener).toHaveBeenCalledWith();
    off();
    expect(mocks.ipcRenderer.removeListener).toHaveBeenCalledWith(EVENT_CHANNEL, wrapped);
  });
});

describe('app:// protocol', () => {
  it('serves only files under the renderer directory, with the CSP header', async () => {
    const handlers = new Map<string, (request: Request) => Promise<Response>>();
    const protocol = {
      handle: vi.fn((scheme: string, fn: (request: Request) => Promise<Response>) => handlers.set(scheme, fn)),
      registerSchemesAsPrivileged: vi.fn(),
    };
    const fetched: string[] = [];
    const net = {
      fetch: vi.fn(async (url: string) => (fetched.push(url), new Response('<html></html>', { headers: { 'content-type': 'text/html' } }))),
    };
    vi.doMock('electron', () => ({ protocol, net }));
    vi.resetModules();
    const { serveRenderer } = await import('../../electron/protocol.ts');
    const { CONTENT_SECURITY_POLICY: csp } = await import('../../electron/security.ts');
    serveRenderer('/opt/kiosk/out/renderer');
    const serve = handlers.get('app');
    if (!serve) throw new Error('app scheme not handled');
    const ok = await serve(new Request('app://kiosk/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(csp);
    expect(fetched).toEqual(['file:///opt/kiosk/out/renderer/index.html']);
    // Encoded separators that would climb out of the directory are refused…
    for (const path of ['/..%2F..%2Fetc%2Fpasswd', '/assets%2F..%2F..%2F..%2Fetc%2Fshadow']) {
      const refused = await serve(new Request(`app://kiosk${path}`));
      expect(refused.status, path).toBe(404);
    }
    // …and dot segments are resolved by the URL parser before we see them: they stay inside.
    await serve(new Request('app://kiosk/%2e%2e/%2e%2e/etc/passwd'));
    expect(fetched.every((url) => url.startsWith('file:///opt/kiosk/out/renderer/'))).toBe(true);
    vi.doUnmock('electron');
  });
});
