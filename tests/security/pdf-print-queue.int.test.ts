// Threat: the forms printer defaulted to the queue name 'PDF'. If that is a CUPS-PDF queue, every
// form set (names, addresses, dates of birth) is written to disk in plain text, outside the sealed
// spool and beyond the retention purge. Now there is no default printer: the app starts, says what
// IT staff must set (printer/not-configured) and refuses to print; a CUPS-PDF queue (found by its
// device URI cups-pdf:/ or its make and model, over IPP) is refused outside demo mode
// (printer/pdf-queue-not-allowed), before a request is created. Real cupsd with the KioskPDF queue.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCupsDriver } from '../../devices/printer/cups.ts';
import type { MoveInput } from '../../domain/visit.ts';
import { createHandlers } from '../../main/app-handlers.ts';
import { createFileKeyProvider } from '../../main/crypto/key-provider.ts';
import { handle } from '../../main/ipc/registry.ts';
import { createAppServices, type AppServices } from '../../main/services/app-services.ts';
import { parseOfficeConfig } from '../../main/services/office-config.ts';
import { openRealModules, type RealModules } from '../../main/services/real-modules.ts';

const PDF_QUEUE = 'KioskPDF'; // .ci/start-services: lpadmin -v cups-pdf:/KioskPDF
const CUPS_PDF_OUT = '/var/spool/cups-pdf/KioskPDF';
const MOVE: MoveInput = {
  kind: 'tennyu',
  moveDate: '2026-11-20',
  postalCode: '060-0042',
  address: '北海道札幌市中央区大通西十丁目４番地',
  building: '',
  previousPostalCode: '810-0001',
  previousAddress: '福岡県福岡市中央区天神一丁目８番１号',
  phone: '',
};
const RESIDENT = {
  name: '鷲見　檸檬太郎',
  furigana: 'スミ　レモンタロウ',
  birthDate: '1979-06-02',
  sex: 'male',
  relationship: '世帯主',
} as const;

const outputs = () => readdirSync(CUPS_PDF_OUT).length;

describe('no default printer; a CUPS-PDF queue only in demo mode', () => {
  let dir: string;
  let modules: RealModules;
  let services: AppServices;

  function open(printerName: string | null, demo: boolean): void {
    modules = openRealModules({ dataDir: dir, keys: createFileKeyProvider(join(dir, 'master.key')), printerName, demo, cardService: null });
    services = createAppServices({
      dataDir: dir,
      info: { name: 't', version: '0', demoMode: demo, idleTimeoutSeconds: 60, idleCountdownSeconds: 10 },
      forms: modules.forms,
      queue: modules.queue,
      printer: modules.printer,
      kdf: { N: 2 ** 10, r: 8, p: 1 },
    });
    services.staff.signIn('staff', { staffId: 'ito-k', role: 'staff', counter: '3' });
  }

  async function printVisit(): Promise<string | undefined> {
    const { session } = services;
    session.start();
    session.addMember({ ...RESIDENT });
    session.setMove(MOVE);
    await session.renderPreview();
    await session.print();
    return (await session.view()).error?.code;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-sec-pdfq-'));
  });
  afterEach(async () => {
    await services?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the office configuration has no default printer; demo mode is demo: true or KIOSK_DEMO=1', () => {
    expect(parseOfficeConfig({}).printers.forms).toBeNull();
    expect(parseOfficeConfig({}).demo).toBe(false);
    expect(parseOfficeConfig({ demo: true }).demo).toBe(true);
    expect(parseOfficeConfig({}, { KIOSK_DEMO: '1' }).demo).toBe(true);
    expect(parseOfficeConfig({ printers: { forms: 'Counter3' } }).printers.forms).toBe('Counter3');
  });

  it('the CUPS driver tells a CUPS-PDF queue by IPP (device URI / make and model)', async () => {
    expect(await createCupsDriver().printer(PDF_QUEUE)).toMatchObject({ name: PDF_QUEUE, pdfQueue: true });
  }, 30_000);

  it('outside demo mode a CUPS-PDF queue is refused before a request exists; nothing reaches the queue or the disk', async () => {
    open(PDF_QUEUE, false);
    const before = outputs();
    expect(await printVisit()).toBe('printer/pdf-queue-not-allowed');
    expect(services.audit.entries().some((e) => e.action === 'request-created' || e.action === 'print-sent')).toBe(false);
    expect(modules.printService.recent()).toEqual([]);
    await expect(
      modules.printer.print('0190f0aa-0000-7000-8000-000000000000', [{ name: 'x', pdf: new Uint8Array(8) }]),
    ).rejects.toMatchObject({
      code: 'printer/pdf-queue-not-allowed',
    });
    await new Promise((r) => setTimeout(r, 1000));
    expect(outputs()).toBe(before);
    // The console says so, with what IT staff must set.
    const status = await handle(createHandlers(services), 'status:get', {}, { screen: 'staff' });
    expect(status).toMatchObject({
      ok: true,
      value: { printer: { state: 'not-allowed', name: PDF_QUEUE, problem: { code: 'printer/pdf-queue-not-allowed' } } },
    });
  }, 60_000);

  it('with no printer configured the app starts, tells IT staff what to set and refuses to print', async () => {
    open(null, false);
    const status = await handle(createHandlers(services), 'status:get', {}, { screen: 'staff' });
    expect(status).toMatchObject({ ok: true, value: { printer: { state: 'not-configured', name: null } } });
    const problem = (status as { value: { printer: { problem: { code: string; message: string; action: string } } } }).value.printer
      .problem;
    expect(problem.code).toBe('printer/not-configured');
    expect(problem.message).toMatch(/プリンターが設定されていません/);
    expect(problem.action).toContain('printers.forms');
    expect(await printVisit()).toBe('printer/not-configured');
    expect(modules.printService.recent()).toEqual([]);
  }, 60_000);

  it('in demo mode the CUPS-PDF queue may be used', async () => {
    open(PDF_QUEUE, true);
    await expect(modules.printer.checkUsable!()).resolves.toBeUndefined();
    expect(await modules.printer.status()).toMatchObject({ state: expect.stringMatching(/^(ready|printing)$/) });
  }, 30_000);
});
