// Retention: after the retention period, a finished request's personal data is gone from the
// database file AND the WAL, while its events and statistics remain.
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { idFromString } from '../../../main/queue/ids.ts';
import { periodStatistics } from '../../../main/stats/period.ts';
import { makeTestKiosk, MINUTE, residents, type TestKiosk } from '../support/kiosk-fixtures.ts';

let t: TestKiosk;
afterEach(() => t?.cleanup());

/** The bytes of the database file and its WAL, read while the connection is open. */
function fileBytes(path: string): { db: Buffer; wal: Buffer } {
  return { db: readFileSync(path), wal: existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0) };
}

/**
 * Every encoding a value could be stored in: UTF-8, UTF-16LE/BE (SQLite text encodings).
 * Encodings shorter than 6 bytes are left out: a 2-byte needle such as UTF-16 「女」 turns up by
 * chance in any few kilobytes of ciphertext, so finding it would prove nothing.
 */
const MIN_NEEDLE_BYTES = 6;
function needles(value: string): Buffer[] {
  const le = Buffer.from(value, 'utf16le');
  const be = Buffer.from(le).swap16();
  return [Buffer.from(value, 'utf8'), le, be].filter((b) => b.length >= MIN_NEEDLE_BYTES);
}

function found(haystack: { db: Buffer; wal: Buffer }, needle: Buffer): string[] {
  const where: string[] = [];
  if (haystack.db.includes(needle)) where.push('db');
  if (haystack.wal.includes(needle)) where.push('wal');
  return where;
}

describe('retention purge', () => {
  it('erases every personal value of a finished request from the database file and the WAL', () => {
    t = makeTestKiosk();
    const q = t.kiosk.queue;
    const db = t.db;
    const done = q.enqueue({ category: 'tennyu', forms: ['jumin-ido', 'kokuho'], resident: residents.yoshino });
    const active = q.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: residents.takahashi });
    for (const kind of ['forms-printed', 'submitted'] as const) q.advance(done.id, kind);
    t.clock.now += 5 * MINUTE;
    q.advance(done.id, 'processing-started', { counter: '2', staffId: 'sato02' });
    t.clock.now += 10 * MINUTE;
    q.advance(done.id, 'completed');
    const statsBefore = periodStatistics(t.db, done.day, done.day);

    // What an attacker with the file could look for besides the plaintext: the sealed fields
    // and the wrapped data key of the request (with the master key they would decrypt).
    const id = idFromString(done.id);
    const sealed = db.prepare('SELECT sealed FROM resident_fields WHERE request_id = ?').pluck().all(id) as Buffer[];
    const wrapped = db.prepare('SELECT wrapped FROM request_keys WHERE request_id = ?').pluck().get(id) as Buffer;
    expect(sealed).toHaveLength(Object.keys(residents.yoshino).length);
    const secrets = [...sealed.map((s) => s.subarray(12)), wrapped];
    const plaintexts = Object.values(residents.yoshino).flatMap(needles);

    // Control: before the purge the scanner does find the sealed data (so it can fail), and
    // never finds plaintext (encryption at rest).
    const before = fileBytes(t.dbPath);
    for (const secret of secrets) expect(found(before, secret).length).toBeGreaterThan(0);
    for (const p of plaintexts) expect(found(before, p)).toEqual([]);

    // Not yet due: finished 0 days ago.
    expect(q.purgeExpired().purged).toBe(0);
    t.clock.now += 7 * 24 * 60 * MINUTE + MINUTE;
    expect(q.purgeExpired()).toMatchObject({ purged: 1, walTruncated: true });
    // Keep writing afterwards so the WAL holds fresh frames while we scan it.
    const later = q.enqueue({ category: 'tenshutsu', forms: [], resident: residents.saito });
    q.advance(later.id, 'submitted');
    expect(existsSync(`${t.dbPath}-wal`)).toBe(true);

    const after = fileBytes(t.dbPath);
    expect(after.wal.length).toBeGreaterThan(0);
    for (const p of plaintexts) expect(found(after, p)).toEqual([]);
    for (const secret of secrets) expect(found(after, secret)).toEqual([]);

    // The request, its events and the statistics stay; its personal data cannot be read.
    expect(q.get(done.id)).toMatchObject({ state: 'completed', personalData: 'purged' });
    expect(q.events(done.id).map((e) => e.kind)).toEqual(['received', 'forms-printed', 'submitted', 'processing-started', 'completed']);
    expect(() => q.readResident(done.id)).toThrow(expect.objectContaining({ code: 'queue/personal-data-purged' }));
    expect(periodStatistics(t.db, done.day, done.day)).toEqual(statsBefore);
    // The unfinished request is untouched.
    expect(q.readResident(active.id)).toEqual(residents.takahashi);

    // And after closing (checkpoint into the main file) nothing reappears.
    t.kiosk.close();
    const closed = fileBytes(t.dbPath);
    for (const p of plaintexts) expect(found(closed, p)).toEqual([]);
    for (const secret of secrets) expect(found(closed, secret)).toEqual([]);
  });

  it('uses a configurable retention period', () => {
    t = makeTestKiosk({ retentionDays: 1 });
    const q = t.kiosk.queue;
    const r = q.enqueue({ category: 'E', forms: [], resident: residents.saito });
    q.advance(r.id, 'cancelled');
    t.clock.now += 23 * 60 * MINUTE;
    expect(q.purgeExpired().purged).toBe(0);
    t.clock.now += 2 * 60 * MINUTE;
    expect(q.purgeExpired().purged).toBe(1);
    expect(q.purgeExpired({ retentionDays: 0 }).purged).toBe(0); // already erased
  });
});
