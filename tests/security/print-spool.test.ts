// Threats: the print spool holds every personal value of a form set in plain text; a spool file
// stays on disk after its job completed (until the next start); a spool file copied during the
// retention window stays readable after the purge.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrinterDriver, SpoolerJobState } from '../../devices/printer/driver.ts';
import { usePrintBench } from '../main/support/print-fixtures.ts';

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
  const clock = { now: Date.parse('2026-11-24T00:30:00Z') };
  const bench = usePrintBench('kiosk-sec-spool-', { clock: () => clock.now });

  const enqueue = () => bench.queue.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: { name: NAME, address: ADDRESS } });

  it('a spool file holds no personal value in plain text, and the printer still gets the real document', async () => {
    const spooler = recordingSpooler();
    const { adapter } = bench.printing(spooler.driver);
    const request = enqueue();
    await adapter.print(request.id, [{ name: '帳票一式', pdf: FORM_SET }]);
    const files = readdirSync(bench.spoolDir);
    expect(files).toHaveLength(1);
    const onDisk = readFileSync(join(bench.spoolDir, files[0]!));
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
      const { service, adapter } = bench.printing(spooler.driver);
      const request = enqueue();
      const [job] = await adapter.print(request.id, [{ name: '帳票一式', pdf: FORM_SET }]);
      expect(readdirSync(bench.spoolDir)).toHaveLength(1);
      spooler.finish(spoolerState);
      // The background dispatch (PrintService.start) follows the job; nobody calls the adapter.
      await service.dispatch();
      expect(service.job(job!.jobId).state).toBe(jobState);
      expect(readdirSync(bench.spoolDir)).toEqual([]);
    });
  }

  it('a spool file copied while held cannot be read after the request is purged (its key is gone)', async () => {
    const unplugged: PrinterDriver = { ...recordingSpooler().driver, printer: async () => null };
    const { adapter } = bench.printing(unplugged);
    const request = enqueue();
    await adapter.print(request.id, [{ name: '帳票一式', pdf: FORM_SET }]);
    const file = join(bench.spoolDir, readdirSync(bench.spoolDir)[0]!);
    const copy = readFileSync(file);
    // Completed while its job was still held (a cancelled request's held jobs are cancelled instead).
    for (const kind of ['forms-printed', 'submitted', 'processing-started', 'completed'])
      bench.queue.advance(request.id, kind, { staffId: 'ito-k', counter: '3' });
    clock.now += 31 * 86_400_000;
    expect(bench.queue.purgeExpired().purged).toBe(1);
    // The held job cannot go out any more, and nothing can open the file: the key that sealed it is deleted.
    const again = bench.printing(recordingSpooler().driver);
    const [job] = await again.service.dispatch();
    expect(job).toMatchObject({ state: 'failed', error: 'queue/personal-data-purged' });
    expect(contains(copy, NAME)).toBe(false);
    expect(existsSync(file) ? contains(readFileSync(file), NAME) : false).toBe(false);
  });
});
