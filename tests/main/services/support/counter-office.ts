// Counter apps linked to a real office, and the link between them as a real TCP/HTTP proxy the
// test can slow down (hold a request until told) or cut (every connection dropped, as a pulled LAN
// cable or a dead switch would). Each counter app is the app's own services (real-modules.ts,
// app-services.ts) over its own data folder and SQLite files, printing to the real CUPS-PDF queue.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { MoveInput } from '../../../../domain/visit.ts';
import { createHandlers } from '../../../../main/app-handlers.ts';
import { createFileKeyProvider } from '../../../../main/crypto/key-provider.ts';
import { handle } from '../../../../main/ipc/registry.ts';
import { createAppServices, type AppServices } from '../../../../main/services/app-services.ts';
import type { FormsPort } from '../../../../main/services/ports.ts';
import { openRealModules } from '../../../../main/services/real-modules.ts';

export interface CounterApp {
  readonly id: string;
  readonly services: AppServices;
  readonly receipts: { ticket: string; text: string }[];
  readonly dir: string;
  close(): Promise<void>;
}

/** A counter PC: its own data folder, SQLite files and outbox; the office's URL (here: a proxy) and its machine token. */
export async function counterApp(id: string, officeUrl: string, token: string): Promise<CounterApp> {
  const dir = mkdtempSync(join(tmpdir(), `kiosk-counter-${id}-`));
  const modules = openRealModules({
    dataDir: dir,
    keys: createFileKeyProvider(join(dir, 'master.key')),
    printerName: 'KioskPDF',
    demo: true, // a CUPS-PDF queue: demo mode only
    cardService: null,
    printPollMs: 300,
    office: { url: officeUrl, token },
    officePushMs: 200,
  });
  const receipts: CounterApp['receipts'] = [];
  const real = modules.forms;
  const forms: FormsPort = {
    factQuestions: (members) => real.factQuestions(members),
    lookupPostal: (code) => real.lookupPostal(code),
    decide: (household, overrides) => real.decide(household, overrides),
    checklist: (household, overrides) => real.checklist?.(household, overrides) ?? [],
    render: (household, overrides) => real.render(household, overrides),
    async receipt(household, ticket) {
      const pdf = await real.receipt(household, ticket);
      receipts.push({ ticket: ticket.number, text: execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' }) });
      return pdf;
    },
  };
  const services = createAppServices({
    dataDir: dir,
    info: { name: 't', version: '0', demoMode: true, idleTimeoutSeconds: 600, idleCountdownSeconds: 30 },
    card: null,
    forms,
    queue: modules.queue,
    printer: modules.printer,
    office: modules.office,
    kdf: { N: 2 ** 10, r: 8, p: 1 },
    counter: id,
    pools: ['tennyu', 'tenkyo'],
  });
  signIn(services, id);
  return {
    id,
    services,
    receipts,
    dir,
    async close() {
      await services.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function signIn(services: AppServices, counter: string, staffId = `staff-${counter}`): void {
  services.staff.signIn('staff', { staffId, role: 'staff', counter });
}

export const MOVE: MoveInput = {
  kind: 'tennyu',
  moveDate: '2026-11-20',
  postalCode: '060-0001',
  address: '北海道札幌市中央区北一条西２丁目１番地',
  building: '',
  previousPostalCode: '980-0811',
  previousAddress: '宮城県仙台市青葉区一番町四丁目１１番１号',
  phone: '',
};

/** A visit up to its preview (the forms rendered): the next step is print, which numbers it. */
export async function previewed(app: CounterApp, name: string, kind: MoveInput['kind'] = 'tennyu'): Promise<void> {
  const session = app.services.session;
  session.start();
  session.addMember({ name, furigana: 'サトウ　ケンジ', birthDate: '1979-03-02', sex: 'male', relationship: '世帯主' });
  session.setMove({ ...MOVE, kind });
  await session.renderPreview();
}

/** One visit at the counter, from a new visit to the 受付票: its ticket as the console shows it. */
export async function visit(app: CounterApp, name: string, kind: MoveInput['kind'] = 'tennyu') {
  const session = app.services.session;
  await previewed(app, name, kind);
  await session.print();
  expect((await session.view()).error).toBeNull();
  await expect.poll(async () => (await session.view()).printJobs.every((j) => j.state === 'completed'), { timeout: 30_000 }).toBe(true);
  await session.issueTicket();
  await expect.poll(async () => (await session.view()).ticket?.receipt, { timeout: 30_000 }).toBe('printed');
  const ticket = (await session.view()).ticket!;
  session.end('completed');
  return ticket;
}

export const invoke = async (
  app: CounterApp,
  channel: 'hall:call-next' | 'hall:recall' | 'hall:no-show' | 'hall:call-number' | 'hall:transfer' | 'auth:sign-out',
  request: object = {},
) => handle(createHandlers(app.services), channel, request, { screen: 'staff' });

/** A request the proxy holds: it reached the proxy, and goes on (or is dropped) when the test says. */
export interface HeldRequest {
  readonly method: string;
  readonly path: string;
  /** Forward it to the office now (the office acts on it then; its answer goes back to the counter). */
  release(): void;
  /** Drop its connection (the counter sees a reset: office/unreachable); the office never sees it. */
  drop(): void;
}

export interface LinkProxy {
  readonly url: string;
  /** Hold the next request whose method and path match (once); resolves when it has arrived. */
  hold(method: string, path: RegExp): Promise<HeldRequest>;
  /** Cut the link: every connection, open or new, is destroyed. `false` restores it. */
  cut(on: boolean): void;
  /** Connections and requests dropped while cut. */
  readonly dropped: number;
  close(): Promise<void>;
}

/** A plain HTTP proxy on 127.0.0.1 in front of the office (what a LAN between counter and office does). */
export async function startLinkProxy(target: () => string): Promise<LinkProxy> {
  let cut = false;
  let dropped = 0;
  const sockets = new Set<Socket>();
  const holds: { method: string; path: RegExp; arrived: (held: HeldRequest) => void }[] = [];

  const forward = (incoming: IncomingMessage, body: Buffer, respond: ServerResponse): void => {
    const url = new URL(incoming.url ?? '/', target());
    const outgoing = httpRequest(url, { method: incoming.method, headers: { ...incoming.headers, host: url.host } }, (answer) => {
      respond.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(respond);
    });
    outgoing.on('error', () => respond.socket?.destroy());
    outgoing.end(body);
  };

  const server: Server = createServer((incoming, respond) => {
    if (cut) {
      dropped++;
      incoming.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(incoming.url ?? '/', 'http://x').pathname;
      const index = holds.findIndex((h) => h.method === incoming.method && h.path.test(path));
      if (index < 0) return forward(incoming, body, respond);
      const [hold] = holds.splice(index, 1);
      hold!.arrived({
        method: incoming.method ?? '',
        path,
        release: () => forward(incoming, body, respond),
        drop: () => incoming.socket.destroy(),
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (cut) {
      dropped++;
      socket.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hold: (method, path) => new Promise((arrived) => holds.push({ method, path, arrived })),
    cut(on) {
      cut = on;
      if (on) for (const socket of sockets) socket.destroy();
    },
    get dropped() {
      return dropped;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
