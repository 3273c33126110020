// Shared set-up for the printing tests that go through the real print service: per test, a
// temporary folder with the queue's SQLite and master key, the queue service on it, and a print
// service (with the adapter the app prints through) for the spooler the test stands in for.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { PrinterDriver } from '../../../devices/printer/driver.ts';
import { createFileKeyProvider } from '../../../main/crypto/key-provider.ts';
import { closeDatabase, openDatabase, type Db } from '../../../main/db/connection.ts';
import { PrintService } from '../../../main/printing/print-service.ts';
import { QueueService, type QueueOptions } from '../../../main/queue/queue-service.ts';
import { PrintServiceAdapter } from '../../../main/services/printer-adapter.ts';
import { queueStatistics } from '../../../main/stats/cells.ts';

export interface PrintBench {
  /** The running test's folder (removed after it). */
  readonly dir: string;
  /** Where the adapter writes its sealed spool files. */
  readonly spoolDir: string;
  readonly db: Db;
  readonly queue: QueueService;
  /** A print service on the test's database and key for `driver`, and the adapter on printer `CounterPrinter`. */
  printing(
    driver: PrinterDriver,
    options?: { clock?: () => number; refusePdfQueue?: boolean },
  ): { service: PrintService; adapter: PrintServiceAdapter };
}

/**
 * Call it in a describe (or at the top of the file): a fresh folder, database and queue before each
 * test, closed and removed after it. `folder`: the temporary folder's prefix, so a leftover says
 * which test made it. `queueOptions`: the queue's (its clock, say; a print service takes its own in `printing`).
 */
export function usePrintBench(folder: string, queueOptions: QueueOptions = {}): PrintBench {
  let current: { dir: string; db: Db; queue: QueueService } | undefined;
  const keyPath = () => join(bench.dir, 'master.key');
  beforeEach(() => {
    const dir = mkdtempSync(join(tmpdir(), folder));
    const db = openDatabase(join(dir, 'queue.sqlite'));
    const queue = new QueueService(db, createFileKeyProvider(join(dir, 'master.key')), queueStatistics(db), queueOptions);
    current = { dir, db, queue };
  });
  afterEach(() => {
    if (!current) return;
    const { dir, db } = current;
    current = undefined;
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });
  const now = () => {
    if (!current) throw new Error('usePrintBench: the bench is set up per test; use it inside one');
    return current;
  };
  const bench: PrintBench = {
    get dir() {
      return now().dir;
    },
    get spoolDir() {
      return join(now().dir, 'spool');
    },
    get db() {
      return now().db;
    },
    get queue() {
      return now().queue;
    },
    printing(driver, printOptions = {}) {
      const service = new PrintService(now().db, driver, { keys: createFileKeyProvider(keyPath()), ...printOptions });
      return { service, adapter: new PrintServiceAdapter(service, 'CounterPrinter', bench.spoolDir) };
    },
  };
  return bench;
}
