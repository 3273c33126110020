// The outbox file's schema steps: one test per migration (main/sync/migrations/).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../main/db/connection.ts';
import { schemaVersion } from '../../../main/db/migrations.ts';
import { outboxMigrations } from '../../../main/sync/migrations.ts';
import { outboxPushed } from '../../../main/sync/migrations/0001-outbox.ts';
import { outboxLeases } from '../../../main/sync/migrations/0002-leases.ts';
import { outboxRefused } from '../../../main/sync/migrations/0003-refused.ts';

let dir: string | undefined;
let db: Db | undefined;
afterEach(() => {
  if (db) closeDatabase(db);
  db = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('outbox migrations', () => {
  it('0001: the pushed table, keyed by event id, with a status the office gave or `invalid`', () => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-mig-'));
    db = openDatabase(join(dir, 'office-outbox.sqlite'), { migrations: outboxMigrations });
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(1);
    const id = Buffer.from('019ab8f0c1a27c3d8e4f5a6b7c8d9e0f', 'hex');
    const insert = db.prepare('INSERT INTO pushed (event_id, office_seq, status, pushed_at) VALUES (?, ?, ?, ?)');
    insert.run(id, 41, 'stored', Date.parse('2026-11-24T00:05:00Z'));
    expect(() => insert.run(id, 42, 'stored', Date.parse('2026-11-24T00:06:00Z'))).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run(Buffer.alloc(16, 1), 43, 'lost', Date.parse('2026-11-24T00:06:00Z'))).toThrow(/CHECK/);
    insert.run(Buffer.alloc(16, 2), null, 'invalid', Date.parse('2026-11-24T00:06:00Z'));
    expect(db.prepare('SELECT count(*) AS n FROM pushed').get()).toEqual({ n: 2 });
  });

  it('0002: a version-1 file keeps what it recorded and gains the leases and the counter’s own office events', () => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-mig-'));
    const path = join(dir, 'office-outbox.sqlite');
    db = openDatabase(path, { migrations: [outboxPushed] });
    expect(schemaVersion(db)).toBe(1);
    db.prepare('INSERT INTO pushed (event_id, office_seq, status, pushed_at) VALUES (?, ?, ?, ?)').run(
      Buffer.from('019ab8f0c1a27c3d8e4f5a6b7c8d9e0f', 'hex'),
      41,
      'stored',
      Date.parse('2026-11-24T00:05:00Z'),
    );
    closeDatabase(db);
    db = openDatabase(path, { migrations: [outboxPushed, outboxLeases] });
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT office_seq, status FROM pushed').all()).toEqual([{ office_seq: 41, status: 'stored' }]);

    const lease = db.prepare(
      'INSERT INTO leases (day, category, letter, first_number, last_number, next_number, taken_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const at = Date.parse('2026-11-24T00:10:00Z');
    lease.run('2026-11-24', 'tennyu', 'A', 300, 349, 300, at);
    lease.run('2026-11-24', 'tennyu', 'A', 350, 369, 370, at); // used up
    expect(() => lease.run('2026-11-24', 'tennyu', 'A', 300, 320, 300, at)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => lease.run('2026-11-24', 'tenshutsu', 'B', 10, 5, 10, at)).toThrow(/CHECK/);
    expect(() => lease.run('2026-11-24', 'tenshutsu', 'B', 10, 20, 22, at)).toThrow(/CHECK/);
    expect(() => lease.run('24.11.2026', 'tenshutsu', 'B', 10, 20, 10, at)).toThrow(/CHECK/);

    const own = db.prepare(
      'INSERT INTO own_events (id, visit_id, kind, at, counter, staff, category, ticket, stage, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const visit = Buffer.from('019ab8f1000070008000000000000001', 'hex');
    own.run(Buffer.alloc(16, 1), visit, 'ticket-issued', at, '3', 'sato-k', 'tennyu', 'A-300', 'counter', 'lease');
    own.run(Buffer.alloc(16, 2), visit, 'called', at, '3', 'sato-k', 'tennyu', 'A-300', 'counter', null);
    own.run(Buffer.alloc(16, 3), visit, 'handed-over', at + 60_000, '3', 'sato-k', 'tennyu', 'A-300', 'processing', null);
    // Only the kinds the counter records itself, ticket numbers of the hall's shape, and no free text.
    expect(() => own.run(Buffer.alloc(16, 4), visit, 'received', at, '3', null, 'tennyu', 'A-300', null, null)).toThrow(/CHECK/);
    expect(() => own.run(Buffer.alloc(16, 5), visit, 'called', at, '3', null, 'tennyu', '髙橋', null, null)).toThrow(/CHECK/);
    expect(() => own.run(Buffer.alloc(16, 6), visit, 'called', at, '3', null, 'tennyu', 'A-300', 'lobby', null)).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) AS n FROM own_events').get()).toEqual({ n: 3 });
  });

  it('0003: a version-2 file keeps every answer and may mark an event refused', () => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-mig-'));
    const path = join(dir, 'office-outbox.sqlite');
    db = openDatabase(path, { migrations: [outboxPushed, outboxLeases] });
    const insert = (d: Db) => d.prepare('INSERT INTO pushed (event_id, office_seq, status, pushed_at) VALUES (?, ?, ?, ?)');
    const at = Date.parse('2026-11-24T00:05:00Z');
    insert(db).run(Buffer.alloc(16, 1), 41, 'stored', at);
    insert(db).run(Buffer.alloc(16, 2), 42, 'duplicate', at);
    insert(db).run(Buffer.alloc(16, 3), null, 'invalid', at);
    expect(() => insert(db!).run(Buffer.alloc(16, 4), null, 'refused', at)).toThrow(/CHECK/);
    closeDatabase(db);
    db = openDatabase(path, { migrations: [outboxPushed, outboxLeases, outboxRefused] });
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT office_seq, status FROM pushed ORDER BY event_id').all()).toEqual([
      { office_seq: 41, status: 'stored' },
      { office_seq: 42, status: 'duplicate' },
      { office_seq: null, status: 'invalid' },
    ]);
    insert(db).run(Buffer.alloc(16, 4), null, 'refused', at);
    expect(() => insert(db!).run(Buffer.alloc(16, 5), null, 'lost', at)).toThrow(/CHECK/);
    expect(() => insert(db!).run(Buffer.alloc(16, 1), 43, 'stored', at)).toThrow(/UNIQUE|PRIMARY/);
  });

  it('0004: a version-3 file keeps the counter’s own events and may record a ticket’s no-show (a visit that ended)', () => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-mig-'));
    const path = join(dir, 'office-outbox.sqlite');
    db = openDatabase(path, { migrations: [outboxPushed, outboxLeases, outboxRefused] });
    const own = (d: Db) =>
      d.prepare(
        'INSERT INTO own_events (id, visit_id, kind, at, counter, staff, category, ticket, stage, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
    const visit = Buffer.from('019ab8f1000070008000000000000001', 'hex');
    const at = Date.parse('2026-11-24T01:10:00Z');
    own(db).run(Buffer.alloc(16, 1), visit, 'ticket-issued', at, '3', 'sato-k', 'tennyu', 'A-301', 'counter', 'lease');
    own(db).run(Buffer.alloc(16, 2), visit, 'called', at, '3', 'sato-k', 'tennyu', 'A-301', 'counter', null);
    expect(() => own(db!).run(Buffer.alloc(16, 3), visit, 'no-show', at + 1, '3', 'sato-k', 'tennyu', 'A-301', 'counter', null)).toThrow(
      /CHECK/,
    );
    closeDatabase(db);
    db = openDatabase(path, { migrations: outboxMigrations });
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT kind, ticket, source FROM own_events ORDER BY id').all()).toEqual([
      { kind: 'ticket-issued', ticket: 'A-301', source: 'lease' },
      { kind: 'called', ticket: 'A-301', source: null },
    ]);
    own(db).run(Buffer.alloc(16, 3), visit, 'no-show', at + 1, '3', 'sato-k', 'tennyu', 'A-301', 'counter', null);
    expect(() => own(db!).run(Buffer.alloc(16, 4), visit, 'received', at, '3', null, 'tennyu', 'A-301', null, null)).toThrow(/CHECK/);
    expect(() => own(db!).run(Buffer.alloc(16, 5), visit, 'no-show', at, '3', null, 'tennyu', '髙橋', null, null)).toThrow(/CHECK/);
    expect(() => own(db!).run(Buffer.alloc(16, 1), visit, 'called', at, '3', null, 'tennyu', 'A-301', null, null)).toThrow(
      /UNIQUE|PRIMARY/,
    );
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'own_events_at'").get()).toEqual({ n: 1 });
  });
});
