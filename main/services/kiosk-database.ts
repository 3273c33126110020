// The entry point the Electron main process, the CLI, the benchmark and the tests share: one
// database file, one key provider, and the modules built over them. The connection itself
// stays inside: callers get the operations they need, not a handle to run SQL with.
import type { PrinterDriver } from '../../devices/printer/driver.ts';
import { unwrapDataKey, type KeyProvider } from '../crypto/key-provider.ts';
import { closeDatabase, openDatabase, type Db } from '../db/connection.ts';
import { countRequests } from '../db/requests.ts';
import { newestRequestKey } from '../db/resident-fields.ts';
import { mapDatabaseErrors } from '../db/sqlite-errors.ts';
import { fileFullCheckRecord, fullCheckDue, type FullCheckRecord } from '../db/full-check-record.ts';
import { checkpointTruncate, integrityCheck, refuseWrites, writesRefused } from '../db/statements.ts';
import { ticketCountersSince } from '../db/ticket-counters.ts';
import { fileTicketMarks, MARK_DAYS, type TicketMarks } from '../queue/ticket-marks.ts';
import { isKioskError, KioskError } from '../../domain/errors.ts';
import { PrintService } from '../printing/print-service.ts';
import { QueueService } from '../queue/queue-service.ts';
import { queueStatistics } from '../stats/cells.ts';
import type { Dashboard, QueueLive } from '../../domain/statistics.ts';
import { addDays, officeDay } from '../../domain/office-time.ts';
import { estimateWait, type WaitEstimate } from '../stats/estimate.ts';
import { liveQueue, statisticsReport, type ReportQuery } from '../stats/report.ts';
import { seedHistory, type SeedOptions } from '../stats/seed.ts';

/** A key provider, or how to make one: `create` is false when the database already holds sealed data. */
export type KeySource = KeyProvider | ((options: { create: boolean }) => KeyProvider);

export interface KioskDatabaseOptions {
  path: string;
  keyProvider: KeySource;
  /** Defaults: Date.now, DEFAULT_RETENTION_DAYS, quick check on (undefined means the default). */
  clock?: (() => number) | undefined;
  retentionDays?: number | undefined;
  /** The office's closing time, HH:MM office time (default 17:15): open requests are abandoned then. */
  closingTime?: string | undefined;
  quickCheck?: boolean | undefined;
  /** The ticket high-water marks file beside the key (queue/ticket-marks.ts); none when omitted. */
  ticketMarksFile?: string | null | undefined;
  /** 'read' for commands that only read: a read-only file is opened read-only instead of refused. */
  access?: 'read' | 'write' | undefined;
  /** The record of the last full integrity check beside the key (db/full-check-record.ts); none when omitted. */
  fullCheckFile?: string | null | undefined;
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
  printService(driver: PrinterDriver, options?: { refusePdfQueue?: boolean }): PrintService;
  /** Adds synthetic past visits (load tests, the benchmark). */
  seedHistory(options: SeedOptions): ReturnType<typeof seedHistory>;
  countRequests(): number;
  /**
   * The full check: integrity_check, and on a finding every further write is refused
   * (db/integrity) until IT staff restore the file. Recorded (with the fullCheckFile), so a finding
   * outlives a restart and a healthy result clears an old one. Returns the finding ('ok' when healthy).
   */
  checkAndGuard(): string;
  /** checkAndGuard when the record says a full check is due (daily); null when it is not. */
  checkAndGuardIfDue(): string | null;
  /** The finding of the check that stopped writes (at start or scheduled), or null. */
  writesRefused(): string | null;
  /** Truncates the WAL; false when a reader kept frames alive. */
  checkpoint(): boolean;
  close(): void;
}

/** The kiosk modules over an open connection (tests use this to keep their own handle). */
export function kioskDatabaseOn(
  db: Db,
  options: Omit<KioskDatabaseOptions, 'path' | 'quickCheck' | 'keyProvider' | 'ticketMarksFile' | 'access' | 'fullCheckFile'> & {
    keyProvider: KeyProvider;
    ticketMarks?: TicketMarks | null;
    fullCheck?: FullCheckRecord | null;
  },
): KioskDatabase {
  const clock = options.clock ?? Date.now;
  const checkAndGuard = (): string => {
    const finding = integrityCheck(db);
    if (finding !== 'ok' && !writesRefused(db)) refuseWrites(db, finding);
    options.fullCheck?.write(clock(), finding === 'ok' ? null : finding);
    return finding;
  };
  const queueOptions = { clock, retentionDays: options.retentionDays, closingTime: options.closingTime, ticketMarks: options.ticketMarks };
  return {
    queue: new QueueService(db, options.keyProvider, queueStatistics(db), queueOptions),
    statistics: (query) => statisticsReport(db, { ...query, now: clock() }),
    liveQueue: () => liveQueue(db, clock()),
    estimate: () => estimateWait(db, clock()),
    today: () => officeDay(clock()),
    printService: (driver, printOptions = {}) => new PrintService(db, driver, { keys: options.keyProvider, ...printOptions }),
    seedHistory: (seed) => seedHistory(db, seed),
    countRequests: () => countRequests(db),
    checkAndGuard,
    checkAndGuardIfDue: () => (!options.fullCheck || fullCheckDue(options.fullCheck.read(), clock()) ? checkAndGuard() : null),
    writesRefused: () => writesRefused(db),
    checkpoint: () => checkpointTruncate(db),
    close: () => closeDatabase(db),
  };
}

/**
 * The key must open the sealed data already in the database: a missing key (see KeySource) or a
 * different valid one would otherwise put new requests under a new key, and the old ones could
 * never be read again. Tried on the newest stored data key.
 */
function verifyKey(db: Db, keys: KeyProvider): void {
  const newest = newestRequestKey(db);
  if (!newest) return;
  try {
    unwrapDataKey(keys, newest.key_id, newest.wrapped).fill(0);
  } catch (error) {
    if (isKioskError(error) && (error.code === 'keys/decrypt-failed' || error.code === 'queue/personal-data-purged'))
      throw new KioskError('db/key-mismatch');
    throw error;
  }
}

/**
 * Opens the kiosk database as the app and the CLI start: the file checked (quick_check), its key
 * made only for a database without sealed data and proven against the data it has, and its
 * tickets checked against the high-water marks kept beside the key.
 */
export function openKioskDatabase(options: KioskDatabaseOptions): KioskDatabase {
  const { path, quickCheck, keyProvider, ticketMarksFile, access, fullCheckFile, ...rest } = options;
  const db = openDatabase(path, { quickCheck: quickCheck ?? true, access: access ?? 'write' });
  try {
    return mapDatabaseErrors(path, () => {
      const sealed = newestRequestKey(db) !== undefined;
      const keys = typeof keyProvider === 'function' ? keyProvider({ create: !sealed }) : keyProvider;
      verifyKey(db, keys);
      // A finding of an earlier full check stands until a full check finds the file healthy.
      const fullCheck = fullCheckFile ? fileFullCheckRecord(fullCheckFile) : null;
      const recorded = fullCheck?.read().finding ?? null;
      if (recorded !== null && !writesRefused(db)) refuseWrites(db, recorded);
      const marks = ticketMarksFile ? fileTicketMarks(ticketMarksFile) : null;
      if (marks) {
        const today = officeDay((rest.clock ?? Date.now)());
        marks.check(ticketCountersSince(db, addDays(today, -MARK_DAYS)), today, !db.readonly && !writesRefused(db));
      }
      return kioskDatabaseOn(db, { ...rest, keyProvider: keys, ticketMarks: marks, fullCheck });
    });
  } catch (error) {
    closeDatabase(db);
    throw error;
  }
}
