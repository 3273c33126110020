// `npm run demo`: the whole visit in a local browser, without Electron and without hardware.
// One page shows the staff console, the resident screen and the supervisor dashboard side by
// side, all through the same handler registry the Electron shell registers (demo/bridge.ts,
// shared with the end-to-end tests). Only demo data: a virtual card with a fictional resident,
// a throwaway database, and a "printer" that writes the PDFs to a folder (demo mode: the app's own
// print path would refuse a CUPS-PDF queue outside it, main/services/printer-adapter.ts). Listens on 127.0.0.1
// only, behind a random token in the URL; everything is deleted when it stops.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DemoCardService } from '../devices/card/demo-card-service.ts';
import { CARD_FIXTURES, cardFromFixture, fixtureCodeB } from '../devices/card/virtual/fixtures.ts';
import type { PrintJobSummary } from '../domain/print-job.ts';
import { createHandlers } from '../main/app-handlers.ts';
import { createFileKeyProvider } from '../main/crypto/key-provider.ts';
import { createAppServices } from '../main/services/app-services.ts';
import { CardServiceAdapter } from '../main/services/card-adapter.ts';
import { FormsModuleAdapter } from '../main/services/forms-adapter.ts';
import { openKioskDatabase } from '../main/services/kiosk-database.ts';
import type { PrinterPort } from '../main/services/ports.ts';
import { QueueModuleAdapter } from '../main/services/queue-adapter.ts';
import { startBridge, type Bridge } from './bridge.ts';

/** A printer that "prints" by writing each document to a folder, and finishes at once. */
export class FolderPrinter implements PrinterPort {
  readonly printerName = 'DEMO-PDF';
  readonly #dir: string;
  readonly #jobs = new Map<string, PrintJobSummary[]>();
  #seq = 0;

  constructor(dir: string) {
    this.#dir = dir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  async status() {
    return { state: 'ready' as const, heldJobs: 0 };
  }

  async print(requestId: string, documents: { name: string; pdf: Uint8Array }[]): Promise<PrintJobSummary[]> {
    const jobs = documents.map((d) => {
      const jobId = `demo-${++this.#seq}`;
      writeFileSync(join(this.#dir, `${String(this.#seq).padStart(3, '0')}-${d.name.replace(/[/\\]/g, '_')}.pdf`), d.pdf, { mode: 0o600 });
      return { jobId, document: d.name, state: 'completed' as const };
    });
    this.#jobs.set(requestId, [...(this.#jobs.get(requestId) ?? []), ...jobs]);
    return jobs;
  }

  async jobs(requestId: string): Promise<PrintJobSummary[]> {
    return this.#jobs.get(requestId) ?? [];
  }
}

const SCREENS = [
  { screen: 'staff', title: '職員画面' },
  { screen: 'resident', title: '住民用画面' },
  { screen: 'supervisor', title: '統計ダッシュボード' },
] as const;

function demoPage(token: string): string {
  const frames = SCREENS.map(
    (s) =>
      `<section><h2>${s.title}</h2><iframe title="${s.title}" src="/index.html?screen=${s.screen}&amp;token=${token}#/${s.screen}"></iframe></section>`,
  ).join('');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>【デモ】書かない窓口</title>
<link rel="stylesheet" href="/demo.css?token=${token}"></head><body>
<header><h1>【デモ】書かない窓口</h1><p>仮想カードと架空の住民データだけを使います。本番データは入力しないでください。 / Demo: a virtual card and fictional data only.</p></header>
<main>${frames}</main></body></html>`;
}

export const DEMO_CSS = `body{margin:0;font-family:'BIZ UDPGothic','BIZ UDGothic',sans-serif;background:#f2f2f2}
header{background:#8a4b00;color:#fff;padding:.3rem 1rem}header h1{font-size:1.2rem;margin:.2rem 0}header p{margin:.2rem 0}
main{display:grid;grid-template-columns:1.2fr 1fr 1fr;gap:.5rem;padding:.5rem;height:calc(100vh - 5rem)}
section{display:flex;flex-direction:column;min-width:0}h2{font-size:1rem;margin:.2rem}iframe{flex:1;border:2px solid #1a1a1a;background:#fff;width:100%}`;

export interface Demo {
  url: string;
  bridge: Bridge;
  printedDir: string;
  close(): Promise<void>;
}

/** Starts the demo on a random port; `rendererDir` is the built renderer (electron-vite build). */
export async function startDemo(options: { rendererDir: string; port?: number }): Promise<Demo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-demo-'));
  const printedDir = join(dataDir, 'printed');
  const cardService = new DemoCardService();
  const fixture = CARD_FIXTURES[0];
  if (fixture) cardService.insert(cardFromFixture(fixture));
  const forms = new FormsModuleAdapter();
  const services = createAppServices({
    dataDir,
    info: { name: '書かない窓口', version: 'demo', demoMode: true, idleTimeoutSeconds: 120, idleCountdownSeconds: 30 },
    card: new CardServiceAdapter(cardService),
    forms,
    queue: new QueueModuleAdapter(
      openKioskDatabase({ path: join(dataDir, 'queue.sqlite'), keyProvider: createFileKeyProvider(join(dataDir, 'master.key')) }),
      undefined,
      (formId) => forms.formTitle(formId),
    ),
    printer: new FolderPrinter(printedDir),
    // The demo accounts have no passwords to sign in again with: the idle sign-out waits a working day.
    staffIdleMs: 8 * 60 * 60_000,
  });
  // Both staff screens are signed in as demo accounts, so the visit can start at once.
  services.staff.signIn('staff', { staffId: 'demo-staff', role: 'staff', counter: '1' });
  services.staff.signIn('supervisor', { staffId: 'demo-supervisor', role: 'supervisor', counter: '1' });
  const token = randomBytes(16).toString('hex');
  const handlers = createHandlers(services);
  const bridge = await startBridge({
    handlers,
    events: services.events,
    rendererDir: options.rendererDir,
    token,
    demoPage,
    demoCss: DEMO_CSS,
  });
  void forms.warmUp().catch(() => undefined);
  return {
    url: `${bridge.url}/?token=${token}`,
    bridge,
    printedDir,
    async close() {
      await bridge.close();
      await services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Run as a program (npm run demo), not when a test imports startDemo.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  const demo = await startDemo({ rendererDir: resolve(import.meta.dirname, '../out/renderer') });
  const fixture = CARD_FIXTURES[0];
  process.stdout.write(`【デモ】書かない窓口: ${demo.url}\n`);
  process.stdout.write('このURLをブラウザで開いてください（このパソコンからのみ）。 / Open this URL in a browser on this machine.\n');
  if (fixture) process.stdout.write(`仮想カード: 暗証番号 ${fixture.pin}、照合番号B ${fixtureCodeB(fixture)}（架空のデータ）\n`);
  process.stdout.write(`印刷した帳票: ${demo.printedDir}（終了すると消えます）  Ctrl+C で終了\n`);
  const stop = () => void demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
