// The browser transport shared by the end-to-end tests and `npm run demo`: serves the BUILT
// renderer (out/renderer) over HTTP on 127.0.0.1 with the same CSP as the Electron app, and
// answers `window.kiosk` calls with the SAME handler registry (main/ipc/registry.ts → handle)
// that electron/ipc.ts registers with ipcMain. Push events travel as server-sent events. The
// screen of each call comes from the shim (the preload's role): the tests inject it per page;
// the demo serves it as a script, and then every request must carry the demo's random token.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { eventScreens, screenNames, type ScreenName } from '../main/ipc/contract.ts';
import { handle, type HandlerMap } from '../main/ipc/registry.ts';
import type { EventHub } from '../main/services/event-hub.ts';

/** The CSP the Electron shell sets (electron/security.ts), applied here too. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** The demo shows the three screens side by side in frames of its own page (same origin only). */
const DEMO_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'");

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface Bridge {
  url: string;
  server: Server;
  /** Number of requests served per channel (for the harness's own checks). */
  calls: Map<string, number>;
  /** Open event streams per screen: a page hears pushes only once its stream is registered. */
  streamsOf(screen: ScreenName): number;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export interface BridgeOptions {
  handlers: HandlerMap;
  events: EventHub;
  rendererDir: string;
  /**
   * The demo's secret: when set, every call, event stream and screen needs it (`x-kiosk-token`
   * or `?token=`), the shim is served as /kiosk-shim.js and `/` is the side-by-side demo page.
   */
  token?: string;
  /** The demo page (served at `/?token=…`) and its style sheet (`/demo.css`). */
  demoPage?: (token: string) => string;
  demoCss?: string;
}

function tokenOf(request: IncomingMessage, url: URL): string | null {
  const header = request.headers['x-kiosk-token'];
  return typeof header === 'string' ? header : url.searchParams.get('token');
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const root = normalize(options.rendererDir + sep);
  const streams = new Set<{ screen: ScreenName; response: ServerResponse }>();
  const calls = new Map<string, number>();
  const unsubscribe = options.events.subscribe((event) => {
    for (const stream of streams) {
      if (eventScreens[event].includes(stream.screen)) stream.response.write(`data: ${event}\n\n`);
    }
  });

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    try {
      const token = options.token;
      const asset = request.method === 'GET' && url.pathname.startsWith('/assets/');
      if (token !== undefined && !asset && tokenOf(request, url) !== token) {
        response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('403: トークンが違います / wrong token');
        return;
      }
      if (token !== undefined && request.method === 'GET' && url.pathname === '/') {
        response.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': DEMO_CSP,
          'cache-control': 'no-store',
        });
        response.end(options.demoPage?.(token) ?? '');
        return;
      }
      if (token !== undefined && request.method === 'GET' && url.pathname === '/demo.css') {
        response.writeHead(200, { 'content-type': 'text/css; charset=utf-8' }).end(options.demoCss ?? '');
        return;
      }
      if (token !== undefined && request.method === 'GET' && url.pathname === '/kiosk-shim.js') {
        const screen = url.searchParams.get('screen') ?? '';
        if (!(screenNames as readonly string[]).includes(screen)) {
          response.writeHead(403).end();
          return;
        }
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
        response.end(`(${kioskShim.toString()})(${JSON.stringify(screen)}, ${JSON.stringify(token)});`);
        return;
      }
      if (request.method === 'POST' && url.pathname.startsWith('/ipc/')) {
        const channel = decodeURIComponent(url.pathname.slice('/ipc/'.length));
        const screen = request.headers['x-kiosk-screen'];
        if (typeof screen !== 'string' || !(screenNames as readonly string[]).includes(screen)) {
          response.writeHead(403).end();
          return;
        }
        const body = await readBody(request);
        let payload: unknown;
        try {
          payload = body ? JSON.parse(body) : {};
        } catch {
          payload = undefined;
        }
        calls.set(channel, (calls.get(channel) ?? 0) + 1);
        const result = await handle(options.handlers, channel, payload, { screen: screen as ScreenName });
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        response.end(JSON.stringify(result));
        return;
      }
      if (request.method === 'GET' && url.pathname === '/events') {
        const screen = url.searchParams.get('screen') ?? '';
        if (!(screenNames as readonly string[]).includes(screen)) {
          response.writeHead(403).end();
          return;
        }
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        response.write(': connected\n\n');
        const stream = { screen: screen as ScreenName, response };
        streams.add(stream);
        request.on('close', () => streams.delete(stream));
        return;
      }
      if (request.method === 'GET') {
        const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
        const file = normalize(join(root, relative));
        if (!file.startsWith(root)) {
          response.writeHead(404).end();
          return;
        }
        let content: Buffer | string = await readFile(file);
        const screen = url.searchParams.get('screen');
        if (token !== undefined && relative === '/index.html' && screen !== null) {
          // The preload's stand-in, loaded before the app's own module script.
          const shim = `<script src="/kiosk-shim.js?screen=${encodeURIComponent(screen)}&token=${encodeURIComponent(token)}"></script>`;
          content = content.toString('utf8').replace('<script', `${shim}<script`);
        }
        response.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': token === undefined ? CSP : DEMO_CSP,
        });
        response.end(content);
        return;
      }
      response.writeHead(405).end();
    } catch {
      if (!response.headersSent) response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('bridge did not bind');
  return {
    url: `http://127.0.0.1:${address.port}`,
    server,
    calls,
    streamsOf: (screen) => [...streams].filter((s) => s.screen === screen).length,
    async close() {
      unsubscribe();
      for (const stream of streams) stream.response.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The page-side shim (the preload's stand-in), injected with page.addInitScript before any
 * page script runs. It must be self-contained: Playwright serialises it into the page.
 */
export function kioskShim(screen: string, token?: string): void {
  const listeners = new Map<string, Set<() => void>>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`/events?screen=${encodeURIComponent(screen)}${token ? `&token=${encodeURIComponent(token)}` : ''}`);
    source.onmessage = (message) => {
      for (const listener of listeners.get(String(message.data)) ?? []) listener();
    };
  };
  const api = {
    screen,
    invoke(channel: string, request: unknown) {
      return fetch(`/ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kiosk-screen': screen, ...(token ? { 'x-kiosk-token': token } : {}) },
        body: JSON.stringify(request ?? {}),
      }).then((r) => r.json());
    },
    on(event: string, listener: () => void) {
      ensureSource();
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  Object.defineProperty(window, 'kiosk', { value: Object.freeze(api), configurable: false, writable: false });
}
