// Opens the real modules behind the ports: the queue database (better-sqlite3, WAL, FULL),
// the print service over CUPS, the form engine, and a card service (PC/SC or demo).
import { join } from 'node:path';
import { closeDatabase, openDatabase } from '../db/connection.ts';
import { KioskStore } from '../db/store.ts';
import type { KeyProvider } from '../crypto/key-provider.ts';
import { QueueService } from '../queue/queue-service.ts';
import { StatsService } from '../stats/dashboard.ts';
import { PrintService } from '../printing/print-service.ts';
import { createCupsDriver } from '../../devices/printer/cups.ts';
import type { CardService } from '../../devices/card/card-service.ts';
import { CardServiceAdapter } from './card-adapter.ts';
import { FormsModuleAdapter } from './forms-adapter.ts';
import { PrintServiceAdapter } from './printer-adapter.ts';
import { QueueModuleAdapter } from './queue-adapter.ts';
import type { CardPort, FormsPort, PrinterPort, QueuePort } from './ports.ts';

export interface RealModules {
  card: CardPort | null;
  forms: FormsPort;
  queue: QueuePort;
  printer: PrinterPort;
  printService: PrintService;
}

export function openRealModules(options: { dataDir: string; keys: KeyProvider; printerName: string; cardService: CardService | null; printPollMs?: number }): RealModules {
  const db = openDatabase(join(options.dataDir, 'queue.sqlite'));
  const store = new KioskStore(db);
  const printService = new PrintService(store, createCupsDriver());
  // Held jobs go out on their own once the printer is back.
  printService.start(options.printPollMs ?? 2000);
  const queue = new QueueModuleAdapter(new QueueService(store, options.keys), new StatsService(store), () => {
    printService.stop();
    closeDatabase(db);
  });
  return {
    card: options.cardService ? new CardServiceAdapter(options.cardService) : null,
    forms: new FormsModuleAdapter(),
    queue,
    printer: new PrintServiceAdapter(printService, options.printerName, join(options.dataDir, 'spool')),
    printService,
  };
}
