// v7: a print job may be 'outcome-unknown': sent, and then the spooler lost it (cupsd killed, its
// history gone, its job id reused for another job). Staff check the printer and record what they
// found. SQLite cannot alter a CHECK, so the table is rebuilt with the same columns and indexes;
// the open-jobs index keeps its states (an unknown outcome is never sent or followed again).
import type { Migration } from '../migration.ts';

export const printOutcomeUnknown: Migration = {
  version: 7,
  name: "print jobs may be 'outcome-unknown' (sent, then lost by the spooler)",
  up(db) {
    // Inside the migration's transaction: foreign keys are checked at its commit, not row by row.
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
      ALTER TABLE print_jobs RENAME TO print_jobs_v6;
      CREATE TABLE print_jobs (
        id          BLOB PRIMARY KEY,               -- UUIDv7; also the CUPS job title
        request_id  BLOB REFERENCES requests (id),
        printer     TEXT NOT NULL,
        file        TEXT NOT NULL,
        document    TEXT NOT NULL,                  -- display name, never resident data
        state       TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'outcome-unknown', 'completed', 'failed', 'cancelled')),
        held_reason TEXT,                           -- service-not-running | printer-missing | printer-stopped | printer-not-accepting
        cups_job    INTEGER,
        reprint_of  BLOB REFERENCES print_jobs (id),
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        error       TEXT
      ) WITHOUT ROWID;
      INSERT INTO print_jobs (id, request_id, printer, file, document, state, held_reason, cups_job, reprint_of, created_at, updated_at, error)
        SELECT id, request_id, printer, file, document, state, held_reason, cups_job, reprint_of, created_at, updated_at, error FROM print_jobs_v6;
      DROP TABLE print_jobs_v6;
      CREATE INDEX print_jobs_open ON print_jobs (printer, created_at)
        WHERE state IN ('queued', 'sending', 'sent');
      CREATE INDEX print_jobs_request ON print_jobs (request_id) WHERE request_id IS NOT NULL;
    `);
  },
};
