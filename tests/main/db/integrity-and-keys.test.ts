// The app's side of "a damaged database never starts a silent second life", on real SQLite files: the scheduled
// full integrity check stops writes on a finding the start's quick check cannot see (an index
// out of step with its table); the app's sealed key is made only for a database without sealed
// data; and a database fault reaches the staff screens with its own code, not "unexpected error".
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
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
    damageTicketIndex(path);

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

/** A database of four requests with its ticket index damaged (quick_check passes, integrity_check does not); a healthy copy beside it. */
function damagedDatabase(name: string): {
  path: string;
  healthy: string;
  keys: (o: { create: boolean }) => ReturnType<typeof createSealedKeyProvider>;
} {
  const path = join(dir, `${name}.sqlite`);
  const healthy = join(dir, `${name}-healthy.sqlite`);
  const keyPath = join(dir, `keys-${name}`, 'master.key');
  const keys = ({ create }: { create: boolean }) => createSealedKeyProvider(keyPath, sealer, { create });
  const kiosk = openKioskDatabase({ path, keyProvider: keys, clock });
  for (let i = 0; i < 4; i += 1) kiosk.queue.enqueue({ category: 'tennyu', forms: [], resident: residents.takahashi });
  kiosk.close();
  copyFileSync(path, healthy);
  damageTicketIndex(path);
  return { path, healthy, keys };
}

/** Flips bytes at the end of the ticket index's page: the table is intact, the index is not. */
function damageTicketIndex(path: string): void {
  const probe = new Database(path, { readonly: true });
  const page = probe.prepare("SELECT pageno FROM dbstat WHERE name = 'sqlite_autoindex_requests_2' LIMIT 1").pluck().get() as number;
  probe.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.from([0xff, 0x00, 0xff, 0x00, 0x55, 0xaa]), 0, 6, page * 4096 - 96);
  closeSync(fd);
}

describe('the full check record beside the key', () => {
  const enqueue = (kiosk: ReturnType<typeof openKioskDatabase>) =>
    kiosk.queue.enqueue({ category: 'tennyu', forms: [], resident: residents.takahashi });

  it('keeps a finding across a restart: writes stay refused until a full check finds the restored file healthy', () => {
    const { path, healthy, keys } = damagedDatabase('restart');
    const fullCheckFile = join(dir, 'keys-restart', 'full-check.json');
    let kiosk = openKioskDatabase({ path, keyProvider: keys, clock, fullCheckFile });
    const finding = kiosk.checkAndGuard();
    expect(finding).not.toBe('ok');
    kiosk.close();

    // The counter PC restarts: quick_check passes, and the recorded finding still refuses writes.
    kiosk = openKioskDatabase({ path, keyProvider: keys, clock, fullCheckFile });
    expect(kiosk.writesRefused()).toBe(finding);
    expect(() => enqueue(kiosk)).toThrow(expect.objectContaining({ code: 'db/integrity' }));
    kiosk.close();

    // IT staff restore the backup and run the full check (kiosk queue check): the record clears.
    copyFileSync(healthy, path);
    kiosk = openKioskDatabase({ path, keyProvider: keys, clock, fullCheckFile });
    expect(kiosk.writesRefused()).toBe(finding);
    expect(kiosk.checkAndGuard()).toBe('ok');
    kiosk.close();
    kiosk = openKioskDatabase({ path, keyProvider: keys, clock, fullCheckFile });
    try {
      expect(kiosk.writesRefused()).toBeNull();
      expect(enqueue(kiosk).ticket).toBe('A-005');
    } finally {
      kiosk.close();
    }
  });

  it('is due once a day by the record, not by how long the app has run', () => {
    const path = join(dir, 'due.sqlite');
    const keyPath = join(dir, 'keys-due', 'master.key');
    const fullCheckFile = join(dir, 'keys-due', 'full-check.json');
    const keys = ({ create }: { create: boolean }) => createSealedKeyProvider(keyPath, sealer, { create });
    let now = Date.parse('2026-03-30T23:50:00Z'); // 08:50 in Japan, the busiest week of the year
    const open = () => openKioskDatabase({ path, keyProvider: keys, clock: () => now, fullCheckFile });
    let kiosk = open();
    expect(kiosk.checkAndGuardIfDue()).toBe('ok'); // none on record: due at the first start
    expect(kiosk.checkAndGuardIfDue()).toBeNull();
    kiosk.close();
    // Switched off at night and on again in the morning: 23 hours later it is not due yet…
    now += 23 * 3600_000;
    kiosk = open();
    expect(kiosk.checkAndGuardIfDue()).toBeNull();
    // …an hour later it is, although this start is only an hour old.
    now += 3600_000;
    expect(kiosk.checkAndGuardIfDue()).toBe('ok');
    expect(kiosk.checkAndGuardIfDue()).toBeNull();
    kiosk.close();
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
