// Child process of crash-adoption.int.test.ts: the app's own path to the printer. It records a
// request, seals its form set into the spool (as the counter does) and prints it through the
// real CUPS driver, which pipes the decrypted PDF into `lp`. The test SIGKILLs this process while
// its `lp` child runs. CUPS_SERVER points at the test's private cupsd. Mode 'die-on-job-id': the
// process SIGKILLs itself the moment lp has said the job id (once the service has taken it), the
// narrowest crash window there is. Mode 'pause-after-check': after the printer check the process
// says CHECKED and waits for a line on stdin, so that the test can pause cupsd before lp runs.
import { mkdirSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createCupsDriver } from '../../../devices/printer/cups.ts';
import type { PrinterDriver } from '../../../devices/printer/driver.ts';
import { createFileKeyProvider } from '../../../main/crypto/key-provider.ts';
import { openKioskDatabase } from '../../../main/services/kiosk-database.ts';

const [dbPath, keyPath, printer, mode] = process.argv.slice(2);
const kiosk = openKioskDatabase({ path: dbPath!, keyProvider: createFileKeyProvider(keyPath!) });
const request = kiosk.queue.enqueue({
  category: 'tennyu',
  forms: ['jumin-ido'],
  resident: { name: '𠮷田 髙﨑', address: '東京都千代田区霞が関一丁目一番一号 中央合同庁舎' },
});
const doc = await PDFDocument.create();
doc.addPage([595, 842]).drawText('JUMIN IDO TODOKE', { x: 72, y: 760, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
const spool = join(dirname(dbPath!), 'spool');
mkdirSync(spool, { recursive: true, mode: 0o700 });
const file = join(spool, `${request.id}-0.pdf`);
const real = createCupsDriver();
const driver: PrinterDriver =
  mode === 'pause-after-check'
    ? {
        ...real,
        // Says when the printer check is done and waits for the test (which pauses cupsd) before lp runs.
        async printer(name) {
          const info = await real.printer(name);
          writeSync(1, 'CHECKED\n');
          await new Promise((r) => process.stdin.once('data', r));
          process.stdin.pause();
          return info;
        },
      }
    : mode === 'die-on-job-id'
      ? {
          ...real,
          submit: (p, document, title, onJobId) =>
            real.submit(p, document, title, (id) => {
              onJobId?.(id);
              process.kill(process.pid, 'SIGKILL');
            }),
        }
      : real;
const service = kiosk.printService(driver);
service.spool(request.id, file, await doc.save());
writeSync(1, `REQUEST ${request.id}\n`);
const [job] = await service.print({ printer: printer!, files: [{ path: file, document: '住民異動届' }], requestId: request.id });
writeSync(1, `PRINTED ${job!.id} ${job!.state}\n`);
kiosk.close();
