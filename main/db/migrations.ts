// Versioned schema. Each step runs in its own transaction together with the bump of
// `PRAGMA user_version`, so a crash leaves the file at one version or the next, never between.
// A file written by a newer app version is refused rather than guessed at (no downgrades).
import type { BetterSqlite3 } from 'better-sqlite3';
import { KioskDataError } from '../queue/errors.ts';
import { rebuildStatistics } from '../stats/cells.ts';

type Db = BetterSqlite3.Database;

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'queue core: requests, append-only events, ticket counters, encrypted resident fields',
    up(db) {
      db.exec(`
        CREATE TABLE requests (
          id               BLOB PRIMARY KEY,          -- UUIDv7, 16 bytes
          day              TEXT NOT NULL,             -- office-local date of the ticket, YYYY-MM-DD
          ticket           TEXT NOT NULL,             -- e.g. A-012
          category         TEXT NOT NULL,
          forms            TEXT NOT NULL,             -- sorted form ids joined by '+'
          state            TEXT NOT NULL,             -- projection of request_events
          last_seq         INTEGER NOT NULL,
          received_at      INTEGER NOT NULL,          -- ms since epoch
          processing_at    INTEGER,
          service_end_at   INTEGER,
          finished_at      INTEGER,
          counter          TEXT,
          staff            TEXT,
          estimated_wait_s INTEGER,
          personal         TEXT NOT NULL CHECK (personal IN ('held', 'purged', 'none')),
          UNIQUE (day, ticket)
        ) WITHOUT ROWID;
        CREATE INDEX requests_live ON requests (state, received_at)
          WHERE state IN ('received', 'forms-printed', 'submitted', 'processing', 'ready');
        CREATE INDEX requests_received_at ON requests (received_at);
        CREATE INDEX requests_service_end ON requests (service_end_at) WHERE service_end_at IS NOT NULL;
        CREATE INDEX requests_retention ON requests (finished_at) WHERE personal = 'held';

        CREATE TABLE request_events (
          id         BLOB PRIMARY KEY,                -- UUIDv7
          request_id BLOB NOT NULL REFERENCES requests (id),
          seq        INTEGER NOT NULL,
          kind       TEXT NOT NULL,
          at         INTEGER NOT NULL,
          counter    TEXT,
          staff      TEXT,
          UNIQUE (request_id, seq)
        ) WITHOUT ROWID;
        CREATE TRIGGER request_events_append_only_update BEFORE UPDATE ON request_events
          BEGIN SELECT RAISE(ABORT, 'request_events is append-only'); END;
        CREATE TRIGGER request_events_append_only_delete BEFORE DELETE ON request_events
          BEGIN SELECT RAISE(ABORT, 'request_events is append-only'); END;

        CREATE TABLE ticket_counters (
          day    TEXT NOT NULL,
          letter TEXT NOT NULL,
          last   INTEGER NOT NULL,
          PRIMARY KEY (day, letter)
        ) WITHOUT ROWID;

        -- Per-request data key, wrapped by the master key held outside the database.
        -- Deleting the row crypto-shreds every field of the request.
        CREATE TABLE request_keys (
          request_id BLOB PRIMARY KEY REFERENCES requests (id),
          key_id     TEXT NOT NULL,
          wrapped    BLOB NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE resident_fields (
          request_id BLOB NOT NULL REFERENCES requests (id),
          field      TEXT NOT NULL,
          sealed     BLOB NOT NULL,                   -- iv | tag | AES-256-GCM ciphertext
          PRIMARY KEY (request_id, field)
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 2,
    name: 'statistics: cumulative per-day histograms (no personal data), backfilled',
    up(db) {
      db.exec(`
        -- stat_cells(day = D) holds counts accumulated over every visit whose ticket day is <= D,
        -- so any date range is two snapshots subtracted: cost independent of the range length.
        CREATE TABLE stat_days (day TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE stat_cells (
          day    TEXT NOT NULL,
          dim    TEXT NOT NULL,                       -- all | category | forms | hour | counter
          key    TEXT NOT NULL,
          metric TEXT NOT NULL,                       -- wait | service | arrived | abandoned | cancelled | estimate | estimate-bias
          n      INTEGER NOT NULL,
          sum    INTEGER NOT NULL,                    -- seconds
          hist   BLOB,                                -- int32 LE counts per duration bucket
          PRIMARY KEY (day, dim, key, metric)
        ) WITHOUT ROWID;
      `);
      rebuildStatistics(db);
    },
  },
  {
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
  },
  {
    version: 4,
    name: 'covering index for the live queue (dashboard and estimate read no table rows)',
    up(db) {
      db.exec(`
        DROP INDEX requests_live;
        CREATE INDEX requests_live ON requests (state, received_at, category, counter)
          WHERE state IN ('received', 'forms-printed', 'submitted', 'processing', 'ready');
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db, target: number = LATEST_SCHEMA_VERSION): void {
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) {
    throw new KioskDataError(
      'db-newer-schema',
      `データベースはこのアプリより新しい版 (${current}) で作られています。アプリを更新してください。`,
      `The database was written by a newer version (schema ${current} > ${LATEST_SCHEMA_VERSION}); update the app.`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
