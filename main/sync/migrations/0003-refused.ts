// v3 of the counter's outbox file: an event the office refused (it answered 400 for the event
// itself, e.g. a kind an older office does not know) is marked 'refused', so it no longer stalls
// every later event; it stays in the kiosk's log and is counted for the staff status bar. SQLite
// cannot change a CHECK in place: the table is rebuilt with its rows.
import type { Migration } from '../../db/migration.ts';

export const outboxRefused: Migration = {
  version: 3,
  name: 'events the office refused',
  up(db) {
    db.exec(`
      CREATE TABLE pushed_v3 (
        event_id   BLOB PRIMARY KEY,              -- request_events.id or own_events.id (UUIDv7)
        office_seq INTEGER,                       -- the office's sequence; NULL when never stored there
        status     TEXT NOT NULL CHECK (status IN ('stored', 'duplicate', 'conflict', 'invalid', 'refused')),
        pushed_at  INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO pushed_v3 (event_id, office_seq, status, pushed_at) SELECT event_id, office_seq, status, pushed_at FROM pushed;
      DROP TABLE pushed;
      ALTER TABLE pushed_v3 RENAME TO pushed;
      CREATE INDEX pushed_refused ON pushed (status) WHERE status IN ('refused', 'invalid');
    `);
  },
};
