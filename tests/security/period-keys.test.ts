// Threat: one master key for the life of the install, so a copy of the database taken during the
// retention window (a backup, a VM snapshot, freed disk blocks) stays decryptable forever. With a
// key per office day, destroyed when that day's last request is purged, the copy dies with it.
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileKeyProvider } from '../../main/crypto/key-provider.ts';
import { closeDatabase, openDatabase } from '../../main/db/connection.ts';
import { kioskDatabaseOn } from '../../main/services/kiosk-database.ts';
import { makeTestKiosk, type TestKiosk } from '../main/support/kiosk-fixtures.ts';

const DAY = 86_400_000;
const RESIDENT = { name: '髙橋　𠮷太郎', address: '北海道札幌市中央区北一条西２丁目１番地' };
const LATER_RESIDENT = { name: '渡邉　陽葵', address: '北海道札幌市北区北八条西五丁目' };

describe('per-period keys', () => {
  let t: TestKiosk;
  beforeEach(() => {
    t = makeTestKiosk();
  });
  afterEach(() => t.cleanup());

  /** A copy of the database file as a backup would take it (WAL checkpointed into the main file). */
  function backup(): string {
    expect(t.kiosk.checkpoint()).toBe(true);
    const copy = join(t.dir, 'backup.sqlite');
    copyFileSync(t.dbPath, copy);
    return copy;
  }

  it('a copy of the database taken before the purge can no longer be decrypted after it, even with the master key', () => {
    const q = t.kiosk.queue;
    const id = q.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: RESIDENT }).id;
    q.advance(id, 'cancelled');
    const copy = backup();

    // The copy is readable while the retention period lasts (the period key still exists).
    const before = openDatabase(copy);
    expect(kioskDatabaseOn(before, { keyProvider: createFileKeyProvider(t.keyPath) }).queue.readResident(id).name).toBe(RESIDENT.name);
    closeDatabase(before);

    t.clock.now += (q.retentionDays + 1) * DAY;
    expect(q.purgeExpired().purged).toBe(1);

    const after = openDatabase(copy);
    try {
      const fromCopy = kioskDatabaseOn(after, { keyProvider: createFileKeyProvider(t.keyPath) }).queue;
      expect(() => fromCopy.readResident(id)).toThrow(expect.objectContaining({ code: 'queue/personal-data-purged' }));
    } finally {
      closeDatabase(after);
    }
  });

  it("destroys a day's key only when none of that day's data keys is left, and never today's", () => {
    const q = t.kiosk.queue;
    const first = q.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: RESIDENT }).id;
    q.advance(first, 'cancelled');
    const keysDir = join(t.dir, 'period-keys');
    expect(readdirSync(keysDir)).toEqual(['2026-11-24.key']);
    // The next day: a request still held keeps its own day's key.
    t.clock.now += DAY;
    const second = q.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: LATER_RESIDENT }).id;
    t.clock.now += q.retentionDays * DAY;
    expect(q.purgeExpired().purged).toBe(1);
    expect(existsSync(join(keysDir, '2026-11-24.key'))).toBe(false);
    expect(readdirSync(keysDir)).toEqual(['2026-11-25.key']);
    expect(q.readResident(second).name).toBe(LATER_RESIDENT.name);
  });
});
