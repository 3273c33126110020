// Printing through the real cupsd and the CUPS-PDF queue "KioskPDF" (.ci/start-services):
// each copy arrives as one file in /var/spool/cups-pdf/KioskPDF whose name carries the job title.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCupsDriver, readJobFileRetention } from '../../../devices/printer/cups.ts';
import type { PrinterDriver } from '../../../devices/printer/driver.ts';
import { updatePrintJob } from '../../../main/db/print-jobs.ts';
import { idFromString } from '../../../main/queue/ids.ts';
import { jobTitle, type PrintEvent } from '../../../main/printing/print-service.ts';
import { makeTestKiosk, type TestKiosk } from '../../main/support/kiosk-fixtures.ts';

const PRINTER = 'KioskPDF';
const LATE_PRINTER = 'KioskPDFLater';
const OUT = '/var/spool/cups-pdf/KioskPDF';
const ROOT = resolve(import.meta.dirname, '../../..');

let t: TestKiosk;
let pdf: string;

function copiesOf(jobId: string): number {
  const title = jobTitle(idFromString(jobId));
  return readdirSync(OUT).filter((f) => f.includes(title)).length;
}

function cups(command: string, ...args: string[]): void {
  execFileSync(command, args, { stdio: 'pipe' });
}

/** Waits until the spooler has no unfinished job for the title, then counts copies. */
async function settledCopies(driver: PrinterDriver, printer: string, jobId: string): Promise<number> {
  const title = jobTitle(idFromString(jobId));
  for (let i = 0; i < 40; i += 1) {
    const jobs = await driver.jobsTitled(printer, title);
    if (jobs.every((j) => ['completed', 'canceled', 'aborted'].includes(j.state))) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return copiesOf(jobId);
}

beforeAll(async () => {
  execFileSync('bash', [join(ROOT, '.ci/start-services')], { stdio: 'pipe' });
  t = makeTestKiosk();
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('KIOSK PRINT TEST', { x: 72, y: 760, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  pdf = join(t.dir, 'form.pdf');
  writeFileSync(pdf, await doc.save());
});

afterEach(() => {
  spawnSync('cupsenable', [PRINTER]);
  spawnSync('cupsaccept', [PRINTER]);
  spawnSync('lpadmin', ['-x', LATE_PRINTER]);
});

afterAll(() => t?.cleanup());

describe('printing through CUPS', () => {
  it('lists the CUPS-PDF printer with its state', async () => {
    const printers = await createCupsDriver().listPrinters();
    const kiosk = printers.find((p) => p.name === PRINTER);
    expect(kiosk).toMatchObject({ name: PRINTER, state: 'idle', accepting: true });
    cups('cupsdisable', PRINTER);
    expect(await createCupsDriver().printer(PRINTER)).toMatchObject({ state: 'stopped' });
    expect(await createCupsDriver().printer('NoSuchPrinter')).toBeNull();
  });

  it('the set-up configures CUPS as the README tells deployments: printed documents are not kept (PreserveJobFiles No)', () => {
    expect(readJobFileRetention()).toMatchObject({ path: '/etc/cups/cupsd.conf', preserved: false, setting: 'No' });
  });

  it('records the job before sending and prints exactly one copy', async () => {
    const service = t.kiosk.printService(createCupsDriver());
    const states: string[] = [];
    service.onEvent((e) => e.type === 'job' && states.push(e.job.state));
    const request = t.kiosk.queue.enqueue({ category: 'A', forms: ['jumin-ido'], resident: { name: '𠮷田 花子' } });
    const [job] = await service.print({ printer: PRINTER, files: [{ path: pdf, document: '住民異動届' }], requestId: request.id });
    const [done] = await service.waitFor([job!.id]);
    expect(done).toMatchObject({ state: 'completed', printer: PRINTER, document: '住民異動届', requestId: request.id });
    expect(done!.spoolerJob).toBeGreaterThan(0);
    expect(states.slice(0, 2)).toEqual(['sending', 'sent']);
    expect(states.at(-1)).toBe('completed');
    expect(await settledCopies(createCupsDriver(), PRINTER, job!.id)).toBe(1);
    expect(service.jobsOfRequest(request.id).map((j) => j.id)).toEqual([job!.id]);
    // A job for a request that does not exist is refused before anything is recorded or sent.
    await expect(
      service.print({ printer: PRINTER, files: [{ path: pdf }], requestId: '01a20ab1-71ec-7392-929a-1d4737f2c963' }),
    ).rejects.toMatchObject({ code: 'queue/unknown-request' });
    await expect(service.print({ printer: PRINTER, files: [{ path: join(t.dir, 'missing.pdf') }] })).rejects.toMatchObject({
      code: 'printer/file-missing',
    });
  });

  it('holds jobs while the queue is stopped, tells staff, and prints them once when it is re-enabled', async () => {
    const driver = createCupsDriver();
    const service = t.kiosk.printService(driver);
    const notices: PrintEvent[] = [];
    service.onEvent((e) => e.type !== 'job' && notices.push(e));
    cups('cupsdisable', PRINTER);
    const jobs = await service.print({
      printer: PRINTER,
      files: [
        { path: pdf, document: 'a' },
        { path: pdf, document: 'b' },
      ],
    });
    expect(jobs.map((j) => [j.state, j.heldReason])).toEqual([
      ['queued', 'printer-stopped'],
      ['queued', 'printer-stopped'],
    ]);
    expect(notices).toEqual([
      expect.objectContaining({ type: 'printer-unavailable', printer: PRINTER, reason: 'printer-stopped', heldJobs: 2 }),
    ]);
    expect((notices[0] as { message: string }).message).toContain('保留');
    expect(await service.status(PRINTER)).toMatchObject({ state: 'stopped', heldJobs: 2 });
    // Dispatching while stopped sends nothing.
    await service.dispatch();
    for (const j of jobs) expect(await driver.jobsTitled(PRINTER, jobTitle(idFromString(j.id)))).toEqual([]);

    cups('cupsenable', PRINTER);
    const done = await service.waitFor(jobs.map((j) => j.id));
    expect(done.map((j) => j.state)).toEqual(['completed', 'completed']);
    expect(notices.at(-1)).toEqual({ type: 'printer-available', printer: PRINTER });
    for (const j of jobs) expect(await settledCopies(driver, PRINTER, j.id)).toBe(1);
    // More dispatches never print a finished job again.
    await service.dispatch();
    await service.dispatch();
    for (const j of jobs) expect(await settledCopies(driver, PRINTER, j.id)).toBe(1);
  });

  it('a job that reached CUPS just as the queue stopped is printed once when it is re-enabled', async () => {
    const real = createCupsDriver();
    // The printer stops between our check and `lp`: the job waits inside CUPS.
    const racing: PrinterDriver = { ...real, printer: async (name) => ({ ...(await real.printer(name))!, state: 'idle' }) };
    const service = t.kiosk.printService(racing);
    cups('cupsdisable', PRINTER);
    const [job] = await service.print({ printer: PRINTER, files: [{ path: pdf }] });
    expect(job!.state).toBe('sent');
    await new Promise((r) => setTimeout(r, 500));
    expect((await real.job(PRINTER, job!.spoolerJob!))?.state).toBe('pending');
    expect(copiesOf(job!.id)).toBe(0);
    cups('cupsenable', PRINTER);
    const [done] = await service.waitFor([job!.id]);
    expect(done!.state).toBe('completed');
    expect(await settledCopies(real, PRINTER, job!.id)).toBe(1);
  });

  it('holds jobs for a missing printer and sends them once it is installed', async () => {
    const service = t.kiosk.printService(createCupsDriver());
    const [job] = await service.print({ printer: LATE_PRINTER, files: [{ path: pdf }] });
    expect(job).toMatchObject({ state: 'queued', heldReason: 'printer-missing' });
    expect(await service.status(LATE_PRINTER)).toMatchObject({ state: 'missing', heldJobs: 1 });
    const ppd = execFileSync('lpinfo', ['-m'], { encoding: 'utf8' })
      .split('\n')
      .find((l) => l.includes('CUPS-PDF_opt.ppd'))!
      .split(' ')[0]!;
    cups('lpadmin', '-p', LATE_PRINTER, '-E', '-v', 'cups-pdf:/KioskPDF', '-m', ppd);
    const [done] = await service.waitFor([job!.id]);
    expect(done!.state).toBe('completed');
    expect(await settledCopies(createCupsDriver(), LATE_PRINTER, job!.id)).toBe(1);
  });

  it('after a crash between lp and the commit, adopts the CUPS job instead of printing twice', async () => {
    const real = createCupsDriver();
    const crashing: PrinterDriver = {
      ...real,
      async submit(printer, file, title) {
        await real.submit(printer, file, title);
        throw new Error('process died before recording the CUPS job id');
      },
    };
    const [job] = await t.kiosk.printService(crashing).print({ printer: PRINTER, files: [{ path: pdf }] });
    expect(job).toMatchObject({ state: 'sending', spoolerJob: null });
    // "Restart": a fresh service over the same database.
    const restarted = t.kiosk.printService(real);
    const [done] = await restarted.waitFor([job!.id]);
    expect(done!.state).toBe('completed');
    expect(done!.spoolerJob).toBeGreaterThan(0);
    expect(await settledCopies(real, PRINTER, job!.id)).toBe(1);
  });

  it('after a crash before lp ran, sends the job (once)', async () => {
    const real = createCupsDriver();
    const service = t.kiosk.printService(real);
    cups('cupsdisable', PRINTER);
    const [job] = await service.print({ printer: PRINTER, files: [{ path: pdf }] });
    // Simulate the crash window: the row says 'sending' but nothing reached CUPS.
    updatePrintJob(t.db, idFromString(job!.id), { state: 'sending', heldReason: null, cupsJob: null, error: null, at: Date.now() });
    cups('cupsenable', PRINTER);
    const [done] = await t.kiosk.printService(real).waitFor([job!.id]);
    expect(done!.state).toBe('completed');
    expect(await settledCopies(real, PRINTER, job!.id)).toBe(1);
  });

  it('prints another copy only when a person asks for a reprint', async () => {
    const driver = createCupsDriver();
    const service = t.kiosk.printService(driver);
    const [job] = await service.print({ printer: PRINTER, files: [{ path: pdf }] });
    await service.waitFor([job!.id]);
    const again = await service.reprint(job!.id);
    const [done] = await service.waitFor([again.id]);
    expect(done).toMatchObject({ state: 'completed', reprintOf: job!.id });
    expect(await settledCopies(driver, PRINTER, job!.id)).toBe(1);
    expect(await settledCopies(driver, PRINTER, again.id)).toBe(1);
  });

  it('CLI: printers --json and print … --json', () => {
    const kiosk = (...args: string[]) =>
      spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', join(ROOT, 'main/cli/kiosk.ts'), ...args], {
        encoding: 'utf8',
        cwd: ROOT,
      });
    const list = kiosk('printers', '--json');
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout).printers).toEqual(expect.arrayContaining([expect.objectContaining({ name: PRINTER })]));
    const printed = kiosk('print', pdf, pdf, '--printer', PRINTER, '--db', t.dbPath, '--key-file', t.keyPath, '--key-beside-db', '--json');
    expect(printed.status).toBe(0);
    const jobs = JSON.parse(printed.stdout).jobs as { id: string; state: string }[];
    expect(jobs.map((j) => j.state)).toEqual(['completed', 'completed']);
    for (const j of jobs) expect(copiesOf(j.id)).toBe(1);
    const missing = kiosk(
      'print',
      pdf,
      '--printer',
      'NoSuchPrinter',
      '--db',
      t.dbPath,
      '--key-file',
      t.keyPath,
      '--key-beside-db',
      '--json',
      '--timeout-ms',
      '0',
    );
    expect(missing.status).toBe(3);
    expect(JSON.parse(missing.stdout).jobs[0]).toMatchObject({ state: 'queued', heldReason: 'printer-missing' });
    const usage = kiosk('print', pdf, '--json');
    expect(usage.status).toBe(2);
    expect(JSON.parse(usage.stdout).error).toBe('cli/usage');
    expect(existsSync(pdf)).toBe(true);
  });
});
