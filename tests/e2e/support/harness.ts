// The end-to-end harness: real services (SQLite file, pcscd + virtual card over vpcd, CUPS-PDF,
// the form engine) behind the same handler registry Electron uses, the built renderer served by
// the bridge, and Debian's Chromium driven by playwright-core.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createHandlers } from '../../../main/app-handlers.ts';
import { createFileKeyProvider } from '../../../main/crypto/key-provider.ts';
import type { ScreenName } from '../../../main/ipc/contract.ts';
import { createAppServices, type AppServices } from '../../../main/services/app-services.ts';
import { openRealModules, type RealModules } from '../../../main/services/real-modules.ts';
import type { OfficeServiceConfig } from '../../../main/services/office-config.ts';
import { PcscCardService } from '../../../devices/card/pcsc-card-service.ts';
import { acquireVpcdLock } from '../../../devices/card/virtual/vpcd-slot-lock.ts';
import { startBridge, kioskShim, type Bridge } from '../../../demo/bridge.ts';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const RENDERER_DIR = join(ROOT, 'out/renderer');
export const SCREENSHOT_DIR = join(ROOT, 'test-output/screenshots');
export const PRINTER = 'KioskPDF';
export const CUPS_PDF_OUT = '/var/spool/cups-pdf/KioskPDF';
// Slot 1: the card module's own tests and benchmark mostly use slot 0.
export const SLOT = 1 as const;
export const READER = 'Virtual PCD 00 01';

export const STAFF = { staffId: 'sato-k', password: 'madoguchi-2026!', role: 'staff' as const };
export const SUPERVISOR = { staffId: 'suzuki-sv', password: 'kanri-2026-髙!', role: 'supervisor' as const };

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The e2e suite tests the BUILT renderer; build it when the sources are newer than out/. */
export function ensureRendererBuilt(): void {
  const index = join(RENDERER_DIR, 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'renderer')), newestMtime(join(ROOT, 'main/ipc')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], { cwd: ROOT, stdio: 'ignore' });
}

export interface Harness {
  dataDir: string;
  services: AppServices;
  modules: RealModules;
  cardService: PcscCardService;
  bridge: Bridge;
  browser: Browser;
  open(screen: ScreenName, options?: { width?: number; height?: number }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    idleTimeoutSeconds?: number;
    idleCountdownSeconds?: number;
    staffIdleMs?: number;
    staffIdleWarningMs?: number;
    /** The office link (office.service in KIOSK_CONFIG): the app pushes there and the supervisor reads the floor from it. */
    office?: OfficeServiceConfig;
    /** The office link's clock (the office's fake day in tests). */
    officeClock?: () => number;
  } = {},
): Promise<Harness> {
  ensureRendererBuilt();
  // vpcd serves one card per slot: no other process (the card module's tests, its benchmark)
  // may insert cards while this harness runs.
  const releaseVpcd = await acquireVpcdLock();
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const cardService = PcscCardService.open();
  const modules = openRealModules({
    dataDir,
    keys: createFileKeyProvider(join(dataDir, 'master.key')),
    printerName: PRINTER,
    // Demo mode: the only mode that may print to a CUPS-PDF queue (KioskPDF writes files, not paper).
    demo: true,
    cardService,
    printPollMs: 300,
    office: options.office,
    officeClock: options.officeClock,
  });
  const services = createAppServices({
    dataDir,
    info: {
      name: '書かない窓口',
      version: 'e2e',
      demoMode: false,
      idleTimeoutSeconds: options.idleTimeoutSeconds ?? 600,
      idleCountdownSeconds: options.idleCountdownSeconds ?? 30,
    },
    card: modules.card,
    forms: modules.forms,
    queue: modules.queue,
    printer: modules.printer,
    office: modules.office,
    readerName: READER,
    // Tests only: a cheaper scrypt cost so the suite stays fast; the app uses DEFAULT_KDF.
    kdf: { N: 2 ** 12, r: 8, p: 1 },
    // The machine's counter number (the sign-in form's field is no longer trusted).
    counter: '3',
    // Staff idle sign-out: an hour unless a suite tests it (suites sign in directly and then sit on passive reads).
    staffIdleMs: options.staffIdleMs ?? 60 * 60_000,
    staffIdleWarningMs: options.staffIdleWarningMs,
  });
  await services.accounts.setPassword(STAFF.staffId, STAFF.role, STAFF.password);
  await services.accounts.setPassword(SUPERVISOR.staffId, SUPERVISOR.role, SUPERVISOR.password);
  const bridge = await startBridge({ handlers: createHandlers(services), events: services.events, rendererDir: RENDERER_DIR });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    dataDir,
    services,
    modules,
    cardService,
    bridge,
    browser,
    async open(screen, size = {}) {
      const context = await browser.newContext({
        viewport: { width: size.width ?? 1280, height: size.height ?? 900 },
        locale: 'ja-JP',
        acceptDownloads: true,
      });
      await context.addInitScript(kioskShim, screen);
      const page = await context.newPage();
      const before = bridge.streamsOf(screen);
      await page.goto(`${bridge.url}/index.html#/${screen}`);
      // The page subscribes as it starts; a visit begun before its stream is registered would
      // send its first push into the void (the real preload registers synchronously).
      const deadline = Date.now() + 15_000;
      while (bridge.streamsOf(screen) <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return { context, page };
    },
    async close() {
      await browser.close().catch(() => undefined);
      await bridge.close();
      await services.close();
      releaseVpcd();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core (WCAG 2.x A/AA rules and best practices) in the page; returns its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // evaluate() runs through the DevTools protocol, so the page's strict CSP stays in force.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Every CUPS-PDF output file (name → size) — to find the ones a test's print produced. */
export function cupsOutputs(): Map<string, number> {
  if (!existsSync(CUPS_PDF_OUT)) return new Map();
  return new Map(
    readdirSync(CUPS_PDF_OUT)
      .filter((f) => f.endsWith('.pdf'))
      .map((f) => [f, statSync(join(CUPS_PDF_OUT, f)).size]),
  );
}
