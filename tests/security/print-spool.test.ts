// Threats: the print spool holds every personal value of a form set in plain text; a spool file
// stays on disk after its job completed (until the next start); a spool file copied during the
// retention window stays readable after the purge.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrinterDriver, SpoolerJobState } from '../../devices/printer/driver.ts';
import { createFileKeyProvider } from '../../main/crypto/key-provider.ts';
import { closeDatabase, openDatabase, type Db } from '../../main/db/connection.ts';
import { PrintService } from '../../main/printing/print-service.ts';
import { QueueService } from '../../main/queue/queue-service.ts';
import { PrintServiceAdapter } from '../../main/services/printer-adapter.ts';
import { queueStatistics } from '../../main/stats/cells.ts';

const NAME = '髙橋　𠮷太郎';
const ADDRESS = '北海道札幌市中央区北一条西２丁目１番地';
/** Stands in for a rendered form set: the personal values appear in the PDF's bytes as they do in a real one's text. */
const FORM_SET = new TextEncoder().encode(`%PDF-1.7\n(${NAME}) Tj (${ADDRESS}) Tj\n%%EOF`);
const contains = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text));

/** A spooler that records what it was sent, and whose jobs end as the test says. */
function recordingSpooler(): { driver: PrinterDriver; sent: Uint8Array[]; finish(state: SpoolerJobState): void } {
  const sent: Uint8Array[] = [];
  const titles: string[] = [];
  let state: SpoolerJobState = 'processing';
  const driver: PrinterDriver = {
    listPrinters: async () => [],
    printer: async (name) => ({ name, state: 'idle', accepting: true, reasons: [], info: '', isDefault: false }),
    submit: async (_printer, document, title) => {
      sent.push(typeof document === 'string' ? readFileSync(document) : document);
      titles.push(title);
      return sent.length;
    },
    job: async (_printer, id) => ({ id, name: titles[id - 1] ?? '', state, reasons: [] }),
    jobsTitled: async () => [],
    cancel: async () => undefined,
  };
  return { driver, sent, finish: (s) => void (state = s) };
}

describe('print spool files', () => {
  let dir: string;
  let db: Db;
  let queue: QueueService;
  const spool = () => join(dir, 'spool');
  const clock = { now: Date.parse('2026-11-24T00:30:00Z') };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-sec-spool-'));
    db = openDatabase(join(dir, 'queue.sqlite'));
    queue = new QueueService(db, createFileKeyProvider(join(dir, 'master.key')), queueStatistics(db), { clock: () => clock.now });
  });
  afterEach(() => {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  function printing(driver: PrinterDriver) {
    const service = new PrintService(db, driver, { keys: createFileKeyProvider(join(dir, 'master.key')) });
    return { service, adapter: new PrintServiceAdapter(service, 'CounterPrinter', spool()) };
  }

  const enqueue = () => queue.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: { name: NAME, address: ADDRESS } });

  it('a spool file holds no personal value in plain text, and the printer still gets the real document', async () => {
    const spooler = recordingSpooler();
    const { adapter } = printing(spooler.driver);
    const request = enqueue();
    await adapter.print(request.id, [{ name: '帳票一式', pdf: FORM_SET }]);
    const files = readdirSync(spool());
    expect(files).toHaveLength(1);
    const onDisk = readFileSync(join(spool(), files[0]!));
    expect(contains(onDisk, NAME)).toBe(false);
    expect(contains(onDisk, ADDRESS)).toBe(false);
    expect(contains(onDisk, '%PDF')).toBe(false);
    expect(spooler.sent).toHaveLength(1);
    expect(Buffer.from(spooler.sent[0]!).equals(Buffer.from(FORM_SET))).toBe(true);
  });

  for (const [spoolerState, jobState] of [
    ['completed', 'completed'],
    ['canceled', 'cancelled'],
  ] as const) {
    it(`a spool file is deleted as soon as its job is ${jobState} (not at the next start, not when the console polls)`, async () => {
      const spooler = recordingSpooler();
      const { service, adapter } = printing(spooler.driver);
      const request = enqueue();
      const [job] = await adapter.print(request.id, [{ name: '帳票一式', pdf: FORM_SET }]);
      expect(readdirSync(spool())).toHaveLength(1);
      spooler.finish(spoolerState);
      // The background dispatch (PrintService.start) follows the job; nobody calls the adapter.
      await service.dispatch();
      expect(service.job(job!.jobId).state).toBe(jobState);
      expect(readdirSync(spool())).toEqual([]);
    });
  }

  it('a spool file copied while held cannot be read after the request is purged (its key is gone)', async () => {
    const unplugged: PrinterDriver = { ...recordingSpooler().driver, printer: async () => null };
    const { adapter } = printing(unplugged);
    const request = enqueue();
    await adapter.print(request.id, [{ name: '帳票一式', pdf: FORM_SET }]);
    const file = join(spool(), readdirSync(spool())[0]!);
    const copy = readFileSync(file);
    // Completed while its job was still held (a cancelled request's held jobs are cancelled instead).
    for (const kind of ['forms-printed', 'submitted', 'processing-started', 'completed'])
      queue.advance(request.id, kind, { staffId: 'ito-k', counter: '3' });
    clock.now += 31 * 86_400_000;
    expect(queue.purgeExpired().purged).toBe(1);
    // The held job cannot go out any more, and nothing can open the file: the key that sealed it is deleted.
    const again = printing(recordingSpooler().driver);
    const [job] = await again.service.dispatch();
    expect(job).toMatchObject({ state: 'failed', error: 'queue/personal-data-purged' });
    expect(contains(copy, NAME)).toBe(false);
    expect(existsSync(file) ? contains(readFileSync(file), NAME) : false).toBe(false);
  });
});
