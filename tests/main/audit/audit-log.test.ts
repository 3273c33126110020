// The audit log opens through the kiosk's connection helper (same pragmas) with its own migrations.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../main/audit/audit-log.ts';
import { auditMigrations } from '../../../main/audit/migrations.ts';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-audit-'));
  dirs.push(dir);
  return join(dir, 'audit.sqlite');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('audit log', () => {
  it('v1 creates the log in a new file, which the next open finds at v1 with synchronous=FULL', () => {
    const file = tempFile();
    const log = new AuditLog(file);
    log.record({ staffId: 'ito', counter: '2', action: 'sign-in', reference: null, detail: 'staff' }, new Date('2026-11-24T00:05:00Z'));
    log.close();
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(auditMigrations.length);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const reopened = new AuditLog(file);
    expect(reopened.entries()).toEqual([
      { at: '2026-11-24T00:05:00.000Z', staffId: 'ito', counter: '2', action: 'sign-in', reference: null, detail: 'staff' },
    ]);
    reopened.close();
  });

  it('v1 adopts a log written before the audit file had migrations (table present, user_version 0)', () => {
    const file = tempFile();
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec(`CREATE TABLE audit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, staff_id TEXT, counter TEXT,
      action TEXT NOT NULL, reference TEXT, detail TEXT)`);
    old
      .prepare('INSERT INTO audit_log (at, staff_id, counter, action, reference, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run('2026-11-20T01:00:00.000Z', 'sato02', '1', 'queue-advanced', '0190a1b2-0000-7000-8000-000000000001', 'completed');
    old.close();
    const log = new AuditLog(file);
    log.record({ staffId: 'sato02', counter: '1', action: 'sign-out', reference: null, detail: null }, new Date('2026-11-20T02:00:00Z'));
    expect(log.entries().map((e) => e.action)).toEqual(['queue-advanced', 'sign-out']);
    log.close();
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    raw.close();
  });
});
