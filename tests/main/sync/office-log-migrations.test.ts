// The office log file's schema steps: one test per migration (main/sync/office-log/).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../main/db/connection.ts';
import { schemaVersion } from '../../../main/db/migrations.ts';
import { officeLogMigrations } from '../../../main/sync/office-log/migrations.ts';

let dir: string | undefined;
let db: Db | undefined;
afterEach(() => {
  if (db) closeDatabase(db);
  db = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('office log migrations', () => {
  it('0001: the office events by their sequence, each id once, codes only', () => {
    dir = mkdtempSync(join(tmpdir(), 'office-log-mig-'));
    db = openDatabase(join(dir, 'office-log.sqlite'), { migrations: officeLogMigrations });
    expect(schemaVersion(db)).toBe(1);
    const insert = db.prepare(
      `INSERT INTO office_events (seq, id, visit_id, kind, at, counter, staff, category, ticket, reason, stage, forms, source, machine)
       VALUES (?, ?, '01950000-0000-7000-8000-0000000000a1', ?, ?, '3', 'S0412', 'tennyu', ?, NULL, ?, NULL, 'office', '3')`,
    );
    const at = Date.parse('2026-03-30T09:15:00+09:00');
    insert.run(1, '01950000-0000-7000-8000-000000000001', 'ticket-issued', at, 'A-012', 'counter');
    insert.run(2, '01950000-0000-7000-8000-000000000002', 'handed-over', at + 60_000, 'A-012', 'processing');
    // A sequence or an id twice, a stage or a ticket that is not one, are refused.
    expect(() => insert.run(2, '01950000-0000-7000-8000-000000000003', 'called', at, 'A-012', 'delivery')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run(3, '01950000-0000-7000-8000-000000000001', 'called', at, 'A-012', 'delivery')).toThrow(/UNIQUE/);
    expect(() => insert.run(3, '01950000-0000-7000-8000-000000000003', 'called', at, 'A-012', 'lobby')).toThrow(/CHECK/);
    expect(() => insert.run(3, '01950000-0000-7000-8000-000000000003', 'called', at, '佐藤', 'delivery')).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) AS n FROM office_events').get()).toEqual({ n: 2 });
  });
});
