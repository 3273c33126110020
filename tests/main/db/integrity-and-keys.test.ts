// The app's side of "a damaged database never starts a silent second life", on real SQLite files: the scheduled
// full integrity check stops writes on a finding the start's quick check cannot see (an index
// out of step with its table); the app's sealed key is made only for a database without sealed
// data; and a database fault reaches the staff screens with its own code, not "unexpected error".
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSealedKeyProvider, type Sealer } from '../../../main/crypto/key-provider.ts';
import { handle } from '../../../main/ipc/registry.ts';
import { openKioskDatabase } from '../../../main/services/kiosk-database.ts';
import { createHandlers } from '../../../main/app-handlers.ts';
import { createAppServices } from '../../../main/services/app-services.ts';
import { residents } from '../support/kiosk-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-integrity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for Electron's safeStorage (the OS keychain is not in the test machine): XOR with a fixed pad. */
const sealer: Sealer = {
  seal: (plain) => Buffer.from(plain.map((b, i) => b ^ ((0x5a + i) % 256))),
  unseal: (sealed) => Buffer.from(sealed.map((b, i) => b ^ ((0x5a + i) % 256))),
};
const clock = () => Date.parse('2026-11-24T01:00:00Z');

describe('the scheduled full check', () => {
  it('finds an index out of step that quick_check passes, and then refuses every write; reads go on', () => {
    const path = join(dir, 'index.sqlite');
    const keyPath = join(dir, 'keys', 'index.key');
    const keys = ({ create }: { create: boolean }) => createSealedKeyProvider(keyPath, sealer, { create });
    let kiosk = openKioskDatabase({ path, keyProvider: keys, clock });
    for (let i = 0; i < 4; i += 1) kiosk.queue.enqueue({ category: 'tennyu', forms: [], resident: residents.takahashi });
    kiosk.close();
    // Flip bytes at the end of the ticket index's page: the table is intact, the index is not.
    const probe = new Database(path, { readonly: true });
    const page = probe.prepare("SELECT pageno FROM dbstat WHERE name = 'sqlite_autoindex_requests_2' LIMIT 1").pluck().get() as number;
    probe.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.from([0xff, 0x00, 0xff, 0x00, 0x55, 0xaa]), 0, 6, page * 4096 - 96);
    closeSync(fd);

    kiosk = openKioskDatabase({ path, keyProvider: keys, clock });
    try {
      expect(kiosk.writesRefused()).toBeNull(); // quick_check at start does not look at indexes
      const finding = kiosk.checkAndGuard();
      expect(finding).not.toBe('ok');
      expect(kiosk.writesRefused()).toBe(finding);
      expect(() => kiosk.queue.enqueue({ category: 'tennyu', forms: [], resident: residents.takahashi })).toThrow(
        expect.objectContaining({ code: 'db/integrity' }),
      );
      expect(() => kiosk.queue.advance('A-001', 'submitted')).toThrow(expect.objectContaining({ code: 'db/integrity' }));
      expect(kiosk.queue.live().length).toBe(4);
    } finally {
      kiosk.close();
    }
  });
});

describe("the app's sealed master key", () => {
  it('is made for a new database, and never again once the database holds sealed data', () => {
    const path = join(dir, 'sealed.sqlite');
    const keyPath = join(dir, 'app', 'master.key');
    const keys = ({ create }: { create: boolean }) => createSealedKeyProvider(keyPath, sealer, { create });
    const kiosk = openKioskDatabase({ path, keyProvider: keys, clock });
    kiosk.queue.enqueue({ category: 'tennyu', forms: [], resident: residents.yoshino });
    kiosk.close();
    rmSync(keyPath);
    expect(() => openKioskDatabase({ path, keyProvider: keys, clock })).toThrow(expect.objectContaining({ code: 'db/key-mismatch' }));
    expect(existsSync(keyPath)).toBe(false);
  });
});

describe('a database fault on the staff screens', () => {
  it('arrives over IPC as db/busy with what to do, not app/internal', async () => {
    const services = createAppServices({
      dataDir: join(dir, 'ipc'),
      info: { name: '書かない窓口', version: '0.1.0', demoMode: true, idleTimeoutSeconds: 120, idleCountdownSeconds: 30 },
      kdf: { N: 2 ** 12, r: 8, p: 1 },
      counter: '3',
    });
    const path = join(dir, 'locked.sqlite');
    const holder = new Database(path);
    holder.pragma('journal_mode = WAL');
    holder.exec('CREATE TABLE t (x)');
    holder.prepare('BEGIN IMMEDIATE').run();
    try {
      const writer = new Database(path, { timeout: 50 });
      const handlers = {
        ...createHandlers(services),
        'app:info': () => {
          writer.prepare('INSERT INTO t VALUES (1)').run();
          return { name: 'x', version: '1', demoMode: true, idleTimeoutSeconds: 1, idleCountdownSeconds: 1 };
        },
      } as ReturnType<typeof createHandlers>;
      const result = await handle(handlers, 'app:info', {}, { screen: 'staff' });
      expect(result).toMatchObject({ ok: false, error: { code: 'db/busy' } });
      expect((result as { error: { action: string } }).error.action).toMatch(/しばらく待って/);
      writer.close();
    } finally {
      holder.prepare('ROLLBACK').run();
      holder.close();
      await services.close();
    }
  });
});
