// Threat (review finding): the CUPS-PDF rule was checked only when a job was queued. A job held
// while CUPS was down (the queue's kind unknown then), or a queue re-pointed to cups-pdf:/ or file:
// since, was sent by the next dispatch: every form written to disk in plain text on a real counter.
// Now the rule is checked again when a job is sent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPdfQueue } from '../../devices/printer/cups.ts';
import type { PrinterDriver, PrinterInfo } from '../../devices/printer/driver.ts';
import { KioskError } from '../../domain/errors.ts';
import { usePrintBench } from '../main/support/print-fixtures.ts';

const PDF = readFileSync(join(import.meta.dirname, '../../forms/templates/jumin-ido.pdf'));

describe('a CUPS-PDF queue outside demo mode, at dispatch', () => {
  const bench = usePrintBench('kiosk-sec-pdfdispatch-');

  it('a job held while CUPS was down is refused, not sent, once CUPS answers that the queue is CUPS-PDF', async () => {
    let cupsUp = false;
    const submitted: string[] = [];
    const pdfQueue: PrinterInfo = {
      name: 'Counter3',
      state: 'idle',
      accepting: true,
      reasons: [],
      info: '',
      isDefault: false,
      pdfQueue: true,
    };
    const driver: PrinterDriver = {
      listPrinters: async () => [],
      printer: async () => {
        if (!cupsUp) throw new KioskError('printer/service-not-running');
        return pdfQueue;
      },
      submit: async (printer) => {
        submitted.push(printer);
        return 9;
      },
      job: async (_p, id) => ({ id, name: '', state: 'completed', reasons: [] }),
      jobsTitled: async () => [],
      cancel: async () => undefined,
    };
    const { service } = bench.printing(driver, { refusePdfQueue: true });
    const request = bench.queue.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: { name: '鷲見　檸檬太郎' } });
    const path = join(bench.dir, 'set.pdf');
    service.spool(request.id, path, PDF);
    const [held] = await service.print({ printer: 'Counter3', files: [{ path, document: '帳票一式' }], requestId: request.id });
    expect(held).toMatchObject({ state: 'queued' });
    cupsUp = true;
    const [after] = await service.dispatch();
    expect(after).toMatchObject({ state: 'failed', error: 'printer/pdf-queue-not-allowed' });
    expect(submitted).toEqual([]);
  });

  it('a file: device counts as a queue that writes forms to disk', () => {
    expect(isPdfQueue('file:///var/tmp/forms.pdf', 'Local Raw Printer')).toBe(true);
    expect(isPdfQueue('ipp://192.168.10.21/ipp/print', 'RICOH IM C3000')).toBe(false);
  });
});
