// Every migration: from an empty database, and each one on its own test, from the schema of
// the version before with realistic data in it, checking what the step did to that data.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyConnectionPragmas, openDatabase, closeDatabase, type Db } from '../../../main/db/connection.ts';
import { LATEST_SCHEMA_VERSION, migrate, migrations, schemaVersion } from '../../../main/db/migrations.ts';
import { insertEvent } from '../../../main/db/request-events.ts';
import { insertRequest } from '../../../main/db/requests.ts';
import { statCells } from '../../../main/db/stat-cells.ts';
import { seedHistory } from '../../../main/stats/seed.ts';
import { newId } from '../../../main/queue/ids.ts';

const dirs: string[] = [];
function freshDb(): Db {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-mig-'));
  dirs.push(dir);
  const db = new Database(join(dir, 'k.sqlite'));
  applyConnectionPragmas(db);
  return db;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tables(db: Db): string[] {
  return db.prepare("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name").pluck().all() as string[];
}

/** Inserts one finished visit straight into the v1 tables (as the v1 app would have). */
function insertV1Visit(
  db: Db,
  day: string,
  ticket: string,
  receivedAt: number,
  waitS: number,
  serviceS: number,
  category = 'moving-in',
): void {
  const id = newId(receivedAt);
  insertRequest(db, {
    id,
    day,
    ticket,
    category,
    forms: 'jumin-ido+kokuho',
    state: 'completed',
    last_seq: 5,
    received_at: receivedAt,
    processing_at: receivedAt + waitS * 1000,
    service_end_at: receivedAt + (waitS + serviceS) * 1000,
    finished_at: receivedAt + (waitS + serviceS + 60) * 1000,
    counter: '2',
    staff: 's01',
    estimated_wait_s: 300,
    personal: 'none',
  });
  const kinds = ['received', 'submitted', 'processing-started', 'called', 'completed'] as const;
  kinds.forEach((kind, i) =>
    insertEvent(db, {
      id: newId(receivedAt + i),
      request_id: id,
      seq: i + 1,
      kind,
      at: receivedAt + i * 1000,
      counter: null,
      staff: null,
    }),
  );
}

describe('migrations', () => {
  it('are numbered consecutively and end at the latest version', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length);
  });

  it('build the full schema from an empty database', () => {
    const db = freshDb();
    expect(schemaVersion(db)).toBe(0);
    migrate(db);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const names = tables(db).map((entry) => entry.split(' ')[1]);
    expect(names).toEqual(
      expect.arrayContaining([
        'requests',
        'request_events',
        'ticket_counters',
        'request_keys',
        'resident_fields',
        'stat_days',
        'stat_cells',
        'print_jobs',
        'request_events_append_only_update',
        'request_events_append_only_delete',
        'requests_live',
      ]),
    );
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  // Steps that only rewrite stored values; every other step changes the schema.
  const dataOnly = new Set([5]);
  for (const migration of migrations) {
    it(`v${migration.version} applies alone on top of v${migration.version - 1}`, () => {
      const db = freshDb();
      migrate(db, migration.version - 1);
      expect(schemaVersion(db)).toBe(migration.version - 1);
      const before = tables(db);
      migrate(db, migration.version);
      expect(schemaVersion(db)).toBe(migration.version);
      if (dataOnly.has(migration.version)) expect(tables(db)).toEqual(before);
      else expect(tables(db)).not.toEqual(before); // the step changed the schema
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    });
  }

  it('v2 backfills the statistics of visits recorded under v1', () => {
    const db = freshDb();
    migrate(db, 1);
    const start = Date.parse('2026-11-20T00:30:00Z'); // 09:30 JST
    insertV1Visit(db, '2026-11-20', 'A-001', start, 600, 900);
    insertV1Visit(db, '2026-11-20', 'A-002', start + 60_000, 1500, 300);
    insertV1Visit(db, '2026-11-21', 'A-001', start + 86_400_000, 300, 600);
    migrate(db, 2);
    // Snapshot of the 21st is cumulative over both days.
    const cells = statCells(db, '2026-11-21');
    const total = (metric: string) => cells.find((c) => c[0] === 'all' && c[2] === metric);
    expect(total('arrived')?.[3]).toBe(3);
    expect(total('wait')?.[3]).toBe(3);
    expect(total('wait')?.[4]).toBe(600 + 1500 + 300);
    expect(total('service')?.[4]).toBe(900 + 300 + 600);
    // Wait histogram: 10, 25 and 5 minutes fall in the buckets of those minutes.
    const hist = total('wait')?.[5];
    expect([10, 25, 5].map((m) => hist!.readInt32LE(m * 4))).toEqual([1, 1, 1]);
    expect(statCells(db, '2026-11-20').find((c) => c[0] === 'all' && c[2] === 'arrived')?.[3]).toBe(2);
    db.close();
  });

  it('v2 backfills a seeded history to the same cells the seeder writes (the frozen copy matches its source)', () => {
    const reference = freshDb();
    migrate(reference);
    seedHistory(reference, { count: 2000, days: 30, endDay: '2026-11-24', seed: 11 });
    const db = freshDb();
    migrate(db, 1);
    db.prepare('ATTACH DATABASE ? AS reference').run(reference.name);
    db.exec('INSERT INTO requests SELECT * FROM reference.requests; DETACH DATABASE reference;');
    migrate(db, 2);
    const days = db.prepare('SELECT day FROM stat_days ORDER BY day').pluck().all() as string[];
    expect(days.length).toBeGreaterThan(15);
    expect(days).toEqual(reference.prepare('SELECT day FROM stat_days ORDER BY day').pluck().all());
    const sorted = (d: Db, day: string) => statCells(d, day).map(String).sort();
    for (const day of [days[0]!, days[10]!, days.at(-1)!]) expect(sorted(db, day)).toEqual(sorted(reference, day));
    reference.close();
    db.close();
  });

  it('v3 adds print jobs and keeps the queue and statistics written under v2', () => {
    const db = freshDb();
    migrate(db, 1);
    insertV1Visit(db, '2026-11-20', 'A-001', Date.parse('2026-11-20T00:30:00Z'), 600, 900);
    migrate(db, 2);
    const before = statCells(db, '2026-11-20');
    migrate(db, 3);
    expect(db.prepare('SELECT COUNT(*) FROM requests').pluck().get()).toBe(1);
    expect(statCells(db, '2026-11-20')).toEqual(before);
    const jobs = db.prepare("SELECT name FROM pragma_table_info('print_jobs')").pluck().all();
    expect(jobs).toEqual(expect.arrayContaining(['id', 'printer', 'state', 'cups_job', 'reprint_of']));
    db.close();
  });

  it('v4 makes the live-queue index covering and the live queries use it', () => {
    const db = freshDb();
    migrate(db, 3);
    insertV1Visit(db, '2026-11-20', 'A-001', Date.parse('2026-11-20T00:30:00Z'), 600, 900);
    migrate(db, 4);
    const columns = db.prepare("SELECT name FROM pragma_index_info('requests_live')").pluck().all();
    expect(columns).toEqual(['state', 'received_at', 'category', 'counter']);
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT state, category, counter, COUNT(*), MIN(received_at) FROM requests
      WHERE state IN ('received', 'forms-printed', 'submitted', 'processing', 'ready') GROUP BY state, category, counter`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('COVERING INDEX requests_live');
    expect(db.prepare('SELECT COUNT(*) FROM requests').pluck().get()).toBe(1);
    db.close();
  });

  it('v5 renames the categories of moving visits to their move kinds, in requests and statistics', () => {
    const db = freshDb();
    migrate(db, 1);
    const start = Date.parse('2026-11-20T00:30:00Z'); // 09:30 JST
    insertV1Visit(db, '2026-11-20', 'A-001', start, 600, 900, 'moving-in');
    insertV1Visit(db, '2026-11-20', 'A-002', start + 60_000, 1500, 300, 'moving-in');
    insertV1Visit(db, '2026-11-20', 'C-001', start + 120_000, 300, 600, 'moving-within');
    insertV1Visit(db, '2026-11-21', 'B-001', start + 86_400_000, 420, 480, 'moving-out');
    insertV1Visit(db, '2026-11-21', 'E-001', start + 86_460_000, 60, 120, 'certificate');
    migrate(db, 4);
    const categoryCells = (day: string) =>
      statCells(db, day)
        .filter((c) => c[0] === 'category')
        .map(([, key, metric, n, sum, hist]) => ({ key, metric, n, sum, hist }));
    const rename: Record<string, string> = { 'moving-in': 'tennyu', 'moving-within': 'tenkyo', 'moving-out': 'tenshutsu' };
    const expected = (day: string) =>
      categoryCells(day)
        .map((c) => ({ ...c, key: rename[c.key] ?? c.key }))
        .sort((a, b) => `${a.key}/${a.metric}`.localeCompare(`${b.key}/${b.metric}`));
    const before = { d20: expected('2026-11-20'), d21: expected('2026-11-21') };
    const otherCells = statCells(db, '2026-11-21').filter((c) => c[0] !== 'category');
    migrate(db, 5);
    const categories = db.prepare('SELECT ticket, category FROM requests ORDER BY day, ticket').all();
    expect(categories).toEqual([
      { ticket: 'A-001', category: 'tennyu' },
      { ticket: 'A-002', category: 'tennyu' },
      { ticket: 'C-001', category: 'tenkyo' },
      { ticket: 'B-001', category: 'tenshutsu' },
      { ticket: 'E-001', category: 'certificate' },
    ]);
    const after = (day: string) => categoryCells(day).sort((a, b) => `${a.key}/${a.metric}`.localeCompare(`${b.key}/${b.metric}`));
    // Same counts, sums and histograms, under the new keys; the cumulative 21st holds all three kinds.
    expect(after('2026-11-20')).toEqual(before.d20);
    expect(after('2026-11-21')).toEqual(before.d21);
    expect(after('2026-11-21').find((c) => c.key === 'tennyu' && c.metric === 'arrived')?.n).toBe(2);
    expect(new Set(after('2026-11-21').map((c) => c.key))).toEqual(new Set(['tennyu', 'tenkyo', 'tenshutsu', 'certificate']));
    expect(statCells(db, '2026-11-21').filter((c) => c[0] !== 'category')).toEqual(otherCells);
    db.close();
  });

  it('v6 lets events carry a reason code: events written under v5 read as without one, free text is refused', () => {
    const db = freshDb();
    migrate(db, 5);
    insertV1Visit(db, '2026-11-20', 'A-001', Date.parse('2026-11-20T00:30:00Z'), 600, 900);
    migrate(db, 6);
    expect(db.prepare('SELECT DISTINCT reason FROM request_events').pluck().all()).toEqual([null]);
    const [requestId] = db.prepare('SELECT id FROM requests').pluck().all() as Buffer[];
    const at = Date.parse('2026-11-20T09:00:00Z');
    const event = (seq: number, reason: string) =>
      insertEvent(db, {
        id: newId(at + seq),
        request_id: requestId!,
        seq,
        kind: 'abandoned',
        at,
        counter: null,
        staff: null,
        reason: reason as 'day-closed',
      });
    expect(() => event(6, '髙橋さん帰宅')).toThrow(/CHECK/);
    event(6, 'day-closed');
    expect(db.prepare('SELECT reason FROM request_events WHERE seq = 6').pluck().get()).toBe('day-closed');
    // Still append-only.
    expect(() => db.exec('UPDATE request_events SET reason = NULL')).toThrow(/append-only/);
    db.close();
  });

  it("v7 lets a print job be 'outcome-unknown' and keeps every job, its links and its indexes", () => {
    const db = freshDb();
    migrate(db, 6);
    insertV1Visit(db, '2026-11-20', 'A-001', Date.parse('2026-11-20T00:30:00Z'), 600, 900);
    const [requestId] = db.prepare('SELECT id FROM requests').pluck().all() as Buffer[];
    const at = Date.parse('2026-11-20T00:40:00Z');
    const job = (id: Buffer, state: string, cupsJob: number | null, reprintOf: Buffer | null, heldReason: string | null = null) =>
      db
        .prepare(
          `INSERT INTO print_jobs (id, request_id, printer, file, document, state, held_reason, cups_job, reprint_of, created_at, updated_at, error)
           VALUES (?, ?, 'KioskPDF', '/var/lib/kiosk/spool/a-0.pdf', '住民異動届', ?, ?, ?, ?, ?, ?, NULL)`,
        )
        .run(id, requestId, state, heldReason, cupsJob, reprintOf, at, at);
    const first = newId(at);
    const again = newId(at + 1);
    const held = newId(at + 2);
    job(first, 'completed', 41, null);
    job(again, 'sent', 42, first);
    job(held, 'queued', null, null, 'printer-stopped');
    const before = db.prepare('SELECT * FROM print_jobs ORDER BY id').all();
    expect(() => db.prepare("UPDATE print_jobs SET state = 'outcome-unknown' WHERE id = ?").run(again)).toThrow(/CHECK/);
    migrate(db, 7);
    expect(db.prepare('SELECT * FROM print_jobs ORDER BY id').all()).toEqual(before);
    db.prepare("UPDATE print_jobs SET state = 'outcome-unknown' WHERE id = ?").run(again);
    expect(() => db.prepare("UPDATE print_jobs SET state = 'lost' WHERE id = ?").run(held)).toThrow(/CHECK/);
    // The links still hold: a reprint of a job that does not exist is refused.
    expect(() => job(newId(at + 3), 'queued', null, newId(at + 99))).toThrow(/FOREIGN KEY/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(
      db
        .prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'print_jobs' AND type = 'index' AND sql IS NOT NULL ORDER BY name")
        .pluck()
        .all(),
    ).toEqual(['print_jobs_open', 'print_jobs_request']);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'print_jobs_v6'").pluck().get()).toBe(0);
    // The dispatcher's query still reads the open jobs through the partial index; an unknown outcome is not among them.
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT * FROM print_jobs WHERE state IN ('queued', 'sending', 'sent') AND printer = 'KioskPDF' ORDER BY created_at",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('print_jobs_open');
    expect(db.prepare("SELECT COUNT(*) FROM print_jobs WHERE state IN ('queued', 'sending', 'sent')").pluck().get()).toBe(1);
    db.close();
  });

  it('v8 adds when each print job was handed to the spooler, empty for the jobs sent before it', () => {
    const db = freshDb();
    migrate(db, 7);
    insertV1Visit(db, '2026-11-20', 'A-001', Date.parse('2026-11-20T00:30:00Z'), 600, 900);
    const [requestId] = db.prepare('SELECT id FROM requests').pluck().all() as Buffer[];
    const at = Date.parse('2026-11-20T00:40:00Z');
    const old = newId(at);
    db.prepare(
      `INSERT INTO print_jobs (id, request_id, printer, file, document, state, held_reason, cups_job, reprint_of, created_at, updated_at, error)
       VALUES (?, ?, 'KioskPDF', '/var/lib/kiosk/spool/a-0.pdf', '住民異動届', 'sent', NULL, 41, NULL, ?, ?, NULL)`,
    ).run(old, requestId, at, at);
    expect(() => db.prepare('UPDATE print_jobs SET sending_at = 1').run()).toThrow(/no such column/);
    migrate(db, 8);
    expect(db.prepare('SELECT cups_job, state, sending_at, spooled_at FROM print_jobs WHERE id = ?').get(old)).toEqual({
      cups_job: 41,
      state: 'sent',
      sending_at: null,
      spooled_at: null,
    });
    db.prepare('UPDATE print_jobs SET sending_at = ?, spooled_at = ? WHERE id = ?').run(at + 100, at + 350, old);
    expect(db.prepare('SELECT spooled_at - sending_at FROM print_jobs').pluck().get()).toBe(250);
    db.close();
  });

  it('v1 creates the queue core: append-only events, one ticket per day and number, keys and sealed fields per request', () => {
    const db = freshDb();
    migrate(db, 1);
    insertV1Visit(db, '2026-11-20', 'A-001', Date.parse('2026-11-20T00:30:00Z'), 600, 900);
    expect(() => db.exec("UPDATE request_events SET kind = 'cancelled'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM request_events')).toThrow(/append-only/);
    expect(db.prepare('SELECT COUNT(*) FROM request_events').pluck().get()).toBe(5);
    // The same ticket twice on one day is refused; the next day it starts again.
    expect(() => insertV1Visit(db, '2026-11-20', 'A-001', Date.parse('2026-11-20T01:30:00Z'), 60, 60)).toThrow(/UNIQUE/);
    insertV1Visit(db, '2026-11-21', 'A-001', Date.parse('2026-11-21T00:30:00Z'), 60, 60);
    const id = db.prepare("SELECT id FROM requests WHERE day = '2026-11-21'").pluck().get() as Buffer;
    db.prepare('INSERT INTO request_keys (request_id, key_id, wrapped) VALUES (?, ?, ?)').run(id, 'k1', Buffer.alloc(60, 1));
    db.prepare('INSERT INTO resident_fields (request_id, field, sealed) VALUES (?, ?, ?)').run(id, 'name', Buffer.alloc(40, 2));
    // Keys and fields belong to an existing request; `personal` takes only its three values.
    expect(() =>
      db.prepare('INSERT INTO resident_fields (request_id, field, sealed) VALUES (?, ?, ?)').run(Buffer.alloc(16), 'name', Buffer.alloc(1)),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.exec("UPDATE requests SET personal = 'kept'")).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('opening through openDatabase migrates a v1 file to the latest version', () => {
    const db = freshDb();
    migrate(db, 1);
    const path = db.name;
    db.close();
    const reopened = openDatabase(path);
    expect(schemaVersion(reopened)).toBe(LATEST_SCHEMA_VERSION);
    closeDatabase(reopened);
  });
});
