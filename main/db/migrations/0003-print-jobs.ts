// v3: print jobs, recorded before they are sent.
import type { Migration } from '../migration.ts';

export const printJobs: Migration = {
  version: 3,
  name: 'print jobs recorded before they are sent',
  up(db) {
    db.exec(`
      CREATE TABLE print_jobs (
        id          BLOB PRIMARY KEY,               -- UUIDv7; also the CUPS job title
        request_id  BLOB REFERENCES requests (id),
        printer     TEXT NOT NULL,
        file        TEXT NOT NULL,
        document    TEXT NOT NULL,                  -- display name, never resident data
        state       TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'completed', 'failed', 'cancelled')),
        held_reason TEXT,                           -- printer-missing | printer-stopped | printer-not-accepting
        cups_job    INTEGER,
        reprint_of  BLOB REFERENCES print_jobs (id),
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL,
        error       TEXT
      ) WITHOUT ROWID;
      CREATE INDEX print_jobs_open ON print_jobs (printer, created_at)
        WHERE state IN ('queued', 'sending', 'sent');
      CREATE INDEX print_jobs_request ON print_jobs (request_id) WHERE request_id IS NOT NULL;
    `);
  },
};
