// CUPS keeping printed documents (PreserveJobFiles; one day as CUPS ships it): the forms of a
// purged request stay in the spooler's directory. Against a PRIVATE cupsd (private-cupsd.ts), so
// that its configuration can be changed and it restarted; the shared one is configured by
// .ci/start-services the way the README tells deployments to (print-service.int.test.ts checks it).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCupsDriver, readJobFileRetention } from '../../../devices/printer/cups.ts';
import { createFileKeyProvider } from '../../../main/crypto/key-provider.ts';
import { jobFilesWarning } from '../../../main/printing/job-files.ts';
import { openRealModules } from '../../../main/services/real-modules.ts';
import { makeTestKiosk, type TestKiosk } from '../../main/support/kiosk-fixtures.ts';
import { isRoot, startPrivateCupsd, type PrivateCupsd } from './private-cupsd.ts';

const QUEUE = 'KioskFiles';
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let cupsd: PrivateCupsd;
let t: TestKiosk;
let savedServer: string | undefined;

describe.skipIf(!isRoot)('CUPS keeping printed documents (PreserveJobFiles)', () => {
  beforeAll(async () => {
    cupsd = await startPrivateCupsd({ preserveJobFiles: null });
    await cupsd.addQueues(QUEUE);
    savedServer = process.env.CUPS_SERVER;
    process.env.CUPS_SERVER = cupsd.env.CUPS_SERVER;
    t = makeTestKiosk();
  });

  afterAll(async () => {
    if (savedServer === undefined) delete process.env.CUPS_SERVER;
    else process.env.CUPS_SERVER = savedServer;
    t?.cleanup();
    await cupsd?.dispose();
  });

  const documents = () => readdirSync(cupsd.spool).filter((f) => f.startsWith('d'));
  async function printOnce(name: string): Promise<number> {
    const path = join(t.dir, name);
    writeFileSync(path, PDF);
    const service = t.kiosk.printService(createCupsDriver());
    const [job] = await service.print({ printer: QUEUE, files: [{ path }] });
    const [done] = await service.waitFor([job!.id], { timeoutMs: 15_000 });
    expect(done!.state).toBe('completed');
    await new Promise((r) => setTimeout(r, 300));
    return done!.spoolerJob!;
  }

  it('as CUPS ships it, a printed document stays in the spool; the app warns IT staff at start', async () => {
    const id = await printOnce('a.pdf');
    expect(documents()).toContain(`d${String(id).padStart(5, '0')}-001`);
    const shipped = readJobFileRetention(cupsd.cupsdConf);
    expect(shipped).toMatchObject({ preserved: true, setting: null, seconds: 86_400 });
    const warning = jobFilesWarning(shipped)!;
    expect(warning.code).toBe('printer/spooler-keeps-copies');
    expect(warning.message).toContain('/var/spool/cups');
    expect(warning.message).toContain('24 時間');
    expect(warning.action).toContain('PreserveJobFiles No');

    // The app's start: the check runs and IT staff read it on stderr (the app's log).
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-start-'));
    try {
      const modules = openRealModules({
        dataDir: dir,
        keys: createFileKeyProvider(join(dir, 'master.key')),
        printerName: QUEUE,
        cardService: null,
        cupsdConf: cupsd.cupsdConf,
      });
      expect(modules.printerWarnings.map((w) => w.code)).toEqual(['printer/spooler-keeps-copies']);
      expect(errors.mock.calls.flat().join('\n')).toContain('PreserveJobFiles');
      // The console's printer status says it from the start, before this app has printed anything.
      expect(await modules.printer.status()).toMatchObject({ state: 'ready', keepsCopies: true });
      modules.queue.close();
    } finally {
      errors.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with PreserveJobFiles No (as the README tells deployments), no document stays and there is no warning', async () => {
    writeFileSync(cupsd.cupsdConf, `${readFileSync(cupsd.cupsdConf, 'utf8')}PreserveJobFiles No\n`);
    await cupsd.stop();
    await cupsd.start();
    const retention = readJobFileRetention(cupsd.cupsdConf);
    expect(retention).toMatchObject({ preserved: false, setting: 'No', seconds: 0 });
    expect(jobFilesWarning(retention)).toBeNull();
    const before = documents();
    const id = await printOnce('b.pdf');
    expect(documents().filter((f) => !before.includes(f))).toEqual([]);
    expect(documents()).not.toContain(`d${String(id).padStart(5, '0')}-001`);
  });

  it('reads the setting as cupsd does: Yes, seconds, booleans, top level only; unreadable is reported as unknown', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-conf-'));
    const conf = (text: string) => {
      writeFileSync(join(dir, 'cupsd.conf'), text);
      return readJobFileRetention(join(dir, 'cupsd.conf'));
    };
    try {
      expect(conf('PreserveJobFiles Yes\n')).toMatchObject({ preserved: true, seconds: null });
      expect(conf('PreserveJobFiles 3600  # an hour\n')).toMatchObject({ preserved: true, seconds: 3600 });
      expect(conf('preservejobfiles off\n')).toMatchObject({ preserved: false });
      expect(conf('PreserveJobFiles 0\n')).toMatchObject({ preserved: false });
      expect(conf('# PreserveJobFiles No\nLogLevel warn\n')).toMatchObject({ preserved: true, setting: null, seconds: 86_400 });
      expect(conf('PreserveJobFiles No\nPreserveJobFiles Yes\n')).toMatchObject({ preserved: true, setting: 'Yes' });
      expect(conf('<Location />\n  PreserveJobFiles No\n</Location>\n')).toMatchObject({ preserved: true, setting: null });
      expect(conf('PreserveJobFiles sometimes\n')).toMatchObject({ preserved: null });
      expect(jobFilesWarning(conf('PreserveJobFiles sometimes\n'))?.code).toBe('printer/spooler-keeps-copies');
      expect(readJobFileRetention(join(dir, 'missing.conf'))).toMatchObject({ preserved: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
