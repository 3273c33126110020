// v1: requests, append-only events, ticket counters, encrypted resident fields.
import type { Migration } from '../migration.ts';

export const queueCore: Migration = {
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
};
