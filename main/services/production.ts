// Builds the services for the real app (Electron) from the real modules, through adapters.
// With no card reader (or no PC/SC service) the app runs in a clearly labelled demo mode with
// an in-process virtual card; everything else (queue, printing, forms) is the real thing.
import { join } from 'node:path';
import { createSealedKeyProvider, type Sealer } from '../crypto/key-provider.ts';
import { PcscCardService } from '../../devices/card/pcsc-card-service.ts';
import { DemoCardService } from '../../devices/card/demo-card-service.ts';
import type { CardService } from '../../devices/card/card-service.ts';
import { CARD_FIXTURES, cardFromFixture } from '../../devices/card/virtual/fixtures.ts';
import { createAppServices, type AppServices } from './app-services.ts';
import { openRealModules } from './real-modules.ts';
import { loadOfficeConfig } from './office-config.ts';
import { loadProfile } from '../../forms/index.ts';
import { KioskError } from '../../domain/errors.ts';

export interface ProductionOptions {
  dataDir: string;
  version: string;
  /** Electron safeStorage, wrapped: keeps the queue's master key sealed by the OS. */
  sealer: Sealer;
  openDashboard: () => void;
  printerName?: string;
  /** The app's root (Electron app.getAppPath()): form definitions and templates ship under forms/. */
  appRoot: string;
}

async function openCardService(): Promise<{ service: CardService; demo: boolean }> {
  try {
    const pcsc = PcscCardService.open();
    if ((await pcsc.listReaders()).length > 0) return { service: pcsc, demo: false };
    pcsc.close();
  } catch {
    // No PC/SC service: fall through to demo mode.
  }
  const demo = new DemoCardService();
  const fixture = CARD_FIXTURES[0];
  if (fixture) demo.insert(cardFromFixture(fixture));
  return { service: demo, demo: true };
}

export async function createProductionServices(options: ProductionOptions): Promise<AppServices> {
  const dataDir = join(options.dataDir, 'kiosk');
  // The office's settings (KIOSK_CONFIG): an invalid file stops the start with what to fix.
  const office = loadOfficeConfig();
  // The city profile, read now so a bad file stops the start (forms/profiles/ ships under the app root).
  const profile = loadProfile(
    office.cityProfile.endsWith('.json') ? office.cityProfile : join(options.appRoot, 'forms/profiles', `${office.cityProfile}.json`),
  );
  if (office.printers.forms === null && !options.printerName) {
    // Also on the console (status bar) from the first start: what IT staff must set.
    const missing = new KioskError('printer/not-configured');
    console.error(`${missing.message}\n${missing.messageEn}`);
  }
  const card = await openCardService();
  const modules = openRealModules({
    dataDir,
    // A new key only for a database without sealed data: otherwise db/key-mismatch, and no key is made.
    keys: ({ create }) => createSealedKeyProvider(join(dataDir, 'master.key'), options.sealer, { create }),
    // The ticket high-water marks beside the key (a truncated or replaced database is refused).
    ticketMarksFile: join(dataDir, 'ticket-marks.json'),
    // The last full integrity check and its finding (a damaged file stays refused after a restart).
    fullCheckFile: join(dataDir, 'full-check.json'),
    // No default printer: with none the app starts and the console says what to set (printer/not-configured).
    printerName: options.printerName ?? office.printers.forms,
    receiptPrinterName: office.printers.receipt,
    demo: office.demo,
    cardService: card.service,
    forms: { definitionsDir: join(options.appRoot, 'forms/definitions'), templatesDir: join(options.appRoot, 'forms/templates') },
    profile,
    office: office.service,
    publicStatusUrl: office.publicStatusUrl,
  });
  return createAppServices({
    dataDir,
    info: {
      name: '書かない窓口',
      version: options.version,
      demoMode: card.demo || office.demo,
      idleTimeoutSeconds: 120,
      idleCountdownSeconds: 30,
    },
    counter: office.counter,
    staffIdleMs: office.staffIdleSignOutMs,
    card: modules.card,
    forms: modules.forms,
    queue: modules.queue,
    printer: modules.printer,
    office: modules.office,
    openDashboard: options.openDashboard,
    waitingArea: office.waitingArea,
    pools: office.pools,
  });
}
