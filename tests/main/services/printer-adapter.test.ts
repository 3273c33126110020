// Print files hold residents' personal data: after a crash, the spool keeps only the files
// whose jobs can still print.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrinterDriver } from '../../../devices/printer/driver.ts';
import { createFileKeyProvider, unwrapDataKey } from '../../../main/crypto/key-provider.ts';
import { closeDatabase, openDatabase } from '../../../main/db/connection.ts';
import { getRequestKey } from '../../../main/db/resident-fields.ts';
import { openSpool } from '../../../main/crypto/field-cipher.ts';
import { idFromString } from '../../../main/queue/ids.ts';
import { PrintService } from '../../../main/printing/print-service.ts';
import { QueueService } from '../../../main/queue/queue-service.ts';
import { queueStatistics } from '../../../main/stats/cells.ts';
import { PrintServiceAdapter } from '../../../main/services/printer-adapter.ts';

/** A spooler whose printer is unplugged: every job is held. */
const unpluggedPrinter: PrinterDriver = {
  listPrinters: async () => [],
  printer: async () => null,
  submit: async () => {
    throw new Error('not reachable');
  },
  job: async () => null,
  jobsTitled: async () => [],
  cancel: async () => undefined,
};

describe('print spool after a crash', () => {
  let dir: string;
  let db: ReturnType<typeof openDatabase>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-spool-'));
    db = openDatabase(join(dir, 'queue.sqlite'));
  });

  afterEach(() => {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps files of held jobs and removes files no job will print', async () => {
    const queue = new QueueService(db, createFileKeyProvider(join(dir, 'master.key')), queueStatistics(db));
    const request = queue.enqueue({
      category: 'tennyu',
      forms: ['jumin-ido'],
      resident: { name: '髙橋　𠮷太郎', address: '北海道札幌市中央区北一条西２丁目１番地' },
    });
    const spool = join(dir, 'spool');
    const service = new PrintService(db, unpluggedPrinter, { keys: createFileKeyProvider(join(dir, 'master.key')) });
    const adapter = new PrintServiceAdapter(service, 'CounterPrinter', spool);
    const jobs = await adapter.print(request.id, [{ name: '住民異動届', pdf: new TextEncoder().encode('%PDF-1.7 住民異動届') }]);
    expect(jobs.map((j) => j.state)).toEqual(['held']);
    // A file whose request never got a job (the app died between writing and recording it).
    writeFileSync(join(spool, '0190a1b2-0000-7000-8000-000000000000-0.pdf'), '%PDF-1.7 orphan');

    // The app restarts: a new adapter over the same spool directory.
    new PrintServiceAdapter(
      new PrintService(db, unpluggedPrinter, { keys: createFileKeyProvider(join(dir, 'master.key')) }),
      'CounterPrinter',
      spool,
    );
    expect(readdirSync(spool)).toEqual([`${request.id}-0.pdf`]);
    expect(existsSync(join(spool, `${request.id}-0.pdf`))).toBe(true);
  });

  it('a later document for the same request (the 受付票) never overwrites a file still held for printing', async () => {
    const queue = new QueueService(db, createFileKeyProvider(join(dir, 'master.key')), queueStatistics(db));
    const request = queue.enqueue({
      category: 'tennyu',
      forms: ['jumin-ido'],
      resident: { name: '﨑山　𠮷男', address: '北海道札幌市中央区大通西４丁目' },
    });
    const spool = join(dir, 'spool');
    const adapter = new PrintServiceAdapter(
      new PrintService(db, unpluggedPrinter, { keys: createFileKeyProvider(join(dir, 'master.key')) }),
      'CounterPrinter',
      spool,
    );
    await adapter.print(request.id, [{ name: '住民異動届', pdf: new TextEncoder().encode('%PDF-1.7 forms') }]);
    await adapter.print(request.id, [{ name: '受付票', pdf: new TextEncoder().encode('%PDF-1.7 receipt') }]);
    // Two files (sealed with the request's key, tests/security/print-spool.test.ts): the first is still the forms.
    const files = readdirSync(spool).sort();
    expect(files).toEqual([`${request.id}-0.pdf`, `${request.id}-1.pdf`]);
    const key = createFileKeyProvider(join(dir, 'master.key'));
    const stored = getRequestKey(db, idFromString(request.id))!;
    const dataKey = unwrapDataKey(key, stored.key_id, stored.wrapped);
    const contents = files.map((f) => openSpool(dataKey, request.id, readFileSync(join(spool, f))).toString('utf8'));
    expect(contents).toEqual(['%PDF-1.7 forms', '%PDF-1.7 receipt']);
  });
});
