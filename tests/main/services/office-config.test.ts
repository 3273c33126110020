// The office's own settings (KIOSK_CONFIG): where residents wait, printed on the 受付票 in every
// language, and a receipt printer for the 受付票.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentLanguage } from '../../../domain/language.ts';
import type { PrintJobSummary } from '../../../domain/print-job.ts';
import { createFileKeyProvider } from '../../../main/crypto/key-provider.ts';
import { createAppServices, type AppServices } from '../../../main/services/app-services.ts';
import { FormsModuleAdapter } from '../../../main/services/forms-adapter.ts';
import { openKioskDatabase } from '../../../main/services/kiosk-database.ts';
import { DEFAULT_WAITING_AREA, loadOfficeConfig, parseOfficeConfig } from '../../../main/services/office-config.ts';
import type { PrinterPort } from '../../../main/services/ports.ts';
import { QueueModuleAdapter } from '../../../main/services/queue-adapter.ts';

const WAITING_AREA = '2階 市民課前の待合ロビー（番号表示板の前）';

describe('office configuration', () => {
  it('defaults: the lobby in front of the counter, counter 1, no printer (IT staff must choose one), not demo, 10 min idle sign-out', () => {
    expect(parseOfficeConfig({})).toEqual({
      waitingArea: DEFAULT_WAITING_AREA,
      counter: '1',
      printers: { forms: null, receipt: null },
      cityProfile: 'default',
      demo: false,
      staffIdleSignOutMs: 10 * 60_000,
      service: null,
      publicStatusUrl: null,
      pools: ['tennyu', 'tenshutsu', 'tenkyo', 'household', 'certificate', 'other'],
    });
  });

  it('office.pools: the categories this counter calls from (each once); an unknown one is refused', () => {
    expect(parseOfficeConfig({ office: { pools: ['tennyu', 'tenkyo', 'tennyu'] } }).pools).toEqual(['tennyu', 'tenkyo']);
    expect(() => parseOfficeConfig({ office: { pools: ['juminhyo'] } })).toThrow(expect.objectContaining({ code: 'app/config-invalid' }));
    expect(() => parseOfficeConfig({ office: { pools: [] } })).toThrow(expect.objectContaining({ code: 'app/config-invalid' }));
  });

  it('reads office.waitingArea and printers from the KIOSK_CONFIG file, next to the card policy; the environment names printers first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
    const path = join(dir, 'config.json');
    writeFileSync(
      path,
      JSON.stringify({
        card: { individualNumber: 'forbidden' },
        office: { waitingArea: `  ${WAITING_AREA} `, counter: '3' },
        printers: { forms: 'Counter3', receipt: 'Counter3-Receipt' },
        forms: { profile: 'sapporo' },
        staff: { idleSignOutMinutes: 5 },
      }),
    );
    expect(loadOfficeConfig({ KIOSK_CONFIG: path })).toEqual({
      waitingArea: WAITING_AREA,
      counter: '3',
      printers: { forms: 'Counter3', receipt: 'Counter3-Receipt' },
      cityProfile: 'sapporo',
      demo: false,
      staffIdleSignOutMs: 5 * 60_000,
      service: null,
      publicStatusUrl: null,
      pools: ['tennyu', 'tenshutsu', 'tenkyo', 'household', 'certificate', 'other'],
    });
    expect(loadOfficeConfig({ KIOSK_CONFIG: path, KIOSK_PRINTER: 'KioskPDF', KIOSK_RECEIPT_PRINTER: 'KioskReceipt' }).printers).toEqual({
      forms: 'KioskPDF',
      receipt: 'KioskReceipt',
    });
    rmSync(dir, { recursive: true, force: true });
  });

  it('office.publicStatusUrl: read for the 受付票’s QR code; it needs office.service', () => {
    const service = { url: 'http://127.0.0.1:8470', token: '3.abcdefghijklmnopqrstuvwx' };
    const config = parseOfficeConfig({
      office: { counter: '3', service, publicStatusUrl: 'https://www.city.sapporo.jp/madoguchi/status' },
    });
    expect(config.publicStatusUrl).toBe('https://www.city.sapporo.jp/madoguchi/status');
    expect(parseOfficeConfig({}).publicStatusUrl).toBeNull();
    // A number only this counter knows has no status to show: the URL alone is refused.
    expect(() => parseOfficeConfig({ office: { publicStatusUrl: 'https://www.city.sapporo.jp/madoguchi/status' } })).toThrow(
      expect.objectContaining({ code: 'app/config-invalid', message: expect.stringContaining('office.publicStatusUrl') }),
    );
    expect(() => parseOfficeConfig({ office: { counter: '3', service, publicStatusUrl: 'javascript:alert(1)' } })).toThrow(
      expect.objectContaining({ code: 'app/config-invalid' }),
    );
  });

  it("office.service.caFile: the office's private CA read for its https:// URL; a file without a certificate refused", () => {
    const dir = mkdtempSync(join(tmpdir(), 'office-ca-'));
    try {
      const caFile = join(dir, 'sapporo-chuo-ca.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
        '-keyout', join(dir, 'ca.key'), '-out', caFile, '-subj', '/CN=Sapporo Chuo Office CA'], { stdio: 'pipe' }); // prettier-ignore
      const service = { url: 'https://office.sapporo-chuo.lan:8470', token: '3.abcdefghijklmnopqrstuvwx' };
      const config = parseOfficeConfig({ office: { counter: '3', service: { ...service, caFile } } });
      expect(config.service?.ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(parseOfficeConfig({ office: { counter: '3', service } }).service).not.toHaveProperty('ca');
      // The key is not a certificate; a missing file is not either. The message names the key, not the content.
      for (const wrong of [join(dir, 'ca.key'), join(dir, 'missing.pem')]) {
        expect(() => parseOfficeConfig({ office: { counter: '3', service: { ...service, caFile: wrong } } })).toThrow(
          expect.objectContaining({ code: 'app/config-invalid', message: expect.stringContaining('office.service.caFile') }),
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a wrong value naming the key, never echoing the value', () => {
    for (const [json, key] of [
      [{ office: { waitingArea: '' } }, 'office.waitingArea'],
      [{ office: { waitingArea: 'あ'.repeat(61) } }, 'office.waitingArea'],
      [{ office: { waitngArea: '1階ロビー' } }, 'office'],
      [{ printers: { receipt: 'bad name/秘密' } }, 'printers.receipt'],
      // A profile is a shipped id or an absolute path to a .json file: never a relative path.
      [{ forms: { profile: '../秘密.json' } }, 'forms.profile'],
      [{ forms: { profle: 'sapporo' } }, 'forms'],
    ] as const) {
      expect(() => parseOfficeConfig(json)).toThrow(expect.objectContaining({ code: 'app/config-invalid' }));
      try {
        parseOfficeConfig(json);
      } catch (error) {
        expect((error as Error).message).toContain(key);
        expect((error as Error).message).not.toContain('秘密');
      }
    }
    expect(() => loadOfficeConfig({ KIOSK_CONFIG: '/nonexistent/kiosk.json' })).toThrow(
      expect.objectContaining({ code: 'app/config-invalid' }),
    );
  });
});

describe('the 受付票 with the office configuration', () => {
  let dir: string;
  let services: AppServices;
  const sent: { requestId: string; jobId: string; name: string; pdf: Uint8Array; receipt: boolean }[] = [];
  const summary = (s: (typeof sent)[number]): PrintJobSummary => ({ jobId: s.jobId, document: s.name, state: 'completed' });
  const printer: PrinterPort = {
    printerName: 'counter-1',
    status: async () => ({ state: 'ready', heldJobs: 0 }),
    print: async (requestId, documents, options) => {
      const jobs = documents.map((d) => ({ requestId, jobId: `job-${sent.length + 1}`, ...d, receipt: options?.receipt === true }));
      for (const job of jobs) sent.push(job);
      return jobs.map(summary);
    },
    jobs: async (requestId) => sent.filter((s) => s.requestId === requestId).map(summary),
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-office-'));
    services = createAppServices({
      dataDir: dir,
      info: { name: 't', version: '0', demoMode: true, idleTimeoutSeconds: 60, idleCountdownSeconds: 10 },
      card: null,
      forms: new FormsModuleAdapter(),
      queue: new QueueModuleAdapter(
        openKioskDatabase({ path: join(dir, 'queue.sqlite'), keyProvider: createFileKeyProvider(join(dir, 'master.key')) }),
      ),
      printer,
      readerName: null,
      kdf: { N: 2 ** 10, r: 8, p: 1 },
      waitingArea: WAITING_AREA,
    });
    services.staff.signIn('staff', { staffId: 'ito', role: 'staff', counter: '3' });
  });

  afterAll(async () => {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the office’s own words in every language, and asks for the receipt printer', { timeout: 120_000 }, async () => {
    const session = services.session;
    for (const language of residentLanguage.options) {
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
      session.setResidentLanguage(language);
      await session.renderPreview();
      await session.print();
      await session.issueTicket();
      await expect.poll(async () => (await session.view()).ticket?.receipt, { timeout: 20_000 }).toBe('printed');
      const receipt = sent.at(-1)!;
      expect(receipt).toMatchObject({ name: '受付票', receipt: true });
      // The forms went to the forms printer.
      expect(sent.at(-2)).toMatchObject({ receipt: false });
      const file = join(dir, `receipt-${language}.pdf`);
      writeFileSync(file, receipt.pdf);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text, language).toContain(WAITING_AREA.replace(/\s+/g, ''));
      expect(text, language).not.toContain(DEFAULT_WAITING_AREA);
      session.end('completed');
    }
  });
});
