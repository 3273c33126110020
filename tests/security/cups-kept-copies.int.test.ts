// Threat (found by the hand check after a purged visit): CUPS keeps the document of every finished
// job in its own spool (/var/spool/cups/d<job>-001, PreserveJobFiles, a day by default). The app
// sends the decrypted form set on lp's stdin, so CUPS's copy holds every name, address and date
// of birth in plain text after the app's sealed spool file is gone and past the retention purge.
// The app cannot delete CUPS's files (root's), so it reads each finished job's job-preserved over
// IPP and the console tells IT staff to set PreserveJobFiles No (printer/spooler-keeps-copies).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCupsDriver } from '../../devices/printer/cups.ts';
import type { PrinterDriver } from '../../devices/printer/driver.ts';
import { createHandlers } from '../../main/app-handlers.ts';
import { createFileKeyProvider } from '../../main/crypto/key-provider.ts';
import { closeDatabase, openDatabase, type Db } from '../../main/db/connection.ts';
import { handle } from '../../main/ipc/registry.ts';
import { PrintService } from '../../main/printing/print-service.ts';
import { QueueService } from '../../main/queue/queue-service.ts';
import { createAppServices } from '../../main/services/app-services.ts';
import { PrintServiceAdapter } from '../../main/services/printer-adapter.ts';
import { queueStatistics } from '../../main/stats/cells.ts';
import { startPrivateCupsd, type PrivateCupsd } from '../devices/printer/private-cupsd.ts';

const NAME = '鷲見　檸檬太郎';
const PDF = readFileSync(join(import.meta.dirname, '../../forms/templates/jumin-ido.pdf'));

describe("the spooler's own copies of printed forms", () => {
  let dir: string;
  let db: Db;
  let queue: QueueService;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-sec-cupscopy-'));
    db = openDatabase(join(dir, 'queue.sqlite'));
    queue = new QueueService(db, createFileKeyProvider(join(dir, 'master.key')), queueStatistics(db));
  });
  afterEach(() => {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  describe('real CUPS', () => {
    // A private cupsd with CUPS's default (keep job files): the shared one is set up with
    // PreserveJobFiles No (.ci/start-services), as deployments are told to.
    let cupsd: PrivateCupsd;
    let savedServer: string | undefined;
    beforeAll(async () => {
      cupsd = await startPrivateCupsd({ preserveJobFiles: null });
      await cupsd.addQueues('KioskKept');
      savedServer = process.env.CUPS_SERVER;
      process.env.CUPS_SERVER = cupsd.env.CUPS_SERVER;
    });
    afterAll(async () => {
      if (savedServer === undefined) delete process.env.CUPS_SERVER;
      else process.env.CUPS_SERVER = savedServer;
      await cupsd?.dispose();
    });

    it.skipIf(process.getuid?.() !== 0)(
      'a finished job is reported as preserved while CUPS keeps its document file',
      async () => {
        const service = new PrintService(db, createCupsDriver(), { keys: createFileKeyProvider(join(dir, 'master.key')) });
        const request = queue.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: { name: NAME } });
        const path = join(dir, 'set.pdf');
        service.spool(request.id, path, PDF);
        const [job] = await service.print({ printer: 'KioskKept', files: [{ path, document: '帳票一式' }], requestId: request.id });
        const [done] = await service.waitFor([job!.id], { timeoutMs: 45_000 });
        expect(done).toMatchObject({ state: 'completed' });
        const kept = existsSync(join(cupsd.spool, `d${String(done!.spoolerJob).padStart(5, '0')}-001`));
        expect((await service.status('KioskKept')).keepsCopies).toBe(kept);
        expect(kept).toBe(true);
      },
      60_000,
    );
  });

  for (const preserved of [true, false]) {
    it(`the console ${preserved ? 'tells IT staff to set PreserveJobFiles No' : 'says nothing'} when the spooler ${preserved ? 'keeps' : 'drops'} printed documents`, async () => {
      let sentTitle = '';
      const driver: PrinterDriver = {
        listPrinters: async () => [],
        printer: async (name) => ({ name, state: 'idle', accepting: true, reasons: [], info: '', isDefault: false, pdfQueue: false }),
        submit: async (_printer, _document, title) => ((sentTitle = title), 7),
        // The job carries the title it was sent with: a job is known by id and title together.
        job: async (_printer, id) => ({ id, name: sentTitle, state: 'completed', reasons: [], preserved }),
        jobsTitled: async () => [],
        cancel: async () => undefined,
      };
      const service = new PrintService(db, driver, { keys: createFileKeyProvider(join(dir, 'master.key')) });
      const adapter = new PrintServiceAdapter(service, 'Counter3', join(dir, 'spool'));
      const request = queue.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: { name: NAME } });
      await adapter.print(request.id, [{ name: '帳票一式', pdf: PDF }]);
      await service.dispatch();
      const services = createAppServices({
        dataDir: join(dir, 'app'),
        info: { name: 't', version: '0', demoMode: false, idleTimeoutSeconds: 60, idleCountdownSeconds: 10 },
        printer: adapter,
        kdf: { N: 2 ** 10, r: 8, p: 1 },
      });
      const status = await handle(createHandlers(services), 'status:get', {}, { screen: 'staff' });
      await services.close();
      expect(status).toMatchObject({
        ok: true,
        value: { printer: { state: 'ready', problem: preserved ? { code: 'printer/spooler-keeps-copies' } : null } },
      });
      if (preserved) expect(JSON.stringify(status)).toContain('PreserveJobFiles No');
    });
  }
});
