// Threat: a visit's forms held for a stopped printer come out later, during another resident's
// visit: the request was cancelled (staff ended the visit, the session dropped) or abandoned at
// closing time, and its open print jobs were still sent once the printer was back, or left to
// print at the spooler. Over the print service with its real SQLite queue and sealed spool files.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PrinterDriver, SpoolerJob } from '../../devices/printer/driver.ts';
import { usePrintBench } from '../main/support/print-fixtures.ts';

const FORM_SET = new TextEncoder().encode('%PDF-1.7\n(山田　花子) Tj (東京都世田谷区太子堂四丁目１番１号) Tj\n%%EOF');

/** A CUPS queue that can be stopped (cupsdisable): lp is not called while it is stopped, and a job already there waits. */
function stoppableSpooler() {
  const state = { stopped: true };
  const jobs = new Map<number, SpoolerJob>();
  const sent: string[] = [];
  const cancelled: number[] = [];
  const driver: PrinterDriver = {
    listPrinters: async () => [],
    printer: async (name) => ({
      name,
      state: state.stopped ? 'stopped' : 'idle',
      accepting: true,
      reasons: state.stopped ? ['paused'] : [],
      info: '',
      isDefault: false,
    }),
    submit: async (_printer, _document, title) => {
      const id = jobs.size + 1;
      jobs.set(id, { id, name: title, state: state.stopped ? 'held' : 'processing', reasons: [] });
      sent.push(title);
      return id;
    },
    job: async (_printer, id) => jobs.get(id) ?? null,
    jobsTitled: async (_printer, title) => [...jobs.values()].filter((j) => j.name === title),
    cancel: async (_printer, id) => {
      cancelled.push(id);
      const job = jobs.get(id);
      if (job) jobs.set(id, { ...job, state: 'canceled' });
    },
  };
  return { driver, state, sent, cancelled };
}

describe("an ended visit's held forms never print later", () => {
  // 10:00 JST on an office day; the office closes at 17:15.
  const clock = { now: Date.parse('2026-11-24T01:00:00Z') };
  const bench = usePrintBench('kiosk-sec-ended-print-', { clock: () => clock.now });
  const printing = (driver: PrinterDriver) => bench.printing(driver, { clock: () => clock.now });

  const enqueue = () =>
    bench.queue.enqueue({
      category: 'tennyu',
      forms: ['jumin-ido'],
      resident: { name: '山田　花子', address: '東京都世田谷区太子堂四丁目１番１号' },
    });

  for (const [how, end] of [
    ['cancelled (the visit ended)', (id: string) => void bench.queue.advance(id, 'cancelled', { staffId: 'ito-k', counter: '3' })],
    ['abandoned at closing time', () => void bench.queue.closeDay({ now: Date.parse('2026-11-24T08:30:00Z') })],
  ] as const) {
    it(`held for a stopped printer, request ${how}: not sent when the printer is back, cancelled, spool file gone`, async () => {
      const spooler = stoppableSpooler();
      const { service, adapter } = printing(spooler.driver);
      const request = enqueue();
      const [job] = await adapter.print(request.id, [{ name: '帳票一式', pdf: FORM_SET }]);
      expect(service.job(job!.jobId)).toMatchObject({ state: 'queued', heldReason: 'printer-stopped' });
      expect(readdirSync(bench.spoolDir)).toHaveLength(1);
      end(request.id);
      spooler.state.stopped = false; // cupsenable: the next resident's visit goes on
      await service.dispatch();
      expect(spooler.sent).toEqual([]);
      expect(service.job(job!.jobId).state).toBe('cancelled');
      expect(readdirSync(bench.spoolDir)).toEqual([]);
    });
  }

  it('already at the spooler, waiting for the stopped printer, request cancelled: cancelled at the spooler too', async () => {
    const spooler = stoppableSpooler();
    spooler.state.stopped = false;
    const { service, adapter } = printing(spooler.driver);
    const request = enqueue();
    // Sent while the printer was ready; CUPS then holds it (printer paused before it printed).
    const [job] = await adapter.print(request.id, [{ name: '帳票一式', pdf: FORM_SET }]);
    const sentAs = service.job(job!.jobId);
    expect(sentAs.state).toBe('sent');
    spooler.state.stopped = true;
    (await spooler.driver.job('CounterPrinter', sentAs.spoolerJob!))!.state = 'held';
    bench.queue.advance(request.id, 'cancelled', { staffId: 'ito-k', counter: '3' });
    await service.dispatch();
    expect(spooler.cancelled).toEqual([sentAs.spoolerJob]);
    expect(service.job(job!.jobId).state).toBe('cancelled');
    expect(existsSync(join(bench.spoolDir, `${request.id}-0.pdf`))).toBe(false);
  });

  it("another visit's held job still prints when the printer is back", async () => {
    const spooler = stoppableSpooler();
    const { service, adapter } = printing(spooler.driver);
    const ended = enqueue();
    const next = enqueue();
    await adapter.print(ended.id, [{ name: '帳票一式', pdf: FORM_SET }]);
    const [job] = await adapter.print(next.id, [{ name: '帳票一式', pdf: FORM_SET }]);
    bench.queue.advance(ended.id, 'cancelled', { staffId: 'ito-k', counter: '3' });
    spooler.state.stopped = false;
    await service.dispatch();
    expect(service.job(job!.jobId).state).toBe('sent');
    expect(spooler.sent).toHaveLength(1);
  });
});
