// The entry point the Electron main process, the CLI, the benchmark and the tests share: one
// database file, one key provider, and the modules built over them. The connection itself
// stays inside: callers get the operations they need, not a handle to run SQL with.
import type { PrinterDriver } from '../../devices/printer/driver.ts';
import type { KeyProvider } from '../crypto/key-provider.ts';
import { closeDatabase, openDatabase, type Db } from '../db/connection.ts';
import { countRequests } from '../db/requests.ts';
import { checkpointTruncate, integrityCheck } from '../db/statements.ts';
import { PrintService } from '../printing/print-service.ts';
import { QueueService } from '../queue/queue-service.ts';
import { queueStatistics } from '../stats/cells.ts';
import type { Dashboard, QueueLive } from '../../domain/statistics.ts';
import { officeDay } from '../../domain/office-time.ts';
import { estimateWait, type WaitEstimate } from '../stats/estimate.ts';
import { liveQueue, statisticsReport, type ReportQuery } from '../stats/report.ts';
import { seedHistory, type SeedOptions } from '../stats/seed.ts';

export interface KioskDatabaseOptions {
  path: string;
  keyProvider: KeyProvider;
  /** Defaults: Date.now, DEFAULT_RETENTION_DAYS, no quick check (undefined means the default). */
  clock?: (() => number) | undefined;
  retentionDays?: number | undefined;
  /** The office's closing time, HH:MM office time (default 17:15): open requests are abandoned then. */
  closingTime?: string | undefined;
  quickCheck?: boolean | undefined;
}

export interface KioskDatabase {
  readonly queue: QueueService;
  /** The supervisor statistics for a range, as of the kiosk clock's now. */
  statistics(query: Omit<ReportQuery, 'now'>): Dashboard;
  /** The live queue as of now. */
  liveQueue(): QueueLive;
  /** The estimated wait for someone taking a ticket now. */
  estimate(): WaitEstimate;
  /** The office's current day (YYYY-MM-DD, office time zone). */
  today(): string;
  /** A print service recording its jobs in this database. */
  printService(driver: PrinterDriver): PrintService;
  /** Adds synthetic past visits (load tests, the benchmark). */
  seedHistory(options: SeedOptions): ReturnType<typeof seedHistory>;
  countRequests(): number;
  /** `PRAGMA integrity_check`: 'ok' or SQLite's first finding. */
  integrityCheck(): string;
  /** Truncates the WAL; false when a reader kept frames alive. */
  checkpoint(): boolean;
  close(): void;
}

/** The kiosk modules over an open connection (tests use this to keep their own handle). */
export function kioskDatabaseOn(db: Db, options: Omit<KioskDatabaseOptions, 'path' | 'quickCheck'>): KioskDatabase {
  const clock = options.clock ?? Date.now;
  const queueOptions = { clock, retentionDays: options.retentionDays, closingTime: options.closingTime };
  return {
    queue: new QueueService(db, options.keyProvider, queueStatistics(db), queueOptions),
    statistics: (query) => statisticsReport(db, { ...query, now: clock() }),
    liveQueue: () => liveQueue(db, clock()),
    estimate: () => estimateWait(db, clock()),
    today: () => officeDay(clock()),
    printService: (driver) => new PrintService(db, driver, { keys: options.keyProvider }),
    seedHistory: (seed) => seedHistory(db, seed),
    countRequests: () => countRequests(db),
    integrityCheck: () => integrityCheck(db),
    checkpoint: () => checkpointTruncate(db),
    close: () => closeDatabase(db),
  };
}

export function openKioskDatabase(options: KioskDatabaseOptions): KioskDatabase {
  const { path, quickCheck, ...rest } = options;
  return kioskDatabaseOn(openDatabase(path, { quickCheck: quickCheck ?? false }), rest);
}
