// v1: the append-only audit log. IF NOT EXISTS: files written before the log had migrations
// already hold this table at user_version 0.
import type { Migration } from '../../db/migration.ts';

export const auditLogTable: Migration = {
  version: 1,
  name: 'audit log: who did what, when, to which request (codes only)',
  up(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS audit_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      staff_id TEXT,
      counter TEXT,
      action TEXT NOT NULL,
      reference TEXT,
      detail TEXT
    )`);
  },
};
