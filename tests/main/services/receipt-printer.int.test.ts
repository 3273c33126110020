// A counter with a receipt printer, through the real cupsd and two CUPS-PDF queues
// (.ci/start-services): the forms go to "KioskPDF", the 受付票 to "KioskReceipt", with the
// office's own words for where to wait (KIOSK_CONFIG) in the resident's language.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileKeyProvider } from '../../../main/crypto/key-provider.ts';
import { createAppServices, type AppServices } from '../../../main/services/app-services.ts';
import { loadOfficeConfig } from '../../../main/services/office-config.ts';
import { openRealModules } from '../../../main/services/real-modules.ts';

const FORMS_OUT = '/var/spool/cups-pdf/KioskPDF';
const RECEIPT_OUT = '/var/spool/cups-pdf/KioskReceipt';
const WAITING_AREA = '2階 市民課前の待合ロビー（番号表示板の前）';

const pdfs = (dir: string): Set<string> =>
  new Set(existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.pdf') && statSync(join(dir, f)).size > 0) : []);

function newFiles(dir: string, before: Set<string>): string[] {
  return [...pdfs(dir)].filter((f) => !before.has(f));
}

describe('the 受付票 on a receipt printer (real CUPS, two CUPS-PDF queues)', () => {
  let dir: string;
  let services: AppServices;
  let modules: ReturnType<typeof openRealModules>;

  beforeAll(() => {
    execFileSync('lpstat', ['-p', 'KioskReceipt']); // set up by .ci/start-services
    dir = mkdtempSync(join(tmpdir(), 'kiosk-receipt-'));
    const config = join(dir, 'kiosk-config.json');
    writeFileSync(
      config,
      JSON.stringify({ office: { waitingArea: WAITING_AREA }, printers: { forms: 'KioskPDF', receipt: 'KioskReceipt' } }),
    );
    const office = loadOfficeConfig({ KIOSK_CONFIG: config });
    modules = openRealModules({
      dataDir: dir,
      keys: createFileKeyProvider(join(dir, 'master.key')),
      printerName: office.printers.forms,
      receiptPrinterName: office.printers.receipt,
      demo: true, // both queues are CUPS-PDF: demo mode only
      cardService: null,
      printPollMs: 300,
    });
    services = createAppServices({
      dataDir: dir,
      info: { name: 't', version: '0', demoMode: false, idleTimeoutSeconds: 60, idleCountdownSeconds: 10 },
      card: null,
      forms: modules.forms,
      queue: modules.queue,
      printer: modules.printer,
      kdf: { N: 2 ** 10, r: 8, p: 1 },
      waitingArea: office.waitingArea,
    });
    services.staff.signIn('staff', { staffId: 'ito', role: 'staff', counter: '3' });
  });

  afterAll(async () => {
    await services?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the forms on the forms printer and the 受付票 on the receipt printer', { timeout: 120_000 }, async () => {
    const formsBefore = pdfs(FORMS_OUT);
    const receiptsBefore = pdfs(RECEIPT_OUT);
    const session = services.session;
    session.start();
    session.addMember({ name: '山田　花子', furigana: 'ヤマダ　ハナコ', birthDate: '1985-06-15', sex: 'female', relationship: '世帯主' });
    session.setMove({
      kind: 'tenkyo',
      moveDate: '2026-11-16',
      postalCode: '060-0042',
      address: '北海道札幌市中央区大通西四丁目１番地',
      building: '',
      previousPostalCode: '060-0001',
      previousAddress: '北海道札幌市中央区北一条西二丁目１番地',
      phone: '',
    });
    session.setResidentLanguage('vi');
    await session.renderPreview();
    await session.print();
    await expect.poll(async () => (await session.view()).printJobs.every((j) => j.state === 'completed'), { timeout: 30_000 }).toBe(true);
    await session.issueTicket();
    await expect.poll(async () => (await session.view()).ticket?.receipt, { timeout: 30_000 }).toBe('printed');
    await expect.poll(() => newFiles(RECEIPT_OUT, receiptsBefore).length, { timeout: 30_000 }).toBe(1);
    // Exactly the forms set on the forms printer: the 受付票 did not go there.
    await expect.poll(() => newFiles(FORMS_OUT, formsBefore).length, { timeout: 30_000 }).toBe(1);
    // Each job at its own queue (CUPS-PDF re-distils the file, so its text cannot be read back:
    // the words printed are checked on the app's own PDF, in every language, in office-config.test.ts).
    const requestId = (await session.view()).ticket!.requestId;
    expect(modules.printService.jobsOfRequest(requestId).map((j) => [j.document, j.printer, j.state])).toEqual([
      [expect.stringMatching(/^帳票一式/), 'KioskPDF', 'completed'],
      ['受付票', 'KioskReceipt', 'completed'],
    ]);
    const receipt = join(RECEIPT_OUT, newFiles(RECEIPT_OUT, receiptsBefore)[0]!);
    const pages = execFileSync('pdfinfo', [receipt], { encoding: 'utf8' });
    expect(pages).toMatch(/Pages:\s+1\n/);
    mkdirSync(join(process.cwd(), 'test-output'), { recursive: true });
    execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', receipt, join(process.cwd(), 'test-output/receipt-vi-KioskReceipt')]);
  });
});
