// The outbox file's schema steps: one test per migration (main/sync/migrations/).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../../main/db/connection.ts';
import { schemaVersion } from '../../../main/db/migrations.ts';
import { outboxMigrations } from '../../../main/sync/migrations.ts';

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
    expect(schemaVersion(db)).toBe(1);
    const id = Buffer.from('019ab8f0c1a27c3d8e4f5a6b7c8d9e0f', 'hex');
    const insert = db.prepare('INSERT INTO pushed (event_id, office_seq, status, pushed_at) VALUES (?, ?, ?, ?)');
    insert.run(id, 41, 'stored', Date.parse('2026-11-24T00:05:00Z'));
    expect(() => insert.run(id, 42, 'stored', Date.parse('2026-11-24T00:06:00Z'))).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run(Buffer.alloc(16, 1), 43, 'lost', Date.parse('2026-11-24T00:06:00Z'))).toThrow(/CHECK/);
    insert.run(Buffer.alloc(16, 2), null, 'invalid', Date.parse('2026-11-24T00:06:00Z'));
    expect(db.prepare('SELECT count(*) AS n FROM pushed').get()).toEqual({ n: 2 });
  });
});
